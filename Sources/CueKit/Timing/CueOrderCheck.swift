/// Reports cues that start before the cue above them, for cues that keep
/// their times (captions): each is a warning at its location, and nothing is
/// moved. Used both on a whole timeline and on cues streamed one at a time,
/// so the two give the same warnings.
struct CueOrderCheck {
    private var previous: Timestamp?

    /// A warning when `cue` starts before the cue checked before it.
    mutating func check(_ cue: Cue) -> Diagnostic? {
        guard let start = cue.start, let previous = record(start) else { return nil }
        return Self.warning(start, after: previous, at: cue.location)
    }

    /// Records the start of the next cue; returns the latest start before
    /// it when it is earlier (a warning to give).
    mutating func record(_ start: Timestamp) -> Timestamp? {
        defer { previous = max(previous ?? start, start) }
        guard let previous, start < previous else { return nil }
        return previous
    }

    /// The warning for a cue starting at `start`, earlier than `previous` before it.
    static func warning(_ start: Timestamp, after previous: Timestamp, at location: SourceLocation?) -> Diagnostic {
        .warning(
            "inference.time-backwards",
            "time \(TimeInference.clock(start)) is earlier than \(TimeInference.clock(previous)) before it; the cue keeps its place and its times",
            at: location)
    }
}
