/// Names of the Whisper extras kept on a cue, and the warning given when a
/// writer drops them.
enum WhisperExtras {
    /// The segment's own `text`, kept when its words say something else.
    static let text = "text"
    /// One map per word (in order) of the word's other keys (`probability`,
    /// `score`, `confidence`, a speaker other than the segment's).
    static let words = "words"

    /// On the timeline: the names of the top-level keys read into metadata
    /// (`language`, `model`, ...), so that a writer that writes no metadata
    /// says it leaves them out.
    static let metadataKeys = "metadataKeys"

    /// Formats that write every metadata key, or report what they leave out themselves.
    static let keepMetadata: Set<FormatID> = [.whisper, .timeline, .episode, .transcript]

    /// A warning that `target` drops the recogniser's per-segment data
    /// (scores, tokens, word probabilities) or its top-level fields, or nil
    /// when it drops neither.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .whisper && target != .timeline else { return nil }
        var parts: [String] = []
        if let counts = extras.cues[.whisper], !counts.isEmpty {
            let cues = counts.values.map(\.elements).max() ?? 0
            parts.append("\(cues) segment(s) carry recogniser data (\(MetadataList.describe(counts.keys.sorted())))")
        }
        if !keepMetadata.contains(target), case .list(let keys)? = extras.timeline[.whisper]?[metadataKeys], !keys.isEmpty {
            parts.append("\(keys.count) top-level field(s) (\(MetadataList.describe(keys.compactMap(\.text))))")
        }
        guard !parts.isEmpty else { return nil }
        return .warning(
            "whisper.lossy-elsewhere",
            "\(parts.joined(separator: " and ")), which \(target) cannot hold; written without them",
            format: .whisper)
    }
}
