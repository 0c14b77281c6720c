import Testing
@testable import CueKit

/// A conversion that keeps nothing of its input is an error naming the
/// formats that would; one that drops a whole kind of content says so once,
/// unless the same conversion writes that kind to another format.
@Suite("What a conversion keeps")
struct ContentCheckTests {
    static let chaptersOnly = Array("""
        {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 60, "title": "Main"}]}
        """.utf8)
    static let captionsOnly = Array("1\n00:00:00,000 --> 00:00:01,000\nHello\n\n2\n00:00:01,000 --> 00:00:02,000\nThere\n".utf8)
    static let episode = Array("---\ntitle: T\ntranscript:\n- header: Intro\n- line: Hello.\n  sec: 0\n- line: Bye.\n  sec: 5\n---\n".utf8)

    private func failure(_ bytes: [UInt8], name: String, to format: FormatID) -> Diagnostic? {
        var diagnostics = Diagnostics()
        do {
            _ = try Converter().convert(bytes, name: name, to: format, diagnostics: &diagnostics)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [FormatID.srt, .vtt, .transcript])
    func chaptersAloneCannotBecomeCaptions(format: FormatID) {
        let error = failure(Self.chaptersOnly, name: "show.chapters.json", to: format)
        #expect(error?.code == "convert.nothing-kept")
        #expect(error?.format == format)
        #expect(error?.message.contains("found only 2 chapter(s); chapters are written by ") == true)
        #expect(error?.message.contains("vtt-chapters") == true)
    }

    @Test(arguments: [FormatID.chapters, .ffmetadata, .vttChapters, .psc, .youtubeChapters])
    func captionsAloneCannotBecomeChapters(format: FormatID) {
        let error = failure(Self.captionsOnly, name: "show.srt", to: format)
        #expect(error?.code == "convert.nothing-kept")
        #expect(error?.message.contains("found only 2 cue(s); cues are written by ") == true)
        #expect(error?.message.contains("srt") == true)
    }

    @Test func anEpisodeToChaptersSaysItsLinesAreLeftOutOnce() throws {
        var diagnostics = Diagnostics()
        _ = try Converter().convert(Self.episode, name: "ep.md", to: .chapters, diagnostics: &diagnostics)
        let dropped = diagnostics.items.filter { $0.code.hasSuffix("-dropped") && $0.message.contains("cue(s)") }
        #expect(dropped.map(\.code) == ["convert.cues-dropped"])
        #expect(dropped.first?.message.hasPrefix("2 cue(s) have no place in Podcasting 2.0 JSON chapters and were not written; cues are written by ") == true)
    }

    @Test func anEpisodeToSRTSaysItsChaptersAreLeftOut() throws {
        var diagnostics = Diagnostics()
        _ = try Converter().convert(Self.episode, name: "ep.md", to: .srt, diagnostics: &diagnostics)
        #expect(diagnostics.items.filter { $0.code == "convert.chapters-dropped" }.count == 1)
    }

    @Test func nothingIsReportedDroppedThatAnotherOutputWrites() throws {
        var diagnostics = Diagnostics()
        let conversion = try Converter().convert(Self.episode, name: "ep.md", to: [.srt, .chapters, .vtt], diagnostics: &diagnostics)
        #expect(conversion.failures.isEmpty)
        #expect(!diagnostics.items.contains { $0.code.hasPrefix("convert.") })
    }

    @Test func emptyInputWritesEmptyOutput() throws {
        var diagnostics = Diagnostics()
        let written = try Converter().convert(Array("WEBVTT\n".utf8), name: "empty.vtt", to: .srt, diagnostics: &diagnostics)
        #expect(written.isEmpty)
    }
}
