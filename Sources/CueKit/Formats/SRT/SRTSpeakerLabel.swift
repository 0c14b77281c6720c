/// A speaker label at the start of a cue's first line: `Name: text`, or
/// YouTube's `>> NAME: text` (read with `--speaker-labels`).
///
/// Only a short name counts, so prose such as `Note: …` or `So here is the
/// thing: …` stays text. The name:
/// - is 1 to 32 characters and 1 to 3 words separated by single spaces;
/// - has words that each start with an uppercase letter, a non-ASCII letter or
///   a digit, and hold only letters, digits, `.`, `'`, `’` and `-`
///   (`Travis`, `John Doe`, `Dr. Jane Smith`, `SPEAKER 2`); the first word
///   starts with a letter;
/// - is not one of the words that often end in a colon in prose (`Note`,
///   `Warning`, `Example`, `Update`, `PS`, …);
/// - is followed by `:` and then a space or the end of the line.
enum SRTSpeakerLabel {
    struct Found {
        var name: String
        /// Bytes the label takes, with the spaces after the colon.
        var length: Int
        /// Whether nothing follows the label on its line.
        var isAlone: Bool
    }

    /// Words that are not taken as a one-word speaker name.
    static let proseWords: Set<String> = [
        "note", "notes", "nb", "n.b.", "ps", "p.s.", "warning", "caution", "tip", "hint", "example",
        "update", "edit", "important", "reminder", "source", "sources", "translation", "subtitles",
        "captions", "chapter", "part", "step", "re", "fwd", "fyi", "eg", "e.g.", "ie", "i.e.", "also",
        "and", "but", "so", "or", "then", "now", "well", "yes", "no", "ok", "okay",
    ]

    /// The label at the start of `bytes[start..<end]`, if there is one.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Found? {
        var index = start
        if index + 1 < end && bytes[index] == 0x3E && bytes[index + 1] == 0x3E {
            index = SRTTiming.skipSpaces(bytes, from: index + 2, to: end)
        }
        let nameStart = index
        var words = 1
        var wordStart = true
        while index < end && bytes[index] != 0x3A {
            let byte = bytes[index]
            if byte == 0x20 {
                // Single spaces between words only.
                if wordStart { return nil }
                words += 1
                if words > 3 { return nil }
                wordStart = true
                index += 1
                continue
            }
            if wordStart {
                let isUpper = byte &- 0x41 < 26
                let isDigit = byte &- 0x30 < 10
                let isNonASCII = byte >= 0xC0
                if index == nameStart ? !(isUpper || isNonASCII) : !(isUpper || isDigit || isNonASCII) { return nil }
                wordStart = false
            } else {
                let allowed = byte &- 0x41 < 26 || byte &- 0x61 < 26 || byte &- 0x30 < 10 || byte >= 0x80
                    || byte == 0x2E || byte == 0x27 || byte == 0x2D
                if !allowed { return nil }
            }
            index += 1
        }
        guard index < end, !wordStart, index > nameStart else { return nil }
        let nameEnd = index
        index += 1  // the colon
        if index < end && bytes[index] != 0x20 && bytes[index] != 0x09 { return nil }
        let name = bytes.utf8String(nameStart, nameEnd)
        guard name.count <= 32, !(words == 1 && proseWords.contains(name.lowercased())) else { return nil }
        index = SRTTiming.skipSpaces(bytes, from: index, to: end)
        return Found(name: name, length: index - start, isAlone: index == end)
    }
}
