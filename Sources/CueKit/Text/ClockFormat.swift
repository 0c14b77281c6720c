/// Writes timestamps as clock text, into strings or byte buffers.
public enum ClockFormat {
    public enum Style: Sendable {
        /// `HH:MM:SS.mmm` (WebVTT).
        case webVTT
        /// `HH:MM:SS,mmm` (SRT).
        case srt
        /// `H:MM:SS.mmm`, hours unpadded (descriptions, debugging).
        case clock
        /// `M:SS` below an hour, else `H:MM:SS`; whole seconds, rounded down
        /// (episode `time`, YouTube chapters).
        case minutesSeconds
    }

    /// `time` in `style`.
    public static func string(_ time: Timestamp, style: Style) -> String {
        var bytes: [UInt8] = []
        append(time, style: style, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `time` in `style` to `bytes`.
    public static func append(_ time: Timestamp, style: Style, to bytes: inout [UInt8]) {
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
        case .webVTT, .srt:
            if hours < 100 {
                let separator = style == .srt ? UInt8(ascii: ",") : UInt8(ascii: ".")
                withUnsafeBytes(of: fixedWidth(ms, separator: separator)) { raw in
                    bytes.append(contentsOf: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 12))
                }
                return
            }
            appendPadded(hours, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendPadded(minutes, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendPadded(seconds, width: 2, to: &bytes)
            bytes.append(style == .srt ? UInt8(ascii: ",") : UInt8(ascii: "."))
            appendPadded(fraction, width: 3, to: &bytes)
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

    /// `HH:MM:SS` and `separator` and `mmm` as the 12 bytes of a (UInt64,
    /// UInt32) in memory order, for `0 <= milliseconds < 100 hours`.
    @inline(__always)
    static func fixedWidth(_ milliseconds: Int64, separator: UInt8) -> (UInt64, UInt32) {
        let total = UInt32(truncatingIfNeeded: milliseconds)
        let fraction = total % 1000, seconds = total / 1000
        let hours = seconds / 3600, minutes = seconds / 60 % 60, second = seconds % 60
        @inline(__always) func digits(_ value: UInt32) -> UInt64 {  // two ASCII digits, tens first
            let tens = value / 10
            return UInt64(0x30 + tens) | UInt64(0x30 + value - tens * 10) << 8
        }
        let clock = digits(hours) | 0x3A << 16 | digits(minutes) << 24 | 0x3A << 40 | digits(second) << 48
        let hundreds = fraction / 100, rest = fraction % 100
        let millis = UInt32(separator) | (0x30 + hundreds) << 8 | UInt32(truncatingIfNeeded: digits(rest)) << 16
        return (clock.littleEndian, millis.littleEndian)
    }

    /// Appends `start --> end` in `style` (`.webVTT` or `.srt`), in one write
    /// when both are under 100 hours.
    static func appendRange(_ start: Timestamp, _ end: Timestamp, style: Style, to bytes: inout [UInt8]) {
        let limit: Int64 = 360_000_000
        guard (0..<limit).contains(start.milliseconds), (0..<limit).contains(end.milliseconds) else {
            append(start, style: style, to: &bytes)
            bytes.append(contentsOf: " --> ".utf8)
            append(end, style: style, to: &bytes)
            return
        }
        let separator = style == .srt ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var line: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &line) { raw in
            let first = fixedWidth(start.milliseconds, separator: separator)
            let second = fixedWidth(end.milliseconds, separator: separator)
            raw.storeBytes(of: first.0, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: first.1, toByteOffset: 8, as: UInt32.self)
            // " --> " is 20 2D 2D 3E 20.
            raw.storeBytes(of: UInt32(0x3E2D_2D20).littleEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: 0x20, toByteOffset: 16, as: UInt8.self)
            raw.storeBytes(of: second.0, toByteOffset: 17, as: UInt64.self)
            raw.storeBytes(of: second.1, toByteOffset: 25, as: UInt32.self)
            bytes.append(contentsOf: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 29))
        }
    }

    /// Appends a non-negative integer in decimal, zero-padded to `width`.
    @inline(__always)
    static func appendPadded(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
                count += 1
            } while rest > 0
            while count < width {
                buffer[count] = 0x30
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }
}
