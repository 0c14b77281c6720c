/// Feeds streamed cues to every output: transform, repair of an end before
/// its start (the cue is held until the next one's start is known, as time
/// inference does on a whole timeline), order check, writers, and a flush to
/// the sinks whenever an output's writer has a full chunk (see `CueWriter`).
final class CuePipeline: CueReceiver {
    /// One output: its writer (incremental) and where its chunks go.
    struct Output {
        let writer: CueWriter
        let sink: any OutputSink
        var format: FormatID { writer.format }
    }

    let outputs: [Output]
    let transform: TimeTransform
    let inference: TimeInference
    /// A cue whose end is before its start, until the next start is known.
    @exclusivity(unchecked) private var inverted: Cue?
    @exclusivity(unchecked) var repairs = Diagnostics()
    @exclusivity(unchecked) var tally = TimeTransform.Tally()
    @exclusivity(unchecked) var order = CueOrderCheck()
    @exclusivity(unchecked) var orderWarnings = Diagnostics()
    /// The extras of the cues, counted: enough to say which of them an
    /// output format drops.
    @exclusivity(unchecked) private(set) var extras = ExtrasTally()

    init(outputs: [Output], transform: TimeTransform, inference: TimeInference) {
        self.outputs = outputs
        self.transform = transform
        self.inference = inference
    }

    func begin(_ header: Timeline, input: InputBytes) throws(Diagnostic) {
        for output in outputs { output.writer.begin(header) }
    }

    func consume(_ cue: consuming Cue) throws(Diagnostic) {
        try write(cue)
    }

    /// Transforms `cue` and writes it to every output.
    func write(_ cue: borrowing Cue) throws(Diagnostic) {
        if transform.isIdentity {
            try deliver(cue)
        } else if let moved = transform.apply(to: copy cue, tally: &tally) {
            try deliver(moved)
        }
    }

    private func deliver(_ cue: borrowing Cue) throws(Diagnostic) {
        if inverted != nil { try releaseInverted(next: cue.start) }
        if let start = cue.start, let end = cue.end, end < start {
            // Held past this call: its text must not point into the reader's
            // buffers, which may be gone when it is written.
            var held = copy cue
            held.text = cue.text
            inverted = held
            return
        }
        try send(cue)
    }

    /// Writes the cue held for its end, ending it where `next` starts (or
    /// after its reading time); call with nil when the input ends.
    func releaseInverted(next: Timestamp?) throws(Diagnostic) {
        guard var held = inverted.take() else { return }
        let (end, warning) = inference.repairedEnd(of: held, next: next)
        held.end = end
        repairs.report(warning)
        try send(held)
    }

    private func send(_ cue: borrowing Cue) throws(Diagnostic) {
        // Times only: a cue handed to a method of a stored property is copied.
        if let start = cue.start, let previous = order.record(start) {
            orderWarnings.report(CueOrderCheck.warning(start, after: previous, at: cue.location))
        }
        if !cue.extras.isEmpty { extras.add(cue) }
        for output in outputs {
            output.writer.appendStreamed(cue)
            if output.writer.hasFullChunk { try flush(output) }
        }
    }

    /// Ends `output` (writing its header first when no cue came) and flushes it.
    func finish(_ output: Output, trailer: Timeline, diagnostics: inout Diagnostics) throws(Diagnostic) {
        try output.writer.finish(trailer, diagnostics: &diagnostics)
        try flush(output)
    }

    /// Hands the writer's bytes to the sink (which keeps no reference to them).
    private func flush(_ output: Output) throws(Diagnostic) {
        do throws(Diagnostic) {
            try output.writer.flush(to: output.sink)
        } catch {
            // The output failed, not the reader this is called under.
            var failure = error
            if failure.format == nil { failure.format = output.format }
            throw failure
        }
    }
}
