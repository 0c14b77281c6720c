import CueKit

/// What `cues info` says of one timeline (a file's, or a feed item's).
///
/// It keeps one timeline, with its times inferred: given the only copy of
/// what was read, inference changes it in place (a million-line episode is
/// not held twice).
struct Description {
    /// The timeline as a writer sees it: times inferred.
    let timeline: Timeline
    /// The cues that had no start of their own.
    let untimed: Int
    let warnings: Int

    init(_ read: consuming Timeline, readWarnings: Int) {
        untimed = read.cues.reduce(0) { $0 + ($1.start == nil ? 1 : 0) }
        var timed = consume read
        let inference = TimeInference().apply(to: &timed)
        timeline = timed
        warnings = readWarnings + inference.diagnostics.filter { $0.severity == .warning }.count
    }

    private var end: Timestamp? { timeline.duration ?? timeline.cues.compactMap(\.end).max() }
    private var date: String? { timeline.metadata["pubDate"]?.text }

    /// The links a feed item has to chapters and transcript files.
    private var links: [String] {
        var found: [String] = []
        if case .map(let link)? = timeline.metadata["podcastChapters"], let url = link["url"]?.text { found.append("chapters \(url)") }
        if case .list(let transcripts)? = timeline.metadata["podcastTranscripts"] {
            for case .map(let link) in transcripts {
                if let url = link["url"]?.text { found.append("transcript \(url)\(link["type"]?.text.map { " (\($0))" } ?? "")") }
            }
        }
        return found
    }

    /// Lines of text, without indentation.
    var lines: [String] {
        var lines: [String] = []
        if let title = timeline.metadata["title"]?.text { lines.append("title:    \(title)") }
        if let date { lines.append("date:     \(date)") }
        lines.append("cues:     \(timeline.cues.count)\(untimed > 0 ? " (\(untimed) without a time)" : "")")
        let speakers = timeline.speakers
        if !speakers.isEmpty { lines.append("speakers: \(speakers.joined(separator: ", "))") }
        lines.append("duration: \(end.map { ClockFormat.string($0, style: .clock) } ?? "unknown")")
        if !timeline.chapters.isEmpty {
            lines.append("chapters: \(timeline.chapters.count)")
            for chapter in timeline.chapters {
                let start = chapter.start.map { ClockFormat.string($0, style: .minutesSeconds) } ?? "?"
                lines.append("  \(start.padding(8)) \(chapter.title ?? "(untitled)")")
            }
        }
        for link in links { lines.append("links:    \(link)") }
        lines.append("warnings: \(warnings) (see 'cues check')")
        return lines
    }

    /// The members of a JSON object.
    func write(to report: inout JSONWriter) {
        report.key("title"); if let title = timeline.metadata["title"]?.text { report.string(title) } else { report.null() }
        if let date { report.key("date"); report.string(date) }
        report.key("cues"); report.number(Int64(timeline.cues.count))
        report.key("untimedCues"); report.number(Int64(untimed))
        report.key("speakers")
        report.beginArray()
        for speaker in timeline.speakers { report.string(speaker) }
        report.endArray()
        report.key("chapters")
        report.beginArray()
        for chapter in timeline.chapters {
            report.beginObject()
            report.key("title"); if let title = chapter.title { report.string(title) } else { report.null() }
            report.key("start"); if let start = chapter.start { report.number(start.milliseconds) } else { report.null() }
            report.endObject()
        }
        report.endArray()
        report.key("links")
        report.beginArray()
        for link in links { report.string(link) }
        report.endArray()
        report.key("duration"); if let end { report.number(end.milliseconds) } else { report.null() }
        report.key("warnings"); report.number(Int64(warnings))
    }
}
