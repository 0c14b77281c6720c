import Foundation
import Testing
@testable import CueKit

@Suite("Episode YAML reader and writer")
struct EpisodeTests {
    let hardCases = TestFiles.sample("episode/hard-cases.md")

    @Test func readsMetadataCuesAndChapters() throws {
        let (timeline, _) = try Convert.read(hardCases)
        #expect(timeline.metadata.map(\.key) == ["title", "short", "guests", "season", "episode", "duration", "dateadded", "description"])
        #expect(timeline.metadata["title"] == .string("Hard Cases: An Episode Written to Test cues"))
        #expect(timeline.metadata["guests"] == .list([.string("ada"), .string("grace")]))
        // Plain scalars that YAML 1.1 would type stay untyped tokens, read as text.
        #expect(timeline.metadata["season"] == .scalar("1"))
        #expect(timeline.metadata["dateadded"] == .scalar("2024-03-01"))
        #expect(timeline.duration == Timestamp(seconds: 300))
        #expect(timeline.cues.count == 9)
        #expect(timeline.chapters.map(\.title) == ["Cold Open", "Introductions: Who Is Here", "Wrapping Up"])
        #expect(timeline.chapters.map(\.cueIndex) == [0, 1, 7])
        #expect(timeline.cues[0].start == Timestamp(seconds: 12))
        #expect(timeline.cues[0].speaker == "Ada")
        #expect(timeline.cues[1].start == nil)
        #expect(timeline.cues[6].speaker == nil)
    }

    @Test func unquotedTimeIsReadAsAClockTimeWithAWarning() throws {
        let (timeline, diagnostics) = try Convert.read(hardCases)
        #expect(timeline.cues[2].start == Timestamp(seconds: 65))
        let warning = diagnostics.first { $0.code == "episode.unquoted-time" }
        // `0:12` (line 15) is the first: Jekyll reads it as the number 12.
        #expect(warning?.location == SourceLocation(file: "hard-cases.md", line: 15, column: 9))
        #expect(warning?.message.hasPrefix("2 'time' value(s)") == true)
        #expect(warning?.format == .episode)
    }

    @Test func speakerWithTrailingColonIsCleanedAndKept() throws {
        let (timeline, diagnostics) = try Convert.read(hardCases)
        #expect(timeline.cues[7].speaker == "Ada")
        #expect(timeline.cues[7].extras[.episode]?["who"] == .string("Ada:"))
        #expect(timeline.cues[7].extras[.episode]?["mood"] == .string("cheerful"))
        #expect(diagnostics.contains { $0.code == "episode.who-punctuation" && $0.location?.line == 43 })
    }

    @Test func roundTripGivesTheSameDataAndStableBytes() throws {
        let original = try TestFiles.bytes(hardCases)
        let (timeline, _) = try Convert.read(original, name: "hard-cases.md")
        let (written, _) = try Convert.write(timeline, as: .episode)
        let (reread, _) = try Convert.read(written, name: "written.md")
        #expect(reread == timeline)
        let (again, _) = try Convert.write(reread, as: .episode)
        #expect(again == written)
        // The body is kept byte for byte, without a final newline as in the source.
        #expect(written.hasSuffix("\nShow notes stay exactly as written, including this line without a final newline."))
        // Untimed lines stay untimed, an unquoted time stays unquoted.
        #expect(written.contains("- line: This line has no time at all, so it must be placed between its neighbours.\n  who: Grace\n"))
        #expect(written.contains("  time: 1:05\n"))
    }

    /// Jekyll's YAML reader (Psych) reads a plain `0:09` as the integer 9,
    /// as it reads `1:04` as 64: a quoted time must stay quoted, whatever
    /// its first digit (found reading the showcase golden file).
    @Test func quotedTimesStayQuotedEvenWithALeadingZero() throws {
        let source = "---\ntranscript:\n- line: One.\n  sec: 9\n  time: '0:09'\n- line: Two.\n  sec: 64\n  time: '1:04'\n---\n"
        let (timeline, _) = try Convert.read(source, name: "quoted.md")
        let (written, _) = try Convert.write(timeline, as: .episode)
        #expect(written.contains("  time: '0:09'\n"))
        #expect(written.contains("  time: '1:04'\n"))
        #expect(YAMLPlainScalar.isTyped("0:09"))
        #expect(YAMLPlainScalar.isTyped("00:00:09"))
        #expect(YAMLPlainScalar.isTyped("-0:30.5"))
        #expect(!YAMLPlainScalar.isTyped("0:9a"))
    }

    @Test func hardCasesBecomeOrderedCaptions() throws {
        let (timeline, _) = try Convert.read(hardCases)
        let (vtt, diagnostics) = try Convert.write(timeline, as: .vtt, sourceFormat: .episode, segmentation: .never)
        let cues = CaptionOracle.cues(vtt)
        #expect(cues.count == 9)
        #expect(cues.first?.start == 12_000)
        for (index, cue) in cues.enumerated() {
            #expect(cue.end > cue.start)
            if index + 1 < cues.count { #expect(cue.end <= cues[index + 1].start) }
        }
        #expect(cues.last?.end == 300_000)
        // The untimed line lands between its neighbours (12 s and 65 s).
        #expect(cues[1].start > 12_000 && cues[1].start < 65_000)
        #expect(cues[0].text.hasPrefix("<v Ada>Welcome"))
        let backwards = diagnostics.first { $0.code == "inference.time-backwards" }
        #expect(backwards?.location?.line == 33)
        #expect(backwards?.format == .episode)
    }

    @Test func quotableClipsTimeTheHeaderOfTheSameName() throws {
        let text = """
            ---
            title: Clips
            quotableClips:
            - name: Intro
              startOffset: 0
              url: https://example.com/v?t=0
              endOffset: 63
            transcript:
            - header: Intro
            - header: Main
            - line: First words.
              sec: 63
              time: '1:03'
            ---

            """
        let (timeline, _) = try Convert.read(text, name: "clips.md")
        #expect(timeline.chapters[0].start == .zero)
        #expect(timeline.chapters[0].end == Timestamp(seconds: 63))
        #expect(timeline.chapters[0].url == "https://example.com/v?t=0")
        #expect(timeline.chapters[1].start == nil)
        let (written, diagnostics) = try Convert.write(timeline, as: .episode)
        #expect(written == text)
        #expect(!diagnostics.contains { $0.severity >= .warning })
    }

    @Test func sharedTimeAndSecTimeDisagreement() throws {
        let text = """
            ---
            transcript:
            - line: One.
              sec: 586
              time: '9:47'
            ---

            """
        let (timeline, diagnostics) = try Convert.read(text, name: "d.md")
        #expect(timeline.cues[0].start == Timestamp(seconds: 586))
        let warning = diagnostics.first { $0.code == "episode.time-disagrees" }
        #expect(warning?.location == SourceLocation(file: "d.md", line: 5, column: 9))
        let (written, _) = try Convert.write(timeline, as: .episode)
        #expect(written == text)
    }

    @Test func malformedTimesAreWarnedAndKept() throws {
        let text = """
            ---
            transcript:
            - line: Seconds beyond 59.
              sec: 2787
              time: 37:567
            - line: A time broken across lines.
              sec: 586
              time: '9:

                46'
            ---

            """
        let (timeline, diagnostics) = try Convert.read(text, name: "m.md")
        #expect(timeline.cues.map(\.start) == [Timestamp(seconds: 2787), Timestamp(seconds: 586)])
        #expect(diagnostics.contains { $0.code == "episode.malformed-time" && $0.location?.line == 5 })
        #expect(diagnostics.contains { $0.code == "episode.bad-time" && $0.location?.line == 8 })
        let (written, _) = try Convert.write(timeline, as: .episode)
        let (reread, _) = try Convert.read(written, name: "w.md")
        #expect(reread == timeline)
        #expect(reread.cues[1].extras[.episode]?["time"] == .string("9:\n46"))
    }

    @Test func paragraphInWhoIsNotASpeaker() throws {
        let text = """
            ---
            transcript:
            - line: Short line.
              sec: 1
              time: '0:01'
              who: Currently I'm more into benchmarking. My team at the bank is specifically focused on models.
            ---

            """
        let (timeline, diagnostics) = try Convert.read(text, name: "w.md")
        #expect(timeline.cues[0].speaker == nil)
        #expect(diagnostics.contains { $0.code == "episode.who-not-a-name" && $0.location?.line == 6 })
        let (written, _) = try Convert.write(timeline, as: .episode)
        // Long text folds at the first space past column 80, as PyYAML does, and reads back the same.
        #expect(written.contains("  who: Currently I'm more into benchmarking. My team at the bank is specifically focused\n    on models.\n"))
        #expect(try Convert.read(written, name: "again.md").0 == timeline)
    }

    @Test func textBeforeTheFrontMatterIsKept() throws {
        let text = "_\n---\ntitle: Stray\ntranscript: []\n---\nbody\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "s.md", as: .episode)
        #expect(diagnostics.contains { $0.code == "episode.text-before-front-matter" && $0.location?.line == 1 })
        let (written, _) = try Convert.write(timeline, as: .episode)
        #expect(written == text)
    }

    @Test func strictModeTurnsRepairsIntoErrors() throws {
        var diagnostics = Diagnostics()
        let converter = Converter(readOptions: ReadOptions(strict: true))
        #expect(throws: Diagnostic.self) {
            _ = try converter.read(Array("_\n---\ntitle: x\n---\n".utf8), name: "s.md", format: .episode, diagnostics: &diagnostics)
        }
    }

    // MARK: Bad input

    @Test(arguments: [
        ("no-front-matter.md", 1, 1, "expected a front matter block opening with a '---' line, found '# Just markdown'"),
        ("transcript-not-list.md", 3, 13,
         "expected 'transcript' to be a list of '- line:' and '- header:' entries, found 'this should have been a list of lines'"),
        ("sec-not-number.md", 8, 8, "expected a number of seconds after 'sec:', found 'one minute'"),
    ])
    func badInputGivesALocatedError(file: String, line: Int, column: Int, message: String) throws {
        let url = TestFiles.sample("invalid/\(file)")
        let text = String(decoding: try TestFiles.bytes(url), as: UTF8.self)
        let error = Convert.readError(text, name: file, as: .episode)
        #expect(error?.severity == .error)
        #expect(error?.location == SourceLocation(file: file, line: line, column: column))
        #expect(error?.message == message)
        #expect(error?.format == .episode)
    }

    @Test func invalidYAMLNamesItsLine() {
        let error = Convert.readError("---\ntitle: [unclosed\ntranscript:\n---\n", name: "y.md", as: .episode)
        #expect(error?.code == "episode.yaml")
        #expect(error?.location?.line == 3 || error?.location?.line == 4)
    }

    @Test func unclosedFrontMatter() {
        let error = Convert.readError("---\ntitle: x\n", name: "u.md", as: .episode)
        #expect(error?.code == "episode.unclosed-front-matter")
        #expect(error?.location?.line == 1)
    }
}
