/// Writes SubRip: sequential indexes from 1, `HH:MM:SS,mmm` timings, text
/// with `<i>`, `<b>` and `<u>`, and the speaker as `Name: ` at each change of
/// speaker. Styling SRT cannot hold is reported.
public struct SRTWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public var writesSpeakerLabels: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var out = TextOutput(options: options, capacity: timeline.cues.count * 96)
        var index = 0
        var untimed = 0, empty = 0, emptied = 0, dropped = 0
        var previousSpeaker: String?
        for cue in timeline.cues {
            guard let start = cue.start, let end = cue.end else {
                untimed += 1
                continue
            }
            let labelled = cue.speaker != nil && cue.speaker != previousSpeaker
            // A cue that starts with a line break gives the speaker label its own line.
            let labelAlone = labelled && cue.text.first == .lineBreak
            let (spans, changed) = CaptionLines.withoutEmptyLines(labelAlone ? Array(cue.text.dropFirst()) : cue.text)
            if changed { emptied += 1 }
            guard !spans.isEmpty else {
                empty += 1
                continue
            }
            if index > 0 { out.newline() }
            index += 1
            out.append(String(index))
            out.newline()
            out.append(start, style: .srt)
            out.append(" --> ")
            out.append(end, style: .srt)
            out.newline()
            if labelled, let speaker = cue.speaker {
                out.append(speaker)
                out.append(":")
                if labelAlone { out.newline() } else { out.append(" ") }
            }
            previousSpeaker = cue.speaker
            if SRTText.append(spans, to: &out) { dropped += 1 }
            out.newline()
        }
        if untimed > 0 {
            diagnostics.report(.warning("srt.untimed", "\(untimed) cue(s) without a start or end time were not written", format: .srt))
        }
        if empty > 0 {
            diagnostics.report(.warning("srt.empty-cue", "\(empty) cue(s) without text were not written: an empty SRT cue ends the block", format: .srt))
        }
        if emptied > 0 {
            diagnostics.report(.warning("srt.empty-lines", "\(emptied) cue(s) had empty lines, which would end an SRT cue; removed", format: .srt))
        }
        if dropped > 0 {
            diagnostics.report(.warning(
                "srt.lossy-styling",
                "\(dropped) cue(s) have classes, voices, languages, ruby or inline timestamps, which SRT cannot hold; written as their text",
                format: .srt))
        }
        return out.bytes
    }
}

/// SRT cue text rendering.
enum SRTText {
    /// Appends spans as SRT text; returns whether markup SRT lacks was dropped.
    @discardableResult
    static func append(_ spans: [Span], to out: inout TextOutput) -> Bool {
        var dropped = false
        for span in spans {
            switch span {
            case .text(let text): out.append(text)
            case .lineBreak: out.newline()
            case .timestamp: dropped = true
            case .element(let element):
                let tag: String?
                switch element.kind {
                case .italic: tag = "i"
                case .bold: tag = "b"
                case .underline: tag = "u"
                case .rubyText:
                    // Ruby text is an annotation of the base: keep it in parentheses.
                    out.append("(")
                    append(element.children, to: &out)
                    out.append(")")
                    dropped = true
                    continue
                default: tag = nil
                }
                if let tag { out.append("<\(tag)>") } else { dropped = true }
                if append(element.children, to: &out) { dropped = true }
                if let tag { out.append("</\(tag)>") }
            }
        }
        return dropped
    }
}
