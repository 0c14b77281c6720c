/// The chapters a writer of chapter lists (JSON chapters, YouTube chapters,
/// FFmpeg metadata) writes: with times, and without repeats. Such writers need
/// chapter times but not cue times.
///
/// A chapter placed by a transcript header (a `cueIndex` and no start) starts
/// where the line under it starts; when that line has no time of its own,
/// `TimeInference` (run on a copy) places it. Ends are filled only when the
/// writer asks, by the same rules: a chapter ends where the next chapter in
/// the table of contents starts (a silent chapter does not end the visible
/// one before it), the last at the media end. Times the source gave are never
/// changed, so a chapter file read and written back keeps exactly its times.
///
/// A doubled header in a transcript is one chapter: a chapter with the title
/// of the chapter right before it, or of an earlier one at the same line or
/// start, or a header-placed chapter whose title a chapter with its own times
/// has (a quotable clip), is left out with one warning. Two chapters in a row
/// with one title that each have a start and an end of their own and start
/// apart (region labels such as an Audacity track's `SIL`, `SIL`) are both kept.
struct WritableChapters {
    /// The chapters with times filled, in the timeline's order.
    var chapters: [Chapter]
    /// The end of the media: the stated duration or the end of the last cue
    /// (inferred when needed), whichever is later; nil when neither is known.
    var mediaEnd: Timestamp?

    init(_ timeline: Timeline, fillEnds: Bool, inference: TimeInference = TimeInference(), diagnostics: inout Diagnostics) {
        mediaEnd = Self.later(timeline.duration, timeline.cues.last?.end)
        let hadOwnStart = timeline.chapters.map { $0.start != nil }
        chapters = timeline.chapters
        let needsPlacement = chapters.contains { $0.start == nil && $0.cueIndex != nil }
        let needsEnds = fillEnds && chapters.contains { $0.end == nil }
        let needsMediaEnd = mediaEnd == nil && !timeline.cues.isEmpty
        guard needsPlacement || needsEnds || needsMediaEnd else {
            chapters = Self.withoutRepeats(chapters, hadOwnStart: hadOwnStart, diagnostics: &diagnostics)
            return
        }

        var inferred = timeline
        let report = inference.apply(to: &inferred)
        mediaEnd = Self.later(timeline.duration, inferred.cues.last?.end)
        let setAside = Set(report.ignoredCues)
        var placed = 0, placedUntimed = 0
        var firstPlaced: SourceLocation?
        for index in chapters.indices where chapters[index].start == nil {
            guard let start = inferred.chapters[index].start else { continue }
            chapters[index].start = start
            placed += 1
            if firstPlaced == nil { firstPlaced = chapters[index].location }
            guard let cueIndex = chapters[index].cueIndex, cueIndex < timeline.cues.count else { continue }
            if let written = timeline.cues[cueIndex].start, setAside.contains(cueIndex) {
                diagnostics.report(.warning(
                    "chapters.time-set-aside",
                    "the line under header '\(chapters[index].title ?? "")' has the time \(TimeInference.clock(written)), which goes backwards; the chapter starts at the inferred \(TimeInference.clock(start)) instead",
                    at: chapters[index].location))
            } else if timeline.cues[cueIndex].start == nil {
                placedUntimed += 1
            }
        }
        if placed > 0 {
            let untimed = placedUntimed > 0
                ? "; \(placedUntimed) of those lines have no time of their own and were placed by time inference"
                : ""
            diagnostics.report(.note(
                "chapters.placed",
                "\(placed) chapter start(s) taken from the line under their header\(untimed)",
                at: firstPlaced))
        }
        // Repeats go before ends are filled, so that the chapter kept ends
        // where the next one starts, not where its repeat did.
        chapters = Self.withoutRepeats(chapters, hadOwnStart: hadOwnStart, diagnostics: &diagnostics)
        // Ends are worked out either way: an empty chapter is reported even
        // where the format writes no ends.
        var ended = chapters, found = Diagnostics()
        let filled = TimeInference.fillChapterEnds(&ended, mediaEnd: mediaEnd, diagnostics: &found)
        if fillEnds { chapters = ended }
        if fillEnds && filled > 0 {
            diagnostics.report(.note(
                "chapters.ends-inferred",
                "\(filled) chapter end(s) set where the next chapter in the table of contents starts, the last at the end of the media"))
        }
        diagnostics.append(contentsOf: found)
    }

    private static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        [a, b].compactMap { $0 }.max()
    }

    /// `chapters` without repeats: a chapter with the title of the chapter
    /// right before it, or of an earlier one at the same line under the header
    /// or the same start, or a chapter placed by a header whose title a
    /// chapter with times of its own (a quotable clip) has: explicit times
    /// beat inferred ones.
    private static func withoutRepeats(
        _ chapters: [Chapter], hadOwnStart: [Bool], diagnostics: inout Diagnostics
    ) -> [Chapter] {
        var timedTitles = Set<String>()
        for (chapter, hadStart) in zip(chapters, hadOwnStart) where hadStart {
            if let title = chapter.title { timedTitles.insert(title) }
        }
        var kept: [Chapter] = []
        kept.reserveCapacity(chapters.count)
        var byTitle: [String: [Chapter]] = [:]
        var repeats = 0
        var first: SourceLocation?
        for (chapter, hadStart) in zip(chapters, hadOwnStart) {
            guard let title = chapter.title else {
                kept.append(chapter)
                continue
            }
            // Two chapters of one name each with a start and an end of its
            // own (region labels, ranges) are two chapters, not a doubled header.
            let isRange = hadStart && chapter.end != nil
            let followsItself = kept.last.map {
                $0.title == title && $0.isInTableOfContents == chapter.isInTableOfContents
                    && !(isRange && $0.end != nil && $0.start != chapter.start)
            } ?? false
            let isRepeat = followsItself || (!hadStart && timedTitles.contains(title)) || byTitle[title, default: []].contains { earlier in
                guard earlier.isInTableOfContents == chapter.isInTableOfContents else { return false }
                if let line = chapter.cueIndex, line == earlier.cueIndex { return true }
                return chapter.start != nil && chapter.start == earlier.start
            }
            if isRepeat {
                repeats += 1
                if first == nil { first = chapter.location }
                continue
            }
            byTitle[title, default: []].append(chapter)
            kept.append(chapter)
        }
        if repeats > 0 {
            diagnostics.report(.warning(
                "chapters.repeated",
                "\(repeats) chapter(s) repeat the title and place of an earlier chapter (a doubled header); written once, first here",
                at: first))
        }
        return kept
    }
}
