#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The cues a reading thread hands to an async consumer (see `CueStream`),
/// in batches, with room for `pendingLimit` of them: the reader waits on a
/// condition variable while they are all full (it has a thread of its own
/// to block), the consumer suspends, without blocking a thread, while none
/// is waiting. Events come in the order the reader made them: the header,
/// batches of cues, the end.
final class CueQueue: CueConsumer, @unchecked Sendable {
    static let batchSize = 1024
    /// Batches read ahead of the consumer at most: with `batchSize`, the
    /// cues held in memory at once, whatever the input's length.
    static let pendingLimit = 4

    /// What the consumer receives next.
    enum Event: Sendable {
        case cues(CueBatch)
        /// The reader returned (the input's trailer) or threw.
        case end(Result<Timeline, Diagnostic>)
        /// The consumer's task was cancelled, or the stream dropped.
        case cancelled
    }

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let roomMade = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Shared, under `lock`.
    private var header: (Timeline, Format)?
    private var pending: [CueBatch] = []
    private var spare: [CueBatch] = []
    private var end: (Result<Timeline, Diagnostic>, Diagnostics)?
    private var cancelled = false
    private var iterating = false
    /// The consumer, suspended until something happens.
    private var waiter: CheckedContinuation<Void, Never>?
    private var mostPending = 0
    // The reader's own.
    private var filling = CueBatch(capacity: CueQueue.batchSize)
    /// The format being read, set by the reader before it begins.
    var format: Format?

    init() {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(roomMade, nil)
    }

    deinit {
        pthread_cond_destroy(roomMade)
        pthread_mutex_destroy(lock)
        lock.deallocate()
        roomMade.deallocate()
    }

    /// `body` under the lock.
    private func locked<Value>(_ body: () -> Value) -> Value {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }

    // MARK: Reader side (its own thread)

    func begin(_ header: Timeline) throws(Diagnostic) {
        let format = self.format!
        let waiter = locked { () -> CheckedContinuation<Void, Never>? in
            self.header = (header, format)
            return self.waiter.take()
        }
        waiter?.resume()
    }

    func consume(_ cue: Cue) throws(Diagnostic) {
        filling.append(cue)
        if filling.isFull { try send() }
    }

    /// Sends the cues not yet sent, then the end of the reading.
    func close(_ result: Result<Timeline, Diagnostic>, diagnostics: Diagnostics) {
        if !filling.isEmpty { try? send() }
        let waiter = locked { () -> CheckedContinuation<Void, Never>? in
            end = (result, diagnostics)
            return self.waiter.take()
        }
        waiter?.resume()
    }

    /// Queues the filled batch, waiting for room; throws once the consumer
    /// has gone.
    private func send() throws(Diagnostic) {
        pthread_mutex_lock(lock)
        while pending.count >= Self.pendingLimit && !cancelled { pthread_cond_wait(roomMade, lock) }
        guard !cancelled else {
            pthread_mutex_unlock(lock)
            throw .error("stream.cancelled", "the cues stopped being read")
        }
        pending.append(filling)
        mostPending = max(mostPending, pending.count)
        filling = spare.popLast() ?? CueBatch(capacity: Self.batchSize)
        let waiter = self.waiter.take()
        pthread_mutex_unlock(lock)
        waiter?.resume()
    }

    // MARK: Consumer side (async)

    /// The header and the format, once the reader has begun; nil when it
    /// ended before, or when the task was cancelled.
    func started() async -> (Timeline, Format)? {
        await withTaskCancellationHandler {
            while true {
                let ready = locked { () -> (found: (Timeline, Format)?, over: Bool) in
                    cancelled ? (nil, true) : (header, end != nil)
                }
                if let found = ready.found { return found }
                if ready.over { return nil }
                await waitForChange { header != nil || end != nil || cancelled }
            }
        } onCancel: {
            cancel()
        }
    }

    /// The end of a reading that stopped before it began: its error, or
    /// nil when it was cancelled.
    func failureBeforeStart() -> (Diagnostic, Diagnostics)? {
        locked {
            guard case (.failure(let error), let diagnostics)? = end else { return nil }
            return (error, diagnostics)
        }
    }

    /// The next batch, or the end, suspending until there is one.
    func next() async -> Event {
        await withTaskCancellationHandler {
            while true {
                let event = locked { () -> Event? in
                    if cancelled { return .cancelled }
                    if !pending.isEmpty {
                        let batch = pending.removeFirst()
                        pthread_cond_signal(roomMade)
                        return .cues(batch)
                    }
                    return end.map { .end($0.0) }
                }
                if let event { return event }
                await waitForChange { cancelled || !pending.isEmpty || end != nil }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Suspends until the reader or a cancellation makes `ready` true
    /// (checked under the lock, so that no wake-up is missed).
    private func waitForChange(until ready: () -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            pthread_mutex_lock(lock)
            if ready() {
                pthread_mutex_unlock(lock)
                continuation.resume()
            } else {
                waiter = continuation
                pthread_mutex_unlock(lock)
            }
        }
    }

    /// How the reading ended, with every diagnostic it reported; nil
    /// while the reader reads.
    var outcome: (Result<Timeline, Diagnostic>, Diagnostics)? { locked { end } }

    /// The most batches that were read ahead of the consumer at once.
    var mostPendingBatches: Int { locked { mostPending } }

    /// False when a consumer had already started iterating.
    func startIterating() -> Bool {
        locked {
            defer { iterating = true }
            return !iterating
        }
    }

    /// Gives a read batch back to the reader to fill again.
    func recycle(_ batch: CueBatch) {
        batch.removeAll()
        locked { if spare.count < Self.pendingLimit { spare.append(batch) } }
    }

    /// Stops the reading: the reader's next batch throws, and a suspended
    /// consumer resumes to find the queue cancelled.
    func cancel() {
        let waiter = locked { () -> CheckedContinuation<Void, Never>? in
            cancelled = true
            pthread_cond_broadcast(roomMade)
            return self.waiter.take()
        }
        waiter?.resume()
    }
}
