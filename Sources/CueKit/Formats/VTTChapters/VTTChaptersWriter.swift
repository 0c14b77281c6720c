/// Writes a WebVTT chapters track: one cue per chapter shown in the table of
/// contents, in timeline order, the title as the cue text. Chapters are those
/// every chapter writer writes (`WritableChapters`: a header's chapter starts
/// with its line, a doubled header is one chapter, a chapter ends where the
/// next starts, the last at the media's end); one with no end at all is
/// written ending where it starts.
public struct VTTChaptersWriter: FormatWriter {
    public init() {}

    /// Chapter times come from `WritableChapters`, not from the converter.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var out = TextOutput(options: options, capacity: 16 + timeline.chapters.count * 64)
        var layout = WebVTTLayout()
        let fileExtras = timeline.extras[.vttChapters]
        layout.appendHead(fileExtras, to: &out)
        var losses = WebVTTText.Losses()
        var silent = 0, untimed = 0, endless = 0, untitled = 0, emptied = 0, droppedSettings = 0, negative = 0
        for chapter in WritableChapters(timeline, fillEnds: true, diagnostics: &diagnostics).chapters {
            guard chapter.isInTableOfContents else {
                silent += 1
                continue
            }
            guard var start = chapter.start else {
                untimed += 1
                continue
            }
            var end = chapter.end ?? start
            if chapter.end == nil { endless += 1 }
            if start.milliseconds < 0 || end.milliseconds < 0 {
                negative += 1
                start = max(start, .zero)
                end = max(end, .zero)
            }
            let extras = chapter.extras[.vttChapters]
            layout.appendBlocks(extras?[WebVTTExtras.notes], to: &out)
            out.newline()
            if let id = extras?[WebVTTExtras.id]?.text, !id.isEmpty {
                out.append(WebVTTText.identifier(id))
                out.newline()
            }
            var settings: [(String, String)] = []
            if let written = extras?[WebVTTExtras.settings]?.text {
                let fields = written.split(separator: " ").map { token -> Field in
                    let parts = token.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                    return Field(String(parts[0]), .string(parts.count > 1 ? String(parts[1]) : ""))
                }
                let writable = WebVTTLayout.writableSettings(fields)
                settings = writable.settings
                droppedSettings += writable.dropped
            }
            WebVTTLayout.appendTimingLine(start: start, end: end, settings: settings, to: &out)
            guard let title = chapter.title, !title.isEmpty else {
                untitled += 1
                continue
            }
            let (spans, changed) = WebVTTText.withoutEmptyLines(Span.plain(title), firstLineHasOutput: false)
            if changed { emptied += 1 }
            WebVTTText.append(spans, to: &out, losses: &losses)
            if !spans.isEmpty { out.newline() }
        }
        layout.appendBlocks(fileExtras?[WebVTTExtras.trailingNotes], to: &out)

        let format = FormatID.vttChapters
        if silent > 0 {
            diagnostics.report(.warning("vtt-chapters.silent", "\(silent) chapter(s) marked as not in the table of contents were not written: a chapters track lists every cue", format: format))
        }
        if untimed > 0 {
            diagnostics.report(.warning("vtt-chapters.untimed", "\(untimed) chapter(s) without a start time were not written", format: format))
        }
        if endless > 0 {
            diagnostics.report(.warning("vtt-chapters.no-end", "\(endless) chapter(s) have no end (no later chapter, and the media ends before them or its end is unknown) and were written ending where they start; give the source an end time or a duration", format: format))
        }
        if negative > 0 {
            diagnostics.report(.warning("vtt-chapters.negative-time", "\(negative) chapter(s) have times before 0, which WebVTT cannot write; written from 00:00:00.000", format: format))
        }
        if untitled > 0 {
            diagnostics.report(.warning("vtt-chapters.untitled", "\(untitled) chapter(s) without a title were written with empty cue text", format: format))
        }
        if emptied > 0 {
            diagnostics.report(.warning("vtt-chapters.empty-lines", "\(emptied) chapter title(s) had empty lines, which would end a WebVTT cue; removed", format: format))
        }
        if droppedSettings > 0 {
            diagnostics.report(.warning("vtt-chapters.setting-dropped", "\(droppedSettings) cue setting(s) are not valid WebVTT settings and were not written", format: format))
        }
        if layout.droppedBlocks > 0 {
            diagnostics.report(.warning("vtt-chapters.block-dropped", "\(layout.droppedBlocks) header line(s) or block(s) hold a blank line or '-->', which would change how the file reads; left out", format: format))
        }
        return out.bytes
    }
}
