extension InputGenerator {
    /// WhisperX JSON as `--output_format json` writes it after alignment and
    /// diarization: `segments` of 6 to 18 words, each word with `start`,
    /// `end`, `score` and `speaker` (one word in 40 unplaced, without times,
    /// as WhisperX leaves numerals), then `word_segments` repeating every
    /// word, and `language`. Pretty-printed with four spaces (`pretty`), or
    /// compact as WhisperX writes it by default. About 5 KB a segment
    /// pretty (its words twice): 20,000 segments make some 100 MB.
    mutating func whisperX(segments: Int, pretty: Bool = true) -> [UInt8] {
        let (newline, space) = pretty ? ("\n", " ") : ("", "")
        func indent(_ level: Int) -> String { pretty ? String(repeating: "    ", count: level) : "" }
        func seconds(_ milliseconds: Int) -> String { Self.decimalSeconds(milliseconds) }
        var out = "{\(newline)\(indent(1))\"segments\":\(space)[\(newline)"
        var wordList: [String] = []
        var milliseconds = 0
        for index in 0..<segments {
            let speaker = "SPEAKER_0\(index / 7 % 3)"
            var texts: [String] = []
            var words: [String] = []
            let segmentStart = milliseconds
            for position in 0..<int(6...18) {
                let text = Self.whisperWords[int(0...(Self.whisperWords.count - 1))]
                texts.append(text)
                let placed = position == 0 || int(0...39) != 0
                if placed {
                    let start = milliseconds, end = milliseconds + int(80...700)
                    let score = "0.\(int(100...999))"
                    words.append("{\(newline)\(indent(4))\"word\":\(space)\"\(text)\",\(newline)\(indent(4))\"start\":\(space)\(seconds(start)),\(newline)\(indent(4))\"end\":\(space)\(seconds(end)),\(newline)\(indent(4))\"score\":\(space)\(score),\(newline)\(indent(4))\"speaker\":\(space)\"\(speaker)\"\(newline)\(indent(3))}")
                    milliseconds = end + int(0...120)
                } else {
                    words.append("{\(newline)\(indent(4))\"word\":\(space)\"\(text)\"\(newline)\(indent(3))}")
                    milliseconds += int(100...300)
                }
            }
            let segmentEnd = milliseconds
            out += "\(indent(2)){\(newline)"
            out += "\(indent(3))\"start\":\(space)\(seconds(segmentStart)),\(newline)"
            out += "\(indent(3))\"end\":\(space)\(seconds(segmentEnd)),\(newline)"
            out += "\(indent(3))\"text\":\(space)\" \(texts.joined(separator: " "))\",\(newline)"
            out += "\(indent(3))\"words\":\(space)[\(newline)\(indent(3))"
            out += words.joined(separator: ",\(newline)\(indent(3))")
            out += "\(newline)\(indent(3))],\(newline)"
            out += "\(indent(3))\"speaker\":\(space)\"\(speaker)\"\(newline)\(indent(2))}"
            out += index == segments - 1 ? newline : ",\(newline)"
            wordList.append(contentsOf: words)
            milliseconds += int(200...1500)
        }
        out += "\(indent(1))],\(newline)\(indent(1))\"word_segments\":\(space)[\(newline)\(indent(3))"
        out += wordList.joined(separator: ",\(newline)\(indent(3))")
        out += "\(newline)\(indent(1))],\(newline)\(indent(1))\"language\":\(space)\"en\"\(newline)}\n"
        return Array(out.utf8)
    }

    /// Words a recogniser writes: English with its punctuation, a few
    /// accented and numbers.
    static let whisperWords = [
        "the", "data", "model", "pipeline", "so", "we", "really", "think", "that's", "about", "it,", "you", "know,",
        "production.", "learning", "feature", "store", "and", "because", "café", "naïve", "2024", "60", "right?",
    ]
}
