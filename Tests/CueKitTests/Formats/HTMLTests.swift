import Foundation
import Testing
@testable import CueKit

/// The `html` writer: the transcript page's structure, its fragments,
/// speakers, chapters, player and what it reports. (How a browser shows the
/// page, and that it validates, is in the CLI tests: ChromiumTests,
/// HTMLValidationTests.)
@Suite("HTML transcript page")
struct HTMLTests {
    static func write(_ timeline: Timeline, options: WriteOptions = WriteOptions()) throws -> (String, [Diagnostic]) {
        var converter = Converter()
        converter.writeOptions = options
        var diagnostics = Diagnostics()
        let prepared = try converter.prepared(timeline, for: .html, sourceFormat: nil, diagnostics: &diagnostics)
        let bytes = try converter.write(prepared, as: .html, diagnostics: &diagnostics)
        return (String(decoding: bytes, as: UTF8.self), diagnostics.items.filter { $0.severity != .note || $0.code.hasPrefix("html.") })
    }

    /// The values of `attribute` in the elements that start with `start`.
    static func values(_ attribute: String, in page: String, of start: String) -> [String] {
        page.components(separatedBy: start).dropFirst().compactMap { element in
            let tag = element.prefix { $0 != ">" }
            guard let range = tag.range(of: " \(attribute)=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func lines(_ lines: [(Int64?, String?, String)], chapters: [Chapter] = [], title: String? = nil) -> Timeline {
        Timeline(
            metadata: title.map { [Field("title", .string($0))] } ?? [],
            cues: lines.map { Cue(start: $0.0.map { Timestamp(milliseconds: $0) }, speaker: $0.1, text: Span.plain($0.2)) },
            chapters: chapters)
    }

    @Test func theShowcaseHasALinePerEntryAndAHeadingPerHeader() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("episode/showcase.md"))
        let (page, diagnostics) = try Convert.write(timeline, as: .html, sourceFormat: .episode)
        #expect(Self.values("id", in: page, of: "<p class=\"cues-line") == ["t=0:00", "t=0:07", "t=0:09", "t=1:04", "t=1:20", "t=1:38"])
        #expect(Self.values("id", in: page, of: "<h2 class=\"cues-chapter\"") == ["chapter-welcome", "chapter-the-keepers"])
        // The contents link to the headings, and the timestamps to their lines.
        #expect(Self.values("href", in: page, of: "<li><a") == ["#chapter-welcome", "#chapter-the-keepers"])
        #expect(Self.values("href", in: page, of: "<p class=\"cues-line").isEmpty)
        #expect(page.contains(##"<p class="cues-line cues-s2" id="t=0:07" data-start="7010" data-end="9000"><a class="cues-time" href="#t=0:07" data-start="7010"><time datetime="PT7.01S">0:07</time></a> <span class="cues-speaker"><bdi>Maria</bdi></span> <span class="cues-text" dir="auto">Thanks for having me.</span></p>"##))
        #expect(page.contains("<title>Harbour Lights</title>"))
        #expect(page.contains("<h1><bdi>Harbour Lights</bdi></h1>"))
        #expect(page.contains(#"<p class="cues-meta"><bdi>2:30</bdi> · <bdi>Alexey, Maria</bdi></p>"#))
        #expect(page.contains("the sea &amp; its keepers."))
        #expect(!page.contains("<div class=\"cues-player\""))
        #expect(diagnostics.filter { $0.format == .html }.isEmpty, "\(diagnostics)")
    }

    @Test func theShowcaseWithAPlayer() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("episode/showcase.md"))
        var converter = Converter()
        converter.writeOptions.html.mediaURL = "harbour-lights.mp3"
        var diagnostics = Diagnostics()
        let prepared = try converter.prepared(timeline, for: .html, sourceFormat: .episode, diagnostics: &diagnostics)
        let page = String(decoding: try converter.write(prepared, as: .html, diagnostics: &diagnostics), as: UTF8.self)
        Golden.check(page, "html/showcase-with-player.html")
    }

    @Test func fragmentsAreUniqueWhenLinesShareASecond() {
        var anchors = HTMLLineAnchors()
        let starts: [Int64] = [77_000, 77_480, 77_480, 77_000, 77_480, 3_723_500, 0]
        #expect(starts.map { anchors.next(start: Timestamp(milliseconds: $0)) } == [
            "t=1:17", "t=1:17.480", "t=1:17.480-2", "t=1:17.000", "t=1:17.480-3", "t=1:02:03", "t=0:00",
        ])
        var chapters = HTMLChapterAnchors()
        #expect([("Intro", 1), ("Intro", 2), ("日本", 3), (nil, 4), ("3", 5)].map { chapters.next(title: $0.0, number: $0.1) } == [
            "chapter-intro", "chapter-intro-2", "chapter-3", "chapter-4", "chapter-3-2",
        ])
    }

    @Test func speakersAreNamedAndColouredTheSameOnEveryLine() throws {
        let names = ["Alexey:", " Alexey ", "Maria", "A", "B", "C", "D", "E", "Alexey"]
        let (page, _) = try Self.write(Self.lines(names.enumerated().map { (Int64($0.offset) * 1000, $0.element, "Line \($0.offset)") }))
        let lineClasses = page.components(separatedBy: "<p class=\"").dropFirst().map { $0.prefix { $0 != "\"" } }.filter { $0.hasPrefix("cues-line") }
        // Seven speakers: the seventh takes the first colour again.
        #expect(lineClasses == [
            "cues-line cues-s1", "cues-line cues-s1", "cues-line cues-s2", "cues-line cues-s3", "cues-line cues-s4",
            "cues-line cues-s5", "cues-line cues-s6", "cues-line cues-s1", "cues-line cues-s1",
        ])
        #expect(page.components(separatedBy: "<span class=\"cues-speaker\"><bdi>Alexey</bdi></span>").count - 1 == 3)
        #expect(page.contains("<bdi>Alexey, Maria, A, B, C, D, E</bdi>"))
    }

    @Test func textIsEscapedWhereverItGoes() throws {
        let hostile = #"<script>alert("x")</script> & "><img src=x onerror=alert(1)> </textarea>"#
        var timeline = Self.lines([(0, hostile, hostile)], chapters: [Chapter(title: hostile, cueIndex: 0)], title: hostile)
        timeline.metadata.append("podcastName", .string(hostile))
        timeline.metadata.append("author", .string(hostile))
        timeline.metadata.append("description", .string(hostile))
        timeline.metadata.append("language", .string(#"en" onload="x"#))
        let (page, _) = try Self.write(timeline, options: WriteOptions(html: HTMLWriteOptions(mediaURL: #"a.mp3" onerror="x"#)))
        let escaped = "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; \"&gt;&lt;img src=x onerror=alert(1)&gt; &lt;/textarea&gt;"
        // Title, show, heading, author, the speakers of the head, description, contents, chapter heading, speaker, line.
        #expect(page.components(separatedBy: escaped).count - 1 == 10)
        #expect(page.components(separatedBy: "<script").count - 1 == 1)
        #expect(!page.contains("<img"))
        #expect(!page.contains("lang="))
        #expect(page.contains(#"src="a.mp3%22%20onerror=%22x""#))
        // The same page with letters for the text has as many tags.
        let plain = "script alert x script and img src x onerror alert textarea"
        var letters = Self.lines([(0, plain, plain)], chapters: [Chapter(title: plain, cueIndex: 0)], title: plain)
        letters.metadata = timeline.metadata.map { Field($0.key, .string($0.key == "language" ? "en" : plain)) }.reduce(into: Fields()) { $0.append($1.key, $1.value) }
        let (plainPage, _) = try Self.write(letters, options: WriteOptions(html: HTMLWriteOptions(mediaURL: "a.mp3")))
        #expect(page.filter { $0 == "<" }.count == plainPage.filter { $0 == "<" }.count)
        #expect(page.filter { $0 == ">" }.count == plainPage.filter { $0 == ">" }.count)
    }

    @Test func whatHTMLCannotHoldBecomesAReplacementCharacterWithAWarning() throws {
        // Noncharacters cannot be written in a Swift literal.
        let nonCharacters = [0xFDD0, 0xFFFE, 0x10FFFF].map { String(UnicodeScalar($0)!) }
        let text = "a\u{1}b\u{7F}c\u{85}d\(nonCharacters[0])e\(nonCharacters[1])f\(nonCharacters[2])g\tt\u{202E}r\u{C}"
        let (page, diagnostics) = try Self.write(Self.lines([(0, "Ana\u{0}", text)], title: "T\u{9F}"))
        #expect(page.contains("<span class=\"cues-text\" dir=\"auto\">a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\tt\u{202E}r\u{C}</span>"))
        #expect(page.contains("<bdi>Ana\u{FFFD}</bdi>"))
        #expect(page.contains("<title>T\u{FFFD}</title>"))
        // Six in the line, the speaker's name twice (the line, the speakers of the head), the title twice.
        let replaced = diagnostics.filter { $0.code == "html.replaced" }
        #expect(replaced.map(\.message) == ["10 control character(s) or noncharacter(s), which HTML cannot hold, were written as U+FFFD"])
    }

    @Test func stylingBecomesHTMLAndWhatItCannotHoldIsReported() throws {
        let text: [Span] = [
            .element(SpanElement(.voice("Ana"), children: [
                .text("a "), .element(SpanElement(.italic, children: [.text("b")])), .text(" "),
                .element(SpanElement(.bold, classes: ["loud"], children: [.text("c")])), .lineBreak,
                .element(SpanElement(.underline, children: [.text("d")])), .timestamp(Timestamp(milliseconds: 500)),
                .element(SpanElement(.ruby, children: [.text("漢"), .element(SpanElement(.rubyText, children: [.text("かん")]))])),
                .element(SpanElement(.language("fr-CA"), children: [.text("e")])),
                .element(SpanElement(.language("x\" y"), children: [.text("f")])),
                .element(SpanElement(.rubyText, children: [.text("g")])),
                .element(SpanElement(.voice("Bo"), children: [.text("h")])),
            ])),
        ]
        let timeline = Timeline(cues: [Cue(start: .zero, end: Timestamp(milliseconds: 2000), text: text)])
        let (page, diagnostics) = try Self.write(timeline)
        #expect(page.contains(#"<span class="cues-speaker"><bdi>Ana</bdi></span> <span class="cues-text" dir="auto">a <i>b</i> <b>c</b><br><u>d</u><ruby>漢<rt>かん</rt></ruby><span lang="fr-CA">e</span>fgh</span>"#))
        #expect(diagnostics.map(\.code).sorted() == ["html.classes", "html.voices", "html.word-times"])
    }

    @Test func thePlayerIsAudioOrVideoByTheURLsExtension() throws {
        let timeline = Self.lines([(0, nil, "Hello")])
        for (url, element, src) in [
            ("episode.mp3", "audio", "episode.mp3"), ("https://example.org/v/Ep.MP4?t=1#x", "video", "https://example.org/v/Ep.MP4?t=1#x"),
            ("show/episode 1.webm", "video", "show/episode%201.webm"), ("épisode.m4a", "audio", "%C3%A9pisode.m4a"),
            ("a%20b%zz.ogg", "audio", "a%20b%25zz.ogg"),
        ] {
            let (page, _) = try Self.write(timeline, options: WriteOptions(html: HTMLWriteOptions(mediaURL: url)))
            let label = element == "audio" ? "Episode audio" : "Episode video"
            #expect(page.contains(#"<div class="cues-player"><\#(element) controls preload="metadata" src="\#(src)" aria-label="\#(label)"></\#(element)></div>"#), "\(url)")
        }
    }

    @Test func chaptersWithTimesStandBeforeTheFirstLineAtOrAfterThem() throws {
        let chapters = [
            Chapter(start: Timestamp(milliseconds: 20_000), title: "Third"), Chapter(start: Timestamp(milliseconds: 5000), title: "Second"),
            Chapter(start: .zero, title: "First"), Chapter(start: Timestamp(milliseconds: 100_000), title: "After"),
            Chapter(start: Timestamp(milliseconds: 7000), title: "Hidden", isInTableOfContents: false),
            Chapter(start: Timestamp(milliseconds: 8000), title: "Pictured", image: "cover.jpg"),
        ]
        let timeline = Self.lines([(0, nil, "one"), (10_000, nil, "two"), (15_000, nil, "three"), (20_000, nil, "four")], chapters: chapters)
        let (page, diagnostics) = try Self.write(timeline)
        let order = page.components(separatedBy: "<div class=\"cues-lines\">")[1].components(separatedBy: "\n").compactMap { line -> String? in
            if line.hasPrefix("<h2") { return String(line.components(separatedBy: "<bdi>").last!.prefix { $0 != "<" }) }
            if line.hasPrefix("<p") { return String(line.components(separatedBy: "dir=\"auto\">")[1].prefix { $0 != "<" }) }
            return nil
        }
        #expect(order == ["First", "one", "Second", "Pictured", "two", "three", "Third", "four", "After"])
        #expect(diagnostics.map(\.code).filter { $0.hasPrefix("html.") }.sorted() == ["html.chapter-images", "html.silent-chapters"])
    }

    @Test func aChapterStandsBeforeTheFirstLineThatStartsAtOrAfterIt() {
        // Times that go back (10 s after 12 s): 10.5 s is before the line at 12 s.
        let cues = [0, 12_000, 10_000, 20_000].map { Cue(start: Timestamp(milliseconds: $0), text: []) }
        let chapters = [10_500, 0, 12_000, 25_000].map { Chapter(start: Timestamp(milliseconds: $0)) } + [Chapter(cueIndex: 2)]
        let placement = HTMLChapterPlacement(chapters, cues: cues)
        #expect(placement.placed.map(\.line) == [0, 1, 1, 2, 4])
        #expect(placement.placed.map(\.chapter.start?.milliseconds) == [0, 10_500, 12_000, nil, 25_000])
    }

    @Test func metadataThePageDoesNotShowIsNoted() throws {
        var timeline = Self.lines([(0, nil, "Hello")], title: "Show")
        timeline.metadata.append("guests", .list([.string("Ada")]))
        timeline.metadata.append("image", .string("x.jpg"))
        let (_, diagnostics) = try Self.write(timeline)
        #expect(diagnostics.filter { $0.code == "html.metadata-not-shown" }.map(\.message) == ["2 metadata field(s) are not shown on the page: guests, image"])
    }

    @Test func linesEndWithCRLFWhenAsked() throws {
        let (page, _) = try Self.write(Self.lines([(0, nil, "Hello")]), options: WriteOptions(crlf: true, byteOrderMark: true))
        #expect(page.hasPrefix("\u{FEFF}<!DOCTYPE html>\r\n"))
        #expect(!page.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(page.hasSuffix("</html>\r\n"))
    }

    @Test func timesAreHTMLDurations() {
        #expect([0, 64_000, 7010, 3_723_500, 36_000_001].map { HTMLTranscriptPage.duration(Timestamp(milliseconds: $0)) } == [
            "PT0S", "PT1M4S", "PT7.01S", "PT1H2M3.5S", "PT10H0M0.001S",
        ])
    }

    @Test func theFormatIsAWriterOfTranscriptsAndChapters() throws {
        let format = try #require(FormatRegistry.standard[.html])
        #expect(format.reader == nil)
        #expect(format.kind == .transcript)
        #expect(format.contents == [.cues, .chapters])
        #expect(format.preferredExtension == "html")
        // A transcript is not cut into captions for the page.
        #expect(!Converter().segments(from: .episode, to: .html))
    }
}
