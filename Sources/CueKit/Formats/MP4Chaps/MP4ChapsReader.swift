/// Reads an mp4chaps (Nero-style) chapter list: one chapter a line, a time,
/// a space and the title.
///
/// ```
/// 00:00:00.000 Intro
/// 00:11:46.612 Harbour walk <https://example.org/harbour>
/// ```
///
/// Times are `HH:MM:SS.mmm` (hours may be left out, one to nine fraction
/// digits, rounded to the millisecond with a note). A title that ends in a
/// space and `<http://…>` or `<https://…>` gives the chapter's url, as
/// chapter converters write it. A line with only a time is an untitled
/// chapter (a warning); a line that does not open with a time is an error.
/// There are no end times: a chapter ends where the next starts. Chapters
/// are sorted by start (a repair when they were not).
public struct MP4ChapsReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let bytes = source.bytes
        var chapters: [Chapter] = []
        var rounded = 0, untitled = 0
        var firstRounded: SourceLocation?, firstUntitled: SourceLocation?
        try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            var lines = TextLines(buffer)
            while let line = lines.next() {
                if TextBlank.isBlank(buffer, line.start, line.end) { continue }
                let location = source.location(line: line.number)
                let parsed = MP4ChapsLine(buffer, start: line.start, end: line.end)
                let timeText = parsed.map { buffer.utf8String($0.time.lowerBound, $0.time.upperBound) } ?? ""
                guard let parsed, case .clock(let milliseconds, let isRounded) = ChapterClock.read(timeText), milliseconds >= 0 else {
                    throw .error(
                        "mp4chaps.bad-line",
                        "expected a time such as 00:01:02.500 and a title, found '\(buffer.utf8String(line.start, min(line.end, line.start + 40)))'",
                        at: location, format: .mp4chaps)
                }
                if isRounded {
                    rounded += 1
                    if firstRounded == nil { firstRounded = location }
                }
                var chapter = Chapter(start: Timestamp(milliseconds: milliseconds), location: location)
                if !parsed.title.isEmpty { chapter.title = buffer.utf8String(parsed.title.lowerBound, parsed.title.upperBound) }
                if let url = parsed.url { chapter.url = buffer.utf8String(url.lowerBound, url.upperBound) }
                if chapter.title == nil {
                    untitled += 1
                    if firstUntitled == nil { firstUntitled = location }
                }
                chapters.append(chapter)
            }
        }
        guard !chapters.isEmpty else {
            throw .error(
                "mp4chaps.none", "expected chapter lines such as '00:00:00.000 Intro', found none",
                at: source.location(line: 1), format: .mp4chaps)
        }
        if untitled > 0 {
            diagnostics.report(.warning(
                "mp4chaps.no-title", "\(untitled) chapter line(s) have a time but no title, first here; read as untitled chapters",
                at: firstUntitled, format: .mp4chaps))
        }
        if rounded > 0 {
            diagnostics.report(.note(
                "mp4chaps.sub-millisecond",
                "\(rounded) time(s) are finer than a millisecond; rounded to the nearest millisecond, first here",
                at: firstRounded, format: .mp4chaps))
        }
        var timeline = Timeline()
        timeline.chapters = chapters
        try ChapterOrder.sortByStart(&timeline.chapters, format: .mp4chaps, diagnostics: &diagnostics)
        return timeline
    }
}
