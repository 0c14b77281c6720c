/// Splits long transcript lines into captions people can read.
///
/// Each timed cue is cut into cues that fit `style` (lines of at most
/// `maxCharactersPerLine`, at most `maxLines`), preferring to cut at sentence
/// ends, then at clause punctuation, then before conjunctions and
/// prepositions; a word is never split. The cue's time is shared by character
/// count, so the new cues stay inside its interval and in order; a cue stays on
/// screen at most `maxDuration`. Lines are balanced. Every word of the source
/// appears once, in order. A change of speaker is always a new cue, since each
/// source cue is cut on its own.
struct CaptionSegmenter: Sendable {
    var style: CaptionStyle
    /// Whether the output shows the speaker as `Name: ` text at each change of
    /// speaker (SRT), so the first line of such a cue leaves room for it.
    var reservesSpeakerLabels: Bool

    init(style: CaptionStyle = .youtube, reservesSpeakerLabels: Bool = false) {
        self.style = style
        self.reservesSpeakerLabels = reservesSpeakerLabels
    }

    /// From this many cues up, `apply` cuts the second half on a thread of its own.
    static let parallelThreshold = 4096

    /// Replaces the timed cues of `timeline` with segmented ones.
    ///
    /// Each cue is cut on its own (knowing only the speaker of the cue
    /// before it), so a long timeline is cut in two halves side by side and
    /// the parts joined in order: the same cues and report as one pass.
    func apply(to timeline: inout Timeline) -> SegmentationReport {
        apply(to: &timeline, inParallel: timeline.cues.count >= Self.parallelThreshold)
    }

    /// `apply`, with the halves cut side by side or not.
    func apply(to timeline: inout Timeline, inParallel: Bool) -> SegmentationReport {
        var cues = timeline.cues
        timeline.cues = []  // `cues` is the only copy, so captions replace their cues in place
        let count = cues.count
        var (run, joined) = cues.withUnsafeMutableBufferPointer { pointer -> (SegmentedRun, [Cue]?) in
            let source = CueBuffer(cues: pointer)
            guard inParallel && count > 1 else {
                var runs = [segment(source, SegmentedRun(0..<count, capacity: count), after: nil, followedBy: nil)]
                let joined = SegmentedRun.joined(&runs, source: source)
                return (runs[0], joined)
            }
            let middle = count / 2
            let following = pointer[middle].start, speakerBefore = pointer[middle - 1].speaker
            var (first, second) = WorkerThread.sideBySide(
                { segment(source, SegmentedRun(0..<middle, capacity: count), after: nil, followedBy: following) },
                { [self] in segment(source, SegmentedRun(middle..<count, capacity: count - middle), after: speakerBefore, followedBy: nil) })
            first.add(reportOf: second)
            var runs = [consume first, consume second]
            let joined = SegmentedRun.joined(&runs, source: source)
            return (runs[0], joined)
        }
        if let joined = joined.take() { cues = joined }
        if style.keepsGap { keepGaps(&cues) }
        run.report.cuesWritten = cues.count
        if run.flattened > 0 {
            run.report.diagnostics.append(.warning(
                "captions.flattened",
                "\(run.flattened) cue(s) with styling were too long for the caption limits; split as plain text, their styling dropped",
                at: run.firstFlattened))
        }
        timeline.cues = cues
        return run.report
    }

    /// Cuts the cues of `run` in `source`, whose cue before (if any) has the
    /// speaker `previousSpeaker` and whose cue after (if any) starts at
    /// `followingStart`.
    private func segment(
        _ source: CueBuffer, _ run: SegmentedRun, after previousSpeaker: String?, followedBy followingStart: Timestamp?
    ) -> SegmentedRun {
        var run = run
        var previousSpeaker = previousSpeaker
        for index in run.range {
            let cue = source.cues[index]
            defer { previousSpeaker = cue.speaker }
            let label = reservesSpeakerLabels && cue.speaker != previousSpeaker ? (cue.speaker?.count ?? -2) + 2 : 0
            guard let start = cue.start, let end = cue.end, end > start else {
                run.keep(cue)
                continue
            }
            let text = cue.text
            if WordTimes.hasWordTimes(text) {
                let next = index + 1 < run.range.upperBound ? source.cues[index + 1].start : followingStart
                let limit = next.map { max($0.milliseconds, end.milliseconds) }
                if let pieces = segmentAtWordTimes(cue, start: start.milliseconds, end: end.milliseconds, label: label, limit: limit, report: &run.report) {
                    if pieces.count > 1 { run.report.linesSplit += 1 }
                    run.replace(at: index, in: source, with: pieces)
                    continue
                }
            }
            if text.hasMarkup {
                if fitsAsIs(cue) {
                    run.keep(cue)
                    continue
                }
                run.flattened += 1
                if run.firstFlattened == nil { run.firstFlattened = cue.location }
            }
            let pieces = segment(cue, start: start.milliseconds, end: end.milliseconds, label: label, report: &run.report)
            if pieces.count > 1 { run.report.linesSplit += 1 }
            run.replace(at: index, in: source, with: pieces)
        }
        return run
    }

    // MARK: One cue

    /// Cuts one cue; `label` is the width of a speaker label its first line shows.
    private func segment(_ cue: Cue, start: Int64, end: Int64, label: Int, report: inout SegmentationReport) -> [Cue] {
        let words = CaptionWords(cue.plainText)
        guard !words.isEmpty else { return [cue] }
        for position in 0..<words.count where words.widths[position] > style.maxCharactersPerLine {
            report.diagnostics.append(.warning(
                "captions.long-word",
                "'\(words.word(position).prefix(60))' is \(words.widths[position]) characters, longer than a caption line of \(style.maxCharactersPerLine); kept whole on its own line",
                at: cue.location))
        }
        // prefix[k]: characters before word k, counting one space between words.
        var prefix = [Int](repeating: 0, count: words.count + 1)
        for position in 0..<words.count {
            prefix[position + 1] = prefix[position] + words.widths[position] + (position > 0 ? 1 : 0)
        }
        let total = prefix[words.count]
        let duration = end.saturatingSubtract(start)
        let cuts = bestCuts(words, prefix: prefix, duration: duration, label: label)

        var pieces: [Cue] = []
        pieces.reserveCapacity(cuts.count)
        var from = 0
        for (index, to) in cuts.enumerated() {
            let charactersBefore = from == 0 ? 0 : prefix[from] + 1
            let charactersThrough = to == words.count ? total : prefix[to] + 1
            let pieceStart = start.saturatingAdd(proportion(duration, charactersBefore, total))
            var pieceEnd = to == words.count ? end : start.saturatingAdd(proportion(duration, charactersThrough, total))
            pieceEnd = min(pieceEnd, pieceStart.saturatingAdd(style.maxDuration))
            let piece = Cue(
                id: cue.id.map { cuts.count > 1 ? "\($0)-\(index + 1)" : $0 },
                start: Timestamp(milliseconds: pieceStart), end: Timestamp(milliseconds: max(pieceEnd, pieceStart.saturatingAdd(1))),
                speaker: cue.speaker, text: layout(words, from..<to, label: from == 0 ? label : 0), settings: cue.settings,
                location: cue.location)
            let characters = charactersThrough - charactersBefore
            let seconds = Double(piece.end!.milliseconds - pieceStart) / 1000
            if seconds > 0, Double(characters) / seconds > style.maxCharactersPerSecond {
                report.tooFast += 1
                if report.firstTooFast == nil { report.firstTooFast = cue.location }
            }
            pieces.append(piece)
            from = to
        }
        return pieces
    }

    /// Cuts one cue whose words carry times (see `CaptionSegmenter+WordTimes`);
    /// nil when its words cannot be matched to its text.
    private func segmentAtWordTimes(
        _ cue: Cue, start: Int64, end: Int64, label: Int, limit: Int64?, report: inout SegmentationReport
    ) -> [Cue]? {
        let words = CaptionWords(cue.plainText)
        guard let timing = WordTiming(cue, start: start, end: end, wordCount: words.count) else { return nil }
        for position in 0..<words.count where words.widths[position] > style.maxCharactersPerLine {
            report.diagnostics.append(.warning(
                "captions.long-word",
                "'\(words.word(position).prefix(60))' is \(words.widths[position]) characters, longer than a caption line of \(style.maxCharactersPerLine); kept whole on its own line",
                at: cue.location))
        }
        var prefix = [Int](repeating: 0, count: words.count + 1)
        for position in 0..<words.count {
            prefix[position + 1] = prefix[position] + words.widths[position] + (position > 0 ? 1 : 0)
        }
        let cuts = bestCuts(words, prefix: prefix, duration: end - start, label: label, timing: timing)
        var pieces: [Cue] = []
        pieces.reserveCapacity(cuts.count)
        var from = 0
        for (index, to) in cuts.enumerated() {
            let times = timedPieceTimes(from, to, timing: timing, limit: limit)
            let lineLabel = from == 0 ? label : 0
            let text = timedLayout(words, from..<to, lineEnds: lineBreaks(words, from..<to, label: lineLabel), timing: timing, start: times.start, end: times.end)
            // The source cue's extras stay with its first caption, so a
            // writer that drops them still counts them.
            let piece = Cue(
                id: cue.id.map { cuts.count > 1 ? "\($0)-\(index + 1)" : $0 },
                start: Timestamp(milliseconds: times.start), end: Timestamp(milliseconds: times.end),
                speaker: cue.speaker, text: text, settings: cue.settings, extras: index == 0 ? cue.extras : FormatExtras(),
                location: cue.location)
            let characters = prefix[to] - prefix[from] - (from > 0 ? 1 : 0)
            let seconds = Double(times.end - times.start) / 1000
            if seconds > 0, Double(characters) / seconds > style.maxCharactersPerSecond {
                report.tooFast += 1
                if report.firstTooFast == nil { report.firstTooFast = cue.location }
            }
            pieces.append(piece)
            from = to
        }
        return pieces
    }

    /// `span * part / whole` in milliseconds, without overflow.
    private func proportion(_ span: Int64, _ part: Int, _ whole: Int) -> Int64 {
        guard whole > 0, span > 0 else { return 0 }
        let product = span.multipliedFullWidth(by: Int64(part))
        return Int64(whole).dividingFullWidth((product.high, product.low)).quotient
    }

    /// The word indices where cues end (the last is `words.count`), chosen by
    /// dynamic programming over cue costs.
    private func bestCuts(_ words: CaptionWords, prefix: [Int], duration: Int64, label: Int, timing: WordTiming? = nil) -> [Int] {
        let count = words.count
        let total = Double(prefix[count])
        func characters(_ from: Int, _ to: Int) -> Int { prefix[to] - prefix[from] - (from > 0 ? 1 : 0) }
        let lineEnds = self.lineEnds(words.widths, label: 0)
        let firstLineEnd = label > 0 ? self.lineEnds(words.widths, label: label)[0] : lineEnds[0]
        /// Whether words `from..<to` fit in the allowed lines (greedy filling
        /// from each line's first word uses the fewest lines).
        func fits(_ from: Int, _ to: Int) -> Bool {
            var position = from
            for line in 0..<style.maxLines {
                let end = line == 0 && from == 0 ? firstLineEnd : lineEnds[position]
                if end >= to { return true }
                if end == position && !(line == 0 && from == 0 && label > 0) { return false }
                position = end
            }
            return false
        }
        var best = [Double](repeating: .infinity, count: count + 1)
        var previous = [Int](repeating: 0, count: count + 1)
        best[0] = 0
        for to in 1...count {
            var from = to - 1
            while from >= 0 {
                let length = characters(from, to)
                let single = to - from == 1
                let extra = from == 0 ? label : 0
                if !single && (length + extra > style.capacity || !fits(from, to)) { break }
                if best[from] < .infinity {
                    var cost = best[from]
                    if let timing {
                        cost += timedCueCost(from: from, to: to, count: count, length: length, timing: timing)
                        if to < count {
                            cost += words.breakCosts[to - 1] * timedBreakFactor(before: to, timing: timing)
                                + timedBreakPenalty(before: to, timing: timing)
                        }
                    } else {
                        cost += cueCost(from: from, to: to, count: count, length: length, total: total, duration: duration)
                        if to < count { cost += words.breakCosts[to - 1] }
                    }
                    if cost < best[to] {
                        best[to] = cost
                        previous[to] = from
                    }
                }
                from -= 1
            }
        }
        var cuts: [Int] = []
        var position = count
        while position > 0 {
            cuts.append(position)
            position = previous[position]
        }
        return cuts.reversed()
    }

    /// For each word, where a line starting with it ends when filled greedily
    /// (the index after its last word; equal to the start when the word alone
    /// is too wide). `label` narrows the line.
    private func lineEnds(_ widths: [Int], label: Int) -> [Int] {
        let limit = style.maxCharactersPerLine
        var ends = [Int](repeating: 0, count: widths.count + 1)
        ends[widths.count] = widths.count
        var end = 0
        var width = label - 1  // width of words start..<end with separating spaces, after the label
        for start in 0..<widths.count {
            if end < start {
                end = start
                width = label - 1
            }
            while end < widths.count, width + 1 + widths[end] <= limit {
                width += 1 + widths[end]
                end += 1
            }
            ends[start] = end
            if label > 0 { break }
            if end > start { width -= widths[start] + 1 }
        }
        return ends
    }

    /// The cost of one caption of words `from..<to` (without the cut after it).
    private func cueCost(from: Int, to: Int, count: Int, length: Int, total: Double, duration: Int64) -> Double {
        var cost = 10.0
        let milliseconds = total > 0 ? Double(duration) * Double(length) / total : 0
        if milliseconds > Double(style.maxDuration) { cost += (milliseconds - Double(style.maxDuration)) / 1000 * 3 }
        let isWhole = from == 0 && to == count
        if !isWhole {
            if milliseconds < Double(style.minDuration) { cost += 40 }
            if length * 3 < style.capacity { cost += 6 }
        }
        return cost
    }

    /// Words `range` laid out in balanced lines, the first `label` characters narrower.
    private func layout(_ words: CaptionWords, _ range: Range<Int>, label: Int) -> [Span] {
        let lines = lineBreaks(words, range, label: label)
        var spans: [Span] = []
        var lineStart = range.lowerBound
        for (index, lineEnd) in lines.enumerated() {
            if index > 0 { spans.append(.lineBreak) }
            // An empty first line leaves the speaker label a line of its own.
            if lineEnd > lineStart { spans.append(.text(words.joined(lineStart..<lineEnd))) }
            lineStart = lineEnd
        }
        return spans
    }

    /// Where lines end within `range`: one line if it fits, else the most
    /// balanced split (slightly bottom-heavy, preferring punctuation), else
    /// greedy lines of an even width.
    private func lineBreaks(_ words: CaptionWords, _ range: Range<Int>, label: Int) -> [Int] {
        let width = range.reduce(label - 1) { $0 + words.widths[$1] + 1 }
        let limit = style.maxCharactersPerLine
        if label > 0, label + words.widths[range.lowerBound] > limit {
            // The label takes the first line alone.
            return [range.lowerBound] + lineBreaks(words, range, label: 0)
        }
        if width <= limit || range.count == 1 { return [range.upperBound] }
        if style.maxLines >= 2 {
            var bestSplit: Int?
            var bestCost = Double.infinity
            var first = label - 1
            for split in (range.lowerBound + 1)..<range.upperBound {
                first += words.widths[split - 1] + 1
                let second = width - first - 1
                guard first <= limit, second <= limit else { continue }
                var cost = Double(abs(first - second)) / 2
                if first > second { cost += 1 }
                cost += words.breakCosts[split - 1] * 0.6
                if cost < bestCost {
                    bestCost = cost
                    bestSplit = split
                }
            }
            if let bestSplit, style.maxLines == 2 || width <= 2 * limit { return [bestSplit, range.upperBound] }
        }
        // Greedy lines aimed at an even width (more than two lines, or a word
        // longer than a line).
        let lineCount = max(1, (width + limit) / (limit + 1))
        let target = min(limit, (width + lineCount - 1) / lineCount)
        var breaks: [Int] = []
        var current = label - 1
        for position in range {
            let length = words.widths[position]
            if current >= 0 && current + 1 + length > target {
                breaks.append(position)
                current = length
            } else {
                current = current < 0 ? length : current + 1 + length
            }
        }
        breaks.append(range.upperBound)
        return breaks
    }

    private func fitsAsIs(_ cue: Cue) -> Bool {
        let lines = cue.plainText.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count <= style.maxLines, lines.allSatisfy({ $0.count <= style.maxCharactersPerLine }) else { return false }
        guard let start = cue.start, let end = cue.end else { return true }
        return end.distance(from: start) <= style.maxDuration
    }

    /// Ends each cue at least `minGap` before the next one starts, where the
    /// cue stays longer than the minimum duration.
    private func keepGaps(_ cues: inout [Cue]) {
        guard cues.count > 1 else { return }
        for index in 0..<(cues.count - 1) {
            guard let start = cues[index].start, let end = cues[index].end, let next = cues[index + 1].start else { continue }
            let gap = next.distance(from: end)
            if gap < style.minGap {
                let wanted = next.advanced(by: -style.minGap)
                if wanted.distance(from: start) >= style.minDuration { cues[index].end = wanted }
            }
        }
    }
}

/// What segmentation did.
struct SegmentationReport: Sendable {
    /// Source cues cut into more than one caption.
    var linesSplit = 0
    var cuesWritten = 0
    /// Captions whose reading speed is over the maximum because the source
    /// gives their text too little time.
    var tooFast = 0
    var firstTooFast: SourceLocation?
    var diagnostics: [Diagnostic] = []
}
