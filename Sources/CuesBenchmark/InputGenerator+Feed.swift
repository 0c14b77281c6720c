extension InputGenerator {
    /// A podcast feed of `items` episodes as hosts publish them: title, GUID,
    /// date, enclosure, `itunes:duration` and `itunes:episode`, a
    /// description of a few hundred bytes, HTML show notes in a CDATA
    /// `content:encoded`, and 10 inline PSC chapters (about 5 KB an item:
    /// 10,000 items make some 50 MB).
    mutating func podcastFeed(items: Int) -> [UInt8] {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" \
            xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:psc="http://podlove.org/simple-chapters" \
            xmlns:atom="http://www.w3.org/2005/Atom">
              <channel>
                <title>The Benchmark Show</title>
                <link>https://example.com/show</link>
                <atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>
                <language>en</language>
                <itunes:author>Ada Lovelace</itunes:author>
                <description>A show about data, models and pipelines.</description>

            """
        out.reserveCapacity(items * 5200)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for index in 0..<items {
            let number = items - index
            let seconds = int(1_200...5_400)
            let date = "\(days[index % 7]), \(1 + index % 28) \(months[index / 28 % 12]) \(2024 - index / 336)"
            out += "    <item>\n      <title>Episode \(number): \(line().replacingAmpersands())</title>\n"
            out += "      <guid isPermaLink=\"false\">bench-show-\(number)</guid>\n"
            out += "      <pubDate>\(date) 10:00:00 +0000</pubDate>\n"
            out += "      <enclosure url=\"https://media.example.com/show/episode-\(number).mp3\" length=\"\(seconds * 16_000)\" type=\"audio/mpeg\"/>\n"
            out += "      <itunes:duration>\(seconds / 3600):\(Self.twoDigits(seconds / 60 % 60)):\(Self.twoDigits(seconds % 60))</itunes:duration>\n"
            out += "      <itunes:episode>\(number)</itunes:episode>\n"
            out += "      <description>\(paragraph(sentences: 5).replacingAmpersands())</description>\n"
            out += "      <content:encoded><![CDATA[<p>\(paragraph(sentences: 10))</p>\n<p>\(paragraph(sentences: 10))</p>\n<ul>\n"
            for link in 0..<8 {
                out += "<li><a href=\"https://example.com/show/\(number)/links/\(link)\">\(line())</a></li>\n"
            }
            out += "</ul>\n<p>\(paragraph(sentences: 6))</p>]]></content:encoded>\n"
            out += "      <psc:chapters version=\"1.2\">\n"
            for chapter in 0..<10 {
                let start = seconds * chapter / 10
                out += "        <psc:chapter start=\"\(Self.clock(start * 1000, separator: "."))\" title=\"\(line().replacingAmpersands())\"/>\n"
            }
            out += "      </psc:chapters>\n    </item>\n"
        }
        out += "  </channel>\n</rss>\n"
        return Array(out.utf8)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
