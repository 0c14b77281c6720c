/// Writes timestamps as clock text, into strings or byte buffers.
package enum ClockFormat {
    package enum Style: Sendable {
        /// `HH:MM:SS.mmm` (WebVTT).
        case vtt
        /// `HH:MM:SS,mmm` (SRT).
        case srt
        /// `H:MM:SS.mmm`, hours unpadded (descriptions, debugging).
        case clock
        /// `M:SS` below an hour, else `H:MM:SS`; whole seconds, rounded down
        /// (episode `time`, YouTube chapters).
        case minutesSeconds
    }

    /// `time` in `style`.
    package static func string(_ time: Timestamp, style: Style) -> String {
        var bytes: [UInt8] = []
        append(time, style: style, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `time` in `style` to `bytes`.
    package static func append(_ time: Timestamp, style: Style, to bytes: inout [UInt8]) {
        var ms = time.milliseconds
        if ms < 0 {
            bytes.append(UInt8(ascii: "-"))
            ms = ms == .min ? .max : -ms
        }
        let fraction = ms % 1000
        var seconds = ms / 1000
        let hours = seconds / 3600
        seconds %= 3600
        let minutes = seconds / 60
        seconds %= 60
        switch style {
        case .vtt, .srt:
            let separator = style == .srt ? UInt8(ascii: ",") : UInt8(ascii: ".")
            var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &buffer) { raw in
                let end = write(ms, separator: separator, to: raw, at: 0)
                bytes.append(contentsOf: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: end))
            }
        case .clock:
            appendPadded(hours, width: 1, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendPadded(minutes, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendPadded(seconds, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: "."))
            appendPadded(fraction, width: 3, to: &bytes)
        case .minutesSeconds:
            if hours > 0 {
                appendPadded(hours, width: 1, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                appendPadded(minutes, width: 2, to: &bytes)
            } else {
                appendPadded(minutes, width: 1, to: &bytes)
            }
            bytes.append(UInt8(ascii: ":"))
            appendPadded(seconds, width: 2, to: &bytes)
        }
    }

    /// Writes `HH:MM:SS`, `separator` and `mmm` for `0 <= milliseconds` (hours
    /// in two digits or more) into `raw` at `offset`, which must leave 23
    /// bytes of room; returns the offset after it.
    @inline(__always)
    static func write(_ milliseconds: Int64, separator: UInt8, to raw: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        let hours = milliseconds / 3_600_000
        let rest = UInt32(truncatingIfNeeded: milliseconds - hours * 3_600_000)
        var position = offset
        if hours < 100 {
            let tens = UInt8(truncatingIfNeeded: hours / 10)
            raw.storeBytes(of: 0x30 + tens, toByteOffset: position, as: UInt8.self)
            raw.storeBytes(of: 0x30 + UInt8(truncatingIfNeeded: hours) - tens * 10, toByteOffset: position + 1, as: UInt8.self)
            position += 2
        } else if hours < 1000 {
            // Past four days: a long recording, or the benchmark's million cues.
            let hundreds = hours / 100
            let belowHundred = UInt8(truncatingIfNeeded: hours - hundreds * 100)
            let tens = belowHundred / 10
            raw.storeBytes(of: 0x30 + UInt8(truncatingIfNeeded: hundreds), toByteOffset: position, as: UInt8.self)
            raw.storeBytes(of: 0x30 + tens, toByteOffset: position + 1, as: UInt8.self)
            raw.storeBytes(of: 0x30 + belowHundred - tens * 10, toByteOffset: position + 2, as: UInt8.self)
            position += 3
        } else {
            var digits = 0
            var value = hours
            while value > 0 { digits += 1; value /= 10 }
            value = hours
            for index in stride(from: position + digits - 1, through: position, by: -1) {
                raw.storeBytes(of: 0x30 + UInt8(truncatingIfNeeded: value % 10), toByteOffset: index, as: UInt8.self)
                value /= 10
            }
            position += digits
        }
        @inline(__always) func pair(_ value: UInt32) -> UInt64 {  // two ASCII digits, tens first
            let tens = value / 10
            return UInt64(0x30 + tens) | UInt64(0x30 + value - tens * 10) << 8
        }
        // ":MM:SS" and the separator, then "mmm".
        let minutes = rest / 60_000, seconds = rest / 1000 % 60, fraction = rest % 1000
        let clock = 0x3A | pair(minutes) << 8 | 0x3A << 24 | pair(seconds) << 32 | UInt64(separator) << 48
            | UInt64(0x30 + fraction / 100) << 56
        raw.storeBytes(of: clock.littleEndian, toByteOffset: position, as: UInt64.self)
        raw.storeBytes(of: UInt16(truncatingIfNeeded: pair(fraction % 100)).littleEndian, toByteOffset: position + 8, as: UInt16.self)
        return position + 10
    }

    /// Appends `start --> end` in `style` (`.vtt` or `.srt`) in one write.
    static func appendRange(_ start: Timestamp, _ end: Timestamp, style: Style, to bytes: inout [UInt8]) {
        var line: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
        let written = withUnsafeMutableBytes(of: &line) { raw -> Int? in
            guard let count = writeRange(start, end, style: style, to: raw) else { return nil }
            bytes.append(contentsOf: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
            return count
        }
        if written == nil {
            append(start, style: style, to: &bytes)
            bytes.append(contentsOf: " --> ".utf8)
            append(end, style: style, to: &bytes)
        }
    }

    /// The room `writeRange` needs.
    static let rangeRoom = 56

    /// Writes `start --> end` in `style` (`.vtt` or `.srt`) into `raw`,
    /// which must hold `rangeRoom` bytes; returns how many it wrote, or nil
    /// (writing nothing) for a negative time, which `append` writes.
    @inline(__always)
    static func writeRange(_ start: Timestamp, _ end: Timestamp, style: Style, to raw: UnsafeMutableRawBufferPointer) -> Int? {
        guard start.milliseconds >= 0, end.milliseconds >= 0 else { return nil }
        let separator = style == .srt ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let position = write(start.milliseconds, separator: separator, to: raw, at: 0)
        // " --> " is 20 2D 2D 3E 20.
        raw.storeBytes(of: UInt32(0x3E2D_2D20).littleEndian, toByteOffset: position, as: UInt32.self)
        raw.storeBytes(of: 0x20, toByteOffset: position + 4, as: UInt8.self)
        return write(end.milliseconds, separator: separator, to: raw, at: position + 5)
    }

    /// Appends a non-negative integer in decimal, zero-padded to `width`.
    @inline(__always)
    static func appendPadded(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        appendDigits(value.magnitude, width: width, to: &bytes)
    }

    /// Appends `magnitude` in decimal, zero-padded to `width` (at most 24),
    /// in one write.
    static func appendDigits(_ magnitude: UInt64, width: Int, to bytes: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            let count = writeDigits(magnitude, width: width, to: raw)
            bytes.append(contentsOf: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    /// Writes `magnitude` in decimal, zero-padded to `width` (at most 24),
    /// at the start of `raw`, which must hold 24 bytes; returns how many it wrote.
    @inline(__always)
    static func writeDigits(_ magnitude: UInt64, width: Int, to raw: UnsafeMutableRawBufferPointer) -> Int {
        // Built from the end of a 24-byte scratch, then moved to the front.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &scratch) { digits in
            var start = digits.count
            var rest = magnitude
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            while digits.count - start < width {
                start -= 1
                digits[start] = 0x30
            }
            let count = digits.count - start
            raw.baseAddress!.copyMemory(from: digits.baseAddress! + start, byteCount: count)
            return count
        }
    }
}
