/// Writes SubRip: sequential numbers from 1, `HH:MM:SS,mmm --> HH:MM:SS,mmm`
/// timings (with any text kept after the end time, such as display
/// coordinates), `{\anN}` for `line`/`align` settings, text with `<i>`, `<b>`,
/// `<u>` and `<font color>`, and the speaker as `Name: ` at each change of
/// speaker. Blocks are separated by one blank line; the file ends with a line
/// end. LF without a byte order mark unless `WriteOptions` asks for CR LF or a
/// BOM.
///
/// A cue read from SRT is written with its text as it was read (see
/// `SRTExtras.markup`) as long as its spans and settings are unchanged, so SRT
/// to SRT keeps every tag. A cue without text is written as a number and a
/// timing line. What SRT cannot hold is reported once, with a count.
public struct SRTWriter: CueStreamWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public var writesSpeakerLabels: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var stream = SRTWriterStream()
        return stream.write(timeline, options: options, diagnostics: &diagnostics)
    }

    func makeStream(options: WriteOptions) -> any CueWriterStream {
        SRTWriterStream()
    }

    /// Whether text kept as read still gives the cue's spans and settings.
    static func markup(_ markup: String, stillDescribes cue: Cue) -> Bool {
        let parsed = SRTMarkup.parse(markup)
        guard parsed.spans == cue.text else { return false }
        return cue.settings == (parsed.alignment.map(NumpadPosition.settings(forAlignment:)) ?? [])
    }

    /// Text for the timing line: one line.
    static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}

/// Writes SRT cue by cue (see `SRTWriter`).
struct SRTWriterStream: CueWriterStream {
    private var index = 0
    private var untimed = 0, emptied = 0, styled = 0, unplaced = 0
    private var unplacedNames: [String] = []
    private var previousSpeaker: String?

    mutating func begin(_ header: Timeline, to out: inout TextOutput) {}

    mutating func append(_ cue: Cue, to out: inout TextOutput) {
        guard let start = cue.start, let end = cue.end else {
            untimed += 1
            return
        }
        let extras = cue.extras[.srt]
        if index > 0 { out.newline() }
        index += 1
        out.append(decimal: index)
        out.newline()
        out.appendRange(start, end, style: .srt)
        if let tail = extras?[SRTExtras.timing]?.text, !tail.isEmpty {
            out.append(" ")
            out.append(SRTWriter.oneLine(tail))
        }
        out.newline()

        let writtenLabel = extras?[SRTExtras.label]?.text
        let labelled = cue.speaker != nil && (cue.speaker != previousSpeaker || writtenLabel != nil)
        previousSpeaker = cue.speaker
        // A cue that starts with a line break gives the speaker label its own line.
        let labelAlone = labelled && cue.textIsEmptyOrStartsWithLineBreak
        if labelled, let speaker = cue.speaker {
            if let writtenLabel, writtenLabel.contains(speaker) {
                out.append(writtenLabel.trimmingTrailingSpaces(if: labelAlone))
            } else {
                out.append(speaker)
                out.append(labelAlone ? ":" : ": ")
            }
            if labelAlone { out.newline() }
        }

        if let markup = extras?[SRTExtras.markup]?.text, SRTWriter.markup(markup, stillDescribes: cue) {
            // The text as read: every tag kept.
            let body = labelAlone && markup.hasPrefix("\n") ? markup.dropFirst() : Substring(markup)
            for (position, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if position > 0 { out.newline() }
                out.append(String(line))
            }
            if !body.isEmpty { out.newline() }
            return
        }

        if cue.settings.isEmpty, case .source(let lines) = cue.textStorage {
            // Plain lines straight from the input: none is blank.
            lines.forEachLine { line in
                out.append(bytes: line)
                out.newline()
            }
            return
        }
        let placement = NumpadPosition.alignment(from: cue.settings)
        if !placement.unmapped.isEmpty {
            unplaced += 1
            for name in placement.unmapped where !unplacedNames.contains(name) { unplacedNames.append(name) }
        }
        var text = labelAlone ? Array(cue.text.dropFirst()) : cue.text
        // `{\anN}` alone on the first line: that line is not empty in SRT.
        let positionLine = placement.number != nil && text.first == .lineBreak
        if positionLine { text.removeFirst() }
        var (spans, changed) = CaptionLines.withoutEmptyLines(text)
        if changed { emptied += 1 }
        if positionLine && !spans.isEmpty { spans.insert(.lineBreak, at: 0) }
        guard !spans.isEmpty || placement.number != nil else { return }
        var losses = SRTText.Losses()
        SRTText.append(spans, alignment: placement.number, to: &out, losses: &losses)
        if losses.styling { styled += 1 }
        out.newline()
    }

    mutating func finish(_ trailer: Timeline, to out: inout TextOutput, diagnostics: inout Diagnostics) {
        if untimed > 0 {
            diagnostics.report(.warning("srt.untimed", "\(untimed) cue(s) without a start or end time were not written", format: .srt))
        }
        if emptied > 0 {
            diagnostics.report(.warning("srt.empty-lines", "\(emptied) cue(s) had empty lines, which would end an SRT cue; removed", format: .srt))
        }
        if styled > 0 {
            diagnostics.report(.warning(
                "srt.lossy-styling",
                "\(styled) cue(s) have classes, voices, languages, ruby or inline timestamps, which SRT cannot hold; written as their text",
                format: .srt))
        }
        if unplaced > 0 {
            diagnostics.report(.warning(
                "srt.lossy-settings",
                "\(unplaced) cue(s) have settings SRT cannot hold (\(unplacedNames.prefix(6).joined(separator: ", "))); only line and align are written, as {\\anN}",
                format: .srt))
        }
    }
}

extension String {
    /// Without trailing spaces when `condition` holds.
    fileprivate func trimmingTrailingSpaces(if condition: Bool) -> String {
        guard condition else { return self }
        var text = Substring(self)
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
