/// Where one output of a conversion goes, in chunks, in order.
public protocol OutputSink: AnyObject {
    /// Appends `bytes` (valid during the call only) to the output; throws
    /// when they cannot be written.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic)
}

extension Converter {
    /// What a conversion into sinks did.
    public struct SinkConversion: Sendable {
        /// The format the input was read as.
        public var format: Format
        public var encoding: TextEncoding
        /// Each output that could not be written, with why; the others were
        /// handed to their sinks whole.
        public var failures: [(format: FormatID, error: Diagnostic)]
        /// Whether the input was streamed cue by cue.
        public var streamed: Bool
    }

    /// Reads `bytes` once and writes every output into its sink.
    ///
    /// Between caption formats (SRT and WebVTT, in either direction, with any
    /// time transform) the conversion streams: each cue is written as soon as
    /// it is read and output reaches the sinks a megabyte at a time, so memory
    /// stays near the size of the input. Other conversions run whole (see
    /// `convert(_:name:from:to:transform:diagnostics:)`) and hand each output
    /// over at the end. Throws when the input cannot be read, or when a sink
    /// fails during streaming; then what the sinks received is incomplete and
    /// should be discarded.
    public func convert(
        _ bytes: [UInt8], name: String?, from input: FormatID? = nil,
        into outputs: [(format: FormatID, sink: any OutputSink)],
        transform: TimeTransform = TimeTransform(), diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> SinkConversion {
        try convert(InputBytes(bytes), name: name, from: input, into: outputs, transform: transform, diagnostics: &diagnostics)
    }

    /// `convert(_:name:from:into:transform:diagnostics:)` on bytes held
    /// anywhere (the `cues` tool maps a large file instead of reading it).
    package func convert(
        _ bytes: InputBytes, name: String?, from input: FormatID? = nil,
        into outputs: [(format: FormatID, sink: any OutputSink)],
        transform: TimeTransform = TimeTransform(), diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> SinkConversion {
        let decoded = try decode(bytes, name: name, format: input, diagnostics: &diagnostics)
        let chosen = decoded.format
        if let reader = chosen.reader as? any CueStreamReader, readOptions.item == nil,
           let writers = streamWriters(for: outputs.map(\.format), from: chosen.id) {
            try stream(decoded.source, reader: reader, format: chosen.id, writers: writers, sinks: outputs.map(\.sink),
                       transform: transform, diagnostics: &diagnostics)
            return SinkConversion(format: chosen, encoding: decoded.encoding, failures: [], streamed: true)
        }
        // Each output goes to its sink as soon as it is written.
        var failures: [(format: FormatID, error: Diagnostic)] = []
        let sinks = Dictionary(outputs.map { ($0.format, $0.sink) }, uniquingKeysWith: { first, _ in first })
        _ = try convert(decoded, to: outputs.map(\.format), transform: transform, keepingInput: false, diagnostics: &diagnostics) { format, result in
            do throws(Diagnostic) {
                let written = try result.get()
                try written.withUnsafeBufferPointer { (bytes) throws(Diagnostic) in try sinks[format]!.write(bytes) }
            } catch {
                failures.append((format, error))
            }
        }
        return SinkConversion(format: chosen, encoding: decoded.encoding, failures: failures, streamed: false)
    }

    /// The streaming writers for `formats`, or nil when one of them needs the
    /// whole timeline (no streaming writer, several timelines, segmentation).
    private func streamWriters(for formats: [FormatID], from source: FormatID) -> [(FormatID, any CueStreamWriter)]? {
        var writers: [(FormatID, any CueStreamWriter)] = []
        for format in formats {
            guard let writer = registry[format]?.writer as? any CueStreamWriter, !writer.writesManyTimelines,
                  !segments(from: source, to: format) else { return nil }
            writers.append((format, writer))
        }
        return writers
    }

    /// Streams `source` into the sinks.
    private func stream(
        _ source: SourceText, reader: any CueStreamReader, format: FormatID,
        writers: [(FormatID, any CueStreamWriter)], sinks: [any OutputSink],
        transform: TimeTransform, diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        let pipeline = CuePipeline(
            outputs: zip(writers, sinks).map { writer, sink in
                CuePipeline.Output(format: writer.0, stream: writer.1.makeStream(options: writeOptions),
                                   out: TextOutput(options: writeOptions, capacity: CuePipeline.flushSize + 4096), sink: sink)
            },
            transform: transform, inference: inference)
        var readDiagnostics = Diagnostics(strict: readOptions.strict)
        let trailer: Timeline
        do {
            if source.input.count >= parallelStreamingThreshold {
                trailer = try streamAlongside(source, reader: reader, to: pipeline, diagnostics: &readDiagnostics)
            } else {
                trailer = try reader.stream(source, options: readOptions, diagnostics: &readDiagnostics, to: pipeline)
            }
        } catch {
            diagnostics.append(contentsOf: readDiagnostics.items.map { tagged($0, format) })
            throw tagged(error, format)
        }
        diagnostics.append(contentsOf: readDiagnostics.items.map { tagged($0, format) })
        try pipeline.releaseInverted(next: nil)
        // Streamed cues carry no file name (see `CueConsumer`): what is said of them gets it here.
        let said = pipeline.tally.diagnostics + pipeline.repairs.items + pipeline.orderWarnings.items
        diagnostics.append(contentsOf: said.map { diagnostic in
            var diagnostic = tagged(diagnostic, format)
            if diagnostic.location != nil, diagnostic.location?.file == nil { diagnostic.location?.file = source.name }
            return diagnostic
        })
        // The extras that were seen (the trailer holds the file's), for the
        // warnings about what a format cannot hold.
        var seen = pipeline.extras
        seen.timeline = trailer.extras
        for output in pipeline.outputs {
            var writeDiagnostics = Diagnostics()
            reportExtrasLoss(seen, writtenAs: output.format, diagnostics: &writeDiagnostics)
            try pipeline.finish(output, trailer: trailer, diagnostics: &writeDiagnostics)
            diagnostics.append(contentsOf: writeDiagnostics.items.map { tagged($0, output.format) })
        }
    }
}

extension Converter {
    /// `reader.stream` on a thread of its own, its cues written on this one
    /// as they come (see `CueRelay`): the same events in the same order as
    /// reading straight into `pipeline`. When a sink fails, the reader is
    /// stopped and the failure thrown.
    private func streamAlongside(
        _ source: SourceText, reader: any CueStreamReader, to pipeline: CuePipeline, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let relay = CueRelay()
        let options = readOptions
        let strict = diagnostics.isStrict
        let started = WorkerThread {
            var found = Diagnostics(strict: strict)
            let result: Result<Timeline, Diagnostic>
            do throws(Diagnostic) {
                result = .success(try reader.stream(source, options: options, diagnostics: &found, to: relay))
            } catch {
                result = .failure(error)
            }
            relay.close(result, diagnostics: found)
        }
        guard let thread = started else {
            // No thread to be had: read on this one.
            return try reader.stream(source, options: readOptions, diagnostics: &diagnostics, to: pipeline)
        }
        defer { thread.join() }
        var sinkFailure: Diagnostic?
        // Kept to the end: the cues' plain text points into it.
        var input: InputBytes?
        while true {
            switch relay.next() {
            case .begin(let header, let cueText):
                input = cueText
                guard sinkFailure == nil else { continue }
                do throws(Diagnostic) {
                    try pipeline.begin(header, input: cueText)
                } catch {
                    sinkFailure = error
                    relay.cancel()
                }
            case .cues(let cues):
                if sinkFailure == nil {
                    do throws(Diagnostic) {
                        while let cue = cues.takeNext() { try pipeline.write(cue) }
                    } catch {
                        sinkFailure = error
                        relay.cancel()
                    }
                }
                relay.recycle(cues)
            case .end(let result, let found):
                withExtendedLifetime(input) {}
                diagnostics = found
                if let sinkFailure { throw sinkFailure }
                return try result.get()
            }
        }
    }
}

/// Feeds streamed cues to every output: transform, repair of an end before
/// its start (the cue is held until the next one's start is known, as time
/// inference does on a whole timeline), order check, writers, and a flush to
/// the sinks whenever an output's buffer passes `flushSize`.
private final class CuePipeline: CueConsumer {
    static let flushSize = 1 << 20

    // The stored state below is touched once or twice per cue from one
    // thread, never with overlapping accesses: `@exclusivity(unchecked)`
    // spares the run-time exclusivity check of class properties.
    final class Output {
        let format: FormatID
        @exclusivity(unchecked) var stream: any CueWriterStream
        @exclusivity(unchecked) var out: TextOutput
        let sink: any OutputSink

        init(format: FormatID, stream: any CueWriterStream, out: consuming TextOutput, sink: any OutputSink) {
            self.format = format
            self.stream = stream
            self.out = out
            self.sink = sink
        }
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
    private(set) var header: Timeline?
    /// The extras of the cues, counted: enough to say which of them an
    /// output format drops.
    @exclusivity(unchecked) private(set) var extras = ExtrasTally()

    init(outputs: [Output], transform: TimeTransform, inference: TimeInference) {
        self.outputs = outputs
        self.transform = transform
        self.inference = inference
    }

    func begin(_ header: Timeline, input: InputBytes) throws(Diagnostic) {
        self.header = header
        for output in outputs { output.stream.begin(header, to: &output.out) }
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
            output.stream.append(cue, to: &output.out)
            if output.out.count >= Self.flushSize { try flush(output) }
        }
    }

    /// Ends `output` (writing its header first when no cue came) and flushes it.
    func finish(_ output: Output, trailer: Timeline, diagnostics: inout Diagnostics) throws(Diagnostic) {
        if header == nil { output.stream.begin(trailer, to: &output.out) }
        output.stream.finish(trailer, to: &output.out, diagnostics: &diagnostics)
        try flush(output)
    }

    /// Hands the buffer to the sink and reuses it (the sink keeps no reference).
    private func flush(_ output: Output) throws(Diagnostic) {
        do throws(Diagnostic) {
            try output.out.withBytes { (bytes) throws(Diagnostic) in try output.sink.write(bytes) }
        } catch {
            // The output failed, not the reader this is called under.
            var failure = error
            if failure.format == nil { failure.format = output.format }
            throw failure
        }
        output.out.clear()
    }
}
