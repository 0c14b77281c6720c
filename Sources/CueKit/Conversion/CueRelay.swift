#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands the cues a reader streams on one thread to the writers on another,
/// in batches, so that reading and writing a large caption file run side by
/// side. Events arrive in the order the reader made them. The reader waits
/// while `pendingLimit` batches are pending, the writer while none is.
///
/// Cues travel in `CueBatch`es, moved in and out without a copy; a written
/// batch goes back to the reader (`recycle`) to be filled again.
final class CueRelay: CueReceiver, @unchecked Sendable {
    /// What the reader did, in order.
    enum Event {
        /// The header, and the bytes the cues' plain text points into.
        case begin(Timeline, input: InputBytes)
        case cues(CueBatch)
        /// The reader returned (its trailer) or threw, with its diagnostics.
        case end(Result<Timeline, Diagnostic>, Diagnostics)
    }

    static let batchSize = 4096
    /// Batches read ahead of the writer, as a rule.
    static let pendingLimit = 4

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Shared, under `lock` (which orders the accesses: no run-time
    // exclusivity check is needed).
    @exclusivity(unchecked) private var pending: [Event] = []
    @exclusivity(unchecked) private var returned: [CueBatch] = []
    @exclusivity(unchecked) private var cancelled = false
    // The reader's own.
    @exclusivity(unchecked) private var batch = CueBatch(capacity: CueRelay.batchSize)

    init() {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        lock.deallocate()
        changed.deallocate()
    }

    // MARK: Reader side

    func begin(_ header: Timeline, input: InputBytes) throws(Diagnostic) {
        try send(.begin(header, input: input))
    }

    func consume(_ cue: consuming Cue) throws(Diagnostic) {
        batch.append(cue)
        if batch.isFull { try sendBatch() }
    }

    /// Sends the cues not yet sent, then the end of the reading.
    func close(_ result: Result<Timeline, Diagnostic>, diagnostics: Diagnostics) {
        if !batch.isEmpty { try? sendBatch() }
        try? send(.end(result, diagnostics), evenIfCancelled: true)
    }

    private func sendBatch() throws(Diagnostic) {
        let full = batch
        pthread_mutex_lock(lock)
        batch = returned.popLast() ?? CueBatch(capacity: Self.batchSize)
        pthread_mutex_unlock(lock)
        try send(.cues(full))
    }

    /// Queues `event`, waiting for room; throws when the writer gave up.
    private func send(_ event: Event, evenIfCancelled: Bool = false) throws(Diagnostic) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while pending.count >= Self.pendingLimit && !cancelled { pthread_cond_wait(changed, lock) }
        if cancelled && !evenIfCancelled { throw .error("relay.cancelled", "the conversion stopped writing") }
        pending.append(event)
        pthread_cond_broadcast(changed)
    }

    // MARK: Writer side

    /// The next event, waiting for it.
    func next() -> Event {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while pending.isEmpty { pthread_cond_wait(changed, lock) }
        let event = pending.removeFirst()
        pthread_cond_broadcast(changed)
        return event
    }

    /// Empties a written batch and gives it back to the reader to fill again.
    func recycle(_ cues: CueBatch) {
        cues.removeAll()
        pthread_mutex_lock(lock)
        if returned.count < Self.pendingLimit { returned.append(cues) }
        pthread_mutex_unlock(lock)
    }

    /// Tells the reader to stop: its next batch throws. Events still come
    /// up to `.end`.
    func cancel() {
        pthread_mutex_lock(lock)
        cancelled = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
    }
}
