/// An LRC time tag: `[mm:ss.xx]` on a line, `<mm:ss.xx>` (or a `[…]` inside
/// the text, foobar2000's dialect) for a word.
///
/// Read: minutes of one to nine digits (past 59: `[88:11.22]`), seconds of
/// one or two digits below 60, an optional fraction of one to three digits
/// after `.` or `:` (`[mm:ss:xx]`), read as a decimal fraction, and blanks
/// inside the brackets.
enum LRCTimeTag {
    /// The time in a tag opening at `index` (at its `[` or `<`) and closing
    /// with `close`, and the offset past the tag; nil when there is none.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int, close: UInt8
    ) -> (time: Timestamp, next: Int)? {
        var position = index + 1
        func skipBlanks() {
            while position < end && (bytes[position] == 0x20 || bytes[position] == 0x09) { position += 1 }
        }
        func number(maxDigits: Int) -> (value: Int64, digits: Int)? {
            var value: Int64 = 0
            var digits = 0
            while position < end, case let digit = bytes[position] &- 0x30, digit < 10 {
                guard digits < maxDigits else { return nil }
                value = value &* 10 &+ Int64(digit)
                digits += 1
                position += 1
            }
            return digits == 0 ? nil : (value, digits)
        }
        skipBlanks()
        guard let minutes = number(maxDigits: 9), position < end, bytes[position] == UInt8(ascii: ":") else { return nil }
        position += 1
        guard let seconds = number(maxDigits: 2), seconds.value < 60 else { return nil }
        var fraction: Int64 = 0
        if position < end, bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: ":") {
            position += 1
            guard let digits = number(maxDigits: 3) else { return nil }
            fraction = digits.value * (digits.digits == 1 ? 100 : digits.digits == 2 ? 10 : 1)
        }
        skipBlanks()
        guard position < end, bytes[position] == close else { return nil }
        let milliseconds = (minutes.value * 60 + seconds.value) * 1000 + fraction
        return (Timestamp(milliseconds: milliseconds), position + 1)
    }

    /// `[mm:ss.xx]` (or `<mm:ss.xx>`) for `time` rounded to the nearest
    /// hundredth, halves up; minutes past 59 stay minutes (`[61:02.50]`).
    static func append(_ time: Timestamp, open: UInt8, close: UInt8, to out: inout TextOutput) {
        out.append(byte: open)
        appendClock(time, to: &out)
        out.append(byte: close)
    }

    /// `mm:ss.xx` for `time` rounded to the nearest hundredth, halves up.
    static func appendClock(_ time: Timestamp, to out: inout TextOutput) {
        let hundredths = (max(0, time.milliseconds) + 5) / 10
        let minutes = hundredths / 6000
        let seconds = hundredths / 100 % 60
        let fraction = hundredths % 100
        var bytes: [UInt8] = []
        ClockFormat.appendPadded(minutes, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        ClockFormat.appendPadded(seconds, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        ClockFormat.appendPadded(fraction, width: 2, to: &bytes)
        out.append(bytes: bytes)
    }

    /// Whether writing `time` in hundredths changes it.
    static func losesPrecision(_ time: Timestamp) -> Bool {
        time.milliseconds % 10 != 0 || time.milliseconds < 0
    }
}
