/// Deterministic, realistic benchmark inputs: the same bytes on every run
/// and machine (a fixed linear congruential generator, no system randomness).
struct InputGenerator {
    private var state: UInt64

    init(seed: UInt64 = 0x5EED_CAFE) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private static let words = [
        "the", "data", "model", "pipeline", "team", "really", "because", "learning", "we", "think",
        "production", "and", "so", "that", "is", "what", "about", "machine", "feature", "store",
        "café", "naïve", "résumé", "Zürich", "señor", "façade", "über", "niño",
        "東京", "データ", "学习", "모델", "🙂", "🚀", "👍🏽", "—", "it's", "you're",
    ]

    /// A caption line of 20 to 80 characters with accents, CJK and emoji.
    mutating func line() -> String {
        let target = int(20...80)
        var text = ""
        while text.count < target {
            if !text.isEmpty { text += " " }
            text += Self.words[int(0...(Self.words.count - 1))]
        }
        return text
    }

    /// A paragraph of `sentences` sentences, as transcript lines are.
    mutating func paragraph(sentences: Int) -> String {
        (0..<sentences).map { _ in
            var sentence = line()
            sentence = sentence.prefix(1).uppercased() + sentence.dropFirst()
            return sentence + "."
        }.joined(separator: " ")
    }

    static func clock(_ milliseconds: Int, separator: Character) -> String {
        let h = milliseconds / 3_600_000, m = milliseconds / 60_000 % 60, s = milliseconds / 1000 % 60, ms = milliseconds % 1000
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))\(separator)\(pad(ms, 3))"
    }

    private static let speakers = ["Alexey", "Mihail", "Ada Lovelace", "Grace"]

    /// SRT with `cues` cues of 1–2 lines, some in italics.
    mutating func srt(cues: Int) -> [UInt8] {
        var out = ""
        out.reserveCapacity(cues * 110)
        var time = 1000
        for index in 1...cues {
            let duration = int(800...6000)
            out += "\(index)\n\(Self.clock(time, separator: ",")) --> \(Self.clock(time + duration, separator: ","))\n"
            var text = line()
            if int(0...9) == 0 { text = "<i>\(text)</i>" }
            if int(0...2) == 0 { text += "\n" + line() }
            out += text + "\n\n"
            time += duration + int(0...400)
        }
        return Array(out.utf8)
    }

    /// WebVTT with `cues` cues of 1–2 lines, voices and italics.
    mutating func vtt(cues: Int) -> [UInt8] {
        var out = "WEBVTT\n\n"
        out.reserveCapacity(cues * 120)
        var time = 1000
        for _ in 1...cues {
            let duration = int(800...6000)
            out += "\(Self.clock(time, separator: ".")) --> \(Self.clock(time + duration, separator: "."))\n"
            var text = line()
            if int(0...9) == 0 { text = "<i>\(text)</i>" }
            if int(0...3) == 0 { text = "<v \(Self.speakers[int(0...3)])>" + text }
            if int(0...2) == 0 { text += "\n" + line() }
            out += text + "\n\n"
            time += duration + int(0...400)
        }
        return Array(out.utf8)
    }

    /// An episode page with `entries` transcript entries: a header every 20
    /// lines, 40% of lines without a time, paragraph-length lines.
    mutating func episode(entries: Int) -> [UInt8] {
        var out = "---\ntitle: 'Benchmark Episode: Generated Transcript'\nguests:\n- ada\n- grace\nseason: 1\nepisode: 1\n"
        out += "duration: PT\(entries / 100)H00M00S\ntranscript:\n"
        out.reserveCapacity(entries * 400)
        var seconds = 60
        for index in 0..<entries {
            if index % 20 == 0 {
                out += "- header: \"Chapter \(index / 20 + 1): \(line())\"\n"
                continue
            }
            out += "- line: \(paragraph(sentences: int(1...4)))\n"
            if int(0...9) >= 4 {
                let m = seconds / 60, s = seconds % 60
                let time = m >= 60 ? "\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60):\(s < 10 ? "0" : "")\(s)" : "\(m):\(s < 10 ? "0" : "")\(s)"
                out += "  sec: \(seconds)\n  time: '\(time)'\n"
            }
            out += "  who: \(Self.speakers[int(0...3)])\n"
            seconds += int(3...40)
        }
        out += "---\n\nShow notes.\n"
        return Array(out.utf8)
    }

    /// A Podcasting 2.0 JSON transcript of `segments` word-level segments
    /// (the shape a one-hour word-timed transcript has), on one line or
    /// indented by two spaces per level.
    mutating func transcript(segments: Int, minified: Bool) -> [UInt8] {
        let (newline, indent, space) = minified ? ("", "", "") : ("\n", "  ", " ")
        var out = "{\(newline)\(indent)\"version\":\(space)\"1.0.0\",\(newline)\(indent)\"segments\":\(space)[\(newline)"
        var milliseconds = 0
        for index in 0..<segments {
            let length = int(150...600)
            let word = Self.words[int(0...(Self.words.count - 1))]
            let member = "\(newline)\(indent)\(indent)\(indent)"
            out += "\(indent)\(indent){\(member)\"speaker\":\(space)\"\(Self.speakers[index / 40 % 4])\","
            out += "\(member)\"startTime\":\(space)\(Double(milliseconds) / 1000),"
            out += "\(member)\"endTime\":\(space)\(Double(milliseconds + length) / 1000),"
            out += "\(member)\"body\":\(space)\"\(word)\"\(newline)\(indent)\(indent)}"
            out += index == segments - 1 ? newline : ",\(newline)"
            milliseconds += length + int(0...80)
        }
        out += "\(indent)]\(newline)}\n"
        return Array(out.utf8)
    }

    /// An RSS feed of `items` episodes, each with a long description, an
    /// enclosure, a duration, a person and 12 inline PSC chapters (about
    /// 2.6 KB an item: 19,500 items make a 50 MB feed).
    mutating func feed(items: Int) -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" xmlns:psc=\"http://podlove.org/simple-chapters\">\n<channel>\n<title>Benchmark Feed</title>\n"
        out.reserveCapacity(items * 3200)
        for index in 0..<items {
            out += "<item>\n<title>Episode \(index + 1): \(line())</title>\n<guid isPermaLink=\"false\">bench-\(index)</guid>\n"
            out += "<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>\n<description>\(paragraph(sentences: 12).replacingAmpersands())</description>\n"
            out += "<enclosure url=\"https://example.com/\(index).mp3\" length=\"\(int(1_000_000...90_000_000))\" type=\"audio/mpeg\"/>\n"
            out += "<itunes:duration>1:02:03</itunes:duration>\n<podcast:person role=\"host\">\(Self.speakers[int(0...3)])</podcast:person>\n"
            out += "<itunes:explicit>false</itunes:explicit>\n<psc:chapters version=\"1.2\">\n"
            for minute in stride(from: 0, to: 60, by: 5) {
                out += "<psc:chapter start=\"00:\(minute < 10 ? "0" : "")\(minute):00.000\" title=\"\(line().replacingAmpersands())\"/>\n"
            }
            out += "</psc:chapters>\n</item>\n"
        }
        out += "</channel>\n</rss>\n"
        return Array(out.utf8)
    }
}

extension String {
    /// The text with `&`, `<` and `>` escaped for XML.
    func replacingAmpersands() -> String {
        var out = ""
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
