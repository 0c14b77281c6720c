/// Writes YouTube SBV as YouTube exports it: for each cue a timing line
/// `H:MM:SS.mmm,H:MM:SS.mmm` (hours without padding, as in
/// `0:00:00.599,0:00:04.160`), its text lines, and a blank line between
/// cues; the file ends with a line end. LF, or CR LF when `WriteOptions`
/// asks; no byte order mark unless asked.
///
/// A line break is a new text line (YouTube's export never writes `[br]`),
/// but a cue read from SBV with `[br]` is written as it was read while its
/// spans are unchanged. The speaker is written as `>> Name: ` at each change
/// of speaker, YouTube's own convention. SBV has no styling: styled text is
/// written as its text, and what is lost is reported once.
public struct SBVWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public var writesSpeakerLabels: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var out = TextOutput(options: options, capacity: 16 + timeline.cues.count * 80)
        var written = 0, untimed = 0, styled = 0, empty = 0, emptied = 0
        var previousSpeaker: String?
        for cue in timeline.cues {
            guard let start = cue.start, let end = cue.end else {
                untimed += 1
                continue
            }
            if written > 0 { out.newline() }
            written += 1
            out.append(start, style: .clock)
            out.append(",")
            out.append(end, style: .clock)
            out.newline()

            let label = cue.speaker.flatMap { $0 == previousSpeaker ? nil : ">> \($0): " }
            previousSpeaker = cue.speaker
            let text = cue.text
            if let kept = cue.extras[.sbv]?[SBVExtras.text]?.text, SBVText.spans(ofWritten: kept) == text {
                for (index, line) in kept.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if index == 0, let label { out.append(label) }
                    out.append(String(line))
                    out.newline()
                }
                continue
            }
            if SBVText.hasStyling(text) { styled += 1 }
            var (lines, removedEmpty) = SBVText.lines(text)
            if removedEmpty { emptied += 1 }
            if let label {
                if lines.isEmpty { lines = [String(label.dropLast())] } else { lines[0] = label + lines[0] }
            }
            if lines.isEmpty { empty += 1 }
            for line in lines {
                out.append(line)
                out.newline()
            }
        }
        if untimed > 0 {
            diagnostics.report(.warning("sbv.untimed", "\(untimed) cue(s) without a start or end time were not written", format: .sbv))
        }
        if empty > 0 {
            diagnostics.report(.warning(
                "sbv.empty-cues",
                "\(empty) cue(s) have no text; written as a timing line alone, which YouTube does not show",
                format: .sbv))
        }
        if emptied > 0 {
            diagnostics.report(.warning(
                "sbv.empty-lines", "\(emptied) cue(s) had empty lines, which would end an SBV cue; removed", format: .sbv))
        }
        if styled > 0 {
            diagnostics.report(.warning(
                "sbv.lossy-styling",
                "\(styled) cue(s) have styling, voices, languages, ruby or inline timestamps, which SBV cannot hold; written as their text",
                format: .sbv))
        }
        return out.bytes
    }
}
