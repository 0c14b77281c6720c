/// Writes one file cue by cue, so that a large conversion never holds its
/// whole output: `begin` with what comes before the cues, `append` each
/// cue, `finish` with what comes after them. The bytes gather in a buffer
/// that the caller empties whenever it likes: `flush(to:)` hands them to an
/// `OutputSink` without a copy, `takeBytes()` returns them (for async code
/// that awaits its own writes); `hasFullChunk` says when `chunkSize` bytes
/// are waiting.
///
/// ```swift
/// let writer = try CueWriter(.vtt)
/// writer.begin(stream.header)
/// for try await cue in stream {
///     writer.append(cue)
///     if writer.hasFullChunk { try await upload(writer.takeBytes()) }
/// }
/// try writer.finish(stream.trailer ?? Timeline(), diagnostics: &diagnostics)
/// try await upload(writer.takeBytes())
/// ```
///
/// The bytes are the ones the format's `FormatWriter` gives for the whole
/// timeline, and so are the warnings `finish` reports (once per kind of
/// loss). SRT, WebVTT and ASS are written as the cues come; a format
/// without a cue-by-cue writer keeps the cues and writes them all at
/// `finish` (see `isIncremental`). Like the format's writer, it writes the
/// cues as they are: a cue without a start or an end is left out with a
/// warning, so run time inference first where the input may lack times
/// (see `Converter.prepared(_:for:sourceFormat:diagnostics:)`).
///
/// One writer is used from one task or thread at a time.
public final class CueWriter {
    /// The format written.
    public let format: FormatID
    /// How many bytes make a chunk: `hasFullChunk` is true from this many
    /// waiting bytes on.
    public let chunkSize: Int
    /// Whether cues are written as they come (SRT, WebVTT, ASS); when
    /// false, they are kept until `finish` writes the whole file.
    public var isIncremental: Bool { stream != nil }

    // Touched once or twice per cue from one thread, never with overlapping
    // accesses: `@exclusivity(unchecked)` spares the run-time exclusivity
    // check of class properties on the streaming path.
    @exclusivity(unchecked) private var stream: (any CueWriterStream)?
    @exclusivity(unchecked) private var out: TextOutput
    /// The writer and the cues for a format written whole.
    private let wholeWriter: any FormatWriter
    private var kept: [Cue] = []
    private let options: WriteOptions
    private var state = State.new

    private enum State { case new, writing, finished }

    /// A writer of `format` as `registry` declares it. Throws when the
    /// registry has no writer for it, or when the format holds several
    /// timelines (a feed): those are written whole with
    /// `Converter.writeAll(_:as:diagnostics:)`.
    public init(
        _ format: FormatID, registry: FormatRegistry = .standard, options: WriteOptions = WriteOptions(),
        chunkSize: Int = 1 << 20
    ) throws(Diagnostic) {
        guard let writer = registry[format]?.writer else {
            throw .error(
                "format.unknown-output",
                "cannot write format '\(format)'; expected one of \(registry.writableIDs.joined(separator: ", "))")
        }
        guard !writer.writesManyTimelines else {
            throw .error(
                "stream.many-timelines",
                "expected a format that holds one timeline to write cue by cue, found \(format), which holds several",
                format: format)
        }
        self.format = format
        self.chunkSize = max(chunkSize, 1)
        self.options = options
        wholeWriter = writer
        stream = ReaderCapabilities.cueStream(writer)?.makeStream(options: options)
        if stream != nil {
            // Room for a chunk and the cue that passes it, so that the buffer
            // rarely grows.
            out = TextOutput(options: options, capacity: self.chunkSize + 4096)
        } else {
            // The format's writer writes the byte order mark itself.
            var plain = options
            plain.byteOrderMark = false
            out = TextOutput(options: plain)
        }
    }

    /// How many bytes are waiting to be taken.
    public var bufferedByteCount: Int { out.count }

    /// Whether at least `chunkSize` bytes are waiting.
    public var hasFullChunk: Bool { out.count >= chunkSize }

    /// Writes what comes before the cues: `header` is a timeline without
    /// cues (a WebVTT file's STYLE and REGION blocks, an ASS script's
    /// styles). Call it once, before the first cue; a writer that was not
    /// begun begins with an empty header at the first cue, or with the
    /// trailer at `finish` when no cue came.
    public func begin(_ header: Timeline) {
        precondition(state == .new, "a CueWriter is begun once, before its first cue")
        state = .writing
        stream?.begin(header, to: &out)
    }

    /// Writes `cue` after the ones before it.
    public func append(_ cue: Cue) {
        if state == .new { begin(Timeline()) }
        precondition(state == .writing, "a finished CueWriter takes no more cues")
        if stream != nil {
            stream!.append(cue, to: &out)
        } else {
            kept.append(cue)
        }
    }

    /// `append` for the library's own streaming, which hands cues over
    /// without a copy and does not check the state per cue.
    @inline(__always)
    func appendStreamed(_ cue: borrowing Cue) {
        stream!.append(cue, to: &out)
    }

    /// Writes what comes after the cues, from `trailer` (the timeline
    /// without its cues, as a reader returns it: a WebVTT file's NOTE
    /// blocks after the last cue), and reports once per kind what the
    /// format could not hold. The rest of the bytes are then waiting.
    /// Throws only for a format written whole whose writer refuses the
    /// timeline.
    public func finish(_ trailer: Timeline, diagnostics: inout Diagnostics) throws(Diagnostic) {
        if state == .new {
            state = .writing
            stream?.begin(trailer, to: &out)
        }
        precondition(state == .writing, "a CueWriter is finished once")
        state = .finished
        var found = Diagnostics()
        defer {
            diagnostics.append(contentsOf: found.items.map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.format == nil { diagnostic.format = format }
                return diagnostic
            })
        }
        if stream != nil {
            stream!.finish(trailer, to: &out, diagnostics: &found)
            return
        }
        var timeline = trailer
        timeline.cues = kept
        kept = []
        do {
            out.append(bytes: try wholeWriter.write(timeline, options: options, diagnostics: &found))
        } catch {
            var error = error
            if error.format == nil { error.format = format }
            throw error
        }
    }

    /// Hands the waiting bytes to `sink` (valid during its `write` only)
    /// and empties the buffer, which is reused. Throws what the sink throws;
    /// the bytes are then dropped all the same.
    public func flush(to sink: any OutputSink) throws(Diagnostic) {
        defer { out.clear() }
        guard out.count > 0 else { return }
        try out.withBytes { (bytes) throws(Diagnostic) in try sink.write(bytes) }
    }

    /// The waiting bytes, copied out; the buffer is emptied and reused.
    public func takeBytes() -> [UInt8] {
        defer { out.clear() }
        return out.bytes
    }
}
