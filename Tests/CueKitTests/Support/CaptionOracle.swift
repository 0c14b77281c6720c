/// A deliberately simple reader of the captions our writers produce, written
/// independently of the library so that tests check the output text itself.
struct OracleCue: Equatable {
    var start: Int64
    var end: Int64
    var text: String
}

enum CaptionOracle {
    /// Cues of a WebVTT or SRT file as written by cues: blocks separated by
    /// blank lines, a `-->` timing line, text lines after it.
    static func cues(_ text: String) -> [OracleCue] {
        var cues: [OracleCue] = []
        let blocks = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let timing = lines.firstIndex(where: { $0.contains("-->") }) else { continue }
            let parts = lines[timing].components(separatedBy: " --> ")
            guard parts.count == 2, let start = milliseconds(parts[0]),
                  let end = milliseconds(String(parts[1].split(separator: " ").first ?? "")) else { continue }
            let body = lines[(timing + 1)...].filter { !$0.isEmpty }.joined(separator: "\n")
            cues.append(OracleCue(start: start, end: end, text: body))
        }
        return cues
    }

    /// `HH:MM:SS.mmm` or `HH:MM:SS,mmm`.
    static func milliseconds(_ text: String) -> Int64? {
        let normalized = text.replacingOccurrences(of: ",", with: ".")
        let fields = normalized.split(separator: ":")
        guard fields.count == 3, let hours = Int64(fields[0]), let minutes = Int64(fields[1]) else { return nil }
        let secondParts = fields[2].split(separator: ".")
        guard secondParts.count == 2, let seconds = Int64(secondParts[0]), let millis = Int64(secondParts[1]) else { return nil }
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
    }

    /// The words of caption text: tags and speaker labels removed, entities decoded.
    static func words(_ text: String) -> [String] {
        // Remove the tags cues writes (i, b, u, c, v, lang, ruby, rt, font, timestamps);
        // any other '<' is text.
        var plain = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            plain += rest[..<open]
            let tail = rest[rest.index(after: open)...]
            let name = tail.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == ":" || $0 == "." }
            let known = ["i", "b", "u", "c", "v", "lang", "ruby", "rt", "font"]
            if let close = tail.firstIndex(of: ">"),
               known.contains(where: { name == $0 || name.hasPrefix($0 + ".") }) || name.first?.isNumber == true {
                rest = tail[tail.index(after: close)...]
            } else {
                plain.append("<")
                rest = tail
            }
        }
        plain += rest
        plain = plain.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return plainWords(plain)
    }

    /// The words of text without markup.
    static func plainWords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    /// Nil when the word lists match, else where they first differ.
    static func firstDifference(_ actual: [String], _ expected: [String]) -> String? {
        for index in 0..<max(actual.count, expected.count) {
            let a = index < actual.count ? actual[index] : "<end>"
            let e = index < expected.count ? expected[index] : "<end>"
            if a != e { return "word \(index + 1): found '\(a)', expected '\(e)'" }
        }
        return nil
    }
}
