/// The clock of chapter files that count to the nanosecond or millisecond:
/// `HH:MM:SS.nnnnnnnnn` in Matroska chapters XML, `HH:MM:SS.mmm` in OGM and
/// mp4chaps lists (the hours may be left out, one to nine fraction digits),
/// and a bare number of nanoseconds, as some converters write Matroska times
/// (mkvmerge refuses it). Converted exactly, rounded half away from zero to
/// the millisecond, never through `Double`.
enum ChapterClock {
    enum Reading: Equatable {
        /// A clock time: milliseconds, and whether finer digits were rounded.
        case clock(milliseconds: Int64, isRounded: Bool)
        /// A bare number of nanoseconds (a fraction allowed), rounded to milliseconds.
        case nanoseconds(milliseconds: Int64, isRounded: Bool)
        case invalid
    }

    /// Reads `text` (white space around it ignored).
    static func read(_ text: String) -> Reading {
        let bytes = Array(text.trimmingXMLWhitespace().utf8)
        guard !bytes.isEmpty else { return .invalid }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        // Fields separated by colons, then an optional fraction.
        var fields: [Int64] = []
        var fieldDigits: [Int] = []
        var value: Int64 = 0, digits = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ".") {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                guard digits > 0 else { return .invalid }
                fields.append(value)
                fieldDigits.append(digits)
                value = 0
                digits = 0
            } else if byte &- 0x30 < 10 {
                let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = scaled.addingReportingOverflow(Int64(byte &- 0x30))
                guard !o1, !o2 else { return .invalid }
                value = sum
                digits += 1
            } else {
                return .invalid
            }
            index += 1
        }
        guard digits > 0 else { return .invalid }
        fields.append(value)
        fieldDigits.append(digits)
        var fraction: [UInt8] = []
        if index < bytes.count {
            index += 1
            while index < bytes.count, bytes[index] &- 0x30 < 10 {
                fraction.append(bytes[index] &- 0x30)
                index += 1
            }
            guard index == bytes.count, !fraction.isEmpty else { return .invalid }
        }
        if fields.count == 1 {
            // Bare nanoseconds: the fraction is below a nanosecond.
            guard let (milliseconds, isRounded) = milliseconds(nanoseconds: fields[0], fraction: fraction) else { return .invalid }
            return .nanoseconds(milliseconds: negative ? -milliseconds : milliseconds, isRounded: isRounded)
        }
        guard fields.count <= 3, fraction.count <= 9 else { return .invalid }
        let seconds = fields[fields.count - 1], minutes = fields[fields.count - 2]
        let hours = fields.count == 3 ? fields[0] : 0
        guard seconds < 60, minutes < 60 || fields.count == 2, fieldDigits.last! <= 2 else { return .invalid }
        var nanoseconds: Int64 = 0
        for position in 0..<9 { nanoseconds = nanoseconds * 10 + Int64(position < fraction.count ? fraction[position] : 0) }
        // Minutes are unbounded when the hours are left out ("90:00.000").
        let (hourMs, o1) = hours.multipliedReportingOverflow(by: 3_600_000)
        let (minuteMs, o2) = minutes.multipliedReportingOverflow(by: 60_000)
        let (clockMs, o3) = minuteMs.addingReportingOverflow(seconds * 1000)
        let (total, o4) = hourMs.addingReportingOverflow(clockMs)
        guard !o1, !o2, !o3, !o4, let (milliseconds, isRounded) = milliseconds(nanoseconds: nanoseconds, fraction: []) else { return .invalid }
        let (sum, o5) = total.addingReportingOverflow(milliseconds)
        guard !o5 else { return .invalid }
        return .clock(milliseconds: negative ? -sum : sum, isRounded: isRounded)
    }

    /// `nanoseconds` (plus a fraction of a nanosecond, digits) as
    /// milliseconds, rounded half away from zero.
    private static func milliseconds(nanoseconds: Int64, fraction: [UInt8]) -> (Int64, Bool)? {
        var nanoseconds = nanoseconds
        var isRounded = fraction.contains { $0 != 0 }
        if let first = fraction.first, first >= 5 {
            let (sum, overflow) = nanoseconds.addingReportingOverflow(1)
            guard !overflow else { return nil }
            nanoseconds = sum
        }
        let remainder = nanoseconds % 1_000_000
        if remainder != 0 { isRounded = true }
        return (nanoseconds / 1_000_000 + (remainder >= 500_000 ? 1 : 0), isRounded)
    }

    /// `time` as `HH:MM:SS.nnnnnnnnn` (as mkvextract writes it) or, with
    /// `nanoseconds` false, `HH:MM:SS.mmm`; a leading `-` for a negative time.
    static func string(_ time: Timestamp, nanoseconds: Bool = true) -> String {
        var bytes: [UInt8] = []
        var milliseconds = time.milliseconds
        if milliseconds < 0 {
            bytes.append(UInt8(ascii: "-"))
            milliseconds = milliseconds == .min ? .max : -milliseconds
        }
        let seconds = milliseconds / 1000
        ClockFormat.appendPadded(seconds / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        ClockFormat.appendPadded(seconds / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        ClockFormat.appendPadded(seconds % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        ClockFormat.appendPadded(milliseconds % 1000, width: 3, to: &bytes)
        if nanoseconds { bytes.append(contentsOf: "000000".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
