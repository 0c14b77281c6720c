/// Chapter times for the writers of chapter lists (JSON chapters, YouTube
/// chapters, FFmpeg metadata), which need chapter times but not cue times.
///
/// A chapter placed by a transcript header (a `cueIndex` and no start) starts
/// where the line under it starts; when that line has no time of its own,
/// `TimeInference` (run on a copy) places it. Ends are filled only when the
/// writer asks, by the same rules: a chapter ends where the next chapter in
/// the table of contents starts (a silent chapter does not end the visible
/// one before it), the last at the media end. Times the source gave are never
/// changed, so a chapter file read and written back keeps exactly its times.
struct ChapterTiming {
    /// The chapters with times filled, in the timeline's order.
    var chapters: [Chapter]
    /// The end of the media: the stated duration, else the end of the last
    /// cue (inferred when needed); nil when neither is known.
    var mediaEnd: Timestamp?

    init(_ timeline: Timeline, fillEnds: Bool, inference: TimeInference = TimeInference(), diagnostics: inout Diagnostics) {
        chapters = timeline.chapters
        mediaEnd = timeline.duration ?? timeline.cues.last?.end
        let needsPlacement = chapters.contains { $0.start == nil && $0.cueIndex != nil }
        let needsEnds = fillEnds && chapters.contains { $0.end == nil }
        let needsMediaEnd = mediaEnd == nil && !timeline.cues.isEmpty
        guard needsPlacement || needsEnds || needsMediaEnd else { return }

        var inferred = timeline
        let report = inference.apply(to: &inferred)
        mediaEnd = timeline.duration ?? inferred.cues.last?.end
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
        if fillEnds {
            var filled = 0
            for index in chapters.indices where chapters[index].end == nil {
                guard let end = inferred.chapters[index].end else { continue }
                chapters[index].end = end
                filled += 1
            }
            if filled > 0 {
                diagnostics.report(.note(
                    "chapters.ends-inferred",
                    "\(filled) chapter end(s) set where the next chapter in the table of contents starts, the last at the end of the media"))
            }
        }
        diagnostics.append(contentsOf: report.diagnostics.filter { $0.code == "inference.empty-chapter" })
    }
}
