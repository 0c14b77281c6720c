import Foundation
import Testing
@testable import CueKit

/// A feed read and written back as RSS is the podcaster's own feed: every
/// element, attribute, namespace declaration, comment, processing
/// instruction, CDATA section and the layout, in order; an element the
/// model maps changes, in its place and form, only when its value changed.
@Suite("RSS feeds pass through whole")
struct RSSPassThroughTests {
    static let sample = TestFiles.sample("rss/pass-through.rss")

    private func read(_ bytes: [UInt8], options: ReadOptions = ReadOptions()) throws -> [Timeline] {
        var diagnostics = Diagnostics()
        return try Converter(readOptions: options).read(bytes, name: "feed.rss", diagnostics: &diagnostics).timelines
    }

    private func write(_ timelines: [Timeline], baseURL: String? = nil) throws -> (text: String, diagnostics: [Diagnostic]) {
        var diagnostics = Diagnostics()
        let bytes = try Converter(writeOptions: WriteOptions(baseURL: baseURL)).writeAll(timelines, as: .rss, diagnostics: &diagnostics)
        return (String(decoding: bytes, as: UTF8.self), diagnostics.items)
    }

    private func sampleText() throws -> String {
        String(decoding: try TestFiles.bytes(Self.sample), as: UTF8.self)
    }

    /// `text` with `old` (which must occur once) replaced by `new`.
    private func replacing(_ old: String, with new: String, in text: String) -> String {
        #expect(text.components(separatedBy: old).count == 2, "expected '\(old)' once")
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test func aFeedComesBackByteForByte() throws {
        let input = try sampleText()
        let timelines = try read(Array(input.utf8))
        #expect(timelines.count == 2)
        #expect(timelines[0].metadata["title"] == .string("Third, by its iTunes title"))
        #expect(timelines[0].chapters.map(\.title) == ["Start", "Middle"])
        let (text, diagnostics) = try write(timelines)
        #expect(diagnostics.isEmpty)
        #expect(text == input)
    }

    @Test func throughTheConverterWithTimesInferredToo() throws {
        let input = try sampleText()
        var diagnostics = Diagnostics()
        let conversion = try Converter().convert(Array(input.utf8), name: "feed.rss", to: [.rss], diagnostics: &diagnostics)
        #expect(String(decoding: conversion.outputs[0].bytes, as: UTF8.self) == input)
    }

    @Test func aChangedTitleChangesOnlyItsElementInItsForm() throws {
        var timelines = try read(Array(try sampleText().utf8))
        timelines[0].metadata["title"] = .string("New & improved")
        timelines[1].metadata["pubDate"] = .string("Wed, 03 Jan 2024 10:00:00 GMT")
        let (text, _) = try write(timelines)
        var expected = replacing(
            "<it:title>Third, by its iTunes title</it:title>", with: "<it:title>New &amp; improved</it:title>", in: try sampleText())
        expected = replacing("Tue, 02 Jan 2024", with: "Wed, 03 Jan 2024", in: expected)
        #expect(text == expected)
    }

    @Test func changedChaptersAreWrittenInPlaceInTheFeedsIndentation() throws {
        var timelines = try read(Array(try sampleText().utf8))
        timelines[0].chapters[1].start = Timestamp(milliseconds: 1_260_000)
        let (text, _) = try write(timelines)
        var expected = replacing("<psc:chapter start=\"0\" title=\"Start\"/>", with: "<psc:chapter start=\"00:00:00.000\" title=\"Start\"/>", in: try sampleText())
        expected = replacing("<psc:chapter start=\"20:00\" title=\"Middle\"/>", with: "<psc:chapter start=\"00:21:00.000\" title=\"Middle\"/>", in: expected)
        #expect(text == expected)
    }

    @Test func aChangedAttributeKeepsTheOthersInTheirOrder() throws {
        var timelines = try read(Array(try sampleText().utf8))
        timelines[0].metadata["enclosure"] = .map([
            Field("url", .string("https://cdn.example.com/3.mp3")), Field("type", .string("audio/mpeg")),
            Field("length", .scalar("456")),
        ])
        timelines[0].duration = Timestamp(milliseconds: 2_701_400)
        let (text, diagnostics) = try write(timelines)
        var expected = replacing(
            "<enclosure type=\"audio/mpeg\" url=\"https://example.com/3.mp3\" length=\"123\"/>",
            with: "<enclosure type=\"audio/mpeg\" url=\"https://cdn.example.com/3.mp3\" length=\"456\"/>", in: try sampleText())
        expected = replacing("<it:duration>00:45:00</it:duration>", with: "<it:duration>2701</it:duration>", in: expected)
        #expect(text == expected)
        #expect(diagnostics.map(\.code) == ["rss.duration-rounded"])
    }

    @Test func aRemovedFieldTakesItsElementAndItsLineAway() throws {
        var timelines = try read(Array(try sampleText().utf8))
        timelines[0].metadata["guid"] = nil
        timelines[1].metadata["persons"] = .list([.map([Field("name", .string("Cy")), Field("role", .string("host"))])])
        let (text, _) = try write(timelines)
        var expected = replacing("\n\t\t\t<guid isPermaLink=\"false\">ep-3</guid>", with: "", in: try sampleText())
        expected = replacing(
            "<podcast:person role=\"host\">Ann</podcast:person>\n\t\t\t<podcast:person role=\"guest\">Bo</podcast:person>",
            with: "<podcast:person role=\"host\">Cy</podcast:person>", in: expected)
        #expect(text == expected)
    }

    @Test func baseURLLinksAreAddedAtTheEndOfTheItemOrReplacedInPlace() throws {
        var timelines = try read(Array(try sampleText().utf8))
        timelines[1].cues = [Cue(start: .zero, end: Timestamp(milliseconds: 1000), text: [.text("Hi")])]
        let (text, diagnostics) = try write(timelines, baseURL: "https://cdn.example.com/show/")
        var expected = replacing(
            "<description><![CDATA[<p>Third</p>]]></description>\n",
            with: "<description><![CDATA[<p>Third</p>]]></description>\n\t\t\t<podcast:chapters url=\"https://cdn.example.com/show/third-by-its-itunes-title.chapters.json\" type=\"application/json+chapters\"/>\n",
            in: try sampleText())
        expected = replacing(
            "<child>in the default namespace</child></default>\n",
            with: "<child>in the default namespace</child></default>\n\t\t\t<podcast:transcript url=\"https://cdn.example.com/show/second.vtt\" type=\"text/vtt\"/>\n",
            in: expected)
        #expect(text == expected)
        #expect(diagnostics.map(\.code) == ["rss.sibling-links"])

        // Written again with the links in place, they are replaced where they are.
        var again = try read(Array(text.utf8))
        again[0].chapters.removeLast()
        again[1].cues = timelines[1].cues
        let (rewritten, _) = try write(again, baseURL: "https://cdn.example.com/show/")
        #expect(rewritten == replacing("\n\t\t\t\t<psc:chapter start=\"20:00\" title=\"Middle\"/>", with: "", in: replacing(
            "<psc:chapter start=\"0\" title=\"Start\"/>", with: "<psc:chapter start=\"00:00:00.000\" title=\"Start\"/>", in: text)))
    }

    @Test func aLinkInAFeedWithoutThePodcastNamespaceDeclaresItItself() throws {
        let feed = "<rss version=\"2.0\"><channel><title>S</title><item><title>One</title><psc:chapters xmlns:psc=\"http://podlove.org/simple-chapters\"><psc:chapter start=\"0\" title=\"A\"/></psc:chapters></item></channel></rss>\n"
        let (text, _) = try write(try read(Array(feed.utf8)), baseURL: "https://cdn.example.com")
        #expect(text == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + replacing(
            "</psc:chapters></item>",
            with: "</psc:chapters>\n      <podcast:chapters xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" url=\"https://cdn.example.com/one.chapters.json\" type=\"application/json+chapters\"/></item>",
            in: feed))
    }

    @Test func undeclaredFeedPrefixesAreDeclaredOnTheRootAndUnknownOnesLeftOut() throws {
        let feed = "<rss version=\"2.0\"><channel><item><title>t</title><itunes:duration>60</itunes:duration><googleplay:author>G</googleplay:author></item></channel></rss>"
        let (text, diagnostics) = try write(try read(Array(feed.utf8)))
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><item><title>t</title><itunes:duration>60</itunes:duration></item></channel></rss>

            """)
        #expect(diagnostics.map(\.code) == ["rss.element-dropped"])
    }

    @Test func oneChosenItemTakesTheFirstItemsPlace() throws {
        let input = try sampleText()
        let timelines = try read(Array(input.utf8), options: ReadOptions(item: ItemSelector("2")))
        #expect(timelines.count == 1)
        let (text, _) = try write(timelines)
        let lines = input.components(separatedBy: "\n")
        let first = try #require(lines.firstIndex(of: "\t\t<item id=\"ep3\">"))
        let comment = try #require(lines.firstIndex(of: "\t\t<!-- older episodes -->"))
        let second = try #require(lines.lastIndex(of: "\t\t<item>"))
        let end = try #require(lines.lastIndex(of: "\t\t</item>"))
        let expected = lines[..<first] + lines[second...end] + [lines[comment]] + lines[(end + 1)...]
        #expect(text == expected.joined(separator: "\n"))
    }

    @Test func itemsMovedIntoANewFeedDeclareWhatTheyUse() throws {
        let items = try read(Array(try sampleText().utf8))
        var made = Timeline(metadata: [Field("title", .string("Made here"))])
        made.duration = Timestamp(milliseconds: 60_000)
        let (text, diagnostics) = try write([made] + items)
        #expect(diagnostics.isEmpty)
        // A feed cues makes: its own channel and layout, then the items as they were.
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:itunes="))
        #expect(text.contains("\n    <item>\n      <title>Made here</title>\n      <itunes:duration>60</itunes:duration>\n    </item>"))
        #expect(text.contains("<item id=\"ep3\">\n\t\t\t<it:title xmlns:it=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">Third, by its iTunes title</it:title>\n\t\t\t<dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Ann</dc:creator>"))
        let reread = try read(Array(text.utf8))
        #expect(reread.map(\.metadata).dropFirst() == items.map(\.metadata).map { metadata in
            var metadata = metadata
            metadata["podcastName"] = .string("Made here")
            return metadata
        }[...])
        #expect(reread[1].chapters == items[0].chapters)
    }
}
