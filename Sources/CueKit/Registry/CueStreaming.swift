/// Receives a caption file's cues one at a time, as a streaming reader
/// finds them: the library's own side of streaming (the public one is
/// `CueConsumer`, which gets every cue owning its text, see `CueOwnership`).
///
/// A streamed cue's `location` has no file: the receiver knows which file
/// it reads, and a cue without a reference-counted name is cheaper to hand
/// from one thread to another. Its text may be lines still in the input
/// (`SourceLines`), valid while the bytes given to `begin` are.
protocol CueReceiver: AnyObject {
    /// Called once, before the first cue, with the file's data that comes
    /// before its cues (a WebVTT header, STYLE and REGION blocks), and the
    /// bytes plain cue text points into (`SourceLines`): a receiver that
    /// keeps cues after the reader returns keeps these bytes too.
    func begin(_ header: Timeline, input: InputBytes) throws(Diagnostic)
    /// One cue, with a start and an end.
    func consume(_ cue: consuming Cue) throws(Diagnostic)
}

/// A reader that can hand cues over as it reads them, so that a conversion
/// between caption formats keeps one cue in memory instead of the file's.
protocol CueStreamReader: FormatReader {
    /// Reads like `read`, handing every cue to `consumer` (each with both
    /// times) instead of keeping it; returns the timeline without its cues,
    /// with what the file holds after them.
    func stream(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics, to consumer: any CueReceiver
    ) throws(Diagnostic) -> Timeline
}

/// A writer that can write cue by cue.
protocol CueStreamWriter: FormatWriter {
    func makeStream(options: WriteOptions) -> any CueWriterStream
}

/// The state of one file being written cue by cue. Writing a whole
/// timeline is `begin`, `append` for each cue, then `finish`.
protocol CueWriterStream {
    /// Writes what comes before the cues, from `header` (which has no cues).
    mutating func begin(_ header: Timeline, to out: inout TextOutput)
    mutating func append(_ cue: Cue, to out: inout TextOutput)
    /// Writes what comes after the cues and reports, once, what was lost.
    mutating func finish(_ trailer: Timeline, to out: inout TextOutput, diagnostics: inout Diagnostics)
}

extension CueWriterStream {
    /// `timeline` written whole through the stream.
    mutating func write(_ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics) -> [UInt8] {
        var out = TextOutput(options: options, capacity: 16 + timeline.cues.count * 96)
        begin(timeline, to: &out)
        for cue in timeline.cues { append(cue, to: &out) }
        finish(timeline, to: &out, diagnostics: &diagnostics)
        return out.bytes
    }
}
