extension InputGenerator {
    /// `seconds.fraction` with at most three decimals and no trailing zeros
    /// (`12.5`, `3.0`), as JSON writers print a time in seconds.
    static func decimalSeconds(_ milliseconds: Int) -> String {
        let whole = milliseconds / 1000, fraction = milliseconds % 1000
        if fraction == 0 { return "\(whole).0" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// Podcasting 2.0 JSON chapters (version 1.2.0) of `chapters` chapters,
    /// pretty-printed with two spaces: a title each, every fifth with an end,
    /// every tenth with a URL and an image, 2 to 20 s long (200,000 stay
    /// within ID3's 32-bit milliseconds). A million chapters is about
    /// 120 MB.
    mutating func chaptersJSON(chapters: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chapters * 100)
        out.append(contentsOf: "{\n  \"version\": \"1.2.0\",\n  \"title\": \"Benchmark Episode\",\n  \"chapters\": [\n".utf8)
        var time = 0
        for index in 0..<chapters {
            let length = int(2000...20000)
            var entry = "    {\n      \"startTime\": \(Self.decimalSeconds(time)),\n"
            if index % 5 == 4 { entry += "      \"endTime\": \(Self.decimalSeconds(time + length)),\n" }
            if index % 10 == 9 {
                entry += "      \"url\": \"https://example.org/c/\(index)\",\n      \"img\": \"https://example.org/art/\(index).jpg\",\n"
            }
            entry += "      \"title\": \"\(line().prefix(40))\"\n    }"
            entry += index == chapters - 1 ? "\n" : ",\n"
            out.append(contentsOf: entry.utf8)
            time += length
        }
        out.append(contentsOf: "  ]\n}\n".utf8)
        return out
    }

    /// WebVTT chapters of `chapters` cues, each a chapter title, every
    /// fourth with a cue identifier, times meeting end to start. A million
    /// chapters is about 75 MB.
    mutating func vttChapters(chapters: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chapters * 80)
        out.append(contentsOf: "WEBVTT\n\n".utf8)
        var time = 0
        for index in 0..<chapters {
            let length = int(2000...90000)
            var entry = index % 4 == 0 ? "chapter-\(index)\n" : ""
            entry += "\(Self.clock(time, separator: ".")) --> \(Self.clock(time + length, separator: "."))\n\(line().prefix(40))\n\n"
            out.append(contentsOf: entry.utf8)
            time += length
        }
        return out
    }
}
