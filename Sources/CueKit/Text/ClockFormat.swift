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
                // The common case in one write: HH:MM:SS.mmm.
                let separator = style == .srt ? UInt8(ascii: ",") : UInt8(ascii: ".")
                let h = UInt8(truncatingIfNeeded: hours), m = UInt8(truncatingIfNeeded: minutes)
                let s = UInt8(truncatingIfNeeded: seconds), f = UInt16(truncatingIfNeeded: fraction)
                let text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
                    0x30 + h / 10, 0x30 + h % 10, 0x3A, 0x30 + m / 10, 0x30 + m % 10, 0x3A,
                    0x30 + s / 10, 0x30 + s % 10, separator,
                    0x30 + UInt8(f / 100), 0x30 + UInt8(f / 10 % 10), 0x30 + UInt8(f % 10))
                withUnsafeBytes(of: text) { raw in
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
