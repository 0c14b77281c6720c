/// The cues of one input, read on a thread of their own as the consumer
/// asks for them: an `AsyncSequence` for inputs too large to hold as a
/// timeline (see `Converter.cues(of:name:format:)`).
///
/// ```swift
/// let stream = try await converter.cues(of: bytes, name: "talk.srt")
/// for try await cue in stream {
///     index.add(cue.plainText, at: cue.start)
/// }
/// print(stream.diagnostics.warnings)
/// ```
///
/// The reader stays at most a few thousand cues ahead of the consumer, so
/// memory stays near the size of the input however many cues it holds. It
/// gives the cues of `Converter.read(_:name:format:diagnostics:)`, one by
/// one, in order, each owning its text and located in the input; no time
/// is inferred, shifted or repaired.
///
/// Iterating ends with nil after the last cue, or throws the reader's
/// first error (located, as `read` throws it) after the cues before it.
/// When the iterating task is cancelled, `next()` returns nil and the
/// reading stops; so it does when the stream is dropped before its end.
///
/// A stream is iterated once: it is the reading itself, not a description
/// of it.
public final class CueStream: AsyncSequence, Sendable {
    /// Each element is one cue of the input, in input order.
    public typealias Element = Cue
    /// What iterating throws: the reader's first error, located.
    public typealias Failure = Diagnostic

    /// The format the input is read as.
    public let format: Format
    /// What the input holds before its cues, as a timeline without cues
    /// (a WebVTT file's header, STYLE and REGION blocks): what a
    /// `CueWriter` begins with.
    public let header: Timeline
    let queue: CueQueue

    init(format: Format, header: Timeline, queue: CueQueue) {
        self.format = format
        self.header = header
        self.queue = queue
    }

    deinit {
        queue.cancel()
    }

    /// The input's timeline without its cues, with what the input holds
    /// after them too (see `Converter.CueReading.trailer`): nil until the
    /// reader has read the whole input (and when it failed).
    public var trailer: Timeline? {
        guard case (.success(let trailer), _)? = queue.outcome else { return nil }
        return trailer
    }

    /// Every warning and note of the reading, and its error when it failed:
    /// complete once iterating has ended (a streaming reader reports its
    /// warnings when it returns).
    public var diagnostics: Diagnostics {
        guard let (result, diagnostics) = queue.outcome else { return Diagnostics() }
        var all = diagnostics
        if case .failure(let error) = result { all.report(error) }
        return all
    }

    /// The iterator over the cues; call it once (`for try await` does).
    public func makeAsyncIterator() -> Iterator {
        precondition(queue.startIterating(), "a CueStream is iterated once")
        return Iterator(stream: self)
    }

    /// Gives the cues one by one, taking them from the reader a batch at a time.
    public struct Iterator: AsyncIteratorProtocol {
        /// One cue of the input.
        public typealias Element = Cue
        /// The reader's first error, located.
        public typealias Failure = Diagnostic

        private let stream: CueStream
        private var batch: CueBatch?
        private var done = false

        init(stream: CueStream) {
            self.stream = stream
        }

        /// The next cue; nil after the last one or once the task is
        /// cancelled; throws the reader's error after the cues before it.
        public mutating func next() async throws(Diagnostic) -> Cue? {
            if !done, !Task.isCancelled, let cue = batch?.takeNext() { return cue }
            return try await refill(isolation: nil)
        }

        /// `next()` on the caller's actor (what `for try await` calls), so
        /// that an actor's code iterates without handing the iterator to
        /// another.
        @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Diagnostic) -> Cue? {
            if !done, !Task.isCancelled, let cue = batch?.takeNext() { return cue }
            return try await refill(isolation: actor)
        }

        /// The next cue when the current batch is used up (or the task was cancelled).
        private mutating func refill(isolation actor: isolated (any Actor)?) async throws(Diagnostic) -> Cue? {
            if let used = batch.take() { stream.queue.recycle(used) }
            if done { return nil }
            if Task.isCancelled {
                stop()
                return nil
            }
            while true {
                switch await stream.queue.next() {
                case .cues(let cues):
                    if let cue = cues.takeNext() {
                        batch = cues
                        return cue
                    }
                case .end(let result):
                    done = true
                    return try result.map { _ in nil }.get()
                case .cancelled:
                    done = true
                    return nil
                }
            }
        }

        private mutating func stop() {
            done = true
            stream.queue.cancel()
        }
    }

}

extension Converter {
    /// The cues of `bytes` (named `name` in diagnostics), read as `format`
    /// or as sniffing and the name suggest, as an `AsyncSequence`.
    ///
    /// Returns once the reader has begun: the stream's `format` and
    /// `header` are known, and the cues come as they are asked for. Reading
    /// runs on a thread of its own, never blocking a task's thread. SRT and
    /// WebVTT are read cue by cue; another format is read whole on that
    /// thread and its cues handed over one by one (see
    /// `readCues(_:name:format:into:diagnostics:)`). Throws, located, when
    /// the input cannot be read before its first cue (not UTF-8 in a known
    /// encoding, no WebVTT signature, a format that cannot be told), or when
    /// the task is cancelled meanwhile.
    public func cues(of bytes: [UInt8], name: String?, format: FormatID? = nil) async throws(Diagnostic) -> CueStream {
        guard !Task.isCancelled else { throw Self.cancelledBeforeTheFirstCue }
        let queue = CueQueue()
        let converter = self
        let started = WorkerThread.detached {
            var diagnostics = Diagnostics(strict: converter.readOptions.strict)
            let result: Result<Timeline, Diagnostic>
            do throws(Diagnostic) {
                let decoded = try converter.decode(InputBytes(bytes), name: name, format: format, diagnostics: &diagnostics)
                queue.format = decoded.format
                result = .success(try converter.readCues(decoded, into: queue, diagnostics: &diagnostics))
            } catch {
                result = .failure(error)
            }
            queue.close(result, diagnostics: diagnostics)
        }
        guard started else {
            throw .error("stream.no-thread", "expected to start a thread to read the cues on, found none to be had")
        }
        guard let (header, chosen) = await queue.started() else {
            if let (error, _) = queue.failureBeforeStart() { throw error }
            queue.cancel()
            throw Self.cancelledBeforeTheFirstCue
        }
        return CueStream(format: chosen, header: header, queue: queue)
    }

    private static let cancelledBeforeTheFirstCue = Diagnostic.error(
        "stream.cancelled", "the task reading the cues was cancelled before the first cue")
}
