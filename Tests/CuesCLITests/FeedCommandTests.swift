import Foundation
import Testing

/// Feeds on the command line: --item, --base-url, linked files beside the feed.
@Suite("cues convert with feeds")
struct FeedCommandTests {
    @Test func itemPicksOneEpisodeAndWithoutItTheFirstIsTakenWithAWarning() throws {
        let feed = Cues.sample("rss/podcast-feed.rss")
        let second = try Cues.run(["convert", feed, "--to", "psc", "--item", "Episode 2: Chapters & Captions"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("<psc:chapter start=\"00:07:48.000\" title=\"Timing\" href=\"https://example.com/timing\"/>"))
        #expect(second.stderr.isEmpty)

        let first = try Cues.run(["convert", feed, "--to", "psc"])
        #expect(first.status == 0)
        #expect(first.stderr.contains("podcast-feed.rss:1:1: warning: [rss] the input holds 2 items and the output format one; converted the first ('Episode 2: Chapters & Captions')"))

        let missing = try Cues.run(["convert", feed, "--to", "psc", "--item", "7"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: [rss] expected item numbers from 1 to 2 (a list such as 1,3,5-9), latest, a guid or a title, found '7'"))
        // The library's hint, said by the tool.
        #expect(missing.stderr.contains("; pass --item N, GUID or TITLE to choose another\n"), "\(missing.stderr)")
    }

    @Test func baseURLLinksSiblingFiles() throws {
        let result = try Cues.run([
            "convert", Cues.sample("rss/podcast-feed.rss"), "--to", "rss", "--base-url", "https://cdn.example.com/show",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("<podcast:chapters url=\"https://cdn.example.com/show/episode-2-chapters-captions.chapters.json\" type=\"application/json+chapters\"/>"))
        #expect(result.stdout.components(separatedBy: "<item>").count == 3)
    }

    @Test func baseURLLinksTheFilesTheSameRunWrites() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("site").path
        let run = try Cues.run([
            "convert", Cues.sample("episode/hard-cases.md"), "--to", "rss,chapters,vtt",
            "--base-url", "https://cdn.example.com/show/", "--out-dir", out, "-q",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["hard-cases.chapters.json", "hard-cases.rss", "hard-cases.vtt"])
        let feed = try String(contentsOfFile: out + "/hard-cases.rss", encoding: .utf8)
        for name in ["hard-cases.chapters.json", "hard-cases.vtt"] {
            #expect(feed.contains("url=\"https://cdn.example.com/show/\(name)\""), "\(name) in \(feed)")
        }
    }

    @Test func linkedFilesBesideTheFeedAreRead() throws {
        let result = try Cues.run(["convert", Cues.sample("rss/local-links/feed.rss"), "--to", "timeline", "--item", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"title\": \"Linked intro\""))
        #expect(result.stdout.contains("\"text\": \"Read beside the feed.\""))
        #expect(result.stderr.contains("note: [rss] read 2 chapter(s) from"))
    }

    @Test func hostileFeedsNeverLeakAndFailCleanly() throws {
        let xxe = try Cues.run(["convert", Cues.sample("invalid/rss-xxe-local-file.rss"), "--to", "timeline"])
        #expect(xxe.status == 0)
        #expect(!xxe.stdout.contains("root:"))
        #expect(xxe.stderr.contains("rss-xxe-local-file.rss:9:1: warning: [rss] 1 reference(s) to entities declared in a DTD (&secret;) were left out"))

        let laughs = try Cues.run(["convert", Cues.sample("invalid/rss-billion-laughs.rss"), "--to", "timeline"])
        #expect(laughs.status == 1)
        #expect(laughs.stderr.contains("error: [rss] expected well-formed XML, found an error: Detected an entity reference loop"))
        #expect(laughs.stdout.isEmpty)
    }
}

/// A feed with --out-dir: every item out, in a folder named after the feed.
@Suite("cues convert: a feed's items")
struct FeedItemsCommandTests {
    static let feed = Cues.sample("rss/local-links/feed.rss")

    static func files(_ directory: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)!
        return enumerator.compactMap { $0 as? String }.filter { !FileManager.default.isDirectory($0, in: directory) }.sorted()
    }

    @Test func everyItemIsAFilePerFormatInTheFeedsFolder() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        let run = try Cues.run(["convert", Self.feed, "--to", "chapters,vtt,rss", "--out-dir", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.files(out) == [
            "feed.rss",
            "feed/1-relative-links.chapters.json",
            "feed/1-relative-links.vtt",
            "feed/2-absolute-url-file-of-that-name-beside-the-feed.chapters.json",
        ])
        // Items with nothing a format holds get no file, said once per format.
        #expect(run.stderr.contains("note: [chapters] 1 of 3 item(s) hold no chapters (nor any linked beside the feed); no chapters file written for them"))
        // Nothing is reported dropped that another output of the run holds.
        #expect(!run.stderr.contains("cue(s) have no place in") && !run.stderr.contains("chapter(s) have no place in"), "\(run.stderr)")
        let chapters = try String(contentsOfFile: out + "/feed/1-relative-links.chapters.json", encoding: .utf8)
        #expect(chapters.contains("\"title\": \"Linked intro\""))
    }

    @Test func itemListsAndNameTemplatesAreStableAndClashesReported() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        for _ in 0..<2 {
            let run = try Cues.run(["convert", Self.feed, "--to", "chapters", "--out-dir", out, "--item", "2,1", "--name", "episode", "--force"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Self.files(out) == ["feed/episode-2.chapters.json", "feed/episode.chapters.json"])
            #expect(run.stderr.contains("warning: item 1 would be named 'episode' as an item before it is; named 'episode-2' instead"), "\(run.stderr)")
        }
        // Item 2 was selected first: it is 'episode'.
        let first = try String(contentsOfFile: out + "/feed/episode.chapters.json", encoding: .utf8)
        #expect(first.contains("JSON intro"))
        let unknown = try Cues.run(["convert", Self.feed, "--to", "chapters", "--out-dir", out, "--name", "{number}"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--name knows the fields {item}, {episode}, {season}, {slug}, {guid}, {date}, found '{number}'"))
    }

    @Test func anEmptyFeedWritesNothingAndSaysSo() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("empty.rss")
        try Data("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Empty</title></channel></rss>\n".utf8).write(to: feed)
        let out = directory.appendingPathComponent("out").path
        let many = try Cues.run(["convert", feed.path, "--to", "chapters,rss", "--out-dir", out])
        #expect(many.status == 0, "\(many.stderr)")
        #expect(many.stderr.contains("empty.rss:1:1: warning: [rss] the feed holds no items; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let single = try Cues.run(["convert", feed.path, "--to", "chapters"])
        #expect(single.status == 1)
        #expect(single.stderr.contains("empty.rss:1:1: error: [chapters] expected an item to write as Podcasting 2.0 JSON chapters, found a feed without items"))
        #expect(single.stdout.isEmpty)
    }
}

extension FileManager {
    func isDirectory(_ relative: String, in directory: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// `cues info` and `cues check` on a feed: every item.
@Suite("cues info and check: a feed's items")
struct FeedItemsInfoTests {
    static let feed = """
        <?xml version="1.0"?>
        <rss version="2.0" xmlns:psc="http://podlove.org/simple-chapters" xmlns:podcast="https://podcastindex.org/namespace/1.0">
        <channel><title>Show</title>
        <item><title>One</title><guid>g-1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
        <podcast:transcript url="https://example.com/1.vtt" type="text/vtt"/></item>
        <item><title>Two</title><guid>g-2</guid>
        <psc:chapters version="1.2"><psc:chapter start="0" title="A"/><psc:chapter start="0" title="B"/></psc:chapters></item>
        </channel></rss>

        """

    @Test func infoDescribesEveryItem() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("show.rss")
        try Data(Self.feed.utf8).write(to: feed)
        let json = try Cues.run(["info", feed.path, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.map { $0["item"] as? Int } == [1, 2])
        #expect(entries?.map { $0["guid"] as? String } == ["g-1", "g-2"])
        #expect(entries?.map { $0["title"] as? String } == ["One", "Two"])
        #expect(entries?.first?["links"] as? [String] == ["transcript https://example.com/1.vtt (text/vtt)"])
        #expect((entries?.last?["chapters"] as? [[String: Any]])?.count == 2)
        let text = try Cues.run(["info", feed.path])
        #expect(text.stdout.contains("  items:    2\n  item 1:\n    title:    One\n    date:     Mon, 01 Jan 2024 10:00:00 GMT\n"), "\(text.stdout)")
    }

    @Test func checkNamesTheItemOfWhatItFinds() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("show.rss")
        try Data(Self.feed.utf8).write(to: feed)
        let run = try Cues.run(["check", feed.path])
        #expect(run.stderr.contains("warning: [rss] item 2: chapter 'A' is empty: the next chapter starts at the same time 0:00"), "\(run.stderr)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["CUES_CORPUS"] != nil))
    func thePodcastingExampleFeedHasThreeEntries() throws {
        let corpus = ProcessInfo.processInfo.environment["CUES_CORPUS"]!
        let run = try Cues.run(["info", corpus + "/rss/podcast-namespace/example.xml", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.map { $0["item"] as? Int } == [1, 2, 3])
        #expect(entries?.map { $0["title"] as? String } == ["Episode 3 - The Future", "Episode 2 - The Present", "Episode 1 - The Past"])
    }
}
