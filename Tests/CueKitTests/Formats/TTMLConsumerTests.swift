import Foundation
import Testing
@testable import CueKit

/// Python's TTML readers on what cues writes: ttconv (the W3C IMSC
/// reference's converter) on the IMSC output, pycaption on the DFXP
/// output. Each runs only where `python3` imports the library
/// (`pip install ttconv pycaption`).
@Suite("TTML consumers")
struct TTMLConsumerTests {
    /// The feature sample written as `profile`, in a temporary file.
    static func written(_ profile: TTMLProfile) throws -> (URL, Timeline) {
        let (timeline, _) = try Convert.read(TestFiles.sample("ttml/features.ttml"))
        var diagnostics = Diagnostics()
        let converter = Converter()
        let prepared = try converter.prepared(timeline, for: .ttml, sourceFormat: .ttml, diagnostics: &diagnostics)
        let bytes = try TTMLWriter().write(prepared, options: WriteOptions(ttmlProfile: profile), diagnostics: &diagnostics)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cues-ttml-\(UUID().uuidString).\(profile == .imsc ? "ttml" : "dfxp")")
        try Data(bytes).write(to: url)
        return (url, timeline)
    }

    @Test(.enabled(if: TTMLPython.imports("ttconv")))
    func ttconvReadsTheIMSCWithTheSameTimes() throws {
        let (url, timeline) = try Self.written(.imsc)
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
            import sys, logging, xml.etree.ElementTree as et
            import ttconv.imsc.reader as reader, ttconv.srt.writer as writer
            logging.basicConfig(level=logging.WARNING)
            print(writer.from_model(reader.to_model(et.parse(sys.argv[1]))))
            """
        let run = try TTMLPython.run(script, url.path)
        #expect(run.status == 0, "\(run.stderr)")
        // ttconv logs what it does not accept; nothing here.
        #expect(!run.stderr.contains("ERROR") && !run.stderr.contains("WARNING"), "\(run.stderr)")
        let cues = try Convert.read(run.stdout, name: "ttconv.srt", as: .srt).0.cues
        // ttconv gives one SRT cue per change of what shows: the karaoke cue
        // (41–44 s, words at 42 and 43 s) is three.
        let expected: [(Int64, Int64)] = timeline.cues.dropLast().map { ($0.start!.milliseconds, $0.end!.milliseconds) }
            + [(41_000, 42_000), (42_000, 43_000), (43_000, 44_000)]
        #expect(cues.map(\.start!.milliseconds) == expected.map(\.0))
        #expect(cues.map(\.end!.milliseconds) == expected.map(\.1))
        #expect(cues.last?.plainText == "One by one")
        #expect(cues.first?.plainText == "Welcome to the harbour,\neveryone.")
    }

    @Test(.enabled(if: TTMLPython.imports("pycaption")))
    func pycaptionReadsTheDFXPWithTheSameTimes() throws {
        let (url, timeline) = try Self.written(.dfxp)
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
            import sys, json, warnings
            warnings.simplefilter("ignore")
            from pycaption import DFXPReader
            captions = DFXPReader().read(open(sys.argv[1], encoding="utf-8").read())
            print(json.dumps([[c.start, c.end, c.get_text()] for lang in captions.get_languages() for c in captions.get_captions(lang)]))
            """
        let run = try TTMLPython.run(script, url.path)
        #expect(run.status == 0, "\(run.stderr)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[Any]])
        #expect(read.count == timeline.cues.count)
        // pycaption counts microseconds.
        #expect(read.map { ($0[0] as! Int) / 1000 } == timeline.cues.map { Int($0.start!.milliseconds) })
        #expect(read.map { ($0[1] as! Int) / 1000 } == timeline.cues.map { Int($0.end!.milliseconds) })
        #expect(read.map { $0[2] as! String } == timeline.cues.map(\.plainText))
    }
}

/// `python3`, when installed, and which libraries it imports.
enum TTMLPython {
    static let path: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func imports(_ module: String) -> Bool {
        guard path != nil, let run = try? run("import \(module)") else { return false }
        return run.status == 0
    }

    static func run(_ script: String, _ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = ["-c", script] + arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}
