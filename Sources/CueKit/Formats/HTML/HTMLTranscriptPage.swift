/// One transcript page being written (see `HTMLWriter`): the document, the
/// article's head, player, contents and lines, and what was lost on the way.
struct HTMLTranscriptPage: ~Copyable {
    var out: TextOutput
    private let timeline: Timeline
    private let media: HTMLWriteOptions
    private var spans = HTMLSpans()
    private var speakers = HTMLSpeakers()
    private var lineAnchors = HTMLLineAnchors()
    private var chapterAnchors = HTMLChapterAnchors()
    /// Code points HTML forbids, written as U+FFFD outside cue text.
    private var replaced = 0
    private var untimed = 0

    /// The metadata keys the page shows.
    static let shownKeys: Set<String> = ["title", "podcastName", "author", "description", "language", "duration"]

    init(timeline: Timeline, options: WriteOptions) {
        self.timeline = timeline
        media = options.html
        out = TextOutput(options: options, capacity: 4096 + timeline.cues.count * 256)
    }

    private func metadata(_ key: String) -> String? {
        guard let text = timeline.metadata[key]?.text, !text.isEmpty else { return nil }
        return text
    }

    mutating func writeDocument(chapters: HTMLChapterPlacement) {
        let title = metadata("title")
        out.appendLines("<!DOCTYPE html>\n")
        out.append("<html")
        if let language = metadata("language"), HTMLSpans.isLanguageTag(language) {
            out.appendHTMLAttribute("lang", language)
        }
        out.appendLines(">\n<head>\n<meta charset=\"utf-8\">\n")
        out.appendLines("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.appendLines("<meta name=\"color-scheme\" content=\"light dark\">\n")
        out.appendLines("<meta name=\"generator\" content=\"cues\">\n")
        out.append("<title>")
        replaced += out.appendHTML(text: title ?? "Transcript")
        out.appendLines("</title>\n<style>\n")
        out.appendLines(HTMLTranscriptStyle.css)
        out.appendLines("\n</style>\n</head>\n<body style=\"margin:0\">\n")
        out.appendLines("<!-- The transcript: this article, with the style above, can be pasted into a page. -->\n")
        out.appendLines("<article class=\"cues-transcript\">\n")
        writeHead(title: title)
        writePlayer()
        writeContents(chapters)
        writeLines(chapters)
        out.appendLines("<script>\n")
        out.appendLines(HTMLTranscriptScript.javaScript)
        out.appendLines("\n</script>\n</article>\n</body>\n</html>\n")
    }

    private mutating func writeHead(title: String?) {
        out.appendLines("<header class=\"cues-head\">\n")
        if let show = metadata("podcastName") {
            out.append("<p class=\"cues-show\"><bdi>")
            replaced += out.appendHTML(text: show)
            out.appendLines("</bdi></p>\n")
        }
        out.append("<h1><bdi>")
        replaced += out.appendHTML(text: title ?? "Transcript")
        out.appendLines("</bdi></h1>\n")
        var facts: [String] = []
        if let author = metadata("author") { facts.append(author) }
        if let end = timeline.duration ?? timeline.cues.compactMap(\.end).max() {
            facts.append(ClockFormat.string(end, style: .minutesSeconds))
        }
        let names = allSpeakers()
        if !names.isEmpty {
            let listed = names.count > 8 ? names.prefix(8).joined(separator: ", ") + " and \(names.count - 8) more" : names.joined(separator: ", ")
            facts.append(listed)
        }
        if !facts.isEmpty {
            out.append("<p class=\"cues-meta\">")
            for (index, fact) in facts.enumerated() {
                if index > 0 { out.append(" · ") }
                out.append("<bdi>")
                replaced += out.appendHTML(text: fact)
                out.append("</bdi>")
            }
            out.appendLines("</p>\n")
        }
        if let description = metadata("description") {
            out.append("<p class=\"cues-description\" dir=\"auto\">")
            replaced += out.appendHTML(text: description)
            out.appendLines("</p>\n")
        }
        out.appendLines("</header>\n")
    }

    /// The speakers in order of first appearance, as the lines name them.
    private func allSpeakers() -> [String] {
        var speakers = HTMLSpeakers()
        for cue in timeline.cues { _ = speakers.speaker(cue.speaker ?? HTMLSpans.leadingVoice(cue.text)) }
        return speakers.names
    }

    private mutating func writePlayer() {
        guard let url = media.mediaURL else { return }
        let element: StaticString = media.isVideo ? "video" : "audio"
        out.append("<div class=\"cues-player\"><")
        out.append(element)
        out.append(" controls preload=\"metadata\"")
        replaced += out.appendHTMLAttribute("src", HTMLMediaURL.valid(url))
        out.append(media.isVideo ? " aria-label=\"Episode video\"" : " aria-label=\"Episode audio\"")
        out.append("></")
        out.append(element)
        out.appendLines("></div>\n")
    }

    private mutating func writeContents(_ chapters: HTMLChapterPlacement) {
        guard !chapters.placed.isEmpty else { return }
        // The ids the headings get, given out in the same order below.
        var anchors = chapterAnchors
        out.appendLines("<nav class=\"cues-toc\" aria-labelledby=\"cues-contents\">\n<h2 id=\"cues-contents\">Contents</h2>\n<ol>\n")
        for (number, entry) in chapters.placed.enumerated() {
            let id = anchors.next(title: entry.chapter.title, number: number + 1)
            out.append("<li><a")
            out.appendHTMLAttribute("href", "#" + id)
            appendStart(entry.chapter.start)
            out.append("><bdi>")
            replaced += out.appendHTML(text: entry.chapter.title ?? "Chapter \(number + 1)")
            out.append("</bdi>")
            if let start = entry.chapter.start {
                out.append(" <span class=\"cues-time\">")
                appendTime(start)
                out.append("</span>")
            }
            out.appendLines("</a></li>\n")
        }
        out.appendLines("</ol>\n</nav>\n")
    }

    private mutating func writeLines(_ chapters: HTMLChapterPlacement) {
        out.appendLines("<div class=\"cues-lines\">\n")
        var next = 0
        for (index, cue) in timeline.cues.enumerated() {
            while next < chapters.placed.count, chapters.placed[next].line <= index {
                writeHeading(chapters.placed[next].chapter, number: next + 1)
                next += 1
            }
            writeLine(cue)
        }
        while next < chapters.placed.count {
            writeHeading(chapters.placed[next].chapter, number: next + 1)
            next += 1
        }
        out.appendLines("</div>\n")
    }

    private mutating func writeHeading(_ chapter: Chapter, number: Int) {
        let id = chapterAnchors.next(title: chapter.title, number: number)
        out.append("<h2 class=\"cues-chapter\"")
        out.appendHTMLAttribute("id", id)
        out.append(">")
        if let start = chapter.start {
            appendTimeLink(start, id: id)
            out.append(" ")
        }
        out.append("<bdi>")
        replaced += out.appendHTML(text: chapter.title ?? "Chapter \(number)")
        out.appendLines("</bdi></h2>\n")
    }

    private mutating func writeLine(_ cue: Cue) {
        let speaker = speakers.speaker(cue.speaker ?? HTMLSpans.leadingVoice(cue.text))
        out.append("<p class=\"cues-line")
        if let speaker {
            out.append(" ")
            out.append(HTMLSpeakers.colorClass(speaker.number))
        }
        out.append("\"")
        if let start = cue.start {
            let id = lineAnchors.next(start: start)
            out.appendHTMLAttribute("id", id)
            appendStart(start)
            if let end = cue.end {
                out.append(" data-end=\"")
                out.append(decimal: Int(end.milliseconds))
                out.append("\"")
            }
            out.append(">")
            appendTimeLink(start, id: id)
        } else {
            untimed += 1
            out.append("><span class=\"cues-time\"></span>")
        }
        if let speaker {
            out.append(" <span class=\"cues-speaker\"><bdi>")
            replaced += out.appendHTML(text: speaker.name)
            out.append("</bdi></span>")
        }
        out.append(" <span class=\"cues-text\" dir=\"auto\">")
        spans.append(cue.text, to: &out)
        out.appendLines("</span></p>\n")
    }

    /// ` data-start="MS"`: where a script seeks the player to.
    private mutating func appendStart(_ start: Timestamp?) {
        guard let start else { return }
        out.append(" data-start=\"")
        out.append(decimal: Int(start.milliseconds))
        out.append("\"")
    }

    /// A link showing `time` to the element `id`: it opens that place of
    /// the page, and with a player and a script, seeks the player there.
    private mutating func appendTimeLink(_ time: Timestamp, id: String) {
        out.append("<a class=\"cues-time\"")
        out.appendHTMLAttribute("href", "#" + id)
        appendStart(time)
        out.append(">")
        appendTime(time)
        out.append("</a>")
    }

    /// `<time datetime="PT1M17S">1:17</time>`.
    private mutating func appendTime(_ time: Timestamp) {
        out.append("<time")
        out.appendHTMLAttribute("datetime", Self.duration(time))
        out.append(">")
        out.append(ClockFormat.string(time, style: .minutesSeconds))
        out.append("</time>")
    }

    /// `time` as an HTML duration string (`PT1M17S`, `PT1M17.48S`).
    static func duration(_ time: Timestamp) -> String {
        let total = max(0, time.milliseconds)
        let hours = total / 3_600_000, minutes = total / 60_000 % 60, seconds = total / 1000 % 60, fraction = total % 1000
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if hours > 0 || minutes > 0 { text += "\(minutes)M" }
        text += "\(seconds)"
        if fraction > 0 {
            var digits = String(fraction + 1000).dropFirst()
            while digits.last == "0" { digits = digits.dropLast() }
            text += "." + digits
        }
        return text + "S"
    }

    /// One warning or note per kind of thing the page could not hold.
    func report(timeline: Timeline, chapters: HTMLChapterPlacement, into diagnostics: inout Diagnostics) {
        func warn(_ code: String, _ message: String) {
            diagnostics.report(.warning("html.\(code)", message, format: .html))
        }
        if untimed > 0 { warn("untimed", "\(untimed) line(s) have no time and were written without a timestamp") }
        if chapters.silent > 0 {
            warn("silent-chapters", "\(chapters.silent) chapter(s) are left out of the table of contents (toc: false) and were not shown")
        }
        if chapters.images > 0 { warn("chapter-images", "\(chapters.images) chapter image(s) are not shown: the page fetches nothing") }
        if spans.classes > 0 { warn("classes", "\(spans.classes) span(s) have classes, which the page does not style; written as their text") }
        if spans.timestamps > 0 { warn("word-times", "\(spans.timestamps) inline timestamp(s) (word times) have no place on the page and were left out") }
        if spans.voices > 0 { warn("voices", "\(spans.voices) voice span(s) inside a line were written as their text, without the voice's name") }
        let forbidden = replaced + spans.replaced
        if forbidden > 0 {
            warn("replaced", "\(forbidden) control character(s) or noncharacter(s), which HTML cannot hold, were written as U+FFFD")
        }
        let hidden = timeline.metadata.map(\.key).filter { !Self.shownKeys.contains($0) }
        if !hidden.isEmpty {
            diagnostics.report(.note(
                "html.metadata-not-shown",
                "\(hidden.count) metadata field(s) are not shown on the page: \(MetadataList.describe(hidden))", format: .html))
        }
    }
}
