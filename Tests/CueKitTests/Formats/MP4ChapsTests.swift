import Foundation
import Testing
@testable import CueKit

@Suite("mp4chaps chapter lists")
struct MP4ChapsTests {
    let sample = TestFiles.sample("mp4chaps/episode.chapters.txt")

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    @Test func readsTimesTitlesAndLinks() throws {
        let (timeline, diagnostics) = try Convert.read(sample)
        #expect(timeline.chapters.map(\.title) == ["Cold open", "Harbour walk", "Über die Brücke", "Outro"])
        #expect(timeline.chapters.map(\.start) == ms([0, 65_250, 1_200_500, 3_725_250]))
        #expect(timeline.chapters.map(\.url) == [nil, "https://example.org/harbour", nil, nil])
        #expect(timeline.chapters.allSatisfy { $0.end == nil })
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    /// Found by fuzzing: a title that is only `>` (or `<>`) crashed the
    /// link check; it is a title like any other.
    @Test func aTitleOfAngleBracketsIsATitle() throws {
        let (timeline, _) = try Convert.read("00:00:00.000 >\n00:00:10.000 <>\n00:00:20.000 x <https://a.example/>\n", as: .mp4chaps)
        #expect(timeline.chapters.map(\.title) == [">", "<>", "x"])
        #expect(timeline.chapters.map(\.url) == [nil, nil, "https://a.example/"])
    }

    @Test func writesTheSampleAsItIs() throws {
        let (timeline, _) = try Convert.read(sample)
        let (text, diagnostics) = try Convert.write(timeline, as: .mp4chaps)
        #expect(text == String(decoding: try TestFiles.bytes(sample), as: UTF8.self))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(try Convert.read(text, name: "again.chapters.txt").0 == timeline)
    }

    @Test func variantsReadAndUntitledChaptersAreReported() throws {
        let text = "0:00:00.5\tTabbed\n\n12:34.0005 Short clock\n00:20:00.000\n01:00:00.000 Not a link <ftp://x>\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "v.txt", as: .mp4chaps)
        #expect(timeline.chapters.map(\.title) == ["Tabbed", "Short clock", nil, "Not a link <ftp://x>"])
        #expect(timeline.chapters.map(\.start) == ms([500, 754_001, 1_200_000, 3_600_000]))
        #expect(diagnostics.map { "\($0.location?.line ?? 0) \($0.code)" } == ["4 mp4chaps.no-title", "3 mp4chaps.sub-millisecond"])
    }

    @Test func reportsWhatTheListCannotHold() throws {
        let timeline = Timeline(
            metadata: [Field("title", .string("Episode"))],
            chapters: [
                Chapter(start: .zero, end: Timestamp(seconds: 5), title: "Intro", image: "cover.jpg"),
                Chapter(start: Timestamp(seconds: 10)),
                Chapter(title: "Untimed"),
            ])
        let (text, diagnostics) = try Convert.write(timeline, as: .mp4chaps)
        #expect(text == "00:00:00.000 Intro\n00:00:10.000\n")
        #expect(diagnostics.map(\.code) == [
            "mp4chaps.untimed", "mp4chaps.end-times-dropped", "mp4chaps.links-dropped", "mp4chaps.metadata-not-written",
        ])
    }

    @Test func errorsAreLocated() throws {
        let invalid = try String(contentsOf: TestFiles.sample("invalid/mp4chaps-bad-line.chapters.txt"), encoding: .utf8)
        let error = Convert.readError(invalid, name: "b.chapters.txt", as: .mp4chaps)
        #expect(error?.code == "mp4chaps.bad-line")
        #expect(error?.location == SourceLocation(file: "b.chapters.txt", line: 3, column: 1))
        #expect(error?.message == "expected a time such as 00:01:02.500 and a title, found 'Outro at the end'")
        let badTime = Convert.readError("00:00:00.000 A\n00:99:00.000 B\n", name: "t.txt", as: .mp4chaps)
        #expect(badTime?.location == SourceLocation(file: "t.txt", line: 2, column: 1))
        #expect(Convert.readError(" \n", name: "e.txt", as: .mp4chaps)?.code == "mp4chaps.none")
    }

    @Test func sniffingTellsItFromYouTubeLists() throws {
        let bytes = try TestFiles.bytes(sample)
        #expect(MP4ChapsFormat.format.sniff!(ArraySlice(bytes)))
        #expect(FormatRegistry.standard.sniff(bytes)?.id == .mp4chaps)
        #expect(!YouTubeChaptersFormat.format.sniff!(ArraySlice(bytes)))
        let youtube = Array("0:00 Intro\n1:05 Harbour walk\n20:00 Outro\n".utf8)
        #expect(!MP4ChapsFormat.format.sniff!(ArraySlice(youtube)))
        #expect(FormatRegistry.standard.sniff(youtube)?.id == .youtubeChapters)
        // A YouTube list with one time to the millisecond is still a YouTube list.
        let mixed = Array("00:00:00.000 Intro\n1:05 Harbour walk\n".utf8)
        #expect(FormatRegistry.standard.sniff(mixed)?.id == .youtubeChapters)
        #expect(!MP4ChapsFormat.format.sniff!(ArraySlice("00:00:00 Intro\n".utf8)))
        #expect(!MP4ChapsFormat.format.sniff!(ArraySlice("Notes\n00:00:00.000 Intro\n".utf8)))
    }
}
