/// Names of the SBV extras kept on a cue so that SBV to SBV loses nothing.
enum SBVExtras {
    /// The cue's text as written (lines joined by LF), kept when it holds a
    /// `[br]`, which the spans hold as a line break.
    static let text = "text"
}
