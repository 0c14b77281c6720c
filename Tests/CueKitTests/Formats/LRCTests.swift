import Foundation
import Testing
@testable import CueKit

@Suite("LRC lyrics")
struct LRCTests {
    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

    // MARK: Reading

    @Test func readsTagsOffsetRepeatedLinesAndBreaks() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("lrc/song.lrc"))
        // [offset:+250]: every time is 250 ms before its tag.
        #expect(timeline.cues.map(\.start) == [12000, 17500, 23150, 41000, 90000, 179_500].map(Self.ms))
        // Ends only where a break ([00:29.00], [01:35.00]) ends a line early.
        #expect(timeline.cues.map(\.end) == [nil, nil, Self.ms(28750), nil, Self.ms(94750), nil])
        #expect(timeline.cues.map(\.plainText) == [
            "Lanterns on the water", "Calling every boat back home", "Salt upon the window",
            "Harbour lights, harbour lights", "Calling every boat back home", "Home",
        ])
        #expect(timeline.metadata == [
            Field("title", .string("Harbour Lights")), Field("author", .string("The Gulls")),
            Field("podcastName", .string("Low Tide")), Field("songwriter", .string("M. Fisher")), Field("creator", .string("cues")),
        ])
        #expect(timeline.duration == Self.ms(185_500))
        #expect(timeline.extras[.lrc]?[LRCExtras.tags] == .list([.string("[id:hl0042]")]))
        #expect(timeline.cues[4].location == SourceLocation(file: "song.lrc", line: 12, column: 11))
        #expect(diagnostics.map(\.code) == ["lrc.offset"])
        #expect(diagnostics[0].location == SourceLocation(file: "song.lrc", line: 7, column: 1))
    }

    @Test func timeInferenceEndsEachLineWhereTheNextBeginsAndTheLastAtTheLength() throws {
        var (timeline, _) = try Convert.read(TestFiles.sample("lrc/song.lrc"))
        _ = TimeInference().apply(to: &timeline)
        #expect(timeline.cues.map(\.end) == [17500, 23150, 28750, 90000, 94750, 185_500].map(Self.ms))
    }

    @Test func readsEnhancedWordTimes() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("lrc/enhanced.lrc"))
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.map(\.start) == [Self.ms(2000), Self.ms(4000)])
        #expect(timeline.cues.map(\.end) == [nil, Self.ms(6500)])
        #expect(timeline.cues[0].text == [
            .timestamp(Self.ms(2500)), .text("spark "), .timestamp(Self.ms(3000)), .text("light "), .timestamp(Self.ms(3750)),
        ])
        // Inside a word there is no blank to drop.
        #expect(timeline.cues[1].text == [
            .timestamp(Self.ms(4250)), .text("flow "), .timestamp(Self.ms(4900)), .text("on"), .timestamp(Self.ms(5100)), .text("ward"),
        ])
        #expect(timeline.cues[1].plainText == "flow onward")
    }

    @Test(arguments: [
        ("[00:12.00]a", 12000),
        ("[00:12]a", 12000),
        ("[00:12.5]a", 12500),
        ("[00:12.345]a", 12345),
        ("[00:12:34]a", 12340),
        ("[ 01:02.03 ]a", 62030),
        ("[88:11.22]a", 5_291_220),
        ("[1:02.03]a", 62030),
    ] as [(String, Int64)])
    func readsTimeTagVariants(line: String, milliseconds: Int64) throws {
        let (timeline, diagnostics) = try Convert.read(line, name: "t.lrc", as: .lrc)
        #expect(timeline.cues.map(\.start) == [Self.ms(milliseconds)])
        #expect(timeline.cues.map(\.plainText) == ["a"])
        #expect(diagnostics.isEmpty)
    }

    @Test func severalStampsOnALineMakeOneCueEachSortedByTime() throws {
        let (timeline, _) = try Convert.read("[00:30.00][00:10.00]Chorus\n[00:20.00]Verse\n", name: "c.lrc", as: .lrc)
        #expect(timeline.cues.map(\.start) == [10000, 20000, 30000].map(Self.ms))
        #expect(timeline.cues.map(\.plainText) == ["Chorus", "Verse", "Chorus"])
        #expect(timeline.cues.map(\.location?.column) == [11, 1, 1])
    }

    /// Each tag's column was counted from the start of the line: 20,000
    /// tags took 8 s (debug build); 100,000 now take well under a second.
    @Test(.timeLimit(.minutes(1))) func aLineOfAHundredThousandTagsReadsInLinearTime() throws {
        let line = String(repeating: "[00:01.00]", count: 100_000) + "x\n"
        let (timeline, _) = try Convert.read(line, name: "many.lrc", as: .lrc)
        #expect(timeline.cues.count == 100_000)
        #expect(timeline.cues.last?.location == SourceLocation(file: "many.lrc", line: 1, column: 999_991))
    }

    @Test func aNegativeOffsetMakesLyricsLater() throws {
        let (timeline, _) = try Convert.read("[offset:-1500]\n[00:01.00]a\n", name: "o.lrc", as: .lrc)
        #expect(timeline.cues.map(\.start) == [Self.ms(2500)])
    }

    @Test func anOffsetPastTheFirstTimeClampsToZeroWithAWarning() throws {
        let (timeline, diagnostics) = try Convert.read("[offset:+2000]\n[00:01.00]a\n[00:05.00]b\n", name: "o.lrc", as: .lrc)
        #expect(timeline.cues.map(\.start) == [Self.ms(0), Self.ms(3000)])
        #expect(diagnostics.map(\.code) == ["lrc.offset", "lrc.before-zero"])
        #expect(diagnostics[1].location == SourceLocation(file: "o.lrc", line: 2, column: 1))
    }

    @Test func unreadableTagValuesAreRepairsAndKept() throws {
        let text = "[length:How long]\n[offset:soon]\n[00:01.00]a\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "bad.lrc", as: .lrc)
        #expect(timeline.duration == nil)
        #expect(timeline.extras[.lrc]?[LRCExtras.tags] == .list([.string("[length:How long]"), .string("[offset:soon]")]))
        #expect(diagnostics.map(\.code) == ["lrc.length-not-a-time", "lrc.offset-not-a-number"])
        #expect(diagnostics.map(\.location?.line) == [1, 2])
        var strict = Diagnostics(strict: true)
        let error = #expect(throws: Diagnostic.self) {
            try Converter(readOptions: ReadOptions(strict: true)).read(Array(text.utf8), name: "bad.lrc", format: .lrc, diagnostics: &strict)
        }
        #expect(error?.code == "lrc.length-not-a-time")
        #expect(error?.location == SourceLocation(file: "bad.lrc", line: 1, column: 1))
    }

    @Test func linesWithoutATimeAreSkippedWithTheFirstNamed() throws {
        let (timeline, diagnostics) = try Convert.read("[00:01.00]a\n  stray words\nmore\n[00:02.00]b\n", name: "u.lrc", as: .lrc)
        #expect(timeline.cues.map(\.plainText) == ["a", "b"])
        #expect(diagnostics.map(\.code) == ["lrc.untimed"])
        #expect(diagnostics[0].location == SourceLocation(file: "u.lrc", line: 2, column: 3))
        #expect(diagnostics[0].message.contains("2 line(s)"))
    }

    @Test func theInvalidSampleIsALocatedError() throws {
        let error = #expect(throws: Diagnostic.self) { try Convert.read(TestFiles.sample("invalid/lrc-no-times.lrc")) }
        #expect(error?.code == "lrc.no-lyrics")
        #expect(error?.description == "lrc-no-times.lrc:3:1: error: [lrc] expected a line with a time tag such as [00:12.00], found 'Just a verse without a time'; the file has no timed line")
    }

    @Test func anEmptyFileIsAnErrorAtLineOne() {
        let error = Convert.readError("", name: "e.lrc", as: .lrc)
        #expect(error?.code == "lrc.no-lyrics")
        #expect(error?.location == SourceLocation(file: "e.lrc", line: 1, column: 1))
    }

    // MARK: Sniffing

    @Test func sniffsTagsAndTimes() {
        let registry = FormatRegistry.standard
        #expect(registry.sniff(Array("[ti:x]\n[ar:y]\n\n[00:01.00]a\n".utf8))?.id == .lrc)
        #expect(registry.sniff(Array("[00:01.00]a\n".utf8))?.id == .lrc)
        #expect(registry.sniff(Array("[ti:only tags]\n".utf8))?.id != .lrc)
        #expect(registry.sniff(Array("[section]\nkey=value\n[00:01.00]a\n".utf8))?.id != .lrc)
        #expect(registry.format(forFileName: "song.lrc")?.id == .lrc)
    }

    // MARK: Writing

    @Test func writesTagsTimesAndBreaks() throws {
        let timeline = Timeline(
            metadata: [Field("title", .string("Night\nSwim")), Field("author", .string("Ada")), Field("description", .string("not a tag"))],
            cues: [
                Cue(start: Self.ms(1004), end: Self.ms(3000), text: Span.plain("one")),
                Cue(start: Self.ms(3000), end: Self.ms(4000), text: Span.plain("two")),
                Cue(start: Self.ms(5000), end: Self.ms(9000), text: Span.plain("three\nlines")),
                Cue(start: Self.ms(8000), end: Self.ms(3_725_005), text: [.text("over "), .timestamp(Self.ms(8500)), .text("lap")]),
            ],
            duration: Self.ms(3_725_005))
        let (text, diagnostics) = try Convert.write(timeline, as: .lrc)
        #expect(text == """
            [ti:Night Swim]
            [ar:Ada]
            [length:62:05.01]
            [00:01.00]one
            [00:03.00]two
            [00:04.00]
            [00:05.00]three lines
            [00:08.00]over <00:08.50> lap

            """)
        #expect(diagnostics.map(\.code) == ["lrc.precision", "lrc.overlap", "lrc.line-breaks"])
    }

    @Test func roundsToTheNearestHundredthHalvesUp() throws {
        let timeline = Timeline(cues: [59_994, 59_995, 61_005].map { Cue(start: Self.ms($0), text: Span.plain("x")) })
        let (text, _) = try Convert.write(timeline, as: .lrc)
        #expect(text == "[00:59.99]x\n[01:00.00]x\n[01:01.01]x\n")
    }

    @Test func writesNoPrecisionWarningForHundredths() throws {
        let timeline = Timeline(cues: [Cue(start: Self.ms(1230), text: Span.plain("x"))])
        let (text, diagnostics) = try Convert.write(timeline, as: .lrc)
        #expect(text == "[00:01.23]x\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func untimedLinesGetStartsFromInference() throws {
        let timeline = Timeline(cues: [
            Cue(start: .zero, text: Span.plain("one")), Cue(text: Span.plain("two")), Cue(start: Self.ms(4000), text: Span.plain("three")),
        ])
        let (text, diagnostics) = try Convert.write(timeline, as: .lrc)
        // "two" shares 0–4 s with "one" by text length: 3 and 3 characters.
        #expect(text == "[00:00.00]one\n[00:02.00]two\n[00:04.00]three\n")
        #expect(diagnostics.map(\.code) == ["inference.spread"])
    }

    @Test(arguments: ["song.lrc", "enhanced.lrc"])
    func samplesAreStableFromTheFirstWrite(name: String) throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("lrc/\(name)"))
        let (first, _) = try Convert.write(timeline, as: .lrc, sourceFormat: .lrc)
        let (again, _) = try Convert.read(first, name: name)
        #expect(again == timeline)
        let (second, _) = try Convert.write(again, as: .lrc, sourceFormat: .lrc)
        #expect(second == first)
    }

    @Test func enhancedWritesBackAsRead() throws {
        let original = try String(contentsOf: TestFiles.sample("lrc/enhanced.lrc"), encoding: .utf8)
        let (timeline, _) = try Convert.read(original, name: "enhanced.lrc")
        #expect(try Convert.write(timeline, as: .lrc).0 == original)
    }

    @Test func theOffsetIsAppliedOnceAndNotWritten() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("lrc/song.lrc"))
        let (text, _) = try Convert.write(timeline, as: .lrc, sourceFormat: .lrc)
        #expect(text == """
            [ti:Harbour Lights]
            [ar:The Gulls]
            [al:Low Tide]
            [au:M. Fisher]
            [by:cues]
            [length:03:05.50]
            [id:hl0042]
            [00:12.00]Lanterns on the water
            [00:17.50]Calling every boat back home
            [00:23.15]Salt upon the window
            [00:28.75]
            [00:41.00]Harbour lights, harbour lights
            [01:30.00]Calling every boat back home
            [01:34.75]
            [02:59.50]Home

            """)
    }

    @Test(arguments: [("lrc/song.lrc", "song.lrc"), ("lrc/enhanced.lrc", "enhanced.lrc"), ("sbv/workshop.sbv", "workshop-from-sbv.lrc")])
    func goldenFiles(sample: String, golden: String) throws {
        let (timeline, _) = try Convert.read(TestFiles.sample(sample))
        let source = FormatRegistry.standard.format(forFileName: sample)?.id
        let (output, _) = try Convert.write(timeline, as: .lrc, sourceFormat: source)
        Golden.check(output, "lrc/\(golden)")
    }

    @Test func textOpeningWithABracketIsWrittenWithAWarning() throws {
        let timeline = Timeline(cues: [
            Cue(start: .zero, text: Span.plain("[music]")), Cue(start: Self.ms(1000), speaker: "Ada", text: Span.plain("[aside] hi")),
        ])
        let (text, diagnostics) = try Convert.write(timeline, as: .lrc)
        #expect(text == "[00:00.00][music]\n[00:01.00]Ada: [aside] hi\n")
        #expect(diagnostics.map(\.code) == ["lrc.bracket-text"])
        #expect(diagnostics.first?.message.hasPrefix("1 cue(s)") == true)
        let (read, _) = try Convert.read(text, name: "b.lrc")
        #expect(read.cues.map(\.plainText) == ["[music]", "Ada: [aside] hi"])
    }

    @Test func otherFormatsWarnAboutKeptTags() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("lrc/song.lrc"))
        let (_, diagnostics) = try Convert.write(timeline, as: .srt)
        #expect(diagnostics.map(\.code).contains("lrc.lossy-elsewhere"))
    }
}

/// FFmpeg reads what the LRC writer writes: its `lrc` demuxer gives one
/// packet per line, a break (a time without text) included, each lasting
/// until the next.
@Suite("LRC consumers", .enabled(if: FFmpegTools.isAvailable))
struct LRCConsumerTests {
    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

    /// A gap (a break is written), a line past an hour, a repeated time of
    /// the day, word times and tags.
    static let timeline = Timeline(
        metadata: [Field("title", .string("Night Swim")), Field("author", .string("Ada"))],
        cues: [
            Cue(start: ms(1000), end: ms(3500), text: Span.plain("one")),
            Cue(start: ms(3500), end: ms(5000), text: [.text("two "), .timestamp(ms(4200)), .text("words")]),
            Cue(start: ms(8250), end: ms(12_000), text: Span.plain("after a gap")),
            Cue(start: ms(12_000), end: ms(3_700_000), text: Span.plain("Café — 陶芸 🙂")),
            Cue(start: ms(3_725_010), text: Span.plain("past an hour")),
        ])

    static func writtenFile() throws -> URL {
        let (text, diagnostics) = try Convert.write(timeline, as: .lrc)
        #expect(diagnostics.isEmpty)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cues-lrc-\(UUID().uuidString).lrc")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func ffmpegReadsTheLinesTimesAndBreaks() throws {
        let url = try Self.writtenFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try FFmpegTools.run("ffmpeg", ["-nostdin", "-v", "error", "-i", url.path, "-f", "srt", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let (srt, _) = try Convert.read(run.stdout, name: "ffmpeg.srt", as: .srt)
        // Breaks are packets without text: the gap after "two words" and
        // the end of "Café" before the last line.
        let lines = srt.cues.filter { !$0.plainText.isEmpty }
        let breaks = srt.cues.filter { $0.plainText.isEmpty }
        // FFmpeg knows no enhanced LRC: it shows the word time as text.
        #expect(lines.map(\.plainText) == ["one", "two <00:04.20> words", "after a gap", "Café — 陶芸 🙂", "past an hour"])
        #expect(lines.map(\.start) == Self.timeline.cues.map(\.start))
        // Each line ends at its cue's end; FFmpeg cannot know the last one's.
        #expect(lines.dropLast().map(\.end) == Self.timeline.cues.dropLast().map(\.end))
        #expect(breaks.map(\.start) == [Self.ms(5000), Self.ms(3_700_000)])
    }

    @Test func ffprobeReadsTheTagsAndOnePacketPerLine() throws {
        let url = try Self.writtenFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try FFmpegTools.run("ffprobe", ["-v", "error", "-show_format", "-show_packets", "-of", "json", url.path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let packets = try #require(json["packets"] as? [[String: Any]])
        // Five lines and two breaks, in microseconds.
        #expect(packets.compactMap { $0["pts"] as? Int } == [1_000_000, 3_500_000, 5_000_000, 8_250_000, 12_000_000, 3_700_000_000, 3_725_010_000])
        let tags = (json["format"] as? [String: Any])?["tags"] as? [String: String]
        #expect(tags?["title"] == "Night Swim")
        #expect(tags?["artist"] == "Ada")
    }
}
