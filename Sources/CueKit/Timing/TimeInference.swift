/// Fills in the times a source left out, and says what it did.
///
/// Rules, in order:
/// - A time earlier than one before it is a data error: the fewest such times
///   are set aside (the longest non-decreasing run of times is kept), each with
///   a warning at its line; the lines keep their transcript order.
/// - A line without a time, and a line repeating the time before it, share the
///   interval from the last known time to the next greater one with the lines
///   around it, in proportion to text length, so no cue has zero length.
/// - A cue ends where the next cue starts (or per `endPolicy`).
/// - The last cues share the time up to the media duration when it is later,
///   else a reading-time estimate from their text.
/// - Lines before the first known time end there, after a reading-time
///   estimate; when that time is too early to leave each a millisecond, they
///   share it with its line instead.
/// - A chapter placed by `cueIndex` starts with that cue; a chapter ends where
///   the next chapter shown in the table of contents starts, the last one at
///   the end of the media: the stated duration, or the end of the last cue
///   when the transcript runs past it.
///
/// A cue that already has both times is never changed, but for one whose end
/// is before its start: it ends as a cue without an end would, where the
/// next cue starts when that is later, else after its reading time, with a
/// warning (`inference.end-before-start`; see `repairedEnd`).
public struct TimeInference: Sendable {
    /// How a cue's end is chosen from the start of the next cue.
    public enum EndPolicy: Hashable, Sendable {
        /// End where the next cue starts.
        case next
        /// End this many milliseconds before the next cue starts.
        case gap(Int64)
        /// End where the next cue starts, but at most this many milliseconds after the start.
        case maximum(Int64)
    }

    public var endPolicy: EndPolicy
    /// Characters read per second, for reading-time estimates.
    public var charactersPerSecond: Int64
    /// The shortest reading-time estimate, in milliseconds.
    public var minimumReadingTime: Int64

    public init(endPolicy: EndPolicy = .next, charactersPerSecond: Int64 = 15, minimumReadingTime: Int64 = 1000) {
        self.endPolicy = endPolicy
        self.charactersPerSecond = max(1, charactersPerSecond)
        self.minimumReadingTime = max(1, minimumReadingTime)
    }

    /// Fills missing cue and chapter times in `timeline`.
    public func apply(to timeline: inout Timeline) -> InferenceReport {
        var report = InferenceReport()
        inferCueTimes(&timeline, report: &report)
        inferChapterTimes(&timeline, report: &report)
        return report
    }

    // MARK: Cues

    private func inferCueTimes(_ timeline: inout Timeline, report: inout InferenceReport) {
        let count = timeline.cues.count
        guard count > 0 else { return }
        for index in 0..<count {
            guard let start = timeline.cues[index].start, let end = timeline.cues[index].end, end < start else { continue }
            let next = index + 1 < count ? timeline.cues[index + 1].start : nil
            let (repaired, warning) = repairedEnd(of: timeline.cues[index], next: next)
            timeline.cues[index].end = repaired
            report.collected.report(warning)
            report.endsInferred += 1
        }
        // Captions usually have every time already: nothing to fill, and the
        // order only needs checking (without copying a cue).
        var complete = true, ordered = true
        for index in 0..<count {
            guard let start = timeline.cues[index].start, timeline.cues[index].end != nil else {
                complete = false
                break
            }
            if index > 0, let previous = timeline.cues[index - 1].start, start < previous { ordered = false }
        }
        if complete {
            if !ordered {
                var order = CueOrderCheck()
                var warnings = Diagnostics()  // a million cues out of order make a hundred warnings and a count
                for index in 0..<count {
                    if let warning = order.check(timeline.cues[index]) { warnings.report(warning) }
                }
                report.collected.append(contentsOf: warnings)
            }
            return
        }
        var anchors = keptAnchors(timeline.cues, report: &report)
        for index in report.ignoredCues where timeline.cues[index].end == nil {
            timeline.cues[index].start = nil
        }
        let weights = timeline.cues.map { Int64(max(1, Self.scalarCount($0.plainText))) }

        // Lines before a first known time too early to leave each of them a
        // millisecond (a transcript that opens with untimed lines, then 0:00)
        // share that time with its line, as lines repeating a time do.
        if let first = anchors.first, first > 0, timeline.cues[0].end == nil,
           timeline.cues[first].start!.milliseconds < Int64(first) {
            timeline.cues[0].start = timeline.cues[first].start
            report.startsInferred += 1
            anchors.insert(0, at: 0)
        }

        // Lines before the first known time.
        let firstAnchor = anchors.first ?? count
        if firstAnchor > 0 {
            let leading = 0..<firstAnchor
            let total = leading.reduce(Int64(0)) { $0 + weights[$1] }
            let interval: (Int64, Int64)
            if let first = anchors.first {
                let end = timeline.cues[first].start!.milliseconds
                interval = (max(0, end.saturatingSubtract(readingTime(weight: total))), end)
            } else if let duration = timeline.duration?.milliseconds, duration > 0 {
                interval = (0, duration)
            } else {
                interval = (0, readingTime(weight: total))
            }
            spread(leading, over: interval, weights: weights, in: &timeline.cues, report: &report, kind: .leading)
            if anchors.isEmpty, timeline.cues[count - 1].end == nil {
                timeline.cues[count - 1].end = Timestamp(milliseconds: max(interval.1, timeline.cues[count - 1].start!.milliseconds.saturatingAdd(1)))
            }
        }

        // Each known time and the lines after it, up to the next greater time.
        var index = 0
        while index < anchors.count {
            let start = anchors[index]
            let time = timeline.cues[start].start!.milliseconds
            var nextIndex = index + 1
            while nextIndex < anchors.count, timeline.cues[anchors[nextIndex]].start!.milliseconds == time {
                nextIndex += 1
            }
            let segmentEnd = nextIndex < anchors.count ? anchors[nextIndex] : count
            let segment = start..<segmentEnd
            let bound: Int64
            if nextIndex < anchors.count {
                bound = timeline.cues[anchors[nextIndex]].start!.milliseconds
            } else {
                let total = segment.reduce(Int64(0)) { $0 + weights[$1] }
                bound = tailBound(after: time, weight: total, timeline: timeline, at: timeline.cues[start].location, report: &report)
            }
            if segment.count > 1 {
                spread(segment, over: (time, bound), weights: weights, in: &timeline.cues, report: &report,
                       kind: nextIndex - index > 1 ? .sharedTime : .between)
            }
            if nextIndex == anchors.count {
                timeline.cues[count - 1].end = timeline.cues[count - 1].end ?? Timestamp(milliseconds: bound)
            }
            index = nextIndex
        }

        // Ends from the next start.
        for i in 0..<count where timeline.cues[i].end == nil {
            guard let start = timeline.cues[i].start?.milliseconds else { continue }
            let next = i + 1 < count ? timeline.cues[i + 1].start?.milliseconds : nil
            var end = self.end(after: start, next: next, weight: weights[i])
            if end <= start {
                end = start.saturatingAdd(1)
                report.collected.report(.warning(
                    "inference.no-room",
                    "no time left for this line: the next line starts at \(Timestamp(milliseconds: next ?? start)); given 1 ms",
                    at: timeline.cues[i].location))
            }
            timeline.cues[i].end = Timestamp(milliseconds: end)
            report.endsInferred += 1
        }
    }

    /// The end of a cue starting at `start`: where the next cue starts
    /// (`next`), else after the reading time of `weight` characters, then
    /// moved by `endPolicy`.
    private func end(after start: Int64, next: Int64?, weight: Int64) -> Int64 {
        let end = next ?? start.saturatingAdd(readingTime(weight: weight))
        switch endPolicy {
        case .next: return end
        case .gap(let gap): return max(start.saturatingAdd(1), end.saturatingSubtract(gap))
        case .maximum(let longest): return min(end, start.saturatingAdd(longest))
        }
    }

    /// The Unicode scalars in `text`, counted on its UTF-8 bytes (every
    /// byte that is not a continuation byte starts one): a line's weight.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The end of `cue`, whose end is before its start, and the warning that
    /// says so: where the next cue starts (`next`) when that is later, else
    /// after its reading time. A whole timeline and cues streamed one at a
    /// time are repaired alike.
    func repairedEnd(of cue: Cue, next: Timestamp?) -> (Timestamp, Diagnostic) {
        let start = cue.start!.milliseconds
        let later = next.map(\.milliseconds).flatMap { $0 > start ? $0 : nil }
        let weight = Int64(max(1, Self.scalarCount(cue.plainText)))
        let end = max(start.saturatingAdd(1), self.end(after: start, next: later, weight: weight))
        let how = later == nil ? "after its reading time" : "where the next cue starts"
        func precise(_ time: Timestamp) -> String { ClockFormat.string(time, style: .clock) }
        let warning = Diagnostic.warning(
            "inference.end-before-start",
            "expected the end after the start, found \(precise(cue.end!)) before \(precise(cue.start!)); the cue ends \(how), at \(precise(Timestamp(milliseconds: end)))",
            at: cue.location)
        return (Timestamp(milliseconds: end), warning)
    }

    /// Indices of cues whose start time is kept: the longest non-decreasing
    /// sequence of starts. Starts set aside are cleared (unless the cue is
    /// complete) and reported.
    private func keptAnchors(_ cues: [Cue], report: inout InferenceReport) -> [Int] {
        let timed = cues.indices.filter { cues[$0].start != nil }
        guard !timed.isEmpty else { return [] }
        // Patience sorting for the longest non-decreasing subsequence.
        var tails: [Int] = []  // positions in `timed` ending a run of each length
        var previous = [Int](repeating: -1, count: timed.count)
        for (position, cueIndex) in timed.enumerated() {
            let time = cues[cueIndex].start!
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if cues[timed[tails[mid]]].start! <= time { low = mid + 1 } else { high = mid }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var keep = [Bool](repeating: false, count: timed.count)
        var position = tails.last!
        while position >= 0 {
            keep[position] = true
            position = previous[position]
        }
        var anchors: [Int] = []
        anchors.reserveCapacity(tails.count)
        var lastKept: Timestamp?
        for (position, cueIndex) in timed.enumerated() {
            if keep[position] {
                anchors.append(cueIndex)
                lastKept = cues[cueIndex].start
                continue
            }
            let time = cues[cueIndex].start!
            let context = lastKept.map { "earlier than \(Self.clock($0)) before it" } ?? "later than the times after it"
            report.timesIgnored += 1
            report.ignoredCues.append(cueIndex)
            let outcome = cues[cueIndex].end == nil
                ? "the line keeps its place and its time is inferred"
                : "the cue keeps its place and its times"
            report.collected.report(.warning(
                "inference.time-backwards",
                "time \(Self.clock(time)) is \(context); \(outcome)",
                at: cues[cueIndex].location))
        }
        return anchors
    }

    private enum SpreadKind { case leading, between, sharedTime }

    /// Gives the cues in `range` consecutive starts across `interval` in
    /// proportion to `weights`; the first cue of a timed segment keeps its start.
    private func spread(
        _ range: Range<Int>, over interval: (Int64, Int64), weights: [Int64],
        in cues: inout [Cue], report: inout InferenceReport, kind: SpreadKind
    ) {
        let (from, to) = interval
        let total = range.reduce(Int64(0)) { $0 + weights[$1] }
        let span = max(0, to.saturatingSubtract(from))
        var cumulative: Int64 = 0
        var placed = 0
        var firstPlaced: Int?
        for index in range {
            let start = from.saturatingAdd(proportion(span, cumulative, total))
            cumulative += weights[index]
            let isComplete = cues[index].start != nil && cues[index].end != nil
            if isComplete { continue }
            if index == range.lowerBound, kind != .leading, cues[index].start != nil { continue }
            cues[index].start = Timestamp(milliseconds: start)
            placed += 1
            if firstPlaced == nil { firstPlaced = index }
        }
        guard placed > 0, let first = firstPlaced else { return }
        report.startsInferred += placed
        if span < Int64(range.count) {
            report.collected.report(.warning(
                "inference.no-room",
                "\(range.count) lines share only \(span) ms; some get no time on screen",
                at: cues[first].location))
        }
        if report.collected.countsRepeat(of: "inference.spread") { return }
        let lines = placed == 1 ? "1 line" : "\(placed) lines"
        let message: String
        switch kind {
        case .leading:
            message = "\(lines) before the first known time placed from \(Self.clock(Timestamp(milliseconds: from))) to \(Self.clock(Timestamp(milliseconds: to))) by text length"
        case .between:
            message = "\(lines) without a time placed between \(Self.clock(Timestamp(milliseconds: from))) and \(Self.clock(Timestamp(milliseconds: to))) by text length"
        case .sharedTime:
            message = "\(lines) sharing or missing a time spread from \(Self.clock(Timestamp(milliseconds: from))) to \(Self.clock(Timestamp(milliseconds: to))) by text length"
        }
        report.collected.report(.note("inference.spread", message, at: cues[first].location))
    }

    /// `span * part / total` without overflow.
    private func proportion(_ span: Int64, _ part: Int64, _ total: Int64) -> Int64 {
        guard total > 0, span > 0 else { return 0 }
        let product = span.multipliedFullWidth(by: part)
        return total.dividingFullWidth((product.high, product.low)).quotient
    }

    /// Where the last segment ends: the duration when later, else reading time.
    private func tailBound(
        after time: Int64, weight: Int64, timeline: Timeline, at location: SourceLocation?,
        report: inout InferenceReport
    ) -> Int64 {
        if let duration = timeline.duration?.milliseconds {
            if duration > time { return duration }
            report.collected.report(.warning(
                "inference.past-duration",
                "the transcript runs to \(Self.clock(Timestamp(milliseconds: time))), past the duration \(Self.clock(Timestamp(milliseconds: duration))); the last line ends after its reading time",
                at: location))
        }
        let (sum, overflow) = time.addingReportingOverflow(readingTime(weight: weight))
        return overflow ? .max : sum
    }

    /// Milliseconds to read `weight` characters.
    func readingTime(weight: Int64) -> Int64 {
        max(minimumReadingTime, weight * 1000 / charactersPerSecond)
    }

    // MARK: Chapters

    private func inferChapterTimes(_ timeline: inout Timeline, report: inout InferenceReport) {
        guard !timeline.chapters.isEmpty else { return }
        let lastCueEnd = timeline.cues.last?.end
        for i in timeline.chapters.indices where timeline.chapters[i].start == nil {
            guard let cueIndex = timeline.chapters[i].cueIndex else { continue }
            let start = cueIndex < timeline.cues.count ? timeline.cues[cueIndex].start : lastCueEnd
            guard let start else { continue }
            timeline.chapters[i].start = start
            report.chapterStartsInferred += 1
        }
        // A transcript that runs past the stated duration ends with its last line.
        let mediaEnd = [timeline.duration, lastCueEnd].compactMap { $0 }.max()
        report.chapterEndsInferred += Self.fillChapterEnds(&timeline.chapters, mediaEnd: mediaEnd, diagnostics: &report.collected)
    }

    /// Gives each chapter without an end the start of the next chapter shown
    /// in the table of contents (a silent chapter does not end the visible
    /// one before it), the last one `mediaEnd`; a chapter whose end would
    /// come before its start keeps none, one that would be empty is reported.
    /// Returns how many ends were set.
    static func fillChapterEnds(_ chapters: inout [Chapter], mediaEnd: Timestamp?, diagnostics: inout Diagnostics) -> Int {
        var filled = 0
        let order = chapters.indices.filter { chapters[$0].start != nil }
            .sorted { chapters[$0].start! < chapters[$1].start! }
        for (position, i) in order.enumerated() where chapters[i].end == nil {
            let start = chapters[i].start!
            let isVisible = chapters[i].isInTableOfContents
            let next = order[(position + 1)...].first { j in
                !isVisible || chapters[j].isInTableOfContents
            }
            var end = next.flatMap { chapters[$0].start } ?? mediaEnd
            if let candidate = end, candidate < start { end = nil }
            guard let end else { continue }
            chapters[i].end = end
            filled += 1
            if end == start {
                let why = next == nil
                    ? "it starts where the media ends, at \(Self.clock(start))"
                    : "the next chapter starts at the same time \(Self.clock(start))"
                diagnostics.report(.warning(
                    "inference.empty-chapter", "chapter '\(chapters[i].title ?? "")' is empty: \(why)",
                    at: chapters[i].location))
            }
        }
        return filled
    }

    static func clock(_ time: Timestamp) -> String {
        ClockFormat.string(time, style: .minutesSeconds)
    }
}

/// What time inference did.
public struct InferenceReport: Sendable {
    public var startsInferred = 0
    public var endsInferred = 0
    /// Times set aside because they went backwards.
    public var timesIgnored = 0
    /// Indices of the cues whose time was set aside.
    public var ignoredCues: [Int] = []
    public var chapterStartsInferred = 0
    public var chapterEndsInferred = 0
    /// One note per run of placed lines; a warning per time set aside. Past
    /// `Diagnostics.limitPerCode` of one code, the rest are counted in the
    /// last one kept: a million untimed lines make a hundred notes, not a
    /// million.
    public var diagnostics: [Diagnostic] { collected.items }
    var collected = Diagnostics()
}
