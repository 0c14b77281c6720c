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
