extension InputGenerator {
    /// OpenAI Whisper JSON as `whisper --word_timestamps True
    /// --output_format json` writes it: the whole `text`, `segments` of 6
    /// to 18 words with the decoder's fields (`id`, `seek`, `tokens`,
    /// `temperature`, `avg_logprob`, ...) and `words` (`word` with its
    /// leading space, `start`, `end`, `probability`), then `language`.
    /// Compact, as Whisper writes it. About 1.3 KB a segment: 75,000
    /// segments make some 100 MB.
    mutating func openAIWhisper(segments: Int) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(segments * 1400)
        var whole: [String] = []
        var milliseconds = 0
        for index in 0..<segments {
            let segmentStart = milliseconds
            var texts: [String] = []
            var words: [String] = []
            var tokens: [String] = []
            for _ in 0..<int(6...18) {
                let text = Self.whisperWords[int(0...(Self.whisperWords.count - 1))]
                texts.append(text)
                let start = milliseconds, end = milliseconds + int(80...700)
                words.append("{\"word\": \" \(text)\", \"start\": \(Self.decimalSeconds(start)), \"end\": \(Self.decimalSeconds(end)), \"probability\": 0.\(int(100...999))}")
                tokens.append(String(int(200...50000)))
                milliseconds = end + int(0...120)
            }
            let text = " " + texts.joined(separator: " ")
            whole.append(text)
            var segment = index == 0 ? "" : ", "
            segment += "{\"id\": \(index), \"seek\": \(segmentStart / 30000 * 3000), \"start\": \(Self.decimalSeconds(segmentStart)), "
            segment += "\"end\": \(Self.decimalSeconds(milliseconds)), \"text\": \"\(text)\", \"tokens\": [\(tokens.joined(separator: ", "))], "
            segment += "\"temperature\": 0.0, \"avg_logprob\": -0.\(int(1000...4000)), \"compression_ratio\": 1.\(int(100...900)), "
            segment += "\"no_speech_prob\": 0.0\(int(10...99)), \"words\": [\(words.joined(separator: ", "))]}"
            body.append(contentsOf: segment.utf8)
            milliseconds += int(200...1500)
        }
        var out = Array("{\"text\": \"\(whole.joined())\", \"segments\": [".utf8)
        out.reserveCapacity(out.count + body.count + 32)
        out.append(contentsOf: body)
        out.append(contentsOf: "], \"language\": \"en\"}\n".utf8)
        return out
    }

    /// whisper.cpp JSON as `whisper-cli -ojf` (full) writes it: the model
    /// and parameters, then `transcription` segments with `timestamps`,
    /// `offsets` (milliseconds), `text` and `tokens` (`[_BEG_]`, a token a
    /// word or two for a split word, the `[_TT_n]` timestamp token), two
    /// spaces of indentation as whisper.cpp prints. About 2.5 KB a segment:
    /// 40,000 segments make some 100 MB.
    mutating func whisperCpp(segments: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(segments * 2600)
        out.append(contentsOf: """
            {
              "systeminfo": "AVX = 1 | AVX2 = 1 | AVX512 = 0 | FMA = 1 | NEON = 0 | F16C = 1",
              "model": {"type": "base", "multilingual": true, "vocab": 51865, "mels": 80, "ftype": 1},
              "params": {"model": "models/ggml-base.bin", "language": "en", "translate": false},
              "result": {"language": "en"},
              "transcription": [

            """.utf8)
        func clock(_ milliseconds: Int) -> String { Self.clock(milliseconds, separator: ",") }
        func token(_ text: String, _ from: Int, _ to: Int, id: Int) -> String {
            "        {\"text\": \"\(text)\", \"timestamps\": {\"from\": \"\(clock(from))\", \"to\": \"\(clock(to))\"}, "
                + "\"offsets\": {\"from\": \(from), \"to\": \(to)}, \"id\": \(id), \"p\": 0.\(int(100...999)), \"t_dtw\": -1}"
        }
        var milliseconds = 0
        for index in 0..<segments {
            let segmentStart = milliseconds
            var texts: [String] = []
            var tokens = [token("[_BEG_]", segmentStart, segmentStart, id: 50364)]
            for _ in 0..<int(6...18) {
                let text = Self.whisperWords[int(0...(Self.whisperWords.count - 1))]
                texts.append(text)
                let start = milliseconds, end = milliseconds + int(80...700)
                let utf8 = Array(text.utf8)
                if utf8.count > 5, utf8.allSatisfy({ $0 < 0x80 }) {
                    // A longer word in two tokens, the second without a space.
                    let middle = (start + end) / 2
                    tokens.append(token(" " + String(decoding: utf8[..<3], as: UTF8.self), start, middle, id: int(200...50000)))
                    tokens.append(token(String(decoding: utf8[3...], as: UTF8.self), middle, end, id: int(200...50000)))
                } else {
                    tokens.append(token(" " + text, start, end, id: int(200...50000)))
                }
                milliseconds = end + int(0...120)
            }
            tokens.append(token("[_TT_\(int(10...1500))]", milliseconds, milliseconds, id: 50400))
            var segment = "    {\n      \"timestamps\": {\"from\": \"\(clock(segmentStart))\", \"to\": \"\(clock(milliseconds))\"},\n"
            segment += "      \"offsets\": {\"from\": \(segmentStart), \"to\": \(milliseconds)},\n"
            segment += "      \"text\": \" \(texts.joined(separator: " "))\",\n      \"tokens\": [\n"
            segment += tokens.joined(separator: ",\n") + "\n      ]\n    }"
            segment += index == segments - 1 ? "\n" : ",\n"
            out.append(contentsOf: segment.utf8)
            milliseconds += int(200...1500)
        }
        out.append(contentsOf: "  ]\n}\n".utf8)
        return out
    }
}
