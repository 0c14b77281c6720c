/// The timing line nearly every WebVTT file is made of,
/// `HH:MM:SS.mmm --> HH:MM:SS.mmm` (two-digit hours, one space each side of
/// the arrow), read a word at a time: its 29 bytes are checked against the
/// pattern with four 8-byte loads instead of field by field.
///
/// Only a line that `WebVTTTimestamp.collect` reads to the same two times,
/// ending at the same byte, is taken: anything else (other spacing, hours
/// of another length, a digit after the end time) is left to it.
enum WebVTTCommonTiming {
    /// The bytes of the line: `00:00:00.000 --> 00:00:00.000`.
    static let length = 29

    /// The two times when `bytes[start..<end]` starts with the common form
    /// and no digit follows it; the settings, if any, start at `start + length`.
    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (start: Timestamp, end: Timestamp)? {
        guard end - start >= length, let base = bytes.baseAddress else { return nil }
        if start + length < bytes.count && bytes[start + length] &- 0x30 < 10 { return nil }
        let line = UnsafeRawPointer(base + start)
        // Bytes 0-7, 8-15, 16-23 and 21-28, each with its digits made values.
        let words = (
            word(line, 0) ^ zeros, word(line, 8) ^ zeros, word(line, 16) ^ zeros, word(line, 21) ^ zeros
        )
        // Where the pattern has a separator: that byte, less '0'; where it
        // has a digit: a value below 10.
        guard words.0 & 0x0000_FF00_00FF_0000 == 0x0000_0A00_000A_0000,
              words.1 & 0xFFFF_FFFF_0000_00FF == 0x0E1D_1D10_0000_001E,
              words.2 & 0x00FF_0000_FF00_00FF == 0x000A_0000_0A00_0010,
              words.3 & 0x0000_00FF_0000_FF00 == 0x0000_001E_0000_0A00,
              notDigits(words.0, 0xFFFF_00FF_FF00_FFFF) | notDigits(words.1, 0x0000_0000_FFFF_FF00)
                | notDigits(words.2, 0xFF00_FFFF_00FF_FF00) | notDigits(words.3, 0xFFFF_FF00_FFFF_00FF) == 0
        else { return nil }
        @inline(__always) func digit(_ word: UInt64, _ index: UInt64) -> Int64 { Int64((word &>> (8 &* index)) & 0xFF) }
        let (m1, s1, endM1, endS1) = (digit(words.0, 3), digit(words.0, 6), digit(words.2, 4), digit(words.3, 2))
        guard m1 < 6, s1 < 6, endM1 < 6, endS1 < 6 else { return nil }
        let startSeconds = ((digit(words.0, 0) &* 10 &+ digit(words.0, 1)) &* 60 &+ m1 &* 10 &+ digit(words.0, 4)) &* 60
            &+ s1 &* 10 &+ digit(words.0, 7)
        let startFraction = digit(words.1, 1) &* 100 &+ digit(words.1, 2) &* 10 &+ digit(words.1, 3)
        let endSeconds = ((digit(words.2, 1) &* 10 &+ digit(words.2, 2)) &* 60 &+ endM1 &* 10 &+ digit(words.3, 0)) &* 60
            &+ endS1 &* 10 &+ digit(words.3, 3)
        let endFraction = digit(words.3, 5) &* 100 &+ digit(words.3, 6) &* 10 &+ digit(words.3, 7)
        return (Timestamp(milliseconds: startSeconds &* 1000 &+ startFraction),
                Timestamp(milliseconds: endSeconds &* 1000 &+ endFraction))
    }

    /// '0' in every byte.
    private static let zeros: UInt64 = 0x3030_3030_3030_3030

    /// The eight bytes at `offset`, byte 0 lowest whatever the machine's order.
    @inline(__always)
    private static func word(_ line: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: line.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Nonzero when a byte of `values` under `mask` is 10 or more: 0x76
    /// added to it reaches the high bit, or the high bit is set already. (A
    /// carry out of such a byte only adds to the next one: it can flag a
    /// digit, never hide a byte that is not one.)
    @inline(__always)
    private static func notDigits(_ values: UInt64, _ mask: UInt64) -> UInt64 {
        ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080 & mask
    }
}
