#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Standard output, written with `write` (not buffered), remembering the
/// first failure: a report, listing or help text that could not be written
/// (`>/dev/full`, a closed pipe) makes the tool's exit status 1 even where
/// the caller goes on (see `CuesTool.main`).
enum StandardOutput {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var firstFailure: FileIO.Failure?

    /// Writes `bytes`; a failure is thrown and remembered.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileIO.Failure) {
        do throws(FileIO.Failure) {
            try FileIO.writeAll(bytes, to: STDOUT_FILENO, name: "standard output")
        } catch {
            lock.lock()
            if firstFailure == nil { firstFailure = error }
            lock.unlock()
            throw error
        }
    }

    static func write(_ bytes: [UInt8]) throws(FileIO.Failure) {
        try bytes.withUnsafeBufferPointer { (bytes) throws(FileIO.Failure) in try write(bytes) }
    }

    /// Writes `text`; a failure is remembered for the exit status.
    static func print(_ text: String, newline: Bool = true) {
        try? write(Array((newline ? text + "\n" : text).utf8))
    }

    /// The first write that failed, if any.
    static var failure: FileIO.Failure? {
        lock.lock()
        defer { lock.unlock() }
        return firstFailure
    }
}
