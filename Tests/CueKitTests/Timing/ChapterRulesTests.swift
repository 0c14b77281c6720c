import Testing
@testable import CueKit

/// Every chapter writer writes the chapters `WritableChapters` gives: a
/// doubled header once, and no chapter cut short by the stated duration when
/// the transcript runs past it.
@Suite("One chapter rule for every chapter writer")
struct ChapterRulesTests {
    static let writers: [FormatID] = [.chapters, .vttChapters, .ffmetadata, .psc, .youtubeChapters, .rss]

    /// An episode whose transcript runs past its duration (1:00), with a
    /// doubled header and a closing header over its last line.
    static let episode = """
        ---
        title: Doubled
        duration: PT00H01M00S
        transcript:
        - header: Intro
        - header: Intro
        - line: Hello and welcome.
          sec: 0
        - header: Main part
        - line: The main part of the show.
          sec: 30
        - line: Still talking, past the stated duration.
          sec: 70
        - header: Episode End
        - line: Goodbye!
          sec: 95
        - line: See you next week.
          sec: 110
        ---

        """

    private func convert(_ format: FormatID) throws -> (Timeline, [Diagnostic]) {
        let converter = Converter()
        var diagnostics = Diagnostics()
        let written = try converter.convert(Array(Self.episode.utf8), name: "ep.md", to: format, diagnostics: &diagnostics)
        var readDiagnostics = Diagnostics()
        let read = try converter.read(written, name: "out", format: format, diagnostics: &readDiagnostics)
        return (read.timeline, diagnostics.items)
    }

    @Test(arguments: writers)
    func aDoubledHeaderIsOneChapter(format: FormatID) throws {
        let (timeline, diagnostics) = try convert(format)
        #expect(timeline.chapters.map(\.title) == ["Intro", "Main part", "Episode End"])
        #expect(timeline.chapters.map { $0.start?.milliseconds } == [0, 30_000, 95_000])
        #expect(diagnostics.filter { $0.code == "chapters.repeated" }.count == 1)
        #expect(diagnostics.first { $0.code == "chapters.repeated" }?.location?.line == 6)
    }

    @Test(arguments: [FormatID.vttChapters, .ffmetadata])
    func theLastChapterEndsWithTheTranscriptThatRunsPastTheDuration(format: FormatID) throws {
        let (timeline, diagnostics) = try convert(format)
        // The last line, at 1:50, lasts its reading time (18 characters at 15
        // a second): the episode's end, not the stated 1:00.
        #expect(timeline.chapters.map { $0.end?.milliseconds } == [30_000, 95_000, 111_200])
        #expect(!diagnostics.contains { $0.code == "inference.empty-chapter" || $0.message.contains("duration is unknown") })
    }

    @Test func aHeaderAfterTheLastLineIsAnEmptyChapterThatIsReported() throws {
        let text = "---\ntitle: T\ntranscript:\n- line: Only line.\n  sec: 5\n- header: The End\n---\n"
        var diagnostics = Diagnostics()
        let written = try Converter().convert(Array(text.utf8), name: "ep.md", to: .ffmetadata, diagnostics: &diagnostics)
        #expect(String(decoding: written, as: UTF8.self).contains("START=6000\nEND=6000\ntitle=The End"))
        let warning = diagnostics.items.first { $0.code == "inference.empty-chapter" }
        #expect(warning?.message == "chapter 'The End' is empty: it starts where the media ends, at 0:06")
        #expect(warning?.location?.line == 6)
    }
}
