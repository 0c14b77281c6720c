/// The time of each word of a cue, as the model holds it: `Span.timestamp`
/// spans in the cue text (WebVTT karaoke style).
///
/// The rules, shared by every reader that makes them and every writer or
/// transform that uses them:
/// - A timestamp before a word is the time the word starts. A word (a run of
///   characters without white space) with no timestamp before it is untimed:
///   it is said somewhere between the timed words around it. The first word
///   of a cue with no timestamp before it starts at the cue's start.
/// - A timestamp right after a word, followed by nothing but white space and
///   then another timestamp or the end of the text, is the time that word
///   ends (a pause follows). Otherwise a word ends when the next timed word
///   starts, or at the cue's end.
///
/// So `<0.5>Hello<0.9> <1.4>world` says "Hello" from 0.5 to 0.9 s, then a
/// pause, then "world" from 1.4 s to the cue's end.
struct TimedWord: Hashable, Sendable {
    var text: String
    /// When the word starts; nil for an untimed word.
    var start: Timestamp?
    /// When the word ends, if the text says so (see `WordTimes`).
    var end: Timestamp?

    init(_ text: String, start: Timestamp? = nil, end: Timestamp? = nil) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// Building and reading word times in cue text (see `TimedWord`).
enum WordTimes {
    /// Whether `spans` carry word times: at least one timestamp, and no
    /// markup other than text, line breaks and timestamps.
    static func hasWordTimes(_ spans: [Span]) -> Bool {
        var found = false
        for span in spans {
            switch span {
            case .text, .lineBreak: continue
            case .timestamp: found = true
            case .element: return false
            }
        }
        return found
    }

    /// Cue text for `words`, with `separators[i]` before word `i` (the
    /// first is ignored; `" "` when missing). A word's start is written only
    /// when it is after `cueStart` (the first word otherwise starts with the
    /// cue); an end only when the word has one before the next word's start
    /// (the next word being timed) and before `cueEnd` (see `hasWrittenEnd`).
    static func spans(
        _ words: [TimedWord], separators: [String] = [], cueStart: Timestamp?, cueEnd: Timestamp?
    ) -> [Span] {
        var spans: [Span] = []
        spans.reserveCapacity(words.count * 3)
        var pending = ""
        for (index, word) in words.enumerated() {
            if index > 0 { pending += index < separators.count ? separators[index] : " " }
            if let start = word.start, index > 0 || cueStart.map({ start > $0 }) ?? true {
                if !pending.isEmpty { spans.append(.text(pending)) }
                pending = ""
                spans.append(.timestamp(start))
            }
            pending += word.text
            if let end = word.end {
                // Before an untimed word, a timestamp would read as its start.
                let beforeNext = index + 1 < words.count ? words[index + 1].start.map { end < $0 } ?? false : true
                let beforeCueEnd = cueEnd.map { end < $0 } ?? true
                if beforeNext && beforeCueEnd && (word.start.map { end > $0 } ?? true) {
                    spans.append(.text(pending))
                    pending = ""
                    spans.append(.timestamp(end))
                }
            }
        }
        if !pending.isEmpty { spans.append(.text(pending)) }
        return spans
    }

    /// Whether `spans` writes the end of word `index` of `words`.
    static func hasWrittenEnd(_ words: [TimedWord], _ index: Int, cueEnd: Timestamp?) -> Bool {
        guard let end = words[index].end else { return false }
        if let start = words[index].start, end <= start { return false }
        if let cueEnd, end >= cueEnd { return false }
        return index + 1 < words.count ? words[index + 1].start.map { end < $0 } ?? false : true
    }

    /// The words of `spans` with their times as the text states them (see
    /// `TimedWord`); the first word gets `cueStart` when no timestamp comes
    /// before it. Markup elements are read as their text.
    static func words(_ spans: [Span], cueStart: Timestamp? = nil) -> [TimedWord] {
        var words: [TimedWord] = []
        var pendingStart: Timestamp? = cueStart
        /// A timestamp right after a word, not yet known to be its end.
        var afterWord: Timestamp?
        var inWord = false
        var current: [UInt8] = []

        func finishWord() {
            guard inWord else { return }
            words.append(TimedWord(String(decoding: current, as: UTF8.self), start: pendingStart))
            pendingStart = nil
            current.removeAll(keepingCapacity: true)
            inWord = false
        }
        func visit(_ spans: [Span]) {
            for span in spans {
                switch span {
                case .timestamp(let time):
                    if inWord {
                        finishWord()
                        afterWord = time
                    } else if let earlier = afterWord {
                        // Two timestamps with only white space between: the
                        // first ends the word before.
                        words[words.count - 1].end = earlier
                        afterWord = nil
                        pendingStart = time
                    } else {
                        pendingStart = time
                    }
                case .lineBreak:
                    finishWord()
                case .text(let text):
                    for byte in text.utf8 {
                        if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                            finishWord()
                        } else {
                            if !inWord, let time = afterWord {
                                // A timestamp followed by a word is its start.
                                pendingStart = time
                                afterWord = nil
                            }
                            inWord = true
                            current.append(byte)
                        }
                    }
                case .element(let element):
                    visit(element.children)
                }
            }
        }
        visit(spans)
        finishWord()
        if let time = afterWord, !words.isEmpty { words[words.count - 1].end = time }
        return words
    }
}
