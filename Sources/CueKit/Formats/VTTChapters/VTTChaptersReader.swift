/// Reads a WebVTT chapters track: the file is parsed as WebVTT, and each cue
/// becomes a chapter with the cue's times and, as its title, the cue's text
/// by the spec's "rules for extracting the chapter title" (text without
/// markup or ruby text). Cue identifiers, settings and NOTE blocks are kept
/// in the chapter's `extras[.vttChapters]`.
public struct VTTChaptersReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let parsed = try WebVTTFile.parse(source, format: .vttChapters, w3c: options.w3cWebVTT, diagnostics: &diagnostics)
        var timeline = Timeline(extras: parsed.extras)
        timeline.chapters.reserveCapacity(parsed.cues.count)
        var markup = 0
        var firstMarkup: SourceLocation?
        for cue in parsed.cues {
            var extras = Fields()
            if let id = cue.id, !id.isEmpty { extras.append(WebVTTExtras.id, .string(id)) }
            if !cue.settings.isEmpty {
                let written = cue.settings.compactMap { field in field.value.text.map { "\(field.key):\($0)" } }
                extras.append(WebVTTExtras.settings, .string(written.joined(separator: " ")))
            }
            if let notes = cue.extras[.vttChapters]?[WebVTTExtras.notes] {
                extras.append(WebVTTExtras.notes, notes)
            }
            if cue.speaker != nil || cue.text.hasMarkup {
                markup += 1
                if firstMarkup == nil { firstMarkup = cue.location }
            }
            var chapterExtras = FormatExtras()
            if !extras.isEmpty { chapterExtras[.vttChapters] = extras }
            timeline.chapters.append(Chapter(
                start: cue.start, end: cue.end, title: Self.title(cue.text),
                extras: chapterExtras, location: cue.location))
        }
        if markup > 0 {
            diagnostics.report(.warning(
                "vtt-chapters.markup",
                "expected chapter titles as plain text, found markup (tags, voices or timestamps) in \(markup) cue(s); the titles keep only the text",
                at: firstMarkup, format: .vttChapters))
        }
        return timeline
    }

    /// The concatenated text of `spans`, without ruby text; line breaks as `\n`.
    static func title(_ spans: [Span]) -> String {
        var out = ""
        appendTitle(spans, to: &out)
        return out
    }

    private static func appendTitle(_ spans: [Span], to out: inout String) {
        for span in spans {
            switch span {
            case .text(let text): out += text
            case .lineBreak: out += "\n"
            case .timestamp: break
            case .element(let element):
                if element.kind != .rubyText { appendTitle(element.children, to: &out) }
            }
        }
    }
}
