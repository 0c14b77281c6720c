#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A function run on a thread of its own, started at once; `join` waits for
/// it to return. A dedicated thread rather than a Dispatch queue: the work
/// blocks on its consumer, and the queue's threads may all be busy with the
/// other files of a batch.
struct WorkerThread {
    #if canImport(Darwin)
    private var thread: pthread_t?
    #else
    private var thread = pthread_t()
    #endif

    /// Starts `body` on a new thread; nil (and `body` not run) when no thread
    /// can be made.
    init?(_ body: @escaping @Sendable () -> Void) {
        final class Box {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body))
        let started = pthread_create(&thread, nil, { context in
            #if canImport(Darwin)
            let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
            #else
            let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
            #endif
            box.body()
            return nil
        }, box.toOpaque())
        if started != 0 {
            box.release()
            return nil
        }
    }

    /// Lets the thread's resources go when it returns, without a `join`.
    private func detach() {
        #if canImport(Darwin)
        if let thread { pthread_detach(thread) }
        #else
        pthread_detach(thread)
        #endif
    }

    /// Waits until the function has returned.
    func join() {
        #if canImport(Darwin)
        if let thread { pthread_join(thread, nil) }
        #else
        pthread_join(thread, nil)
        #endif
    }
}

extension WorkerThread {
    /// Starts `body` on a thread of its own that nobody joins: its
    /// resources go when it returns. False (and `body` not run) when no
    /// thread can be made.
    static func detached(_ body: @escaping @Sendable () -> Void) -> Bool {
        guard let thread = WorkerThread(body) else { return false }
        thread.detach()
        return true
    }

    /// Runs `first` here and `second` on a thread of its own, side by side,
    /// and returns both results.
    static func sideBySide<First, Second>(
        _ first: () -> First, _ second: @escaping @Sendable () -> Second
    ) -> (First, Second) {
        let outcome = Outcome<Second>()
        guard let thread = WorkerThread({ outcome.value = second() }) else { return (first(), second()) }
        let here = first()
        thread.join()  // orders the write of `outcome.value` before the read
        return (here, outcome.value!)
    }
}

/// What a worker thread returns, read once it has been joined.
private final class Outcome<Value>: @unchecked Sendable {
    var value: Value?
}
