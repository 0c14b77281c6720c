/// Names of the SRT extras kept on a cue so that SRT to SRT loses nothing,
/// and the warning given when another format drops them.
enum SRTExtras {
    /// The cue's text as written (LF line ends, after any speaker label), kept
    /// when its spans and position would not give it back: tags that map to
    /// nothing (`<s>`, `<font size>`, unknown tags, `{\…}` blocks), a second
    /// `{\anN}`, colours spelled otherwise, tags in another case.
    static let markup = "markup"
    /// The text after the end time on the timing line, such as the display
    /// coordinates `X1:100 X2:600 Y1:050 Y2:100`.
    static let timing = "timing"
    /// A speaker label as written, when it is not `Name: ` at a change of speaker
    /// (a `>> NAME:` label, extra spaces, a label repeating the speaker before).
    static let label = "label"

    /// A warning that writing a timeline with `extras` as `target` drops
    /// SRT-only data, or nil when nothing is dropped.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .srt else { return nil }
        let markup = extras.cues(with: Self.markup, of: .srt).elements
        let timing = extras.cues(with: Self.timing, of: .srt).elements
        var parts: [String] = []
        if markup > 0 { parts.append("\(markup) cue(s) have SRT markup that maps to no span (such as <s>, <font size>, unknown tags or {\\…} codes)") }
        if timing > 0 { parts.append("\(timing) cue(s) have text after the end time (such as X1: X2: Y1: Y2: coordinates)") }
        guard !parts.isEmpty else { return nil }
        return .warning(
            "srt.lossy-elsewhere",
            "\(parts.joined(separator: " and ")), which \(target) cannot hold; written without it",
            format: .srt)
    }
}
