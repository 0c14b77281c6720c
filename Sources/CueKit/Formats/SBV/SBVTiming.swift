/// An SBV timing line, `H:MM:SS.mmm,H:MM:SS.mmm` (start, then end), read
/// byte by byte.
///
/// YouTube writes the hours in one digit or more and three fraction digits.
/// Also read, as a repair: minutes or seconds in one digit, one or two
/// fraction digits (read as a decimal fraction, as FFmpeg's SubViewer
/// reader does), spaces around the comma or at the ends of the line.
struct SBVTiming {
    var start: Timestamp
    var end: Timestamp
    /// Whether the line is written exactly as YouTube writes it.
    var isCanonical: Bool
    /// Offset of the end time's first byte.
    var endOffset: Int

    /// The timing in `bytes[start..<end]`, or nil when the line is not one.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from lineStart: Int, to lineEnd: Int) -> SBVTiming? {
        var index = lineStart
        var canonical = true
        while index < lineEnd && isBlank(bytes[index]) { index += 1; canonical = false }
        guard let start = time(bytes, at: &index, end: lineEnd, canonical: &canonical) else { return nil }
        while index < lineEnd && isBlank(bytes[index]) { index += 1; canonical = false }
        guard index < lineEnd, bytes[index] == UInt8(ascii: ",") else { return nil }
        index += 1
        while index < lineEnd && isBlank(bytes[index]) { index += 1; canonical = false }
        let endOffset = index
        guard let end = time(bytes, at: &index, end: lineEnd, canonical: &canonical) else { return nil }
        while index < lineEnd && isBlank(bytes[index]) { index += 1; canonical = false }
        guard index == lineEnd else { return nil }
        return SBVTiming(start: start, end: end, isCanonical: canonical, endOffset: endOffset)
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// `H:MM:SS.mmm` at `index`: hours of 1 to 9 digits, minutes and seconds
    /// of 1 or 2 digits below 60, a fraction of 1 to 3 digits.
    private static func time(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, end: Int, canonical: inout Bool
    ) -> Timestamp? {
        var position = index
        func number(maxDigits: Int) -> (value: Int64, digits: Int)? {
            var value: Int64 = 0
            var digits = 0
            while position < end, digits < maxDigits, case let digit = bytes[position] &- 0x30, digit < 10 {
                value = value &* 10 &+ Int64(digit)
                digits += 1
                position += 1
            }
            return digits == 0 ? nil : (value, digits)
        }
        func expect(_ byte: UInt8) -> Bool {
            guard position < end, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        guard let hours = number(maxDigits: 9), expect(UInt8(ascii: ":")),
              let minutes = number(maxDigits: 2), expect(UInt8(ascii: ":")),
              let seconds = number(maxDigits: 2), expect(UInt8(ascii: ".")),
              let fraction = number(maxDigits: 3),
              minutes.value < 60, seconds.value < 60
        else { return nil }
        // A fourth fraction digit, or digits running on: not a timing.
        if position < end, bytes[position] &- 0x30 < 10 { return nil }
        if minutes.digits != 2 || seconds.digits != 2 || fraction.digits != 3 { canonical = false }
        let scale: Int64 = fraction.digits == 1 ? 100 : fraction.digits == 2 ? 10 : 1
        index = position
        let total = ((hours.value * 60 + minutes.value) * 60 + seconds.value) * 1000 + fraction.value * scale
        return Timestamp(milliseconds: total)
    }
}
