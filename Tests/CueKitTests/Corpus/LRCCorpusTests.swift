import Foundation
import Testing
@testable import CueKit

/// The LRC files of the shared corpus (`lrc/`), checked against what each
/// folder's MANIFEST.md says a reader must give.
@Suite("LRC corpus", .enabled(if: TestFiles.hasCorpus))
struct LRCCorpusTests {
    static let files = TestFiles.corpusFiles("lrc", extensions: ["lrc"], recursive: true)

    static func read(_ path: String) throws -> (Timeline, [Diagnostic]) {
        let url = TestFiles.corpus!.appendingPathComponent("lrc/\(path)")
        var diagnostics = Diagnostics()
        let input = try Converter().read(TestFiles.bytes(url), name: url.lastPathComponent, format: nil, diagnostics: &diagnostics)
        #expect(input.format.id == .lrc, "\(path) was not sniffed as LRC")
        return (input.timeline, diagnostics.items)
    }

    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

    @Test func everyFileReadsAndIsStableFromTheFirstWrite() throws {
        #expect(Self.files.count == 7)
        for file in Self.files {
            let (timeline, _) = try Convert.read(file, as: .lrc)
            #expect(!timeline.cues.isEmpty, "\(file.lastPathComponent)")
            let (first, _) = try Convert.write(timeline, as: .lrc, sourceFormat: .lrc)
            let (again, _) = try Convert.read(first, name: "again.lrc", as: .lrc)
            let (second, _) = try Convert.write(again, as: .lrc, sourceFormat: .lrc)
            #expect(second == first, "\(file.lastPathComponent)")
            #expect(again.cues.map(\.plainText) == timeline.cues.map(\.plainText), "\(file.lastPathComponent)")
        }
    }

    @Test func lrcKitMainTagsAndLines() throws {
        let (timeline, diagnostics) = try Self.read("lrc-kit/main.lrc")
        #expect(timeline.metadata.map(\.key) == ["author", "podcastName", "title", "songwriter", "creator", "encoder", "encoder_version"])
        #expect(timeline.metadata["title"] == .string("Lyrics (song) title"))
        #expect(timeline.duration == Self.ms(170_000))
        #expect(timeline.cues.count == 8)
        #expect(timeline.cues.first?.start == Self.ms(9010))
        #expect(timeline.cues.first?.plainText == "i guess you're my creep tonight")
        #expect(timeline.cues.map(\.start).filter { $0 == Self.ms(28080) }.count == 2)
        #expect(timeline.cues.last?.start == Self.ms(32260))
        #expect(timeline.cues.last?.plainText == "why can't I get out of my own way")
        // The offset that is not a number is a warning and ignored; the
        // untimed lines are reported.
        #expect(diagnostics.map(\.code) == ["lrc.offset-not-a-number", "lrc.untimed"])
        #expect(diagnostics.map(\.location?.line) == [7, 12])
        #expect(diagnostics[1].message.contains("2 line(s)"))
    }

    @Test func lrcKitFoobar2000WordTimes() throws {
        let (timeline, diagnostics) = try Self.read("lrc-kit/enhancedLrcFoobar2000Text.lrc")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.map(\.start) == [5000, 9250, 15500].map(Self.ms))
        #expect(timeline.cues.map(\.plainText) == ["hello world", "feel the rhythm rise", "deeper hook"])
        // The first word starts with the line.
        #expect(timeline.cues[0].text == [.text("hello "), .timestamp(Self.ms(6000)), .text("world")])
        #expect(timeline.cues[1].text.compactMap { if case .timestamp(let t) = $0 { t } else { nil } } == [10500, 11750, 13000].map(Self.ms))
        #expect(!timeline.cues[2].text.hasMarkup)
    }

    @Test func lrcKitA2WordTimes() throws {
        let (timeline, diagnostics) = try Self.read("lrc-kit/enhancedLrcA2Text.lrc")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.map(\.start) == [Self.ms(2000), Self.ms(4000)])
        #expect(timeline.cues[0].text == [.timestamp(Self.ms(2500)), .text("spark "), .timestamp(Self.ms(3000)), .text("light")])
        #expect(timeline.cues[1].text == [.timestamp(Self.ms(4500)), .text("flow "), .timestamp(Self.ms(5000)), .text("onward")])
        #expect(timeline.metadata == [Field("author", .string("Enhanced A2")), Field("title", .string("A2 Format"))])
    }

    @Test func subsrtSampleKeepsSingerPrefixesAndWarnsAboutPlaceholders() throws {
        let (timeline, diagnostics) = try Self.read("subsrt/sample.lrc")
        #expect(timeline.cues.map(\.start) == [12000, 17200, 21100, 24000, 28250, 29020].map(Self.ms))
        #expect(timeline.cues.map(\.plainText) == [
            "Line 1 lyrics", "F: Line 2 lyrics", "M: Line 3 lyrics", "Line 4 lyrics", "D: Line 5 lyrics", "Line 6 lyrics",
        ])
        #expect(timeline.cues.allSatisfy { $0.speaker == nil })
        #expect(diagnostics.map(\.code) == ["lrc.length-not-a-time", "lrc.offset-not-a-number"])
        #expect(diagnostics.map(\.location?.line) == [5, 7])
    }

    @Test func swiftSubtitlesBasicSortsRepeatedLines() throws {
        let (timeline, diagnostics) = try Self.read("swiftsubtitles/LRCTests-testBasic.lrc")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.map(\.start) == [12000, 17200, 21100, 45100, 5_291_220].map(Self.ms))
        #expect(timeline.cues.map(\.plainText) == [
            "Line 1 lyrics", "Line 2 lyrics", "Repeating lyrics (e.g. chorus)", "Repeating lyrics (e.g. chorus)", "Minutes > 59",
        ])
    }

    /// Upstream makes 34 cues, the 9 empty lines among them; here the empty
    /// lines end the line before them (lrc.md, "Breaks").
    @Test func swiftSubtitlesMillisecondsAndBreaks() throws {
        let (timeline, diagnostics) = try Self.read("swiftsubtitles/LRCTests-testMillisecondsSupport.lrc")
        #expect(diagnostics.map(\.code) == ["lrc.tags-kept"])
        #expect(timeline.cues.count == 25)
        #expect(timeline.cues[23].start == Self.ms(73699))
        #expect(timeline.cues[23].plainText == "furisosogu")
        let ended = timeline.cues.filter { $0.end != nil }
        #expect(ended.map(\.start) == [5548, 28374, 37482, 40275, 52183, 61031, 65075, 70854, 76030].map(Self.ms))
        #expect(ended.map(\.end) == [9927, 32083, 39850, 43746, 55363, 62304, 67562, 73557, 79485].map(Self.ms))
        #expect(timeline.extras[.lrc]?[LRCExtras.tags] == .list([.string("[COLOUR]0xFF66FF")]))
    }

    @Test func swiftSubtitlesMixedFractionDigits() throws {
        let (timeline, _) = try Self.read("swiftsubtitles/LRCTests-testMixedLineTimeFormats.lrc")
        #expect(timeline.cues.map(\.start) == [31010, 55710, 82101].map(Self.ms))
        #expect(Set(timeline.cues.map(\.plainText)) == ["Mixed time line"])
    }
}
