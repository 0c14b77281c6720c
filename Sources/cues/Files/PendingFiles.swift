#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// The temporary files of outputs still being written. When the process is
/// interrupted (SIGINT, SIGTERM, SIGHUP) they are removed before it ends as
/// the signal says, so an interrupted batch leaves no partial file behind.
/// SIGXFSZ is ignored: passing a file size limit (`ulimit -f`) then fails the
/// write with an error that is reported, and the output is cleaned up, instead
/// of killing the process.
enum PendingFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String] = []  // a few: one per output being written
    nonisolated(unsafe) private static var handlers: [any DispatchSourceSignal] = []

    /// Installs the signal handling; call once before writing files. The
    /// interruptions are taken over when the first temporary file is made
    /// (before it, an interruption has nothing to remove): their dispatch
    /// sources start a thread, which a conversion to standard output or a
    /// device never needs.
    static func install() {
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Takes SIGINT, SIGTERM and SIGHUP over; called with `lock` held.
    private static func handleInterruptions() {
        guard handlers.isEmpty else { return }
        for number in [SIGINT, SIGTERM, SIGHUP] {
            // The signal is taken from the process and delivered to a queue,
            // where taking the lock and removing files is safe.
            signal(number, SIG_IGN)
            let handler = DispatchSource.makeSignalSource(signal: number, queue: .global())
            handler.setEventHandler { removeAllAndEnd(by: number) }
            handler.resume()
            handlers.append(handler)
        }
    }

    /// Runs `create`, which makes a temporary file and returns its path, and
    /// tracks that path; atomic with respect to an interruption.
    static func tracking<T>(_ create: () -> (value: T, path: String?)) -> T {
        lock.lock()
        defer { lock.unlock() }
        handleInterruptions()
        let created = create()
        if let path = created.path { paths.append(path) }
        return created.value
    }

    /// Stops tracking `path` (renamed into place or removed).
    static func forget(_ path: String) {
        lock.lock()
        if let index = paths.firstIndex(of: path) { paths.remove(at: index) }
        lock.unlock()
    }

    private static func removeAllAndEnd(by number: Int32) -> Never {
        lock.lock()  // held until the end: no new temporary file starts
        for path in paths { unlink(path) }
        // End as the signal would have, so the shell sees an interruption;
        // the signal may be blocked on this queue's thread: unblock it first.
        signal(number, SIG_DFL)
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, number)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        raise(number)
        exit(128 + number)
    }
}
