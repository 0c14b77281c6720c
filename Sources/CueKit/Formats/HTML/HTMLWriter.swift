/// Writes a transcript page: one self-contained, valid HTML5 document that
/// fetches nothing, readable without JavaScript (see Formats/html.md).
///
/// The page holds one `<article class="cues-transcript">`: the title (and
/// show, author, length and speakers), a player when
/// `HTMLWriteOptions.mediaURL` names media, a table of contents of the
/// chapters, then the lines in order, one `<p class="cues-line">` each with
/// its timestamp (a link to the line's own `#t=M:SS` fragment), speaker and
/// text, and an `<h2>` where each chapter starts. Its script, inside the
/// article, seeks the player from timestamps and chapters and highlights the
/// line being spoken. Every rule of its style sheet is under the article's
/// class, so the article and the sheet can be pasted into a site.
///
/// The writer needs times: the converter infers them first. Silent
/// chapters, chapter images, metadata the page does not show, classes, word
/// times and code points HTML forbids are reported once per kind.
public struct HTMLWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var chapterDiagnostics = Diagnostics()
        let writable = WritableChapters(timeline, fillEnds: false, diagnostics: &chapterDiagnostics)
        diagnostics.append(contentsOf: chapterDiagnostics.items.map { finding in
            var finding = finding
            finding.format = finding.format ?? .html
            return finding
        })
        let chapters = HTMLChapterPlacement(writable.chapters, cues: timeline.cues)
        var page = HTMLTranscriptPage(timeline: timeline, options: options)
        page.writeDocument(chapters: chapters)
        page.report(timeline: timeline, chapters: chapters, into: &diagnostics)
        return page.out.bytes
    }
}

/// Where each chapter shown in the page starts among the lines: before the
/// line its header stood above (`cueIndex`), else before the first line that
/// starts at or after it.
struct HTMLChapterPlacement {
    /// The chapters shown, in the order they are placed, each with the
    /// index of the line it stands before (the line count for after the last).
    var placed: [(chapter: Chapter, line: Int)]
    /// Chapters left out of the table of contents (`toc: false`).
    var silent = 0
    /// Chapters with an image, which the page does not show.
    var images = 0

    init(_ chapters: [Chapter], cues: [Cue]) {
        // The latest start up to each line: the first line that starts at or
        // after a time is the first whose running latest start reaches it.
        var latest: [Int64] = []
        latest.reserveCapacity(cues.count)
        var running = Int64.min
        for cue in cues {
            running = max(running, cue.start?.milliseconds ?? running)
            latest.append(running)
        }
        var placed: [(chapter: Chapter, line: Int, order: Int)] = []
        for (order, chapter) in chapters.enumerated() {
            if chapter.image != nil { images += 1 }
            guard chapter.isInTableOfContents else {
                silent += 1
                continue
            }
            var line = cues.count
            if let cueIndex = chapter.cueIndex {
                line = min(max(cueIndex, 0), cues.count)
            } else if let start = chapter.start?.milliseconds {
                var low = 0, high = latest.count
                while low < high {
                    let middle = (low + high) / 2
                    if latest[middle] >= start { high = middle } else { low = middle + 1 }
                }
                line = low
            }
            placed.append((chapter, line, order))
        }
        placed.sort { ($0.line, $0.order) < ($1.line, $1.order) }
        self.placed = placed.map { ($0.chapter, $0.line) }
    }
}
