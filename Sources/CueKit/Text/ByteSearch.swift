#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Fast searches for one byte in a UTF-8 buffer (the C library's vectorised
/// `memchr` underneath), for readers that scan lines and markers.
enum ByteSearch {
    /// The index of the first `byte` in `buffer[from..<to]`, or `to` when
    /// there is none.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = buffer.baseAddress else { return to }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `buffer[from..<to]` contains `byte`.
    @inline(__always)
    static func contains(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        firstIndex(of: byte, in: buffer, from: from, to: to) < to
    }
}
