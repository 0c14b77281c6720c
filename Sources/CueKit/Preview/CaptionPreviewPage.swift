/// One caption preview page being written (see `CaptionPreview`).
struct CaptionPreviewPage: ~Copyable {
    var out = TextOutput(options: WriteOptions(), capacity: 1 << 16)
    private let preview: CaptionPreview
    private let cues: [Cue]
    private let chapters: [Chapter]
    /// The findings of each cue, by its index.
    private let findings: [Int: [CaptionLint.Finding]]
    /// How long the timeline is: the last end of a caption or chapter.
    private let duration: Int64

    init(preview: CaptionPreview, cues: [Cue], chapters: [Chapter], findings: [CaptionLint.Finding]) {
        self.preview = preview
        self.cues = cues
        self.chapters = chapters
        self.findings = Dictionary(grouping: findings, by: \.cueIndex)
        let ends = cues.compactMap { $0.end?.milliseconds } + chapters.compactMap { ($0.end ?? $0.start)?.milliseconds }
        duration = max(1000, ends.max() ?? 0)
    }

    mutating func writeDocument() {
        out.appendLines("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
        out.appendLines("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.appendLines("<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"cues\">\n")
        out.append("<title>")
        out.appendHTML(text: preview.title)
        out.appendLines(" · caption preview</title>\n<style>\n")
        out.appendLines(CaptionPreviewStyle.css)
        out.appendLines("\n</style>\n</head>\n<body style=\"margin:0\">\n<div class=\"cues-preview\">\n")
        writeHead()
        out.appendLines("<div class=\"pv-layout\">\n<div class=\"pv-stage-column\">\n")
        writePlayer()
        writeStrip()
        writeChapters()
        out.appendLines("</div>\n")
        writeCues()
        out.appendLines("</div>\n<script>\n")
        out.appendLines(CaptionPreviewScript.javaScript)
        out.appendLines("\n</script>\n</div>\n</body>\n</html>\n")
    }

    private mutating func writeHead() {
        out.appendLines("<header class=\"pv-head\">\n<p class=\"pv-kicker\">Caption preview</p>\n<h1><bdi>")
        out.appendHTML(text: preview.title)
        out.appendLines("</bdi></h1>\n<p class=\"pv-summary\">")
        out.append(decimal: cues.count)
        out.append(cues.count == 1 ? " caption" : " captions")
        if !chapters.isEmpty {
            out.append(" · ")
            out.append(decimal: chapters.count)
            out.append(chapters.count == 1 ? " chapter" : " chapters")
        }
        out.append(" · ")
        out.append(ClockFormat.string(Timestamp(milliseconds: duration), style: .minutesSeconds))
        out.appendLines("</p>\n")
        let flagged = findings.keys.sorted()
        if flagged.isEmpty {
            out.appendLines("<p class=\"pv-verdict is-good\">Every caption is within the limits.</p>\n")
        } else {
            out.append("<p class=\"pv-verdict is-bad\"><strong>")
            out.append(decimal: flagged.count)
            out.append(flagged.count == 1 ? " caption breaks" : " captions break")
            out.append(" the limits:</strong>")
            for (position, index) in flagged.enumerated() {
                if position == 50 {
                    out.append(" and ")
                    out.append(decimal: flagged.count - 50)
                    out.append(" more")
                    break
                }
                out.append(position == 0 ? " " : ", ")
                out.append("<a href=\"#cue-")
                out.append(decimal: index + 1)
                out.append("\">#")
                out.append(decimal: index + 1)
                out.append("</a>")
            }
            out.appendLines("</p>\n")
        }
        let style = preview.style
        out.append("<p class=\"pv-limits\">Limits: ")
        out.append(decimal: style.maxCharactersPerLine)
        out.append(" characters a line, ")
        out.append(decimal: style.maxLines)
        out.append(style.maxLines == 1 ? " line" : " lines")
        out.append(", ")
        out.append(Self.seconds(style.minDuration))
        out.append(" to ")
        out.append(Self.seconds(style.maxDuration))
        out.append(" s on screen, ")
        out.append(CaptionLint.format(style.maxCharactersPerSecond))
        out.append(" characters a second")
        if style.minGap > 0 {
            out.append(", gaps of none or at least ")
            out.append(decimal: Int(style.minGap))
            out.append(" ms")
        }
        out.appendLines(".</p>\n</header>\n")
    }

    private mutating func writePlayer() {
        out.append(preview.mediaURL == nil ? "<div class=\"pv-stage is-silent\">" : "<div class=\"pv-stage\">")
        out.append("<video class=\"pv-player\" controls preload=\"metadata\" playsinline")
        if let url = preview.mediaURL { out.appendHTMLAttribute("src", url) }
        out.append(" data-duration=\"")
        out.append(decimal: Int(duration))
        out.appendLines("\" aria-label=\"Player\">\n<track kind=\"captions\" label=\"Captions\" default src=\"data:text/vtt;base64,")
        out.append(bytes: Base64.encode(preview.captions))
        out.append("\">")
        if let chapters = preview.chapters {
            out.newline()
            out.append("<track kind=\"chapters\" label=\"Chapters\" src=\"data:text/vtt;base64,")
            out.append(bytes: Base64.encode(chapters))
            out.append("\">")
        }
        out.appendLines("\n</video><div class=\"pv-screen\" aria-hidden=\"true\"></div></div>\n")
    }

    /// The captions along the timeline: one mark each, red when it breaks a
    /// limit, each a link to the caption in the list.
    private mutating func writeStrip() {
        out.appendLines("<div class=\"pv-strip\" role=\"presentation\"><div class=\"pv-playhead\"></div>\n")
        for (index, cue) in cues.enumerated() {
            guard let start = cue.start?.milliseconds, let end = cue.end?.milliseconds else { continue }
            out.append("<a class=\"pv-tick")
            if findings[index] != nil { out.append(" is-flagged") }
            out.append("\" href=\"#cue-")
            out.append(decimal: index + 1)
            out.append("\" data-start=\"")
            out.append(decimal: Int(start))
            out.append("\" tabindex=\"-1\" style=\"left:")
            out.append(Self.percent(start, of: duration))
            out.append("%;width:")
            out.append(Self.percent(max(0, end - start), of: duration))
            out.appendLines("%\"></a>\n")
        }
        out.appendLines("</div>\n")
    }

    private mutating func writeChapters() {
        guard !chapters.isEmpty else { return }
        out.appendLines("<nav class=\"pv-chapters\" aria-labelledby=\"pv-chapters-title\">\n<h2 id=\"pv-chapters-title\">Chapters</h2>\n<ol>\n")
        for (number, chapter) in chapters.enumerated() {
            out.append("<li><button type=\"button\" class=\"pv-chapter\"")
            if let start = chapter.start {
                out.append(" data-start=\"")
                out.append(decimal: Int(start.milliseconds))
                out.append("\"")
            }
            out.append("><span class=\"pv-time\">")
            if let start = chapter.start { out.append(ClockFormat.string(start, style: .minutesSeconds)) }
            out.append("</span> <bdi>")
            out.appendHTML(text: chapter.title ?? "Chapter \(number + 1)")
            out.appendLines("</bdi></button></li>\n")
        }
        out.appendLines("</ol>\n</nav>\n")
    }

    private mutating func writeCues() {
        out.appendLines("<section class=\"pv-captions\" aria-labelledby=\"pv-captions-title\">\n<div class=\"pv-captions-head\">")
        out.append("<h2 id=\"pv-captions-title\">Captions</h2>")
        if !findings.isEmpty {
            // Shown by the script, which does the filtering.
            out.append("<label class=\"pv-filter\" hidden><input type=\"checkbox\" id=\"pv-only-flagged\"> Only those over the limits</label>")
        }
        out.appendLines("</div>\n<ol class=\"pv-cues\">\n")
        for index in cues.indices { writeCue(index) }
        out.appendLines("</ol>\n</section>\n")
    }

    private mutating func writeCue(_ index: Int) {
        let cue = cues[index]
        let cueFindings = findings[index] ?? []
        out.append("<li class=\"pv-cue")
        if !cueFindings.isEmpty { out.append(" is-flagged") }
        out.append("\" id=\"cue-")
        out.append(decimal: index + 1)
        out.append("\" data-index=\"")
        out.append(decimal: index)
        out.append("\"")
        if let start = cue.start, let end = cue.end {
            out.append(" data-start=\"")
            out.append(decimal: Int(start.milliseconds))
            out.append("\" data-end=\"")
            out.append(decimal: Int(end.milliseconds))
            out.append("\"")
        }
        out.append("><div class=\"pv-cue-head\"><span class=\"pv-cue-number\">")
        out.append(decimal: index + 1)
        out.append("</span> ")
        if let start = cue.start, let end = cue.end {
            out.append("<a class=\"pv-cue-time\" href=\"#cue-")
            out.append(decimal: index + 1)
            out.append("\" data-start=\"")
            out.append(decimal: Int(start.milliseconds))
            out.append("\">")
            out.append(Self.clock(start))
            out.append(" – ")
            out.append(Self.clock(end))
            out.append("</a> <span class=\"pv-cue-stats\">")
            let duration = end.distance(from: start)
            out.append(Self.seconds(duration))
            out.append(" s")
            if duration > 0 {
                out.append(" · ")
                out.append(CaptionLint.format(CaptionLint.readingSpeed(lineLengths: CaptionLint.lineLengths(cue), duration: duration)))
                out.append(" cps")
            }
            out.append("</span>")
        }
        out.append("</div>\n<div class=\"pv-cue-text\">")
        if let speaker = cue.speaker ?? Self.leadingVoice(cue.text) {
            out.append("<span class=\"pv-voice\"><bdi>")
            out.appendHTML(text: speaker)
            out.append("</bdi></span>")
        }
        let longLines = Set(cueFindings.filter { $0.kind == "line-too-long" }.compactMap(\.line))
        for (number, line) in cue.plainText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            out.append(longLines.contains(number) ? "<span class=\"pv-line is-over\">" : "<span class=\"pv-line\">")
            out.append("<span class=\"pv-line-text\" dir=\"auto\">")
            out.appendHTML(text: String(line))
            out.append("</span><span class=\"pv-line-length\" title=\"characters\">")
            out.append(decimal: line.count)
            out.append("</span></span>")
        }
        out.append("</div>")
        if !cueFindings.isEmpty {
            out.newline()
            out.append("<ul class=\"pv-findings\">")
            for finding in cueFindings { writeFinding(finding) }
            out.append("</ul>")
        }
        out.appendLines("</li>\n")
    }

    private mutating func writeFinding(_ finding: CaptionLint.Finding) {
        out.append("<li class=\"pv-finding\" data-kind=\"")
        out.appendHTML(attribute: finding.kind)
        out.append("\"")
        if let value = finding.value {
            out.appendHTMLAttribute("data-value", CaptionLint.format(value))
        }
        if let limit = finding.limit {
            out.appendHTMLAttribute("data-limit", CaptionLint.format(limit))
        }
        out.append("><b>")
        out.appendHTML(text: Self.name(of: finding))
        out.append("</b> ")
        out.appendHTML(text: Self.measure(of: finding))
        out.append("</li>")
    }

    /// What a finding is about, as a person names it.
    static func name(of finding: CaptionLint.Finding) -> String {
        switch finding.kind {
        case "too-fast": "Reading speed"
        case "line-too-long": "Line \((finding.line ?? 0) + 1) length"
        case "too-many-lines": "Lines"
        case "too-short": "Too short"
        case "too-long": "Too long"
        case "overlap": "Overlap"
        case "small-gap": "Gap"
        case "untimed": "No time"
        case "not-positive": "No duration"
        default: finding.kind
        }
    }

    /// The value a finding found and the limit, in the finding's unit.
    static func measure(of finding: CaptionLint.Finding) -> String {
        guard let value = finding.value else { return finding.message }
        let shown: (Double) -> String
        switch finding.kind {
        case "too-fast": shown = { "\(CaptionLint.format($0)) cps" }
        case "line-too-long": shown = { "\(Int($0)) characters" }
        case "too-many-lines": shown = { "\(Int($0)) lines" }
        case "too-short", "too-long", "not-positive": shown = { "\(seconds(Int64($0))) s" }
        default: shown = { "\(Int($0)) ms" }
        }
        guard let limit = finding.limit else { return shown(value) }
        switch finding.kind {
        case "too-short", "small-gap": return "\(shown(value)), at least \(shown(limit))"
        case "overlap": return "\(shown(value)) into the next caption"
        default: return "\(shown(value)), at most \(shown(limit))"
        }
    }

    /// The name of a voice span that opens `spans`.
    private static func leadingVoice(_ spans: [Span]) -> String? {
        guard case .element(let element)? = spans.first, case .voice(let name) = element.kind, !name.isEmpty else { return nil }
        return name
    }

    /// `1:04.000`, or `1:02:03.500` from an hour on.
    static func clock(_ time: Timestamp) -> String {
        let fraction = Int(time.milliseconds.magnitude % 1000)
        let digits = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return ClockFormat.string(time, style: .minutesSeconds) + "." + digits
    }

    /// Milliseconds as seconds, to the millisecond without trailing zeros (`0.833`, `7`).
    static func seconds(_ milliseconds: Int64) -> String {
        DecimalSeconds.string(milliseconds)
    }

    /// `part` as a percentage of `whole`, to three decimals.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        let thousandths = Int64((Double(part) / Double(max(1, whole)) * 100_000).rounded())
        return DecimalSeconds.string(min(100_000, max(0, thousandths)))
    }
}
