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

    /// `convert(_:name:from:into:transform:diagnostics:)` on bytes that are
    /// not in an array, such as a large file mapped into memory (as the
    /// `cues` tool does, instead of copying it). The bytes are read in
    /// place: they must stay valid and unchanged during the call, and
    /// nothing points into them once it returns.
    public func convert(
        _ bytes: UnsafeBufferPointer<UInt8>, name: String?, from input: FormatID? = nil,
        into outputs: [(format: FormatID, sink: any OutputSink)],
        transform: TimeTransform = TimeTransform(), diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> SinkConversion {
        try convert(InputBytes(region: bytes, owner: BorrowedBytes.owner), name: name, from: input, into: outputs,
                    transform: transform, diagnostics: &diagnostics)
    }

    /// The conversion into sinks, on bytes held anywhere.
    private func convert(
        _ bytes: InputBytes, name: String?, from input: FormatID?,
        into outputs: [(format: FormatID, sink: any OutputSink)],
        transform: TimeTransform, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> SinkConversion {
        let decoded = try decode(bytes, name: name, format: input, diagnostics: &diagnostics)
        let chosen = decoded.format
        if let reader = ReaderCapabilities.cueStream(chosen.reader), readOptions.item == nil,
           streamsAll(outputs.map(\.format), from: chosen.id) {
            try stream(decoded.source, reader: reader, format: chosen.id, into: outputs,
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

    /// Whether every one of `formats` can be written cue by cue from
    /// `source`: none needs the whole timeline (no cue-by-cue writer,
    /// several timelines, segmentation).
    private func streamsAll(_ formats: [FormatID], from source: FormatID) -> Bool {
        formats.allSatisfy { format in
            guard let writer = ReaderCapabilities.cueStream(registry[format]?.writer) else { return false }
            return !writer.writesManyTimelines && !segments(from: source, to: format)
        }
    }

    /// Streams `source` into the sinks.
    private func stream(
        _ source: SourceText, reader: any CueStreamReader, format: FormatID,
        into sinks: [(format: FormatID, sink: any OutputSink)],
        transform: TimeTransform, diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        var outputs: [CuePipeline.Output] = []
        for (format, sink) in sinks {
            outputs.append(CuePipeline.Output(writer: try CueWriter(format, registry: registry, options: writeOptions), sink: sink))
        }
        let pipeline = CuePipeline(outputs: outputs, transform: transform, inference: inference)
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
        // Streamed cues carry no file name (see `CueReceiver`): what is said of them gets it here.
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

/// The owner of bytes a caller lends for the length of a call: nothing
/// to keep alive, since nothing outlives the call.
private enum BorrowedBytes {
    final class Owner: Sendable {}
    static let owner = Owner()
}
