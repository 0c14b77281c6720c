#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// Fast searches for a byte in a UTF-8 buffer (the C library's vectorised
/// `memchr` underneath, or a word at a time for one of a few bytes), for the
/// readers and writers that scan lines, markers and characters to escape.
enum ByteSearch {
    /// The index of the first `byte` in `buffer[from..<to]`, or `to` when
    /// there is none.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let base = buffer.baseAddress else { return to }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// What a line may hold, as `lineEnd(in:from:to:)` found it.
    struct LineMarks: OptionSet {
        let rawValue: UInt32
        /// A `>`: the line may hold an arrow.
        static let greaterThan = LineMarks(rawValue: CUES_MARK_GREATER_THAN)
        /// A `<`, a `&` or a NUL: the line may hold markup.
        static let markup = LineMarks(rawValue: CUES_MARK_MARKUP)
    }

    /// The index of the first line feed in `buffer[from..<to]` (or `to`),
    /// and what the bytes before it may hold (exactly, with SSE2; else
    /// every mark): one pass where a line-by-line reader would otherwise
    /// search a line three times (`CByteScan`).
    @inline(__always)
    static func lineEnd(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (end: Int, marks: LineMarks) {
        guard from < to, let base = buffer.baseAddress else { return (to, []) }
        var marks: UInt32 = 0
        let end = cues_line_end(base, from, to, buffer.count, &marks)
        return (end, LineMarks(rawValue: marks))
    }

    /// Whether `buffer[from..<to]` holds the cue timing arrow `-->`: each `>`
    /// found (by `memchr`) is checked for the two `-` before it.
    static func containsArrow(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var index = firstIndex(of: 0x3E, in: buffer, from: from + 2, to: to)
        while index < to {
            if buffer[index - 1] == 0x2D && buffer[index - 2] == 0x2D { return true }
            index = firstIndex(of: 0x3E, in: buffer, from: index + 1, to: to)
        }
        return false
    }

    /// The index of the first of `a`, `b` or `c` in `buffer[from..<to]`, or
    /// `to` when there is none: sixteen bytes at a time with vector compares
    /// (SSE2 or NEON) to the block that holds one, then eight at a time.
    @inline(__always)
    static func firstIndex(
        ofAny a: UInt8, _ b: UInt8, _ c: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int
    ) -> Int {
        guard let base = buffer.baseAddress else { return to }
        var index = from
        let vectorA = SIMD16<UInt8>(repeating: a), vectorB = SIMD16<UInt8>(repeating: b), vectorC = SIMD16<UInt8>(repeating: c)
        while index + 16 <= to {
            let block = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            if any((block .== vectorA) .| (block .== vectorB) .| (block .== vectorC)) { break }
            index += 16
        }
        while index + 8 <= to {
            // Byte 0 of memory in the low bits, whatever the machine's order.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ repeated(a)) | zeroBytes(word ^ repeated(b)) | zeroBytes(word ^ repeated(c))
            // The lowest flagged byte is exact (a borrow only flags bytes above a match).
            if found != 0 { return index + (found.trailingZeroBitCount >> 3) }
            index += 8
        }
        while index < to {
            let byte = base[index]
            if byte == a || byte == b || byte == c { return index }
            index += 1
        }
        return to
    }

    /// The index of the first `a` or `b` in `buffer[from..<to]`, or `to`.
    @inline(__always)
    static func firstIndex(ofAny a: UInt8, _ b: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        firstIndex(ofAny: a, b, b, in: buffer, from: from, to: to)
    }

    /// `byte` in every byte of a word.
    @inline(__always)
    private static func repeated(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// The high bit set in each byte of `word` that is zero (and possibly in
    /// bytes above one that is).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// Whether `buffer[from..<to]` contains `byte`.
    @inline(__always)
    static func contains(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        firstIndex(of: byte, in: buffer, from: from, to: to) < to
    }
}
