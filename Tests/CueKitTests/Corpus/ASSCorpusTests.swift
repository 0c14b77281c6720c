import Foundation
import Testing
@testable import CueKit

/// The ASS and SSA scripts in `corpus/ass` (pysubs2, go-astisub and
/// SwiftSubtitles test files), checked against their MANIFEST.md files and
/// pysubs2's `expectations.json`.
@Suite("ASS corpus", .enabled(if: TestFiles.hasCorpus))
struct ASSCorpusTests {
    static let files = TestFiles.corpusFiles("ass", extensions: ["ass", "ssa"], recursive: true)

    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

    static func read(_ path: String) throws -> (Timeline, [Diagnostic]) {
        try Convert.read(TestFiles.corpus!.appendingPathComponent("ass/" + path))
    }

    static func styles(_ timeline: Timeline) -> [String: ASSStyle] {
        guard case .list(let sections)? = timeline.extras[.ass]?[ASSExtras.sections] else { return [:] }
        for section in sections.compactMap(\.text) {
            if let styles = ASSStyle.styles(inSection: section) { return styles }
        }
        return [:]
    }

    @Test func everyFileReadsAndGivesItsCuesBackThroughASS() throws {
        #expect(Self.files.count == 16)
        for file in Self.files {
            let (timeline, _) = try Convert.read(file)
            #expect(!timeline.cues.isEmpty, "\(file.lastPathComponent)")
            let (written, _) = try Convert.write(timeline, as: .ass, sourceFormat: .ass)
            let (again, _) = try Convert.read(written, name: file.lastPathComponent)
            // A time before 0 is written as 0 (ass.md, "Lossy").
            var expected = timeline.cues
            for index in expected.indices where expected[index].start!.milliseconds < 0 { expected[index].start = .zero }
            #expect(again.cues == expected, "\(file.lastPathComponent)")
            #expect(again.extras == timeline.extras, "\(file.lastPathComponent)")
            #expect(again.metadata == timeline.metadata, "\(file.lastPathComponent)")
        }
    }

    // MARK: pysubs2 (expectations.json)

    @Test(arguments: ["pysubs2/SIMPLE_ASS_REF.ass", "pysubs2/SIMPLE_SSA_REF.ssa"])
    func simpleScriptsAreTheSameDocument(path: String) throws {
        let (timeline, diagnostics) = try Self.read(path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // Three events, the second a comment: two cues, the comment kept before the second.
        #expect(timeline.cues.map(\.start) == [Self.ms(0), Self.ms(60_000)])
        #expect(timeline.cues.map(\.end) == [Self.ms(60_000), Self.ms(120_000)])
        #expect(timeline.cues.map(\.plainText) == ["An, example, subtitle.", "Subtitle number\ntwo."])
        guard case .list(let comments)? = timeline.cues[1].extras[.ass]?[ASSExtras.events] else {
            Issue.record("the comment was not kept")
            return
        }
        #expect(comments.count == 1)
        #expect(comments[0].text?.hasPrefix("Comment: ") == true)
        #expect(comments[0].text?.hasSuffix(",Default,,0,0,0,,You can't see this one.") == true)
        let styles = Self.styles(timeline)
        #expect(styles.keys.sorted() == ["Default", "left", "topleft"])
        #expect(styles["topleft"]?.bold == true)
        #expect(styles["topleft"]?.alignment == 7)
        #expect(styles["left"]?.alignment == 4)
        #expect(styles["Default"]?.alignment == 2)
        #expect(timeline.extras[.ass]?[ASSExtras.scriptInfo]?.text?.contains("\nMy Custom Info: Some: Test, String.\n") == true)
    }

    @Test func negativeStartShortFieldsAndKaraoke() throws {
        let (negative, _) = try Self.read("pysubs2/NEGATIVE_TIMESTAMP_ASS_REF.ass")
        #expect(negative.cues.first?.start == Self.ms(-7_194_930))
        let (short, _) = try Self.read("pysubs2/ASS_WITH_SHORT_MINUTES_SECONDS_REF.ass")
        #expect(short.cues.map(\.start) == [Self.ms(40), Self.ms(3420)])
        #expect(short.cues.map(\.end) == [Self.ms(4000), Self.ms(7880)])
        // {\k100}{\k33}SUN: "SUN" starts 1 s after the line, at 1.040.
        #expect(short.cues[0].text.prefix(2) == [.timestamp(Self.ms(1040)), .text("SUN")])
        #expect(short.cues[0].plainText == "SUNDAY MONDAY CHU-CHU TUESDAY")
    }

    @Test func stylesWithOddValues() throws {
        let (malformed, malformedDiagnostics) = try Self.read("pysubs2/ASS_WITH_MALFORMED_STYLE.ass")
        #expect(malformedDiagnostics.isEmpty)
        #expect(malformed.cues.map(\.plainText) == ["Hello"])
        #expect(Self.styles(malformed)["Default"]?.fontName == "Arial")

        let (invalid, invalidDiagnostics) = try Self.read("pysubs2/ASS_WITH_MALFORMED_STYLE_INVALID_ALIGNMENT.ass")
        #expect(invalidDiagnostics.map(\.code) == ["ass.style-value"])
        #expect(invalidDiagnostics.first?.location?.line == 15)
        #expect(Self.styles(invalid)["Default"]?.alignment == 2)
        #expect(invalid.cues.first?.settings == [])

        let (issue89, _) = try Self.read("pysubs2/ASS_STYLES_FORMAT_ISSUE_89.ass")
        let style = try #require(Self.styles(issue89)["Default"])
        #expect(style.bold && style.italic && !style.underline && !style.strikeOut)
    }

    @Test func unknownSectionsPassThrough() throws {
        let (garbage, _) = try Self.read("pysubs2/AEGISUB_PROJECT_GARBAGE_FILE.ass")
        let (written, _) = try Convert.write(garbage, as: .ass, sourceFormat: .ass)
        #expect(written.contains("""
            [Aegisub Project Garbage]
            Last Style Storage: Default
            Video File: ?dummy:23.976000:40000:640:480:47:163:254:
            Video AR Value: 1.333333
            Video Zoom Percent: 0.500000
            Active Line: 2

            """))

        let (aegisub, _) = try Self.read("pysubs2/subtitle_with_attached_images_aegisub.ass")
        let (reference, _) = try Self.read("pysubs2/subtitle_with_attached_images_pysubs2_ref.ass")
        #expect(aegisub.cues == reference.cues)
        let source = String(decoding: try TestFiles.bytes(TestFiles.corpus!.appendingPathComponent("ass/pysubs2/subtitle_with_attached_images_aegisub.ass")), as: UTF8.self)
        let graphics = try #require(source.range(of: "[Graphics]")).lowerBound
        let events = try #require(source.range(of: "\n[Events]")).lowerBound
        let (out, _) = try Convert.write(aegisub, as: .ass, sourceFormat: .ass)
        #expect(out.contains(String(source[graphics..<events])))
    }

    // MARK: go-astisub

    @Test(arguments: ["go-astisub/example-in.ssa", "go-astisub/example-out.ssa", "go-astisub/example-out-v4plus.ssa"])
    func astisubScriptsGiveSixEvents(path: String) throws {
        let (timeline, _) = try Self.read(path)
        let cues = timeline.cues
        #expect(cues.map(\.start) == [99_000, 124_080, 132_160, 140_240, 148_320, 151_400].map(Self.ms))
        #expect(cues.map(\.end) == [101_040, 127_120, 135_200, 142_280, 151_360, 153_440].map(Self.ms))
        // \n is a space without WrapStyle 2 (the spec; go-astisub breaks there).
        #expect(cues.map(\.plainText) == [
            "(deep rumbling)", "MAN: How did we end up here?", "This place is horrible.", "Smells like balls.",
            path.hasSuffix("example-in.ssa") ? "We don't belong\nin this shithole." : "We don't belong in this shithole.",
            "(computer playing electronic melody)",
        ])
        let styleNames = cues.map { $0.extras[.ass]?["Style"]?.text ?? "Default" }
        #expect(styleNames.map { $0.replacingOccurrences(of: "*", with: "") } == ["1", "2", "3", "1", "2", "3"])
        #expect(Self.styles(timeline).count == 3)
    }

    // MARK: SwiftSubtitles

    @Test func swiftSubtitlesScripts() throws {
        let (desc, _) = try Self.read("swiftsubtitles/desc.ass")
        #expect(desc.cues.map(\.start) == [Self.ms(0), Self.ms(180_000), Self.ms(210_000)])
        #expect(desc.cues.map(\.end) == [Self.ms(180_000), Self.ms(210_000), Self.ms(210_100)])
        #expect(desc.cues.map(\.speaker) == ["NTP", "NTP", "NTP"])
        // \\N is a backslash and a break; \{ \} are braces.
        #expect(desc.cues[1].plainText.contains("ifnb=\"`basename \\\"${ifn}\\\" .mp3`\"\n"))

        let (time, _) = try Self.read("swiftsubtitles/time.ass")
        #expect(time.cues.count == 9)
        #expect(time.cues.map { $0.extras[.ass]?["Style"]?.text } == (1...9).map { "F\($0)" })

        let (sample, _) = try Self.read("swiftsubtitles/sample1.ass")
        #expect(sample.cues.map(\.plainText) == ["Le rugissement des larmes !\nTu es mon ami.", "Est-ce vraiment Naruto ?"])
        #expect(sample.cues.map(\.start) == [Self.ms(101_700), Self.ms(120_990)])
        #expect(sample.cues.map(\.end) == [Self.ms(106_840), Self.ms(122_870)])
    }
}
