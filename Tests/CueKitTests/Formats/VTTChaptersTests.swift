import Foundation
import Testing
@testable import CueKit

/// The WebVTT chapters track (`vtt-chapters`): one cue per chapter, its text
/// the title.
@Suite struct VTTChaptersTests {
    @Test func chaptersTrackReadsAndWritesBack() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("vtt-chapters/episode.chapters.vtt"))
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.isEmpty)
        #expect(timeline.chapters.map(\.title) == ["Introduction", "Scrolling Effects & Demos", "Questions and answers"])
        #expect(timeline.chapters.map(\.start) == [0, 84_000, 300_000].map { Timestamp(milliseconds: $0) })
        #expect(timeline.chapters.map(\.end) == [84_000, 300_000, 570_500].map { Timestamp(milliseconds: $0) })
        #expect(timeline.chapters[0].extras[.vttChapters]?[WebVTTExtras.id] == .string("intro"))
        let (written, writeDiagnostics) = try Convert.write(timeline, as: .vttChapters, sourceFormat: .vttChapters)
        #expect(writeDiagnostics.isEmpty)
        #expect(written == String(decoding: try TestFiles.bytes(TestFiles.sample("vtt-chapters/episode.chapters.vtt")), as: UTF8.self))
    }

    @Test func chaptersTrackFromChaptersWithoutEnds() throws {
        let timeline = Timeline(
            chapters: [
                Chapter(start: .zero, title: "Intro"),
                Chapter(start: Timestamp(seconds: 30), title: "Silent", isInTableOfContents: false),
                Chapter(start: Timestamp(seconds: 60), title: "Main <part> & more"),
            ],
            duration: Timestamp(seconds: 90))
        let (written, diagnostics) = try Convert.write(timeline, as: .vttChapters)
        #expect(written == """
            WEBVTT

            00:00:00.000 --> 00:01:00.000
            Intro

            00:01:00.000 --> 00:01:30.000
            Main &lt;part&gt; &amp; more

            """)
        #expect(diagnostics.filter { $0.severity == .warning }.map(\.code) == ["vtt-chapters.silent"])

        let endless = Timeline(chapters: [Chapter(start: Timestamp(seconds: 5), title: "Only")])
        let (alone, warnings) = try Convert.write(endless, as: .vttChapters)
        #expect(alone == "WEBVTT\n\n00:00:05.000 --> 00:00:05.000\nOnly\n")
        #expect(warnings.map(\.code).contains("vtt-chapters.no-end"))
    }

    @Test func chapterTitlesAreTheCueTextWithoutMarkup() throws {
        let text = "WEBVTT\n\n00:00.000 --> 00:10.000\n<b>Bold</b> <ruby>漢<rt>かん</rt></ruby> title\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "x.vtt", as: .vttChapters)
        #expect(timeline.chapters.map(\.title) == ["Bold 漢 title"])
        #expect(diagnostics.map(\.code) == ["vtt-chapters.markup"])
    }

    @Test func aChaptersFileIsChosenByItsName() throws {
        var diagnostics = Diagnostics()
        let bytes = try TestFiles.bytes(TestFiles.sample("vtt-chapters/episode.chapters.vtt"))
        #expect(try Convert.converter.read(bytes, name: "x.chapters.vtt", diagnostics: &diagnostics).format.id == .vttChapters)
        #expect(try Convert.converter.read(bytes, name: "x.vtt", diagnostics: &diagnostics).format.id == .vtt)
        #expect(try Convert.converter.read(bytes, name: nil, diagnostics: &diagnostics).format.id == .vtt)
    }
}
