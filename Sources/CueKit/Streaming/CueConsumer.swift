/// Receives an input's cues one at a time, as `Converter.readCues` reads
/// them, so that a large caption file is never held as a whole timeline.
///
/// Every cue is complete: it owns its text, and its `location` names the
/// input. Throwing from either method stops the reading; the error is
/// thrown by `readCues`.
public protocol CueConsumer: AnyObject {
    /// Called once, before the first cue (and also when there is none),
    /// with what the input holds before its cues: a timeline without cues,
    /// such as a WebVTT file's header, STYLE and REGION blocks.
    func begin(_ header: Timeline) throws(Diagnostic)
    /// The next cue, in input order, exactly as reading the whole input
    /// would give it: no time is inferred, shifted or repaired.
    func consume(_ cue: Cue) throws(Diagnostic)
}

extension Converter {
    /// What `readCues` read besides the cues.
    public struct CueReading: Sendable {
        /// The format the input was read as.
        public var format: Format
        /// The input's timeline without its cues, with what the input
        /// holds after them too (a WebVTT file's NOTE blocks after the last
        /// cue): with the cues added in order, the timeline that
        /// `read(_:name:format:diagnostics:)` gives.
        public var trailer: Timeline
    }

    /// Reads `bytes` (named `name` in diagnostics) as `format`, or as the
    /// format sniffing and the name suggest, handing each cue to `consumer`
    /// as soon as it is read.
    ///
    /// SRT and WebVTT are read cue by cue, so memory stays near the size of
    /// the input however many cues it holds; another format is read whole
    /// and its cues are then handed over one by one. An input of several
    /// timelines (a feed) gives the one `ReadOptions.item` picks, else the
    /// first, with a warning. Warnings go to `diagnostics` as they are found
    /// (a streaming reader reports them when it returns); the first error is
    /// thrown, located, as `read` throws it.
    public func readCues(
        _ bytes: [UInt8], name: String?, format: FormatID? = nil, into consumer: some CueConsumer,
        diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> CueReading {
        let decoded = try decode(InputBytes(bytes), name: name, format: format, diagnostics: &diagnostics)
        let trailer = try readCues(decoded, into: consumer, diagnostics: &diagnostics)
        return CueReading(format: decoded.format, trailer: trailer)
    }

    /// `readCues(_:name:format:into:diagnostics:)` on decoded input; returns the trailer.
    func readCues(
        _ decoded: DecodedInput, into consumer: some CueConsumer, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let format = decoded.format
        guard let reader = ReaderCapabilities.cueStream(format.reader), readOptions.item == nil else {
            var read = try self.read(decoded, diagnostics: &diagnostics)
            if read.timelines.count > 1 { diagnostics.report(firstItemWarning(read, name: decoded.source.name)) }
            let cues = read.timeline.cues
            read.timeline.cues = []
            do throws(Diagnostic) {
                try consumer.begin(read.timeline)
                for cue in cues { try consumer.consume(cue) }
            } catch {
                throw tagged(error, format.id)
            }
            return read.timeline
        }
        let ownership = CueOwnership(consumer, name: decoded.source.name)
        var readDiagnostics = Diagnostics(strict: readOptions.strict || diagnostics.isStrict)
        defer { diagnostics.append(contentsOf: readDiagnostics.items.map { tagged($0, format.id) }) }
        do {
            let trailer = try reader.stream(decoded.source, options: readOptions, diagnostics: &readDiagnostics, to: ownership)
            if !ownership.begun { try consumer.begin(trailer) }
            return trailer
        } catch {
            throw tagged(error, format.id)
        }
    }
}

/// Hands a streaming reader's cues to a `CueConsumer` complete: text that
/// points into the input (`SourceLines`) is made into spans the cue owns,
/// and the location gets the input's name, so that a consumer may keep a
/// cue as long as it likes.
final class CueOwnership<Consumer: CueConsumer>: CueReceiver {
    let consumer: Consumer
    let name: String?
    private(set) var begun = false

    init(_ consumer: Consumer, name: String?) {
        self.consumer = consumer
        self.name = name
    }

    func begin(_ header: Timeline, input: InputBytes) throws(Diagnostic) {
        begun = true
        try consumer.begin(header)
    }

    func consume(_ cue: consuming Cue) throws(Diagnostic) {
        var owned = cue
        if case .source = owned.textStorage { owned.text = owned.text }
        if owned.location != nil, owned.location?.file == nil { owned.location?.file = name }
        try consumer.consume(owned)
    }
}
