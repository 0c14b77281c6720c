/// Reads chapter lines from a video description or any pasted list: every
/// line with a timestamp is a chapter (see `YouTubeChapterLine` for the
/// accepted shapes); other lines are description text and are skipped with a
/// note.
///
/// Chapters are sorted by time (a repair warning when they were not). A list
/// YouTube would not show (first time not 0:00, fewer than three chapters, a
/// chapter shorter than ten seconds) is read as written, with one warning
/// naming the rules it breaks. No timestamp at all is an error.
public struct YouTubeChaptersReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        var timeline = Timeline()
        var skipped = 0, untitled = 0
        var firstSkipped: SourceLocation?, firstUntitled: SourceLocation?
        var lineNumber = 0
        for line in YouTubeChapterLines.split(source.bytes[...]) {
            lineNumber += 1
            guard let parsed = YouTubeChapterLine(line) else {
                if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    skipped += 1
                    if firstSkipped == nil { firstSkipped = source.location(line: lineNumber) }
                }
                continue
            }
            let location = source.location(line: lineNumber, column: parsed.column)
            var chapter = Chapter(start: parsed.start, title: parsed.title.isEmpty ? nil : parsed.title, location: location)
            if let end = parsed.end {
                if end > parsed.start {
                    chapter.end = end
                } else {
                    try diagnostics.repair(.warning(
                        "youtube-chapters.end-before-start",
                        "expected the second time of a range to be after the first, found \(ClockFormat.string(end, style: .minutesSeconds)) after \(ClockFormat.string(parsed.start, style: .minutesSeconds)); ignored",
                        at: location, format: .youtubeChapters))
                }
            }
            if chapter.title == nil {
                untitled += 1
                if firstUntitled == nil { firstUntitled = location }
            }
            timeline.chapters.append(chapter)
        }
        guard !timeline.chapters.isEmpty else {
            throw .error(
                "youtube-chapters.none",
                "expected chapter lines with a time such as '0:00 Intro', found none",
                at: source.location(line: 1), format: .youtubeChapters)
        }
        if skipped > 0 {
            diagnostics.report(.note(
                "youtube-chapters.text-skipped",
                "\(skipped) line(s) without a time are description text, not chapters; skipped, first here",
                at: firstSkipped, format: .youtubeChapters))
        }
        if untitled > 0 {
            diagnostics.report(.warning(
                "youtube-chapters.no-title",
                "\(untitled) chapter line(s) have a time but no title, first here; read as untitled chapters",
                at: firstUntitled, format: .youtubeChapters))
        }
        try ChapterOrder.sortByStart(&timeline.chapters, format: .youtubeChapters, diagnostics: &diagnostics)
        reportRules(timeline.chapters, diagnostics: &diagnostics)
        return timeline
    }

    /// One warning naming the YouTube rules the list breaks.
    private func reportRules(_ chapters: [Chapter], diagnostics: inout Diagnostics) {
        var broken: [String] = []
        if let first = chapters.first?.start, first.milliseconds / 1000 != 0 {
            broken.append("the first chapter is at \(ClockFormat.string(first, style: .minutesSeconds)), not 0:00")
        }
        if chapters.count < YouTubeChapterRules.minimumCount {
            broken.append("there are \(chapters.count) chapter(s), not at least \(YouTubeChapterRules.minimumCount)")
        }
        var short = 0
        for (chapter, next) in zip(chapters, chapters.dropFirst()) {
            if let start = chapter.start, let nextStart = next.start,
               nextStart.milliseconds / 1000 - start.milliseconds / 1000 < YouTubeChapterRules.minimumSeconds {
                short += 1
            }
        }
        if short > 0 { broken.append("\(short) chapter(s) are shorter than \(YouTubeChapterRules.minimumSeconds) seconds") }
        guard !broken.isEmpty else { return }
        diagnostics.report(.warning(
            "youtube-chapters.rules",
            "YouTube would not show these chapters: \(broken.joined(separator: "; ")); read as written (writing them as youtube-chapters fixes this)",
            at: chapters.first?.location, format: .youtubeChapters))
    }
}
