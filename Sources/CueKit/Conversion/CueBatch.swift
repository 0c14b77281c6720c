/// Cues on their way from a reading thread to a writing thread (see
/// `CueRelay`): moved in by the reader, moved out by the writer, so that no
/// cue is copied on the way (a cue read out of an array is copied, and a
/// copy retains every string and array it holds). Emptied, it is filled
/// again without a new allocation.
///
/// One thread at a time: the relay's lock orders the reader's and the
/// writer's turns.
final class CueBatch: @unchecked Sendable {
    let capacity: Int
    private let storage: UnsafeMutablePointer<Cue>
    /// Cues `taken..<count` of `storage` are initialised.
    private var count = 0
    private var taken = 0

    init(capacity: Int) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit {
        removeAll()
        storage.deallocate()
    }

    var isEmpty: Bool { taken == count }
    var isFull: Bool { count == capacity }

    /// Moves `cue` in; the batch must not be full.
    func append(_ cue: consuming Cue) {
        precondition(count < capacity, "a full batch takes no more cues")
        (storage + count).initialize(to: cue)
        count += 1
    }

    /// Moves the next cue out, in the order they went in; nil when none is left.
    func takeNext() -> Cue? {
        guard taken < count else { return nil }
        taken += 1
        return (storage + taken - 1).move()
    }

    /// Destroys the cues not taken and makes room for `capacity` more.
    func removeAll() {
        (storage + taken).deinitialize(count: count - taken)
        count = 0
        taken = 0
    }
}
