/// Reports cues that start before the cue above them, for cues that keep
/// their times (captions): each is a warning at its location, and nothing is
/// moved. Used both on a whole timeline and on cues streamed one at a time,
/// so the two give the same warnings.
struct CueOrderCheck {
    private var previous: Timestamp?

    /// A warning when `cue` starts before the cue checked before it.
    mutating func check(_ cue: Cue) -> Diagnostic? {
        guard let start = cue.start else { return nil }
        defer { previous = max(previous ?? start, start) }
        guard let previous, start < previous else { return nil }
        return .warning(
            "inference.time-backwards",
            "time \(TimeInference.clock(start)) is earlier than \(TimeInference.clock(previous)) before it; the cue keeps its place and its times",
            at: cue.location)
    }
}
