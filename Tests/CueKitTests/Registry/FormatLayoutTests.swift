import Foundation
import Testing
@testable import CueKit

/// One name per format, and formats that stand alone: each registered format
/// has its page, source folder, test file and (when it reads) samples under
/// the same name as its id, and no format's folder uses what another
/// format's folder declares.
@Suite("Format layout")
struct FormatLayoutTests {
    static let root = TestFiles.packageRoot
    static let formatsFolder = root.appendingPathComponent("Sources/CueKit/Formats")

    /// The folder name an id maps to: the id without dashes, compared without case
    /// (`vtt-chapters` → `VTTChapters`, `mp4chaps` → `MP4Chaps`).
    static func folder(for id: FormatID) throws -> String? {
        let key = id.rawValue.replacingOccurrences(of: "-", with: "")
        return try FileManager.default.contentsOfDirectory(atPath: formatsFolder.path)
            .first { $0.lowercased() == key }
    }

    @Test(arguments: FormatRegistry.standard.formats.map(\.id))
    func everyPlaceUsesTheFormatsName(_ id: FormatID) throws {
        let files = FileManager.default
        #expect(files.fileExists(atPath: Self.root.appendingPathComponent("Formats/\(id.rawValue).md").path), "Formats/\(id.rawValue).md")
        let folder = try #require(try Self.folder(for: id), "no folder in Sources/CueKit/Formats for \(id)")
        let tests = Self.root.appendingPathComponent("Tests/CueKitTests/Formats/\(folder)Tests.swift")
        #expect(files.fileExists(atPath: tests.path), "\(tests.lastPathComponent)")
        if FormatRegistry.standard[id]?.reader != nil {
            #expect(files.fileExists(atPath: Self.root.appendingPathComponent("Samples/\(id.rawValue)").path), "Samples/\(id.rawValue)/")
        }
    }

    @Test func everyFormatFolderBelongsToARegisteredFormat() throws {
        let ids = Set(FormatRegistry.standard.formats.map { $0.id.rawValue.replacingOccurrences(of: "-", with: "") })
        for folder in try FileManager.default.contentsOfDirectory(atPath: Self.formatsFolder.path) {
            #expect(ids.contains(folder.lowercased()), "Sources/CueKit/Formats/\(folder) has no format of that name")
        }
    }

    @Test func theOldSpellingsAreGone() throws {
        let old = ["JSONChapters", "JSONTranscript", "TimelineJSON", "WebVTTReader", "WebVTTWriter", "WebVTTFormat",
                   "json-chapters.md", "json-transcript.md", "timeline-json.md", "episode-yaml.md", "webvtt.md"]
        let files = try SourceFile.all(under: ["Sources", "Tests/CueKitTests", "Tests/CuesCLITests", "Formats", "Samples"], root: Self.root)
        for file in files where !file.path.hasSuffix("/FormatLayoutTests.swift") {
            for spelling in old where file.text.contains(spelling) {
                Issue.record("\(file.path) still says \(spelling)")
            }
        }
    }

    /// A type, enum, protocol or alias declared at the top level of one
    /// format's folder (and not private to its file) is used by no other
    /// format's folder, nor by the shared layers formats build on.
    @Test func noFolderUsesAnotherFormatsDeclarations() throws {
        let sources = try SourceFile.all(under: ["Sources/CueKit"], root: Self.root).filter { $0.path.hasSuffix(".swift") }
        func formatFolder(_ path: String) -> String? {
            let parts = path.split(separator: "/")
            guard parts.count > 4, parts[2] == "Formats" else { return nil }
            return String(parts[3])
        }
        var owners: [String: String] = [:]
        for file in sources {
            guard let folder = formatFolder(file.path) else { continue }
            for name in file.topLevelDeclarations() { owners[name] = folder }
        }
        #expect(owners["VTTReader"] == "VTT" && owners["ChaptersWriter"] == "Chapters", "the declarations are found")
        let sharedLayers = ["Model", "Timing", "Text", "XML", "WebVTT", "Diagnostics", "LinkedFiles"]
        for file in sources {
            let folder = formatFolder(file.path)
            let layer = file.path.split(separator: "/")[2]
            guard folder != nil || sharedLayers.contains(String(layer)) else { continue }
            let words = file.identifiers()
            for (name, owner) in owners where owner != folder && words.contains(name) {
                Issue.record("\(file.path) uses \(name), declared in Formats/\(owner)")
            }
        }
    }
}

/// A text file of the repository, for checks of the layout.
struct SourceFile {
    var path: String
    var text: String

    static func all(under folders: [String], root: URL) throws -> [SourceFile] {
        var files: [SourceFile] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker {
                let url = base.appendingPathComponent(relative)
                guard ["swift", "md", "txt", "json", "py"].contains(url.pathExtension),
                      let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                files.append(SourceFile(path: "\(folder)/\(relative)", text: text))
            }
        }
        return files
    }

    /// Names declared at the start of a line (not indented), except `private` and `fileprivate` ones.
    func topLevelDeclarations() -> [String] {
        let kinds: Set<Substring> = ["struct", "enum", "class", "protocol", "typealias", "actor"]
        var names: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("//") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "<" || $0 == "{" })
            guard !words.contains("private"), !words.contains("fileprivate"),
                  let kind = words.firstIndex(where: { kinds.contains($0) }), kind + 1 < words.count else { continue }
            names.append(String(words[kind + 1]))
        }
        return names
    }

    /// The identifiers of the code, comments left out.
    func identifiers() -> Set<String> {
        var names: Set<String> = []
        for line in text.split(separator: "\n") {
            let code = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line[...]
            for word in code.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                names.insert(String(word))
            }
        }
        return names
    }
}
