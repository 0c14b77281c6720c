/// Caption segmentation of cues whose words carry times (see `WordTimes`):
/// captions are cut at word boundaries and timed by the words themselves,
/// not by sharing the cue's time out by character count.
///
/// A caption starts when its first word starts and ends when its last word
/// ends plus `CaptionStyle.wordLeadOut`, never past the start of the next
/// caption (or of the next source cue), even when that is shorter than the
/// minimum duration. The cut search strongly avoids captions longer than the
/// maximum duration or read faster than the maximum speed, and captions
/// that start with an untimed word (whose time is unknown); it prefers cuts
/// at pauses and shorter captions over too-short ones. Each caption keeps the times of its words
/// after the first as timestamp spans, so WebVTT still carries them.
extension CaptionSegmenter {
    /// When each word of a cue is said, resolved for cutting.
    struct WordTiming {
        /// The words with their times as the cue text gives them.
        var words: [TimedWord]
        /// When each word starts: its own time, else the end of the word
        /// before (an untimed word is said after it).
        var starts: [Int64]
        /// When each word ends: its own end, else the next timed word's
        /// start, else the cue's end.
        var ends: [Int64]

        init?(_ cue: Cue, start: Int64, end: Int64, wordCount: Int) {
            let words = WordTimes.words(cue.text, cueStart: Timestamp(milliseconds: start))
            guard words.count == wordCount, !words.isEmpty else { return nil }
            self.words = words
            let count = words.count
            var ends = [Int64](repeating: end, count: count)
            var nextStart = end
            for index in stride(from: count - 1, through: 0, by: -1) {
                let own = words[index].end?.milliseconds ?? nextStart
                ends[index] = min(max(own, start), end)
                if let time = words[index].start?.milliseconds { nextStart = min(max(time, start), end) }
            }
            var starts = [Int64](repeating: start, count: count)
            for index in 0..<count {
                if let time = words[index].start?.milliseconds {
                    starts[index] = min(max(time, start), end)
                } else if index > 0 {
                    starts[index] = ends[index - 1]
                }
                if index > 0 { starts[index] = max(starts[index], starts[index - 1]) }
                ends[index] = max(ends[index], starts[index])
            }
            self.starts = starts
            self.ends = ends
        }

        /// The time words `from..<to` are spoken.
        func spoken(_ from: Int, _ to: Int) -> Int64 { ends[to - 1] - starts[from] }

        /// The pause before word `index`.
        func pause(before index: Int) -> Int64 { starts[index] - ends[index - 1] }
    }

    /// The cost of a caption of words `from..<to` of `length` characters cut at word times.
    func timedCueCost(from: Int, to: Int, count: Int, length: Int, timing: WordTiming) -> Double {
        var cost = 10.0
        let spoken = Double(timing.spoken(from, to))
        let shown = max(spoken + Double(style.wordLeadOut), Double(style.minDuration))
        if spoken > Double(style.maxDuration) && to - from > 1 { cost += 1000 + (spoken - Double(style.maxDuration)) / 1000 }
        if Double(length) / (shown / 1000) > style.maxCharactersPerSecond { cost += 30 }
        let isWhole = from == 0 && to == count
        if !isWhole {
            if spoken + Double(style.wordLeadOut) < Double(style.minDuration) { cost += 20 }
            if length * 3 < style.capacity { cost += 6 }
        }
        return cost
    }

    /// A cut before an untimed word: its caption would start at a guess.
    func timedBreakPenalty(before index: Int, timing: WordTiming) -> Double {
        timing.words[index].start == nil ? 60 : 0
    }

    /// The cost of a cut before word `index`: a cut at a pause is cheaper.
    func timedBreakFactor(before index: Int, timing: WordTiming) -> Double {
        let pause = timing.pause(before: index)
        if pause >= 700 { return 0.1 }
        if pause >= 300 { return 0.5 }
        return 1
    }

    /// The times of a caption of words `from..<to`; `limit` is when the
    /// next source cue starts, if any.
    func timedPieceTimes(_ from: Int, _ to: Int, timing: WordTiming, limit: Int64?) -> (start: Int64, end: Int64) {
        let start = timing.starts[from]
        let spokenEnd = timing.ends[to - 1]
        let next: Int64? = to < timing.words.count ? timing.starts[to] : limit
        var end = spokenEnd.saturatingAdd(style.wordLeadOut)
        if let next { end = min(end, max(next, spokenEnd)) }
        end = min(end, start.saturatingAdd(style.maxDuration))
        return (start, max(end, start.saturatingAdd(1)))
    }

    /// Words `range` in lines ending at `lineEnds`, with the times of the
    /// words after the first (and of pauses after words) as timestamps
    /// inside `start..<end`.
    func timedLayout(_ words: CaptionWords, _ range: Range<Int>, lineEnds: [Int], timing: WordTiming, start: Int64, end: Int64) -> [Span] {
        var spans: [Span] = []
        var pending = ""
        var lineStart = range.lowerBound
        func flush() {
            if !pending.isEmpty { spans.append(.text(pending)) }
            pending = ""
        }
        for (line, lineEnd) in lineEnds.enumerated() {
            if line > 0 {
                flush()
                spans.append(.lineBreak)
            }
            for position in lineStart..<lineEnd {
                if position > lineStart { pending += " " }
                let word = timing.words[position]
                if let time = word.start?.milliseconds, time > start, time < end {
                    flush()
                    spans.append(.timestamp(Timestamp(milliseconds: time)))
                }
                pending += words.word(position)
                // The last timed word of a caption ends where the text says,
                // else when the next word starts or the source cue ends.
                // (At the end of the text a timestamp can only be an end.)
                let isLast = position + 1 == range.upperBound
                let wordEnd = word.end?.milliseconds ?? (isLast ? timing.ends[position] : nil)
                if let time = wordEnd, time > (word.start?.milliseconds ?? start), time < end,
                   isLast || timing.words[position + 1].start.map({ time < $0.milliseconds }) ?? false {
                    flush()
                    spans.append(.timestamp(Timestamp(milliseconds: time)))
                }
            }
            lineStart = lineEnd
        }
        flush()
        return spans
    }
}
