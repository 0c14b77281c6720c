import Foundation
import Testing
@testable import CueKit

@Suite("YouTube SBV")
struct SBVTests {
    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

    // MARK: Reading

    @Test func readsASampleWithEveryTimeAndText() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("sbv/workshop.sbv"))
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.map(\.start) == [0, 3250, 8400, 11005, 3_598_500, 3_602_750].map(Self.ms))
        #expect(timeline.cues.map(\.end) == [3250, 7900, 11005, 15120, 3_602_750, 3_606_000].map(Self.ms))
        #expect(timeline.cues.map(\.plainText) == [
            ">> MAYA: Welcome back to the pottery workshop.",
            "Today we throw a bowl on the wheel,\nstart to finish.",
            "[wheel spinning]",
            ">> LEO: Centre the clay first\nor it wobbles all the way up.",
            "Glaze goes on after the first firing.",
            "Café au lait glaze, naïve shapes — 陶芸 🙂",
        ])
        // `[br]` is a line break; the text as written is kept for SBV output.
        #expect(timeline.cues[3].text == [.text(">> LEO: Centre the clay first"), .lineBreak, .text("or it wobbles all the way up.")])
        #expect(timeline.cues[3].extras[.sbv]?[SBVExtras.text] == .string(">> LEO: Centre the clay first[br]or it wobbles all the way up."))
        #expect(timeline.cues[1].extras.isEmpty)
        #expect(timeline.cues.allSatisfy { $0.speaker == nil })
        #expect(timeline.cues[4].location == SourceLocation(file: "workshop.sbv", line: 14, column: 1))
    }

    @Test func readsCarriageReturnLineEnds() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("sbv/crlf.sbv"))
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.map(\.plainText) == ["First line", "Second line\nand its second half"])
        #expect(timeline.cues.map(\.start) == [Self.ms(1000), Self.ms(2500)])
        #expect(timeline.cues.map(\.end) == [Self.ms(2000), Self.ms(4000)])
    }

    @Test(arguments: [
        ("0:00:01.5,0:00:02.25\nshort fractions\n", 1500, 2250),
        ("0:0:01.000,0:00:2.000\none-digit fields\n", 1000, 2000),
        ("0:00:01.000 , 0:00:02.000\nspaces\n", 1000, 2000),
    ] as [(String, Int64, Int64)])
    func readsLenientTimingsAsARepair(text: String, start: Int64, end: Int64) throws {
        let (timeline, diagnostics) = try Convert.read(text, name: "lenient.sbv", as: .sbv)
        #expect(timeline.cues.map(\.start) == [Self.ms(start)])
        #expect(timeline.cues.map(\.end) == [Self.ms(end)])
        #expect(diagnostics.map(\.code) == ["sbv.timing-form"])
        #expect(diagnostics.first?.location == SourceLocation(file: "lenient.sbv", line: 1, column: 1))
        var strict = Converter(readOptions: ReadOptions(strict: true))
        strict.segmentation = .never
        var strictDiagnostics = Diagnostics()
        #expect(throws: Diagnostic.self) { try strict.read(Array(text.utf8), name: "lenient.sbv", format: .sbv, diagnostics: &strictDiagnostics) }
    }

    @Test func aBlockWithoutTimingIsSkippedWithItsLine() throws {
        let text = "0:00:01.000,0:00:02.000\nfirst\n\n  stray text\nmore stray\n\n0:00:03.000,0:00:04.000\nthird\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "stray.sbv", as: .sbv)
        #expect(timeline.cues.map(\.plainText) == ["first", "third"])
        #expect(diagnostics.map(\.code) == ["sbv.no-timing"])
        #expect(diagnostics[0].location == SourceLocation(file: "stray.sbv", line: 4, column: 3))
        #expect(diagnostics[0].message.contains("'stray text'"))
    }

    @Test func aTimingLineWithoutTextIsACueWithoutText() throws {
        let text = "0:00:01.000,0:00:02.000\n\n0:00:03.000,0:00:04.000\nsecond\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "empty.sbv", as: .sbv)
        #expect(timeline.cues.map(\.plainText) == ["", "second"])
        #expect(diagnostics.map(\.code) == ["sbv.no-text"])
        #expect(diagnostics[0].location == SourceLocation(file: "empty.sbv", line: 1, column: 1))
    }

    @Test func aTimingLineRightAfterTextStartsACue() throws {
        let text = "0:00:01.000,0:00:02.000\nfirst\n0:00:03.000,0:00:04.000\nsecond\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "tight.sbv", as: .sbv)
        #expect(timeline.cues.map(\.plainText) == ["first", "second"])
        #expect(diagnostics.map(\.code) == ["sbv.no-blank-line"])
        #expect(diagnostics[0].location == SourceLocation(file: "tight.sbv", line: 3, column: 1))
    }

    @Test func anEndBeforeTheStartIsKeptWithAWarningAtTheEndTime() throws {
        let (timeline, diagnostics) = try Convert.read("0:00:17.484,0:00:16.543\nreversed\n", name: "r.sbv", as: .sbv)
        #expect(timeline.cues.first?.end == Self.ms(16543))
        #expect(diagnostics.map(\.code) == ["sbv.end-before-start"])
        #expect(diagnostics[0].location == SourceLocation(file: "r.sbv", line: 1, column: 13))
    }

    @Test func theInvalidSampleIsALocatedError() throws {
        let error = #expect(throws: Diagnostic.self) { try Convert.read(TestFiles.sample("invalid/sbv-no-timing.sbv")) }
        #expect(error?.code == "sbv.no-cues")
        #expect(error?.description == "sbv-no-timing.sbv:1:1: error: [sbv] expected a timing line such as 0:00:01.000,0:00:02.500, found 'Welcome to the channel'; the file has no cue")
    }

    @Test func anEmptyFileIsAnErrorAtLineOne() {
        let error = Convert.readError("\n\n", name: "blank.sbv", as: .sbv)
        #expect(error?.code == "sbv.empty")
        #expect(error?.location == SourceLocation(file: "blank.sbv", line: 1, column: 1))
    }

    @Test func speakerLabelsAreReadWhenAsked() throws {
        let text = ">> ALICE: Hi\n\n0:00:02.000,0:00:03.000\nstill Alice\n\n0:00:03.000,0:00:04.000\n>> JOHN DOE:\nhello\n\n0:00:04.000,0:00:05.000\n>> and someone else\n"
        var converter = Converter(readOptions: ReadOptions(speakerLabels: true))
        converter.segmentation = .never
        var diagnostics = Diagnostics()
        let input = try converter.read(Array(("0:00:01.000,0:00:02.000\n" + text).utf8), name: "s.sbv", format: .sbv, diagnostics: &diagnostics)
        let cues = input.timeline.cues
        #expect(cues.map(\.speaker) == ["ALICE", "ALICE", "JOHN DOE", "JOHN DOE"])
        #expect(cues.map(\.plainText) == ["Hi", "still Alice", "hello", ">> and someone else"])
        // Without the option the labels are text.
        let (plain, _) = try Convert.read("0:00:01.000,0:00:02.000\n" + text, name: "s.sbv", as: .sbv)
        #expect(plain.cues.allSatisfy { $0.speaker == nil })
        #expect(plain.cues[2].plainText == ">> JOHN DOE:\nhello")
    }

    // MARK: Sniffing

    @Test func sniffsTheTimingLine() {
        let registry = FormatRegistry.standard
        #expect(registry.sniff(Array("\n0:00:00.599,0:00:04.160\nHi\n".utf8))?.id == .sbv)
        #expect(registry.sniff(Array("1\n00:00:01,000 --> 00:00:02,000\nHi\n".utf8))?.id == .srt)
        #expect(registry.sniff(Array("0:00 Intro\n0:10 Next\n".utf8))?.id != .sbv)
        #expect(registry.sniff(Array("some text\n0:00:01.000,0:00:02.000\n".utf8))?.id != .sbv)
        #expect(registry.format(forFileName: "talk.sbv")?.id == .sbv)
    }

    // MARK: Writing

    @Test func writesYouTubesLayout() throws {
        let timeline = Timeline(cues: [
            Cue(start: Self.ms(599), end: Self.ms(4160), speaker: "Alice", text: [.text("Hi, I am "), .element(SpanElement(.italic, children: [.text("Alice")]))]),
            Cue(start: Self.ms(4160), end: Self.ms(6770), speaker: "Alice", text: Span.plain("still me\n\nafter a blank line")),
            Cue(start: Self.ms(3_725_001), end: Self.ms(3_726_000), speaker: "John", text: Span.plain("an hour in")),
        ])
        let (text, diagnostics) = try Convert.write(timeline, as: .sbv, segmentation: .never)
        #expect(text == """
            0:00:00.599,0:00:04.160
            >> Alice: Hi, I am Alice

            0:00:04.160,0:00:06.770
            still me
            after a blank line

            1:02:05.001,1:02:06.000
            >> John: an hour in

            """)
        #expect(diagnostics.map(\.code) == ["sbv.empty-lines", "sbv.lossy-styling"])
    }

    @Test func writesCarriageReturnLineEndsWhenAsked() throws {
        var converter = Converter()
        converter.writeOptions = WriteOptions(crlf: true)
        var diagnostics = Diagnostics()
        let timeline = Timeline(cues: [Cue(start: .zero, end: Self.ms(1000), text: Span.plain("a\nb"))])
        let bytes = try converter.write(timeline, as: .sbv, diagnostics: &diagnostics)
        #expect(String(decoding: bytes, as: UTF8.self) == "0:00:00.000,0:00:01.000\r\na\r\nb\r\n")
    }

    @Test func aSampleWritesBackAsItWasRead() throws {
        for name in ["workshop.sbv"] {
            let original = try String(contentsOf: TestFiles.sample("sbv/\(name)"), encoding: .utf8)
            let (timeline, _) = try Convert.read(original, name: name)
            let (written, diagnostics) = try Convert.write(timeline, as: .sbv, sourceFormat: .sbv)
            #expect(written == original)
            #expect(diagnostics.isEmpty)
        }
    }

    @Test func aChangedCueWithBrIsWrittenAsLines() throws {
        var (timeline, _) = try Convert.read("0:00:01.000,0:00:02.000\na[br]b\n", name: "br.sbv")
        #expect(try Convert.write(timeline, as: .sbv).0 == "0:00:01.000,0:00:02.000\na[br]b\n")
        timeline.cues[0].text = [.text("a"), .lineBreak, .text("c")]
        #expect(try Convert.write(timeline, as: .sbv).0 == "0:00:01.000,0:00:02.000\na\nc\n")
    }

    @Test(arguments: [("sbv/workshop.sbv", "workshop.sbv"), ("lrc/song.lrc", "song-from-lrc.sbv")])
    func goldenFiles(sample: String, golden: String) throws {
        let (timeline, _) = try Convert.read(TestFiles.sample(sample))
        let source = FormatRegistry.standard.format(forFileName: sample)?.id
        let (output, _) = try Convert.write(timeline, as: .sbv, sourceFormat: source)
        Golden.check(output, "sbv/\(golden)")
    }

    @Test func untimedLinesAreTimedByInference() throws {
        let timeline = Timeline(cues: [Cue(start: .zero, text: Span.plain("one")), Cue(start: Self.ms(2000), text: Span.plain("two"))])
        let (text, _) = try Convert.write(timeline, as: .sbv, segmentation: .never)
        #expect(text.hasPrefix("0:00:00.000,0:00:02.000\none\n\n0:00:02.000,"))
    }
}

/// Real readers of what the SBV writer writes: webvtt-py (`webvtt.from_sbv`)
/// and FFmpeg's SubViewer demuxer, each run only where it is installed.
@Suite("SBV consumers")
struct SBVConsumerTests {
    /// Cues that exercise an hour mark, two lines, a speaker change and
    /// non-ASCII text. No text starts with `[`: FFmpeg's SubViewer reader
    /// drops such a cue (sbv.md, "Consumers").
    static let timeline = Timeline(cues: [
        Cue(start: Timestamp(milliseconds: 599), end: Timestamp(milliseconds: 4160), speaker: "Alice", text: Span.plain("Hi, I am Alice")),
        Cue(start: Timestamp(milliseconds: 4160), end: Timestamp(milliseconds: 6770), text: Span.plain("two lines\nof text")),
        Cue(start: Timestamp(milliseconds: 8000), end: Timestamp(milliseconds: 9001), text: Span.plain("Café — 陶芸 🙂")),
        Cue(start: Timestamp(milliseconds: 3_599_500), end: Timestamp(milliseconds: 3_602_250), text: Span.plain("an hour in")),
    ])
    static let expectedTexts = [">> Alice: Hi, I am Alice", "two lines\nof text", "Café — 陶芸 🙂", "an hour in"]

    static func writtenFile() throws -> URL {
        let (text, _) = try Convert.write(timeline, as: .sbv, segmentation: .never)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cues-sbv-\(UUID().uuidString).sbv")
        try Data(text.utf8).write(to: url)
        return url
    }

    static let hasWebVTTPy: Bool = {
        guard FFmpegTools.path("python3") != nil, let run = try? FFmpegTools.run("python3", ["-c", "import webvtt"]) else { return false }
        return run.status == 0
    }()

    @Test(.enabled(if: hasWebVTTPy)) func webvttPyReadsTheCuesAndTimes() throws {
        let url = try Self.writtenFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let script = "import json, sys, webvtt\nprint(json.dumps([[c.start, c.end, c.text] for c in webvtt.from_sbv(sys.argv[1])]))"
        let run = try FFmpegTools.run("python3", ["-c", script, url.path])
        #expect(run.status == 0, "\(run.stderr)")
        let captions = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String]])
        #expect(captions.count == 4)
        // webvtt-py gives HH:MM:SS.mmm.
        #expect(captions.map { $0[0] } == ["00:00:00.599", "00:00:04.160", "00:00:08.000", "00:59:59.500"])
        #expect(captions.map { $0[1] } == ["00:00:04.160", "00:00:06.770", "00:00:09.001", "01:00:02.250"])
        #expect(captions.map { $0[2] } == Self.expectedTexts)
    }

    @Test(.enabled(if: FFmpegTools.isAvailable)) func ffmpegReadsTheCuesAndTimes() throws {
        let url = try Self.writtenFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try FFmpegTools.run("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-f", "srt", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let (srt, _) = try Convert.read(run.stdout, name: "ffmpeg.srt", as: .srt)
        #expect(srt.cues.map(\.start) == Self.timeline.cues.map(\.start))
        #expect(srt.cues.map(\.end) == Self.timeline.cues.map(\.end))
        #expect(srt.cues.map(\.plainText) == Self.expectedTexts)
    }
}
