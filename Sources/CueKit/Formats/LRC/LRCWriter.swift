/// Writes LRC: ID tags from the metadata, in its order (`title`, `author`,
/// `podcastName`, `songwriter`, `creator`, `encoder`, `encoder_version` as
/// `[ti:]`, `[ar:]`, `[al:]`, `[au:]`, `[by:]`, `[re:]`, `[ve:]`; see
/// `LRCTags`), `[length:]` from the
/// duration, the tag lines an LRC source kept (`LRCExtras.tags`), then one
/// line per cue in time order: `[mm:ss.xx]` and the text, word times as
/// `<mm:ss.xx>` (enhanced LRC). No `[offset:]`: times are written as they
/// are. LF, or CR LF when `WriteOptions` asks.
///
/// A line lasts until the next one begins, so a cue's end is written only
/// when it leaves a gap: as a line with the time and no text, after the cue
/// (the last cue's, unless it is the duration). What LRC cannot hold is
/// reported once per kind: milliseconds (times are rounded to hundredths,
/// halves up), an end after the next cue starts, line breaks (written as
/// spaces), styling (written as its text), cues without text (they would
/// read back as a break). The speaker is written as `Name: ` at each change
/// of speaker. Cues without a start get one from time inference, with its
/// notes; their ends stay unknown.
public struct LRCWriter: FormatWriter {
    public init() {}

    /// False: LRC needs no ends, and an end is written only when the source
    /// gives one.
    public var requiresTimes: Bool { false }

    public var writesSpeakerLabels: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var out = TextOutput(options: options, capacity: 64 + timeline.cues.count * 64)
        var losses = LRCText.Losses()
        writeTags(timeline, to: &out, losses: &losses)

        let cues = Self.timedCues(timeline, diagnostics: &diagnostics)
        var overlaps = 0, empty = 0, bracketed = 0
        var previousSpeaker: String?
        for (index, cue) in cues.enumerated() {
            let start = cue.start!
            if LRCTimeTag.losesPrecision(start) { losses.precision = true }
            LRCTimeTag.append(start, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), to: &out)
            let label = cue.speaker.flatMap { $0 == previousSpeaker ? nil : $0 }
            previousSpeaker = cue.speaker
            if let label {
                out.append(label)
                out.append(": ")
            } else if case .text(let first)? = cue.text.first, first.hasPrefix("[") {
                bracketed += 1
            }
            if cue.text.isEmpty && label == nil { empty += 1 }
            LRCText.append(cue.text, to: &out, losses: &losses)
            out.newline()
            guard let end = cue.end, end > start else { continue }
            let next = index + 1 < cues.count ? cues[index + 1].start : nil
            if let next, end > next {
                overlaps += 1
            } else if end != next ?? timeline.duration {
                if LRCTimeTag.losesPrecision(end) { losses.precision = true }
                LRCTimeTag.append(end, open: UInt8(ascii: "["), close: UInt8(ascii: "]"), to: &out)
                out.newline()
            }
        }
        report(losses, overlaps: overlaps, empty: empty, bracketed: bracketed, untimed: timeline.cues.count - cues.count, diagnostics: &diagnostics)
        return out.bytes
    }

    /// The cues with a start, sorted by it (stable); starts missing from a
    /// source are inferred, ends are left as they are.
    private static func timedCues(_ timeline: Timeline, diagnostics: inout Diagnostics) -> [Cue] {
        var cues = timeline.cues
        if cues.contains(where: { $0.start == nil }) {
            var inferred = timeline
            diagnostics.append(contentsOf: TimeInference().apply(to: &inferred).diagnostics)
            for index in cues.indices where cues[index].start == nil { cues[index].start = inferred.cues[index].start }
        }
        let order = cues.indices.filter { cues[$0].start != nil }.sorted { a, b in
            cues[a].start! != cues[b].start! ? cues[a].start! < cues[b].start! : a < b
        }
        return order.map { cues[$0] }
    }

    private func writeTags(_ timeline: Timeline, to out: inout TextOutput, losses: inout LRCText.Losses) {
        for field in timeline.metadata {
            guard let tag = LRCTags.tag(forMetadataKey: field.key), let value = field.value.text, !value.isEmpty else { continue }
            out.append("[")
            out.append(tag)
            out.append(":")
            out.append(Self.oneLine(value))
            out.append("]")
            out.newline()
        }
        if let duration = timeline.duration {
            if LRCTimeTag.losesPrecision(duration) { losses.precision = true }
            out.append("[length:")
            LRCTimeTag.appendClock(duration, to: &out)
            out.append("]")
            out.newline()
        }
        if case .list(let lines)? = timeline.extras[.lrc]?[LRCExtras.tags] {
            for case .string(let line) in lines {
                out.append(Self.oneLine(line))
                out.newline()
            }
        }
    }

    /// `text` on one line: line ends become spaces.
    static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    private func report(
        _ losses: LRCText.Losses, overlaps: Int, empty: Int, bracketed: Int, untimed: Int, diagnostics: inout Diagnostics
    ) {
        if losses.precision {
            diagnostics.report(.warning(
                "lrc.precision",
                "times with milliseconds were rounded to the hundredths of a second LRC holds",
                format: .lrc))
        }
        if overlaps > 0 {
            diagnostics.report(.warning(
                "lrc.overlap",
                "\(overlaps) cue(s) end after the next cue starts; an LRC line ends where the next begins, so these ends were not written",
                format: .lrc))
        }
        if empty > 0 {
            diagnostics.report(.warning(
                "lrc.empty-cues",
                "\(empty) cue(s) have no text; written as a time alone, which LRC readers take as a break ending the line before",
                format: .lrc))
        }
        if bracketed > 0 {
            diagnostics.report(.warning(
                "lrc.bracket-text",
                "\(bracketed) cue(s) have text opening with '[', which some LRC readers take for a tag (FFmpeg drops the bracket); written as it is",
                format: .lrc))
        }
        if losses.lineBreaks {
            diagnostics.report(.warning("lrc.line-breaks", "cue text with line breaks was written on one line, the breaks as spaces", format: .lrc))
        }
        if losses.styling {
            diagnostics.report(.warning(
                "lrc.lossy-styling",
                "cue text with styling, voices, languages or ruby was written as its text, which is all LRC holds",
                format: .lrc))
        }
        if untimed > 0 {
            diagnostics.report(.warning("lrc.untimed", "\(untimed) cue(s) without a start time were not written", format: .lrc))
        }
    }
}
