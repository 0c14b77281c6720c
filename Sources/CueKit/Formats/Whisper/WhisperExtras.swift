/// Names of the Whisper extras kept on a cue, and the warning given when a
/// writer drops them.
enum WhisperExtras {
    /// The segment's own `text`, kept when its words say something else.
    static let text = "text"
    /// One map per word (in order) of the word's other keys (`probability`,
    /// `score`, `confidence`, a speaker other than the segment's).
    static let words = "words"

    /// A warning that `target` drops the recogniser's per-segment data
    /// (scores, tokens, word probabilities), or nil when there is none.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .whisper && target != .timeline, let counts = extras.cues[.whisper], !counts.isEmpty else { return nil }
        let keys = counts.keys.sorted()
        let cues = counts.values.map(\.elements).max() ?? 0
        return .warning(
            "whisper.lossy-elsewhere",
            "\(cues) segment(s) carry recogniser data (\(MetadataList.describe(keys))), which \(target) cannot hold; written without it",
            format: .whisper)
    }
}
