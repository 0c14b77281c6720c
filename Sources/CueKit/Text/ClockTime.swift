/// The parts of a clock time such as `1:02:03.456`, `02:03,4` or `77`, as
/// written: every format parses its times through this one scanner and then
/// applies its own rules (WebVTT wants exactly three fraction digits, SRT
/// takes a comma, an episode wants `M:SS`).
struct ClockTime: Sendable {
    /// How many colon-separated fields were written (1 to 3).
    private(set) var fieldCount: Int
    private var values: (Int64, Int64, Int64) = (0, 0, 0)
    private var digits: (Int, Int, Int) = (0, 0, 0)
    /// The fraction digits after the separator, as written (`"5"`, `"500"`).
    var fractionDigits: Int
    /// The fraction's value as an integer (`5` for `.5`, `500` for `.500`).
    var fractionValue: Int64
    /// `.` or `,` when a fraction was written.
    var fractionSeparator: UInt8?

    /// The field at `index` (0 is the most significant written field).
    func field(_ index: Int) -> Int64 {
        switch index {
        case 0: values.0
        case 1: values.1
        default: values.2
        }
    }

    /// How many digits the field at `index` had.
    func fieldDigits(_ index: Int) -> Int {
        switch index {
        case 0: digits.0
        case 1: digits.1
        default: digits.2
        }
    }

    private mutating func setField(_ index: Int, value: Int64, digitCount: Int) {
        switch index {
        case 0: values.0 = value; digits.0 = digitCount
        case 1: values.1 = value; digits.1 = digitCount
        default: values.2 = value; digits.2 = digitCount
        }
    }

    /// Hours, minutes and seconds (fields right-aligned).
    var hours: Int64 { fieldCount == 3 ? field(0) : 0 }
    var minutes: Int64 { fieldCount >= 2 ? field(fieldCount - 2) : 0 }
    var seconds: Int64 { field(fieldCount - 1) }

    /// Milliseconds reading the fraction as a decimal (`.5` is 500 ms, digits
    /// after the third are truncated). Nil on overflow.
    var milliseconds: Int64? {
        var total: Int64 = 0
        for index in 0..<fieldCount {
            let (scaled, o1) = total.multipliedReportingOverflow(by: 60)
            let (sum, o2) = scaled.addingReportingOverflow(field(index))
            if o1 || o2 { return nil }
            total = sum
        }
        let (ms, o3) = total.multipliedReportingOverflow(by: 1000)
        let (result, o4) = ms.addingReportingOverflow(decimalFractionMilliseconds)
        return o3 || o4 ? nil : result
    }

    /// The fraction as milliseconds, read as a decimal fraction.
    var decimalFractionMilliseconds: Int64 {
        switch fractionDigits {
        case 0: return 0
        case 1: return fractionValue * 100
        case 2: return fractionValue * 10
        default: return truncatedFraction
        }
    }

    private var truncatedFraction: Int64 {
        var value = fractionValue
        var digits = fractionDigits
        while digits > 3 {
            value /= 10
            digits -= 1
        }
        return value
    }

    /// Whether minutes and seconds are below 60 where a larger field holds them.
    var isNormalized: Bool {
        if fieldCount >= 2 && seconds > 59 { return false }
        if fieldCount == 3 && minutes > 59 { return false }
        return true
    }

    /// Scans a clock time at `bytes[index...]`, advancing `index` past it.
    /// Accepts `S`, `M:S`, `H:M:S`, each with an optional `.` or `,` fraction.
    /// Returns nil (leaving `index` unchanged) when no digit starts there.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> ClockTime? {
        var i = index
        var time = ClockTime(fieldCount: 0, fractionDigits: 0, fractionValue: 0, fractionSeparator: nil)
        while true {
            var value: Int64 = 0
            var digits = 0
            while i < bytes.count, bytes[i] &- 0x30 < 10 {
                if digits < 18 { value = value &* 10 &+ Int64(bytes[i] &- 0x30) } else { value = .max }
                digits += 1
                i += 1
            }
            if digits == 0 {
                if time.fieldCount == 0 { return nil }
                i -= 1  // give back the colon that had no digits after it
                break
            }
            time.setField(time.fieldCount, value: value, digitCount: digits)
            time.fieldCount += 1
            if time.fieldCount < 3, i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                i += 1
                continue
            }
            break
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
            var j = i + 1
            var value: Int64 = 0
            var digits = 0
            while j < bytes.count, bytes[j] &- 0x30 < 10 {
                if digits < 18 { value = value &* 10 &+ Int64(bytes[j] &- 0x30) }
                digits += 1
                j += 1
            }
            if digits > 0 {
                time.fractionSeparator = bytes[i]
                time.fractionDigits = digits
                time.fractionValue = value
                i = j
            }
        }
        index = i
        return time
    }

    /// Parses a whole string as a clock time; nil unless all of it is one.
    static func parse(_ text: String) -> ClockTime? {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            guard let time = scan(bytes, at: &index), index == bytes.count else { return nil }
            return time
        }
    }
}

extension ClockTime {
    /// `HH:MM:SS` + one of `separators` + `mmm` at `index` (hours in two to
    /// nine digits), minutes and seconds below 60, the form SRT and WebVTT
    /// writers use: read at fixed places, without the scanner. Nil for
    /// anything else; on success `index` is past the time. What follows is
    /// the caller's to check.
    @inline(__always)
    static func commonForm(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, end: Int, separators: (UInt8, UInt8)
    ) -> Timestamp? {
        var position = index
        var hours: Int64 = 0
        // At most nine hour digits: nothing below overflows, so the
        // arithmetic skips the overflow checks.
        while position < end && position - index < 9, case let value = bytes[position] &- 0x30, value < 10 {
            hours = hours &* 10 &+ Int64(value)
            position += 1
        }
        guard position - index >= 2, position + 10 <= end, bytes[position] == 0x3A, bytes[position + 3] == 0x3A,
              bytes[position + 6] == separators.0 || bytes[position + 6] == separators.1 else { return nil }
        @inline(__always) func digit(_ offset: Int) -> Int64? {
            let value = bytes[position + offset] &- 0x30
            return value < 10 ? Int64(value) : nil
        }
        guard let m1 = digit(1), let m2 = digit(2), let s1 = digit(4), let s2 = digit(5), let f1 = digit(7),
              let f2 = digit(8), let f3 = digit(9), m1 < 6, s1 < 6
        else { return nil }
        index = position + 10
        let minutes = hours &* 60 &+ m1 &* 10 &+ m2
        let seconds = minutes &* 60 &+ s1 &* 10 &+ s2
        return Timestamp(milliseconds: seconds &* 1000 &+ f1 &* 100 &+ f2 &* 10 &+ f3)
    }
}
