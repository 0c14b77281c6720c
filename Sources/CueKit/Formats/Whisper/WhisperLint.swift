/// What recognisers get wrong that a person should look at, reported and
/// never removed: segments with no words (silence read as ` ...`, an empty
/// text) and hallucinated repeats (the same text three or more times in a
/// row, as a stuck decoder writes it).
enum WhisperLint {
    /// How many times in a row the same text counts as a repeat.
    static let repeatRun = 3

    /// How many times in a row a phrase of up to `longestPhrase` words
    /// repeats inside one segment to be reported (higher than `repeatRun`:
    /// people do say "no, no, no").
    static let phraseRun = 5
    static let longestPhrase = 4

    /// The first phrase `text` repeats `phraseRun` or more times in a row,
    /// with how many times.
    static func repeatedPhrase(_ text: String) -> (phrase: String, count: Int)? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard words.count >= phraseRun else { return nil }
        for length in 1...longestPhrase where length * phraseRun <= words.count {
            var start = 0
            while start + length * phraseRun <= words.count {
                var count = 1
                while start + (count + 1) * length <= words.count,
                      words[(start + count * length)..<(start + (count + 1) * length)].elementsEqual(words[start..<(start + length)]) {
                    count += 1
                }
                if count >= phraseRun { return (words[start..<(start + length)].joined(separator: " "), count) }
                start += 1
            }
        }
        return nil
    }

    static func check(_ cues: [Cue], diagnostics: inout Diagnostics) {
        var empty = 0
        var firstEmpty: SourceLocation?
        var runs = 0
        var repeated = 0
        var firstRun: (location: SourceLocation?, text: String, count: Int)?
        var previous: String?
        var runLength = 0
        var runStart: SourceLocation?

        func closeRun() {
            guard runLength >= repeatRun, let text = previous else { return }
            runs += 1
            repeated += runLength
            if firstRun == nil { firstRun = (runStart, text, runLength) }
        }

        var stuck = 0
        var firstStuck: (location: SourceLocation?, phrase: String, count: Int)?
        for cue in cues {
            let text = String(Substring(cue.plainText).trimmingWhitespace())
            if let found = repeatedPhrase(text) {
                stuck += 1
                if firstStuck == nil { firstStuck = (cue.location, found.phrase, found.count) }
            }
            if !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
                empty += 1
                if firstEmpty == nil { firstEmpty = cue.location }
            }
            if text == previous {
                runLength += 1
            } else {
                closeRun()
                previous = text
                runLength = 1
                runStart = cue.location
            }
        }
        closeRun()
        if empty > 0 {
            diagnostics.report(.warning(
                "whisper.empty-segment",
                "\(empty) segment(s) have no words (silence or noise the recogniser wrote as punctuation or nothing); kept, first here",
                at: firstEmpty, format: .whisper))
        }
        if let firstStuck {
            diagnostics.report(.warning(
                "whisper.repeated-phrase",
                "\(stuck) segment(s) repeat a phrase \(phraseRun) or more times in a row, as a stuck recogniser writes; kept, first here: \"\(firstStuck.phrase.prefix(60))\" \(firstStuck.count) times",
                at: firstStuck.location, format: .whisper))
        }
        if let firstRun {
            diagnostics.report(.warning(
                "whisper.repeated-text",
                "\(runs) run(s) of the same text \(repeatRun) or more times in a row (\(repeated) segments), as a recogniser writes when it hallucinates; kept, first here: \"\(firstRun.text.prefix(60))\" \(firstRun.count) times",
                at: firstRun.location, format: .whisper))
        }
    }
}
