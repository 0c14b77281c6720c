/// Reads an OGM chapter list, as mkvmerge reads its "simple" chapter files:
///
/// ```
/// CHAPTER01=00:00:00.000
/// CHAPTER01NAME=Intro
/// ```
///
/// A chapter is a `CHAPTERnn=` start (`HH:MM:SS.mmm`; up to nine fraction
/// digits, rounded to the millisecond with a note) and the `CHAPTERnnNAME=`
/// title of the same number (a Vorbis comment's `CHAPTER001=` reads the
/// same). A start without a name is an untitled chapter (a warning); a name
/// without a start, a number given twice or any other line is an error, as
/// in mkvmerge. Blank lines are skipped. There are no end times: a chapter
/// ends where the next starts. Chapters are sorted by start (a repair when
/// they were not).
public struct OGMChaptersReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let bytes = source.bytes
        var chapters: [Chapter] = []
        var named: [Bool] = []
        var byNumber: [Int: Int] = [:]
        var rounded = 0
        var firstRounded: SourceLocation?
        try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            var lines = TextLines(buffer)
            while let line = lines.next() {
                if TextBlank.isBlank(buffer, line.start, line.end) { continue }
                func location(_ offset: Int) -> SourceLocation {
                    source.location(line: line.number, column: buffer.scalarColumn(ofByte: offset, lineStart: line.start))
                }
                guard let parsed = OGMChapterLine(buffer, start: line.start, end: line.end) else {
                    throw .error(
                        "ogm-chapters.bad-line",
                        "expected 'CHAPTERnn=HH:MM:SS.mmm' or 'CHAPTERnnNAME=title', found '\(buffer.utf8String(line.start, min(line.end, line.start + 40)))'",
                        at: location(line.start), format: .ogmChapters)
                }
                let value = buffer.utf8String(parsed.value.lowerBound, parsed.value.upperBound)
                switch parsed.kind {
                case .time:
                    guard byNumber[parsed.number] == nil else {
                        throw .error(
                            "ogm-chapters.repeated-number",
                            "expected each chapter number once, found CHAPTER\(parsed.number) again (first at line \(chapters[byNumber[parsed.number]!].location!.line))",
                            at: location(line.start), format: .ogmChapters)
                    }
                    guard case .clock(let milliseconds, let isRounded) = ChapterClock.read(value), milliseconds >= 0 else {
                        throw .error(
                            "ogm-chapters.bad-time",
                            "expected a time such as 00:01:02.500 (HH:MM:SS.mmm), found '\(value.prefix(40))'",
                            at: location(parsed.value.lowerBound), format: .ogmChapters)
                    }
                    if isRounded {
                        rounded += 1
                        if firstRounded == nil { firstRounded = location(parsed.value.lowerBound) }
                    }
                    byNumber[parsed.number] = chapters.count
                    chapters.append(Chapter(start: Timestamp(milliseconds: milliseconds), location: location(line.start)))
                    named.append(false)
                case .name:
                    guard let index = byNumber[parsed.number] else {
                        throw .error(
                            "ogm-chapters.name-without-time",
                            "expected a line 'CHAPTER\(String(decoding: buffer[(line.start + 7)..<(parsed.value.lowerBound - 5)], as: UTF8.self))=' with the start before this name, found none",
                            at: location(line.start), format: .ogmChapters)
                    }
                    guard !named[index] else {
                        throw .error(
                            "ogm-chapters.repeated-number",
                            "expected one name for chapter \(parsed.number), found a second one",
                            at: location(line.start), format: .ogmChapters)
                    }
                    named[index] = true
                    chapters[index].title = value.isEmpty ? nil : value
                }
            }
        }
        guard !chapters.isEmpty else {
            throw .error(
                "ogm-chapters.none", "expected chapter lines such as 'CHAPTER01=00:00:00.000', found none",
                at: source.location(line: 1), format: .ogmChapters)
        }
        let untitled = zip(chapters, named).filter { !$0.1 }.map(\.0)
        if let first = untitled.first {
            diagnostics.report(.warning(
                "ogm-chapters.no-name",
                "\(untitled.count) chapter(s) have no CHAPTERnnNAME= line, first here; read as untitled chapters",
                at: first.location, format: .ogmChapters))
        }
        if rounded > 0 {
            diagnostics.report(.note(
                "ogm-chapters.sub-millisecond",
                "\(rounded) time(s) are finer than a millisecond; rounded to the nearest millisecond, first here",
                at: firstRounded, format: .ogmChapters))
        }
        var timeline = Timeline()
        timeline.chapters = chapters
        try ChapterOrder.sortByStart(&timeline.chapters, format: .ogmChapters, diagnostics: &diagnostics)
        return timeline
    }
}
