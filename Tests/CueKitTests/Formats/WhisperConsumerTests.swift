import Foundation
import Testing
@testable import CueKit

/// Real consumers of what the Whisper reader leads to, from PyPI: pysubs2
/// reads the same recogniser output itself (`load_from_whisper`), and
/// reads the SRT cues writes from it; webvtt-py reads the WebVTT with its
/// word timestamps. Runs only where `python3` imports both.
@Suite("Python libraries read Whisper conversions", .enabled(if: PythonConsumers.isAvailable))
struct WhisperConsumerTests {
    /// Start, end (ms) and text of each cue, as the Python script prints them.
    static func python(_ script: String, _ arguments: [String]) throws -> [(Int64, Int64, String)] {
        let result = try FFmpegTools.run("python3", ["-c", script] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[Any]] ?? []
        return rows.map { (($0[0] as! NSNumber).int64Value, ($0[1] as! NSNumber).int64Value, $0[2] as! String) }
    }

    static let pysubs2Whisper = """
        import json, sys, pysubs2
        subs = pysubs2.load_from_whisper(json.load(open(sys.argv[1], encoding="utf-8")))
        print(json.dumps([[e.start, e.end, e.plaintext] for e in subs]))
        """
    static let pysubs2File = """
        import json, sys, pysubs2
        subs = pysubs2.load(sys.argv[1], encoding="utf-8")
        print(json.dumps([[e.start, e.end, e.plaintext] for e in subs]))
        """
    static let webvttFile = """
        import json, sys, webvtt
        def ms(t):
            h, m, s = t.split(":")
            return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)
        print(json.dumps([[ms(c.start), ms(c.end), c.text] for c in webvtt.read(sys.argv[1])]))
        """

    static var inputs: [URL] {
        [TestFiles.sample("whisper/openai.json"), TestFiles.sample("whisper/whisperx-diarized.json")]
            + TestFiles.corpusFiles("asr-json/pysubs2", extensions: ["json"])
            + TestFiles.corpusFiles("asr-json/whisperx", extensions: ["json"])
    }

    @Test(arguments: inputs)
    func pysubs2ReadsTheSameSegments(_ url: URL) throws {
        let theirs = try Self.python(Self.pysubs2Whisper, [url.path])
        let (timeline, _) = try Convert.read(url)
        #expect(theirs.map(\.0) == timeline.cues.map { $0.start!.milliseconds }, "\(url.lastPathComponent)")
        #expect(theirs.map(\.1) == timeline.cues.map { $0.end!.milliseconds }, "\(url.lastPathComponent)")
        #expect(theirs.map { $0.2.trimmingCharacters(in: .whitespaces) } == timeline.cues.map(\.plainText), "\(url.lastPathComponent)")
    }

    @Test(arguments: inputs)
    func pysubs2AndWebVTTPyReadWhatCuesWrites(_ url: URL) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cues-whisper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (timeline, _) = try Convert.read(url)
        for (format, script) in [(FormatID.srt, Self.pysubs2File), (.vtt, Self.webvttFile)] {
            let (text, _) = try Convert.write(timeline, as: format, sourceFormat: .whisper)
            let file = directory.appendingPathComponent("out.\(format == .srt ? "srt" : "vtt")")
            try Data(text.utf8).write(to: file)
            let theirs = try Self.python(script, [file.path])
            let ours = CaptionOracle.cues(text)
            #expect(theirs.count == ours.count, "\(url.lastPathComponent) as \(format)")
            #expect(theirs.map(\.0) == ours.map(\.start), "\(url.lastPathComponent) as \(format)")
            #expect(theirs.map(\.1) == ours.map(\.end), "\(url.lastPathComponent) as \(format)")
            // Both read every word (pysubs2 keeps an SRT speaker label as text, so at least as many).
            let words = theirs.flatMap { $0.2.split(whereSeparator: { $0 == " " || $0 == "\n" }) }.count
            let expected = ours.reduce(0) { $0 + CaptionOracle.words($1.text).count }
            #expect(format == .srt ? words >= expected : words == expected, "\(url.lastPathComponent) as \(format)")
        }
    }
}

/// `python3` with pysubs2 and webvtt-py importable.
enum PythonConsumers {
    static let isAvailable: Bool = {
        guard FFmpegTools.path("python3") != nil else { return false }
        return (try? FFmpegTools.run("python3", ["-c", "import pysubs2, webvtt"]).status) == 0
    }()
}
