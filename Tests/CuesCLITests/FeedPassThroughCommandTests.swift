import Foundation
import Testing

/// "Add chapters and transcripts to my existing show": converting a feed to
/// RSS and its sibling files gives the podcaster's own feed back, changed
/// only by the links to the files written beside it.
@Suite("cues convert passes a feed through")
struct FeedPassThroughCommandTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="http://podlove.org/simple-chapters">
          <channel>
            <title>My Show</title>
            <itunes:owner><itunes:name>Ann</itunes:name></itunes:owner>
            <item>
              <title>Pilot</title>
              <!-- transcript made by hand -->
              <podcast:transcript url="pilot.vtt" type="text/vtt" language="en"/>
              <enclosure url="https://example.com/pilot.mp3" length="1" type="audio/mpeg"/>
              <itunes:duration>1:00</itunes:duration>
              <psc:chapters version="1.2">
                <psc:chapter start="0" title="Hello"/>
                <psc:chapter start="30" title="Bye"/>
              </psc:chapters>
            </item>
          </channel>
        </rss>

        """

    @Test func theFeedComesBackWithLinksToTheFilesWrittenBesideIt() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.feed.utf8).write(to: directory.appendingPathComponent("show.rss"))
        try Data("WEBVTT\n\n00:00.000 --> 00:29.000\nHello there.\n\n00:30.000 --> 00:59.000\nBye now.\n".utf8)
            .write(to: directory.appendingPathComponent("pilot.vtt"))
        let site = directory.appendingPathComponent("site").path
        let run = try Cues.run([
            "convert", directory.appendingPathComponent("show.rss").path, "--to", "rss,chapters,vtt",
            "--base-url", "https://cdn.example.com/show", "--out-dir", site,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        // Each item's files go in a folder named after the feed (FeedItemsCommandTests).
        #expect(try FileManager.default.contentsOfDirectory(atPath: site).sorted() == ["show", "show.rss"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: site + "/show").sorted() == ["1-pilot.chapters.json", "1-pilot.vtt"])
        let written = try String(contentsOfFile: site + "/show.rss", encoding: .utf8)
        let expected = Self.feed
            .replacingOccurrences(
                of: "<podcast:transcript url=\"pilot.vtt\" type=\"text/vtt\" language=\"en\"/>",
                with: "<podcast:transcript url=\"https://cdn.example.com/show/show/1-pilot.vtt\" type=\"text/vtt\" language=\"en\"/>")
            .replacingOccurrences(
                of: "</psc:chapters>\n",
                with: "</psc:chapters>\n      <podcast:chapters url=\"https://cdn.example.com/show/show/1-pilot.chapters.json\" type=\"application/json+chapters\"/>\n")
        #expect(written == expected)
        let vtt = try String(contentsOfFile: site + "/show/1-pilot.vtt", encoding: .utf8)
        #expect(vtt.contains("Bye now."))
        let chapters = try String(contentsOfFile: site + "/show/1-pilot.chapters.json", encoding: .utf8)
        #expect(chapters.contains("\"title\": \"Bye\""))
    }
}
