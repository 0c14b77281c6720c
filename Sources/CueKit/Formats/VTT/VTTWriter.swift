/// Writes WebVTT: the `WEBVTT` signature (with the header and the STYLE,
/// REGION and NOTE blocks a WebVTT source had), then one block per cue:
/// NOTE blocks that stood before it, its identifier, `HH:MM:SS.mmm` timings,
/// its settings and its text. The speaker is written as a `<v Name>` span
/// opening each cue; `&`, `<` and `>` in text are escaped.
///
/// Writing the timeline of a WebVTT file gives every cue, setting and block
/// back, and writing that result's timeline again gives the same bytes.
public struct VTTWriter: CueStreamWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var stream = VTTWriterStream()
        return stream.write(timeline, options: options, diagnostics: &diagnostics)
    }

    func makeStream(options: WriteOptions) -> any CueWriterStream {
        VTTWriterStream()
    }
}

/// Writes WebVTT cue by cue (see `VTTWriter`).
struct VTTWriterStream: CueWriterStream {
    private var layout = WebVTTLayout()
    private var losses = WebVTTText.Losses()
    private var untimed = 0, emptied = 0, negative = 0, droppedSettings = 0

    mutating func begin(_ header: Timeline, to out: inout TextOutput) {
        layout.appendHead(header.extras[.vtt], to: &out)
    }

    mutating func append(_ cue: Cue, to out: inout TextOutput) {
        guard var start = cue.start, var end = cue.end else {
            untimed += 1
            return
        }
        if start.milliseconds < 0 || end.milliseconds < 0 {
            negative += 1
            start = max(start, .zero)
            end = max(end, .zero)
        }
        let cueExtras = cue.extras[.vtt]
        layout.appendBlocks(cueExtras?[WebVTTExtras.notes], to: &out)
        out.newline()
        if let id = cue.id, !id.isEmpty {
            out.append(WebVTTText.identifier(id))
            out.newline()
        }
        let (settings, dropped) = WebVTTLayout.writableSettings(cue.settings)
        droppedSettings += dropped
        WebVTTLayout.appendTimingLine(start: start, end: end, settings: settings, to: &out)
        var speaker = cue.speaker
        var classes: [String] = []
        if speaker != nil, case .list(let items)? = cueExtras?[WebVTTExtras.voiceClasses] { classes = items.compactMap(\.text) }
        if case .source(let lines) = cue.textStorage {
            // Plain lines straight from the input: none is empty.
            if let speaker { WebVTTText.appendStartTag("v", classes: classes, annotation: speaker, to: &out, losses: &losses) }
            lines.forEachLine { line in
                WebVTTText.appendEscaped(line, keepingTags: lines.hasTags, to: &out)
                out.newline()
            }
            return
        }
        var (spans, changed) = WebVTTText.withoutEmptyLines(cue.text, firstLineHasOutput: cue.speaker != nil)
        // A named voice span that is the whole text is written as the
        // speaker form (`<v Name>` left open), the form a reader turns
        // back into the speaker: so the next write gives the same bytes.
        if speaker == nil, spans.count == 1, case .element(let element) = spans[0],
           case .voice(let name) = element.kind, !WebVTTText.annotation(name).isEmpty {
            speaker = name
            classes = element.classes
            let inner = WebVTTText.withoutEmptyLines(element.children, firstLineHasOutput: true)
            spans = inner.spans
            changed = changed || inner.changed
        }
        if changed { emptied += 1 }
        if let speaker {
            WebVTTText.appendStartTag("v", classes: classes, annotation: speaker, to: &out, losses: &losses)
        }
        WebVTTText.append(spans, to: &out, losses: &losses)
        if speaker != nil || !spans.isEmpty { out.newline() }
    }

    mutating func finish(_ trailer: Timeline, to out: inout TextOutput, diagnostics: inout Diagnostics) {
        layout.appendBlocks(trailer.extras[.vtt]?[WebVTTExtras.trailingNotes], to: &out)
        if untimed > 0 {
            diagnostics.report(.warning("vtt.untimed", "\(untimed) cue(s) without a start or end time were not written", format: .vtt))
        }
        if negative > 0 {
            diagnostics.report(.warning("vtt.negative-time", "\(negative) cue(s) have times before 0, which WebVTT cannot write; written from 00:00:00.000", format: .vtt))
        }
        if emptied > 0 {
            diagnostics.report(.warning("vtt.empty-lines", "\(emptied) cue(s) had empty lines, which would end a WebVTT cue; removed", format: .vtt))
        }
        if droppedSettings > 0 {
            diagnostics.report(.warning("vtt.setting-dropped", "\(droppedSettings) cue setting(s) are not valid WebVTT settings and were not written", format: .vtt))
        }
        if losses.classes > 0 {
            diagnostics.report(.warning("vtt.class-dropped", "\(losses.classes) class name(s) are empty or hold whitespace, '.' or '>', which WebVTT cannot write; left out", format: .vtt))
        }
        if layout.droppedBlocks > 0 {
            diagnostics.report(.warning("vtt.block-dropped", "\(layout.droppedBlocks) header line(s) or block(s) hold a blank line or '-->', which would change how the file reads; left out", format: .vtt))
        }
    }
}
