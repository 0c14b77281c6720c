import Foundation
import Testing
@testable import CueKit

/// Where test inputs live: `Samples/` in the package (always present) and the
/// shared real-world corpus, found through `CUES_CORPUS` (tests over it are
/// disabled when it is unset).
enum TestFiles {
    /// The package root, found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static func sample(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("Samples").appendingPathComponent(relativePath)
    }

    /// The corpus folder, when `CUES_CORPUS` names one that exists.
    static let corpus: URL? = {
        guard let path = ProcessInfo.processInfo.environment["CUES_CORPUS"], !path.isEmpty else { return nil }
        let url = URL(fileURLWithPath: path, relativeTo: packageRoot).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return url
    }()

    static var hasCorpus: Bool { corpus != nil }

    /// The files in a corpus folder (and with `recursive`, in the folders
    /// below it) with one of `extensions`, sorted by path.
    static func corpusFiles(_ folder: String, extensions: Set<String>, recursive: Bool = false) -> [URL] {
        guard let corpus else { return [] }
        let directory = corpus.appendingPathComponent(folder)
        let names = recursive
            ? (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
            : (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0) }
            .filter { extensions.contains($0.pathExtension.lowercased()) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }
}

/// Reading and writing through the library as the CLI does.
enum Convert {
    static let converter = Converter()

    static func read(_ bytes: [UInt8], name: String = "input", as format: FormatID? = nil) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let input = try converter.read(bytes, name: name, format: format, diagnostics: &diagnostics)
        return (input.timeline, diagnostics.items)
    }

    static func read(_ text: String, name: String = "input", as format: FormatID? = nil) throws -> (Timeline, [Diagnostic]) {
        try read(Array(text.utf8), name: name, as: format)
    }

    static func read(_ url: URL, as format: FormatID? = nil) throws -> (Timeline, [Diagnostic]) {
        try read(TestFiles.bytes(url), name: url.lastPathComponent, as: format)
    }

    /// `timeline` written as `format`, with inference when the writer needs it
    /// (and caption segmentation as `segmentation` says).
    static func write(
        _ timeline: Timeline, as format: FormatID, sourceFormat: FormatID? = nil,
        segmentation: Converter.Segmentation = .auto
    ) throws -> (String, [Diagnostic]) {
        var converter = converter
        converter.segmentation = segmentation
        var diagnostics = Diagnostics()
        let prepared = try converter.prepared(timeline, for: format, sourceFormat: sourceFormat, diagnostics: &diagnostics)
        let bytes = try converter.write(prepared, as: format, diagnostics: &diagnostics)
        return (String(decoding: bytes, as: UTF8.self), diagnostics.items)
    }

    /// The error a read throws.
    static func readError(_ text: String, name: String = "input", as format: FormatID? = nil) -> Diagnostic? {
        do {
            _ = try read(text, name: name, as: format)
            return nil
        } catch let error as Diagnostic {
            return error
        } catch {
            return nil
        }
    }
}
