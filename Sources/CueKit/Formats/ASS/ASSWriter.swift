/// Writes a complete ASS script that libass (FFmpeg's `subtitles` filter)
/// renders as the reader reads it: `[Script Info]`, the styles (see
/// `ASSScriptHeader`), then `[Events]` with a `Format:` line and one
/// `Dialogue:` per cue: `H:MM:SS.cc` times (rounded to the nearest
/// hundredth; a time before 0 is written as 0), the speaker in `Name`, the
/// text as `ASSTextWriter` writes it, with `{\anN}` when the cue's
/// position differs from its style's. LF without a byte order mark unless
/// `WriteOptions` asks for CR LF or a BOM.
///
/// A timeline read from ASS gets its script info (its `Title` following the
/// metadata `title`), styles, other sections, `Format:` fields, `Comment:`
/// events and each event's other fields back, and each cue's text as
/// written while its spans and position are unchanged, so ASS to ASS keeps
/// every tag. What ASS cannot hold is reported once per kind, with a count.
public struct ASSWriter: CueStreamWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var stream = ASSWriterStream(options: options.ass)
        return stream.write(timeline, options: options, diagnostics: &diagnostics)
    }

    func makeStream(options: WriteOptions) -> any CueWriterStream {
        ASSWriterStream(options: options.ass)
    }

    /// The `{\anN}` a cue with `settings` needs in a style placed at
    /// `styleAlignment` (nil when the style places it), and the settings a
    /// numpad position cannot hold.
    static func writtenAlignment(_ settings: [Field], styleAlignment: Int) -> (number: Int?, unmapped: [String]) {
        let placement = NumpadPosition.alignment(from: settings)
        guard let number = placement.number, number != styleAlignment else { return (nil, placement.unmapped) }
        return (number, placement.unmapped)
    }
}

/// Writes an ASS script cue by cue (see `ASSWriter`): the script info and
/// sections from the header timeline, one event per cue, then what the
/// trailer keeps after the events.
struct ASSWriterStream: CueWriterStream {
    let options: ASSWriteOptions
    private var events: EventWriter?

    init(options: ASSWriteOptions) {
        self.options = options
    }

    mutating func begin(_ header: Timeline, to out: inout TextOutput) {
        let script = ASSScriptHeader(header, options: options)
        out.append("[Script Info]")
        out.newline()
        for text in script.scriptInfo { Self.line(text, &out) }
        for section in script.sections {
            out.newline()
            for text in section { Self.line(text, &out) }
        }
        out.newline()
        out.append("[Events]")
        out.newline()
        let layout = header.extras[.ass]?[ASSExtras.eventFormat]?.text.map { ASSLayout(line: Substring($0)) } ?? .assEvents
        out.append("Format: ")
        out.append(layout.formatLine)
        out.newline()
        events = EventWriter(layout: layout, header: script)
    }

    mutating func append(_ cue: Cue, to out: inout TextOutput) {
        events!.append(cue, to: &out)
    }

    mutating func finish(_ trailer: Timeline, to out: inout TextOutput, diagnostics: inout Diagnostics) {
        let kept = trailer.extras[.ass]
        if case .list(let trailing)? = kept?[ASSExtras.trailingEvents] {
            for text in trailing.compactMap(\.text) { Self.line(text, &out) }
        }
        if case .list(let trailing)? = kept?[ASSExtras.trailingSections] {
            for section in trailing.compactMap(\.text) {
                out.newline()
                for text in section.split(separator: "\n", omittingEmptySubsequences: false) { Self.line(String(text), &out) }
            }
        }
        events?.report(to: &diagnostics)
    }

    private static func line(_ text: String, _ out: inout TextOutput) {
        out.append(text)
        out.newline()
    }
}

/// Writes the `Dialogue:` lines and counts what they could not hold.
private struct EventWriter {
    let layout: ASSLayout
    let header: ASSScriptHeader
    private var untimed = 0, early = 0, commas = 0, unplaced = 0
    private var unplacedNames: [String] = []
    private var losses = ASSTextWriter.Losses()
    private var styled = 0, escaped = 0

    init(layout: ASSLayout, header: ASSScriptHeader) {
        self.layout = layout
        self.header = header
    }

    mutating func append(_ cue: Cue, to out: inout TextOutput) {
        let extras = cue.extras[.ass]
        if case .list(let lines)? = extras?[ASSExtras.events] {
            for line in lines.compactMap(\.text) {
                out.append(line)
                out.newline()
            }
        }
        guard let start = cue.start, let end = cue.end else {
            untimed += 1
            return
        }
        if start.milliseconds < 0 || end.milliseconds < 0 { early += 1 }
        let styleName = extras?["Style"]?.text ?? "Default"
        let styleAlignment = ASSStyle.lookup(styleName.trimmingBlanks(), in: header.styles)?.alignment ?? 2
        out.append("Dialogue: ")
        for (index, name) in layout.names.enumerated() {
            if index > 0 { out.append(byte: UInt8(ascii: ",")) }
            switch name.lowercased() {
            case "start": ASSTime.append(start, to: &out)
            case "end": ASSTime.append(end, to: &out)
            case "text": text(cue, extras, styleAlignment: styleAlignment, start: start, end: end, to: &out)
            case "name", "actor": out.append(speaker(cue, extras))
            case "layer": out.append(extras?["Layer"]?.text ?? "0")
            case "marked": out.append(extras?["Marked"]?.text ?? "Marked=0")
            case "style": out.append(styleName)
            case "marginl", "marginr", "marginv":
                let key = ASSExtras.fieldKeys.first { ASSLine.matches($0, name) }!
                out.append(extras?[key]?.text ?? "0")
            case "effect": out.append(extras?["Effect"]?.text ?? "")
            default: out.append(extras?[name]?.text ?? "")
            }
        }
        out.newline()
    }

    private mutating func speaker(_ cue: Cue, _ extras: Fields?) -> String {
        if let written = extras?["Name"]?.text, written.trimmingBlanks() == (cue.speaker ?? "") { return written }
        guard let speaker = cue.speaker else { return "" }
        let safe = ASSScriptHeader.oneLine(speaker)
        if safe.utf8.contains(UInt8(ascii: ",")) { commas += 1 }
        return safe.replacingCommas()
    }

    private mutating func text(
        _ cue: Cue, _ extras: Fields?, styleAlignment: Int, start: Timestamp, end: Timestamp, to out: inout TextOutput
    ) {
        if let written = extras?[ASSExtras.text]?.text {
            let parsed = ASSText.read(written, wrapStyle2: header.wrapStyle2, cueStart: start, cueEnd: end)
            let alignment = parsed.alignment ?? (styleAlignment != 2 ? styleAlignment : nil)
            if parsed.spans == cue.text, cue.settings == (alignment.map(NumpadPosition.settings(forAlignment:)) ?? []) {
                out.append(written)
                return
            }
        }
        let placement = ASSWriter.writtenAlignment(cue.settings, styleAlignment: styleAlignment)
        if !placement.unmapped.isEmpty {
            unplaced += 1
            for name in placement.unmapped where !unplacedNames.contains(name) { unplacedNames.append(name) }
        }
        var cueLosses = ASSTextWriter.Losses()
        let bytes = ASSTextWriter.render(cue.text, alignment: placement.number, start: start, end: end, losses: &cueLosses)
        if cueLosses.styling { styled += 1 }
        if cueLosses.escapes { escaped += 1 }
        out.append(bytes: bytes)
    }

    func report(to diagnostics: inout Diagnostics) {
        if untimed > 0 {
            diagnostics.report(.warning("ass.untimed", "\(untimed) cue(s) without a start or end time were not written", format: .ass))
        }
        if early > 0 {
            diagnostics.report(.warning("ass.negative-time", "\(early) cue(s) start or end before 0, which ASS cannot hold; written as 0:00:00.00", format: .ass))
        }
        if commas > 0 {
            diagnostics.report(.warning("ass.name-comma", "\(commas) speaker name(s) hold a comma, which would end the Name field; written with ';' instead", format: .ass))
        }
        if styled > 0 {
            diagnostics.report(.warning(
                "ass.lossy-styling",
                "\(styled) cue(s) have voices inside the text, languages, ruby or classes that are no colour, which ASS cannot hold; written as their text",
                format: .ass))
        }
        if escaped > 0 {
            diagnostics.report(.warning(
                "ass.backslash-escape",
                "\(escaped) cue(s) have a backslash before N, n or h in their text, which ASS reads as a line break or space; written as it is",
                format: .ass))
        }
        if unplaced > 0 {
            diagnostics.report(.warning(
                "ass.lossy-settings",
                "\(unplaced) cue(s) have settings ASS cannot hold (\(unplacedNames.prefix(6).joined(separator: ", "))); only line and align are written, as {\\anN}",
                format: .ass))
        }
    }
}
