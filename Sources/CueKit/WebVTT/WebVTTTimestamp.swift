/// WebVTT's "collect a WebVTT timestamp": the shared `ClockTime` scanner
/// with WebVTT's rules on top.
///
/// `[hh:]mm:ss.ttt`: hours optional and of any length (a first field that
/// is not exactly two digits, or is above 59, is hours, and then minutes and
/// seconds must follow); minutes and seconds exactly two digits, at most 59;
/// a `.` and exactly three fraction digits.
enum WebVTTTimestamp {
    /// A collected time, or why the text is not a WebVTT timestamp.
    enum Collected {
        case time(Timestamp)
        /// What is wrong, as the end of a sentence ("the milliseconds follow ','; WebVTT needs '.'").
        case failure(String)
    }

    /// Collects a timestamp at `bytes[index...]`, advancing `index` past it
    /// on success.
    @inline(__always)
    static func collect(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Collected {
        // The common form, `HH:MM:SS.mmm`, when no digit follows it.
        var position = index
        if let time = ClockTime.commonForm(bytes, at: &position, end: bytes.count, separators: (0x2E, 0x2E)),
           position == bytes.count || bytes[position] &- 0x30 >= 10 {
            index = position
            return .time(time)
        }
        return collectUncommon(bytes, at: &index)
    }

    /// `collect` for any other form: the scanner, then WebVTT's rules.
    @inline(never)
    private static func collectUncommon(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Collected {
        var end = index
        guard let time = ClockTime.scan(bytes, at: &end) else {
            return .failure("it does not start with a digit")
        }
        switch time.fieldCount {
        case 1:
            return .failure("minutes and seconds must be separated by ':'")
        case 2:
            if time.fieldDigits(0) != 2 || time.field(0) > 59 {
                return .failure("a first field of \(time.fieldDigits(0)) digit(s) or above 59 is read as hours, so minutes and seconds must follow")
            }
            if time.fieldDigits(1) != 2 { return .failure("seconds must have exactly 2 digits") }
        default:
            if time.fieldDigits(1) != 2 { return .failure("minutes must have exactly 2 digits") }
            if time.fieldDigits(2) != 2 { return .failure("seconds must have exactly 2 digits") }
        }
        switch time.fractionSeparator {
        case nil: return .failure("the seconds must be followed by '.' and 3 digits of milliseconds")
        case UInt8(ascii: ","): return .failure("the milliseconds follow ','; WebVTT needs '.'")
        default: break
        }
        if time.fractionDigits != 3 {
            return .failure("the fraction has \(time.fractionDigits) digit(s); WebVTT needs exactly 3")
        }
        if time.minutes > 59 { return .failure("minutes must be at most 59") }
        if time.seconds > 59 { return .failure("seconds must be at most 59") }
        guard let milliseconds = time.milliseconds else {
            return .failure("the time is too large")
        }
        index = end
        return .time(Timestamp(milliseconds: milliseconds))
    }

    /// Parses a whole buffer as one timestamp (an inline `<00:01.500>` tag's
    /// value); nil unless all of it is one.
    static func parseWhole(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var index = 0
        guard case .time(let time) = collect(bytes, at: &index), index == bytes.count else { return nil }
        return time
    }
}
