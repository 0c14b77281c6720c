import Foundation
import Testing
@testable import CueKit

/// Reads every timeline of an input as the converter does.
private func readFeed(
    _ bytes: [UInt8], name: String, options: ReadOptions = ReadOptions()
) throws -> (timelines: [Timeline], diagnostics: [Diagnostic]) {
    var diagnostics = Diagnostics(strict: options.strict)
    let input = try Converter(readOptions: options).read(bytes, name: name, diagnostics: &diagnostics)
    return (input.timelines, diagnostics.items)
}

private func readFeed(_ url: URL, options: ReadOptions = ReadOptions()) throws -> (timelines: [Timeline], diagnostics: [Diagnostic]) {
    try readFeed(TestFiles.bytes(url), name: url.lastPathComponent, options: options)
}

private func readFeed(_ text: String, name: String = "feed.rss", options: ReadOptions = ReadOptions()) throws -> (timelines: [Timeline], diagnostics: [Diagnostic]) {
    try readFeed(Array(text.utf8), name: name, options: options)
}

/// Writes `timelines` as one feed, as the converter does.
private func writeFeed(_ timelines: [Timeline], options: WriteOptions = WriteOptions()) throws -> (text: String, diagnostics: [Diagnostic]) {
    var diagnostics = Diagnostics()
    let bytes = try Converter(writeOptions: options).writeAll(timelines, as: .rss, diagnostics: &diagnostics)
    return (String(decoding: bytes, as: UTF8.self), diagnostics.items)
}

@Suite("RSS feeds")
struct RSSTests {
    // MARK: Reading our samples

    @Test func readsEveryModelledFieldOfTheSample() throws {
        let (items, diagnostics) = try readFeed(TestFiles.sample("rss/podcast-feed.rss"))
        #expect(diagnostics.isEmpty)
        #expect(items.count == 2)
        let episode = items[0]
        let expected: Fields = [
            Field("title", .string("Episode 2: Chapters & Captions")),
            Field("podcastName", .string("Cues Test Radio")),
            Field("guid", .string("cues-radio-0002")),
            Field("pubDate", .string("Tue, 02 Jan 2024 10:00:00 GMT")),
            Field("link", .string("https://example.com/cues-radio/2")),
            Field("description", .string("<p>Chapters, <b>captions</b> and a <a href=\"https://example.com\">link</a>.</p>")),
            Field("content", .string("<h1>Show notes</h1>")),
            Field("enclosure", .map([
                Field("url", .string("https://example.com/audio/cues-2.mp3")),
                Field("type", .string("audio/mpeg")),
                Field("length", .scalar("52428800")),
            ])),
            Field("image", .string("https://example.com/art/2.jpg")),
            Field("episode", .scalar("2")),
            Field("season", .scalar("1")),
            Field("podcastEpisode", .map([Field("number", .scalar("2.5")), Field("display", .string("Ch.2"))])),
            Field("podcastSeason", .map([Field("number", .scalar("1")), Field("name", .string("Beginnings"))])),
            Field("persons", .list([
                .map([Field("name", .string("Ada Host")), Field("role", .string("host")), Field("img", .string("https://example.com/ada.jpg"))]),
                .map([Field("name", .string("Bo Guest")), Field("role", .string("guest")), Field("group", .string("cast")), Field("href", .string("https://example.com/bo"))]),
            ])),
            Field("podcastChapters", .map([
                Field("url", .string("https://example.com/cues-radio/2/chapters.json")),
                Field("type", .string("application/json+chapters")),
            ])),
            Field("podcastTranscripts", .list([
                .map([Field("url", .string("https://example.com/cues-radio/2/transcript.vtt")), Field("type", .string("text/vtt"))]),
                .map([
                    Field("url", .string("https://example.com/cues-radio/2/transcript.srt")),
                    Field("type", .string("application/x-subrip")), Field("language", .string("de")),
                    Field("rel", .string("captions")),
                ]),
            ])),
        ]
        #expect(episode.metadata == expected)
        #expect(episode.duration == Timestamp(milliseconds: 3_723_000))
        #expect(episode.chapters.map(\.start?.milliseconds) == [0, 468_000, 2_112_250, 3_605_500])
        #expect(episode.chapters.map(\.title) == ["Welcome", "Timing", "Captions", "Goodbye"])
        #expect(episode.chapters[1].url == "https://example.com/timing")
        #expect(episode.chapters[2].image == "https://example.com/captions.png")
        #expect(episode.chapters[3].extras[.psc] == [Field("data-color", .string("blue"))])
        #expect(episode.chapters[0].location?.line == 38)
        #expect(episode.extras[.rss]?["guidIsPermaLink"] == .scalar("false"))
        // The item is kept as written for writing back (RSSPassThroughTests):
        // itunes:explicit, which has no field, in its place; the title marked
        // with the field it fills and the value it gave.
        guard case .map(let item)? = episode.extras[.rss]?["item"], case .list(let content)? = item["content"] else {
            Issue.record("expected the item kept")
            return
        }
        let elements = content.compactMap { node -> Fields? in
            if case .map(let fields) = node, fields["name"] != nil { return fields }
            return nil
        }
        #expect(elements.count == 20)
        #expect(elements[0] == [
            Field("name", .string("title")), Field("text", .string("Episode 2: Chapters & Captions")),
            Field("slot", .string("title")), Field("read", .string("Episode 2: Chapters & Captions")),
        ])
        #expect(elements[11] == [
            Field("name", .string("itunes:explicit")),
            Field("namespace", .string("http://www.itunes.com/dtds/podcast-1.0.dtd")),
            Field("text", .string("false")),
        ])

        let first = items[1]
        #expect(first.metadata["title"] == .string("Episode 1: Hello"))
        #expect(first.metadata["guid"] == .string("https://example.com/cues-radio/1"))
        #expect(first.duration == Timestamp(milliseconds: 3_723_500))
        #expect(first.chapters.isEmpty)
    }

    @Test func undeclaredPrefixesAreReadWithWarnings() throws {
        let (items, diagnostics) = try readFeed(TestFiles.sample("rss/undeclared-prefixes.rss"))
        let item = try #require(items.first)
        #expect(item.duration == Timestamp(milliseconds: 2_730_000))
        #expect(item.metadata["episode"] == .scalar("7"))
        #expect(item.metadata["persons"] == .list([.map([Field("name", .string("Sam Host")), Field("role", .string("host"))])]))
        #expect(item.metadata["podcastTranscripts"] == .list([.map([
            Field("url", .string("https://example.com/7.vtt")), Field("type", .string("text/vtt")),
        ])]))
        #expect(diagnostics.map(\.code) == ["xml.undeclared-prefix", "xml.undeclared-prefix", "xml.undeclared-prefix"])
        #expect(diagnostics.map { $0.location?.line } == [6, 8, 10])
        #expect(diagnostics[0].message.contains("'itunes:'") && diagnostics[0].message.contains("used 2 times"))
        #expect(diagnostics[0].message.contains("read as the namespace http://www.itunes.com/dtds/podcast-1.0.dtd"))
        #expect(diagnostics[2].message.contains("'googleplay:'") && diagnostics[2].message.contains("not understood"))
        #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.format == .rss && ($0.location?.column ?? 0) > 1 })

        // Strict: reading a prefix as a namespace is a repair, so an error.
        #expect(throws: Diagnostic.self) {
            try readFeed(TestFiles.sample("rss/undeclared-prefixes.rss"), options: ReadOptions(strict: true))
        }
    }

    @Test func namespaceVariantsAndOtherPrefixesAreRead() throws {
        let (items, diagnostics) = try readFeed(TestFiles.sample("rss/namespace-variants.rss"))
        #expect(diagnostics.isEmpty)
        #expect(items.map(\.duration?.milliseconds) == [600_000, 1_200_000])
        #expect(items[0].metadata["podcastSeason"] == .map([Field("number", .scalar("3"))]))
        #expect(items[0].chapters.map(\.title) == ["Start", "Middle"])
        #expect(items[0].chapters.map(\.start?.milliseconds) == [0, 300_000])
        #expect(items[1].chapters.map(\.title) == ["One"])
    }

    @Test func durationFormsAndBadDurations() throws {
        func duration(_ text: String) throws -> (Timestamp?, [String]) {
            let feed = "<rss xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><item><title>t</title><itunes:duration>\(text)</itunes:duration></item></channel></rss>"
            let (items, diagnostics) = try readFeed(feed)
            return (items.first?.duration, diagnostics.map(\.code))
        }
        #expect(try duration("3723") == (Timestamp(milliseconds: 3_723_000), []))
        #expect(try duration("3723.25") == (Timestamp(milliseconds: 3_723_250), []))
        #expect(try duration("5:07") == (Timestamp(milliseconds: 307_000), []))
        #expect(try duration("75:30") == (Timestamp(milliseconds: 4_530_000), []))
        #expect(try duration("1:02:03") == (Timestamp(milliseconds: 3_723_000), []))
        #expect(try duration(" 01:02:03 ") == (Timestamp(milliseconds: 3_723_000), []))
        #expect(try duration("") == (nil, []))
        #expect(try duration("1:99") == (Timestamp(milliseconds: 159_000), ["rss.duration-not-normalized"]))
        #expect(try duration("about an hour") == (nil, ["rss.bad-duration"]))
    }

    // MARK: Choosing an item

    @Test func itemSelectionByNumberGuidAndTitle() throws {
        let bytes = try TestFiles.bytes(TestFiles.sample("rss/podcast-feed.rss"))
        func pick(_ text: String) throws -> String? {
            let (items, _) = try readFeed(bytes, name: "feed.rss", options: ReadOptions(item: ItemSelector(text)))
            #expect(items.count == 1)
            return items.first?.metadata["title"]?.text
        }
        #expect(try pick("1") == "Episode 2: Chapters & Captions")
        #expect(try pick("2") == "Episode 1: Hello")
        #expect(try pick("https://example.com/cues-radio/1") == "Episode 1: Hello")
        #expect(try pick("cues-radio-0002") == "Episode 2: Chapters & Captions")
        #expect(try pick("Episode 1: Hello") == "Episode 1: Hello")
        do {
            _ = try pick("3")
            Issue.record("expected an error")
        } catch let error as Diagnostic {
            #expect(error.code == "input.no-such-item")
            #expect(error.message.contains("found '3'"))
            #expect(error.message.contains("1 'Episode 2: Chapters & Captions', 2 'Episode 1: Hello'"))
        }
    }

    @Test func aSingleTimelineOutputTakesTheFirstItemWithAWarning() throws {
        let bytes = try TestFiles.bytes(TestFiles.sample("rss/podcast-feed.rss"))
        var diagnostics = Diagnostics()
        let conversion = try Converter().convert(bytes, name: "feed.rss", to: [.psc, .rss], diagnostics: &diagnostics)
        let warnings = diagnostics.items.filter { $0.code == "input.first-item" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("holds 2 items") == true)
        #expect(warnings.first?.message.contains("'Episode 2: Chapters & Captions'") == true)
        let psc = String(decoding: conversion.outputs[0].bytes, as: UTF8.self)
        #expect(psc.contains("title=\"Welcome\""))
        // The feed output holds both items.
        let rss = String(decoding: conversion.outputs[1].bytes, as: UTF8.self)
        #expect(rss.components(separatedBy: "<item>").count == 3)

        // With --item, no warning.
        var selected = Diagnostics()
        _ = try Converter(readOptions: ReadOptions(item: ItemSelector("2")))
            .convert(bytes, name: "feed.rss", to: [.psc], diagnostics: &selected)
        #expect(!selected.items.contains { $0.code == "input.first-item" })
    }

    // MARK: Writing

    @Test func writtenFeedIsWellFormedDeclaresNamespacesAndReadsBack() throws {
        let (items, _) = try readFeed(TestFiles.sample("rss/podcast-feed.rss"))
        // Read from a feed, the items come back as they were written
        // (RSSPassThroughTests); without what the reader kept of the feed,
        // they are written in the form of a feed cues makes.
        let passedThrough = try writeFeed(items).text
        #expect(passedThrough.contains("<itunes:duration>1:02:03</itunes:duration>"))
        #expect(passedThrough.contains("<psc:chapter start=\"7:48\" title=\"Timing\" href=\"https://example.com/timing\"/>"))
        let made = items.map { item in
            var item = item
            item.extras[.rss]?["item"] = nil
            item.extras[.rss]?["document"] = nil
            return item
        }
        let (text, _) = try writeFeed(made)
        let tree = try XMLTreeParser.parse(Array(text.utf8), name: "written.rss", format: .rss)
        #expect(tree.problems.isEmpty)
        #expect(tree.root.localName == "rss")
        #expect(tree.root.attribute("version") == "2.0")
        for (prefix, uri) in [
            ("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"), ("podcast", "https://podcastindex.org/namespace/1.0"),
            ("psc", "http://podlove.org/simple-chapters"), ("content", "http://purl.org/rss/1.0/modules/content/"),
        ] {
            #expect(text.contains("xmlns:\(prefix)=\"\(uri)\""), "\(prefix)")
        }
        #expect(text.contains("<itunes:duration>3723</itunes:duration>"))
        #expect(text.contains("<psc:chapter start=\"00:07:48.000\" title=\"Timing\" href=\"https://example.com/timing\"/>"))
        #expect(text.contains("<guid isPermaLink=\"false\">cues-radio-0002</guid>"))
        #expect(text.contains("<enclosure url=\"https://example.com/audio/cues-2.mp3\" length=\"52428800\" type=\"audio/mpeg\"/>"))

        for written in [passedThrough, text] {
            let (reread, diagnostics) = try readFeed(written, name: "written.rss")
            #expect(diagnostics.isEmpty)
            #expect(reread.count == items.count)
            for (again, original) in zip(reread, items) {
                #expect(again.metadata == original.metadata)
                #expect(again.chapters.map(\.start) == original.chapters.map(\.start))
                #expect(again.chapters.map(\.title) == original.chapters.map(\.title))
                #expect(again.chapters.map(\.url) == original.chapters.map(\.url))
                #expect(again.chapters.map(\.image) == original.chapters.map(\.image))
                #expect(again.chapters.map(\.extras) == original.chapters.map(\.extras))
                #expect(again.extras[.rss]?["guidIsPermaLink"] == original.extras[.rss]?["guidIsPermaLink"])
            }
            #expect(written != passedThrough || reread.map(\.extras) == items.map(\.extras))
            #expect(reread[0].duration == items[0].duration)
            // Whole seconds: 3723.5 s is written as 3724 by a feed cues makes.
            #expect(reread[1].duration == Timestamp(milliseconds: written == text ? 3_724_000 : 3_723_500))
        }
    }

    /// `xmllint` on PATH, if any.
    static let xmllint: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test(.enabled(if: RSSTests.xmllint != nil, "xmllint is not on PATH"))
    func writtenFeedPassesXmllint() throws {
        let xmllint = try #require(Self.xmllint)
        var timelines = try readFeed(TestFiles.sample("rss/podcast-feed.rss")).timelines
        timelines[1].metadata["title"] = .string("Control \u{1} & <odd> ]]> text")
        let (text, _) = try writeFeed(timelines, options: WriteOptions(baseURL: "https://cdn.example.com/pod"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cues-\(UUID().uuidString).rss")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--nonet", file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
    }

    @Test func episodeBecomesAFeedItemWithChaptersAndReportsTheTranscript() throws {
        let (episode, _) = try Convert.read(TestFiles.sample("episode/minimal.md"))
        let (text, diagnostics) = try Convert.write(episode, as: .rss)
        #expect(text.contains("<title>A Minimal Episode</title>"))
        #expect(diagnostics.map(\.code).contains("rss.transcript-not-written"))
        #expect(!text.contains("podcast:transcript"))
    }

    @Test func baseURLLinksSiblingFilesNamedByTheContract() throws {
        var timeline = Timeline(metadata: [Field("title", .string("Episode 2: Chapters & Captions"))])
        timeline.chapters = [Chapter(start: .zero, title: "Intro")]
        timeline.cues = [Cue(start: .zero, end: Timestamp(milliseconds: 1000), text: [.text("Hi")])]
        let second = Timeline(metadata: [Field("title", .string("Episode 2: Chapters & Captions"))], cues: timeline.cues)
        let third = Timeline(metadata: [Field("guid", .string("urn:uuid:ABC-1"))])
        #expect(RSSSiblingFiles.stems(for: [timeline, second, third, Timeline()]) == [
            "episode-2-chapters-captions", "episode-2-chapters-captions-2", "urn-uuid-abc-1", "item-4",
        ])
        let (text, diagnostics) = try writeFeed([timeline, second, third], options: WriteOptions(baseURL: "https://cdn.example.com/pod/"))
        #expect(text.contains("<podcast:chapters url=\"https://cdn.example.com/pod/episode-2-chapters-captions.chapters.json\" type=\"application/json+chapters\"/>"))
        #expect(text.contains("<podcast:transcript url=\"https://cdn.example.com/pod/episode-2-chapters-captions.vtt\" type=\"text/vtt\"/>"))
        #expect(text.contains("<podcast:transcript url=\"https://cdn.example.com/pod/episode-2-chapters-captions-2.vtt\" type=\"text/vtt\"/>"))
        #expect(text.components(separatedBy: "podcast:chapters").count == 2)
        #expect(diagnostics.map(\.code) == ["rss.sibling-links"])
        #expect(diagnostics.first?.message.contains("linked 1 chapters file(s)") == true)
        #expect(diagnostics.first?.message.contains("2 transcript file(s)") == true)
    }

    @Test func writerReportsMetadataItCannotPlace() throws {
        let timeline = Timeline(metadata: [Field("title", .string("t")), Field("guests", .list([.string("Ann")]))])
        let (_, diagnostics) = try writeFeed([timeline])
        #expect(diagnostics.map(\.code) == ["rss.metadata-dropped"])
        #expect(diagnostics.first?.message.contains("'guests'") == true)
    }

    // MARK: Linked files beside the feed

    @Test func linkedFilesBesideTheFeedAreReadThroughTheRegistry() throws {
        let directory = TestFiles.sample("rss/local-links")
        let url = directory.appendingPathComponent("feed.rss")
        let (items, diagnostics) = try readFeed(url, options: ReadOptions(linkedFiles: DirectoryFiles(directory: directory.path)))
        #expect(items.count == 3)
        // Relative links: a PSC chapters file and a timeline transcript.
        #expect(items[0].chapters.map(\.title) == ["Linked intro", "Linked main part"])
        #expect(items[0].chapters.map(\.start?.milliseconds) == [0, 90_000])
        #expect(items[0].cues.map(\.plainText) == ["Hello from a linked transcript.", "Read beside the feed."])
        #expect(items[0].cues.map(\.speaker) == ["Ada", "Bo"])
        // The links themselves are kept.
        #expect(items[0].metadata["podcastChapters"] == .map([
            Field("url", .string("ep1.psc.xml")), Field("type", .string("application/psc+xml")),
        ]))
        // An https link whose file name lies beside the feed: read when cues
        // has a JSON chapters reader, else skipped with a note.
        let jsonChapters = FormatRegistry.standard.formats(forMediaType: "application/json+chapters")
            .contains { $0.reader != nil && $0.kind == .chapters }
        if jsonChapters {
            #expect(items[1].chapters.map(\.title) == ["JSON intro", "JSON second"])
            #expect(items[1].chapters.map(\.start?.milliseconds) == [0, 42_500])
        } else {
            #expect(items[1].chapters.isEmpty)
            let note = diagnostics.first { $0.code == "rss.reference-no-reader" }
            #expect(note?.severity == .note)
            #expect(note?.location?.line == 11)
            #expect(note?.message.contains("ep2.chapters.json") == true)
        }
        // Links outside the directory or to other schemes are never opened.
        #expect(items[2].chapters.isEmpty && items[2].cues.isEmpty)
        #expect(!diagnostics.contains { ($0.location?.line ?? 0) >= 14 && $0.code.hasPrefix("rss.reference") })
        #expect(diagnostics.filter { $0.code == "rss.chapters-file-read" || $0.code == "rss.transcript-file-read" }.count == (jsonChapters ? 3 : 2))

        // Without a resolver nothing is opened.
        let (unresolved, quiet) = try readFeed(url)
        #expect(unresolved.allSatisfy { $0.chapters.isEmpty && $0.cues.isEmpty })
        #expect(quiet.isEmpty)
    }

    @Test func localLinksStayInsideTheFeedsDirectory() {
        #expect(FeedReferences.localComponents(of: "ep1.psc.xml") == ["ep1.psc.xml"])
        #expect(FeedReferences.localComponents(of: "./files/ep1.psc.xml") == ["files", "ep1.psc.xml"])
        #expect(FeedReferences.localComponents(of: "ep1%2Epsc.xml") == ["ep1.psc.xml"])
        #expect(FeedReferences.localComponents(of: "https://example.com/a/ep1.psc.xml?x=1") == ["ep1.psc.xml"])
        #expect(FeedReferences.localComponents(of: "../local-links/ep1.psc.xml") == nil)
        #expect(FeedReferences.localComponents(of: "..%2Flocal-links%2Fep1.psc.xml") == nil)
        #expect(FeedReferences.localComponents(of: "/etc/hostname") == nil)
        #expect(FeedReferences.localComponents(of: "file:///etc/hostname") == nil)
        #expect(FeedReferences.localComponents(of: "ftp://example.com/ep1.psc.xml") == nil)
    }

    @Test func directoryFilesFollowNoLink() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cues-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("real"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("WEBVTT\n".utf8).write(to: directory.appendingPathComponent("real/ep.vtt"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("passwd.vtt").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("inside.vtt").path, withDestinationPath: "real/ep.vtt")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("folder").path, withDestinationPath: "real")
        let files = DirectoryFiles(directory: directory.path)

        #expect(try files.file(at: ["real", "ep.vtt"])?.bytes == Array("WEBVTT\n".utf8))
        #expect(try files.file(at: ["missing.vtt"]) == nil)
        for components in [["passwd.vtt"], ["inside.vtt"], ["folder", "ep.vtt"]] {
            #expect(throws: LinkedFileError.self, "\(components)") { try files.file(at: components) }
        }
        do {
            _ = try files.file(at: ["passwd.vtt"])
        } catch {
            #expect(error.reason == "'passwd.vtt' is a symbolic link, which is not followed beside an input")
            #expect(error.name == directory.path + "/passwd.vtt")
        }
        #expect(throws: LinkedFileError.self) { try files.file(at: [".."]) }
        #expect(throws: LinkedFileError.self) { try files.file(at: ["real"]) }
    }

    @Test func aLinkedSymbolicLinkIsReportedNotRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cues-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret.txt")
        try Data("WEBVTT\n\n00:00.000 --> 00:01.000\nSECRET LINE\n".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("passwd.vtt").path, withDestinationPath: secret.path)
        let feed = directory.appendingPathComponent("feed.rss")
        try Data("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
            <channel><title>Show</title>
            <item><title>One</title>
            <podcast:transcript url="passwd.vtt" type="text/vtt"/>
            </item></channel></rss>
            """.utf8).write(to: feed)
        let (items, diagnostics) = try readFeed(feed, options: ReadOptions(linkedFiles: DirectoryFiles(directory: directory.path)))
        #expect(items.count == 1)
        #expect(items[0].cues.isEmpty)
        #expect(!diagnostics.contains { $0.message.contains("SECRET") })
        let warning = try #require(diagnostics.first { $0.code == "rss.reference-unreadable" })
        #expect(warning.location?.line == 4, "the item that links it")
        #expect(warning.message == "found the transcript file '\(directory.path)/passwd.vtt' beside the feed but did not read it: 'passwd.vtt' is a symbolic link, which is not followed beside an input; the link is kept")
    }

    // MARK: Sniffing

    @Test func sniffsFeedsByTheirRootElement() throws {
        let registry = FormatRegistry.standard
        #expect(registry.sniff(Array("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">".utf8))?.id == .rss)
        #expect(registry.sniff(Array("<feed xmlns=\"http://www.w3.org/2005/Atom\">".utf8))?.id == .rss)
        #expect(registry.sniff(Array("<feed><title>x</title></feed>".utf8)) == nil)
        #expect(registry.sniff(Array("<rsss/>".utf8)) == nil)
        #expect(registry.format(forFileName: "show.rss")?.id == .rss)
    }

    // MARK: The corpus

    @Test(.enabled(if: TestFiles.hasCorpus))
    func everyGpodderFeedReadsAndAgreesWithItsJSON() throws {
        let feeds = TestFiles.corpusFiles("rss/gpodder-podcastparser", extensions: ["rss"])
        #expect(feeds.count == 70)
        // podcastparser leaves out items without an enclosure URL, and one
        // test limits it to one episode; cues keeps every item.
        let itemsPodcastparserDrops = [
            "no_enclosure.rss": 1, "no_url.rss": 1, "no_title_multi_enclosure.rss": 1, "max_episodes.rss": 1,
        ]
        var compared = (items: 0, durations: 0, chapters: 0)
        for feed in feeds {
            let (items, _) = try readFeed(feed)
            let json = try JSONParser.parse(
                TestFiles.bytes(feed.deletingPathExtension().appendingPathExtension("json")), name: nil, format: nil)
            guard case .array(let episodes)? = json["episodes"]?.kind else {
                Issue.record("\(feed.lastPathComponent): no episodes in the JSON")
                continue
            }
            let name = feed.lastPathComponent
            #expect(items.count == episodes.count + (itemsPodcastparserDrops[name] ?? 0), "\(name)")
            if let podcastName = items.first?.metadata["podcastName"]?.text {
                #expect(json["title"]?.string == podcastName, "\(name)")
            }
            for episode in episodes {
                let title = episode["title"]?.string
                let enclosureURL = episode["enclosures"].flatMap { value -> String? in
                    guard case .array(let list) = value.kind else { return nil }
                    return list.first?["url"]?.string
                }
                // Match by title; podcastparser makes up a title (from the
                // enclosure's file name) for an item without one.
                var item = items.first { $0.metadata["title"]?.text == title }
                if item == nil {
                    item = items.first { enclosure($0)?["url"]?.text == enclosureURL && $0.metadata["title"] == nil }
                }
                guard let item else {
                    Issue.record("\(name): no item for episode '\(title ?? "")'")
                    continue
                }
                compared.items += 1
                let totalTime = episode["total_time"].flatMap { Int64($0.numberText ?? "") } ?? 0
                #expect((item.duration?.milliseconds ?? 0) / 1000 == totalTime, "\(name) duration")
                if totalTime > 0 { compared.durations += 1 }

                if let enclosureURL, let ours = enclosure(item) {
                    // podcastparser resolves a relative URL against the feed's address.
                    let url = ours["url"]?.text ?? ""
                    if url.contains(":") {
                        #expect(url == enclosureURL, "\(name) enclosure")
                    } else {
                        #expect(enclosureURL.hasSuffix("/" + url), "\(name) enclosure")
                    }
                    let first = episode["enclosures"].flatMap { value -> JSONValue? in
                        guard case .array(let list) = value.kind else { return nil }
                        return list.first
                    }
                    if let type = ours["type"]?.text { #expect(first?["mime_type"]?.string == type, "\(name) type") }
                    if let length = ours["length"]?.text { #expect(first?["file_size"]?.numberText == length, "\(name) length") }
                }
                if let chaptersURL = episode["chapters_json_url"]?.string {
                    guard case .map(let link)? = item.metadata["podcastChapters"] else {
                        Issue.record("\(name): podcast:chapters not read")
                        continue
                    }
                    #expect(link["url"]?.text == chaptersURL)
                }
                if let transcriptURL = episode["transcript_url"]?.string {
                    guard case .list(let links)? = item.metadata["podcastTranscripts"], case .map(let link)? = links.first else {
                        Issue.record("\(name): podcast:transcript not read")
                        continue
                    }
                    #expect(link["url"]?.text == transcriptURL)
                }
                if case .array(let persons)? = episode["persons"]?.kind {
                    guard case .list(let ours)? = item.metadata["persons"] else {
                        Issue.record("\(name): podcast:person not read")
                        continue
                    }
                    #expect(ours.compactMap { value -> String? in
                        guard case .map(let fields) = value else { return nil }
                        return fields["name"]?.text
                    } == persons.map { $0["name"]?.string })
                }
                let chapters: [JSONValue] = {
                    guard case .array(let list)? = episode["chapters"]?.kind else { return [] }
                    return list
                }()
                #expect(item.chapters.count == chapters.count, "\(name) chapters")
                for (ours, theirs) in zip(item.chapters, chapters) {
                    compared.chapters += 1
                    #expect((ours.start?.milliseconds ?? -1) / 1000 == Int64(theirs["start"]?.numberText ?? ""), "\(name)")
                    #expect(ours.title == theirs["title"]?.string)
                    #expect(ours.url == theirs["href"]?.string)
                    #expect(ours.image == theirs["image"]?.string)
                }
            }
        }
        // Every episode of the 69 JSON files (max_episodes.param.json aside), 5 non-zero durations.
        #expect(compared.items == 52)
        #expect(compared.durations == 5)
        #expect(compared.chapters == 5)
        print("gpodder corpus: \(feeds.count) feeds, \(compared.items) episodes, \(compared.durations) durations and \(compared.chapters) chapters compared with podcastparser's JSON")
    }

    private func enclosure(_ timeline: Timeline) -> Fields? {
        if case .map(let fields)? = timeline.metadata["enclosure"] { return fields }
        return nil
    }

    @Test(.enabled(if: TestFiles.hasCorpus))
    func brokenBadpodFeedsGiveLocatedErrorsOrWarnings() throws {
        func outcome(_ name: String) throws -> (items: [Timeline], diagnostics: [Diagnostic], error: Diagnostic?) {
            let url = try #require(TestFiles.corpusFiles("rss/badpod", extensions: ["xml"]).first { $0.lastPathComponent == name })
            do {
                let (items, diagnostics) = try readFeed(url)
                return (items, diagnostics, nil)
            } catch let error as Diagnostic {
                return ([], [], error)
            }
        }
        let empty = try outcome("empty_file.xml")
        #expect(empty.error?.code == "xml.empty")
        #expect(empty.error?.location == SourceLocation(file: "empty_file.xml", line: 1, column: 1))

        let declarationOnly = try outcome("empty_xml.xml")
        #expect(declarationOnly.error?.code == "xml.empty")
        #expect(declarationOnly.error?.location?.line == 2)

        let notRSS = try outcome("root_not_rss.xml")
        #expect(notRSS.error?.code == "rss.root")
        #expect(notRSS.error?.location == SourceLocation(file: "root_not_rss.xml", line: 2, column: 1))
        #expect(notRSS.error?.message == "expected an <rss> root element (or an Atom <feed>), found <feed>")

        let emptyRSS = try outcome("empty_rss.xml")
        #expect(emptyRSS.items.isEmpty)
        #expect(emptyRSS.diagnostics.map(\.code) == ["rss.no-channel"])
        #expect(emptyRSS.diagnostics.first?.location?.line == 2)

        let simple = try outcome("simple_feed.xml")
        #expect(simple.diagnostics.map(\.code) == ["rss.no-items"])
        #expect(simple.diagnostics.first?.location?.line == 3)

        let strange = try outcome("strange_feed.xml")
        #expect(strange.diagnostics.map(\.code) == ["rss.unexpected-text", "rss.misplaced-element", "rss.no-items"])
        #expect(strange.diagnostics.map { $0.location?.line } == [2, 4, 6])

        let test = try outcome("test_feed.xml")
        #expect(test.error == nil)
        #expect(test.items.count == 3)

        // The older copy of the namespace example uses the GitHub alias of the podcast namespace.
        let example = try outcome("podcast_namespace_example.xml")
        #expect(example.items.count == 3)
        #expect(example.items.allSatisfy { $0.metadata["podcastChapters"] != nil && $0.metadata["persons"] != nil })
    }

    @Test(.enabled(if: TestFiles.hasCorpus))
    func podcastNamespaceExampleReads() throws {
        let url = try #require(TestFiles.corpusFiles("rss/podcast-namespace", extensions: ["xml"]).first { $0.lastPathComponent == "example.xml" })
        let (items, diagnostics) = try readFeed(url)
        #expect(diagnostics.isEmpty)
        #expect(items.map { $0.metadata["title"]?.text } == ["Episode 3 - The Future", "Episode 2 - The Present", "Episode 1 - The Past"])
        let latest = items[0]
        #expect(latest.metadata["podcastSeason"] == .map([Field("number", .scalar("1")), Field("name", .string("Podcasting 2.0"))]))
        #expect(latest.metadata["podcastEpisode"] == .map([Field("number", .scalar("3"))]))
        #expect(latest.metadata["podcastChapters"] == .map([
            Field("url", .string("https://example.com/ep3_chapters.json")), Field("type", .string("application/json")),
        ]))
        guard case .list(let transcripts)? = latest.metadata["podcastTranscripts"],
              case .list(let persons)? = latest.metadata["persons"] else {
            Issue.record("expected transcripts and persons")
            return
        }
        #expect(transcripts.count == 2)
        #expect(transcripts[1] == .map([
            Field("url", .string("https://example.com/episode1/transcript.vtt")), Field("type", .string("text/vtt")),
            Field("language", .string("es")), Field("rel", .string("captions")),
        ]))
        #expect(persons.count == 3)
        #expect(persons[2] == .map([
            Field("name", .string("Becky Smith")), Field("role", .string("cover art designer")),
            Field("group", .string("visuals")), Field("href", .string("https://example.com/artist/beckysmith")),
        ]))

        // Written back: every item, and the channel's podcast: elements, survive.
        let (text, _) = try writeFeed(items)
        let (reread, rereadDiagnostics) = try readFeed(text, name: "again.rss")
        #expect(rereadDiagnostics.isEmpty)
        #expect(reread.map(\.metadata) == items.map(\.metadata))
        #expect(reread.map(\.extras) == items.map(\.extras))
    }
}

extension JSONValue {
    /// A number's text as written.
    fileprivate var numberText: String? {
        if case .number(let text) = kind { return text }
        return nil
    }
}
