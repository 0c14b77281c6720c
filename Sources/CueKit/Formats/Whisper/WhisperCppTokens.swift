/// Words from whisper.cpp's `tokens` (its full JSON output): a token whose
/// text starts with a space starts a word, one without continues the word
/// before (`" don"`, `"'t"`); special tokens (`[_BEG_]`, `[_TT_150]`) are
/// skipped. A word starts at its first token's `offsets.from` and ends at
/// its last token's `offsets.to` (milliseconds).
enum WhisperCppTokens {
    static func words(_ tokens: [JSONValue]) -> [TimedWord] {
        var words: [TimedWord] = []
        for token in tokens {
            guard let text = token["text"]?.string, !text.isEmpty else { continue }
            if text.hasPrefix("[_") && text.hasSuffix("]") { continue }
            let from = milliseconds(token["offsets"]?["from"])
            let to = milliseconds(token["offsets"]?["to"])
            let startsWord = words.isEmpty || text.first == " "
            let trimmed = String(Substring(text).trimmingWhitespace())
            if trimmed.isEmpty { continue }
            if startsWord {
                words.append(TimedWord(trimmed, start: from, end: to))
            } else {
                words[words.count - 1].text += trimmed
                if let to { words[words.count - 1].end = to }
            }
        }
        return words
    }

    private static func milliseconds(_ value: JSONValue?) -> Timestamp? {
        guard case .number(let text)? = value?.kind, let milliseconds = Int64(text), milliseconds >= 0 else { return nil }
        return Timestamp(milliseconds: milliseconds)
    }
}

/// whisper.cpp's `timestamps` strings (`00:01:02,500`), read when a
/// segment has no `offsets`.
enum WhisperCppTime {
    static func parse(_ text: String?) -> Timestamp? {
        guard let text else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 3, let milliseconds = digits(parts[1]) else { return nil }
        let clock = parts[0].split(separator: ":", omittingEmptySubsequences: false)
        // Nine hour digits at most: the time stays far inside Int64 milliseconds.
        guard clock.count == 3, clock[0].count <= 9, let hours = digits(clock[0]), let minutes = digits(clock[1]),
              let seconds = digits(clock[2]), minutes < 60, seconds < 60 else { return nil }
        return Timestamp(milliseconds: ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds)
    }

    /// ASCII digits only (no sign), as a number.
    private static func digits(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        return Int64(text)
    }
}
