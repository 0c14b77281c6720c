/// The two ways an episode line states its start: `sec` (seconds, a number)
/// and `time` (`M:SS` or `H:MM:SS`). `sec` wins when both are valid.
enum EpisodeTime {
    /// Seconds as written in `sec`: `77`, `77.5`. Nil when not a number.
    static func parseSeconds(_ text: String) -> Timestamp? {
        guard let time = ClockTime.parse(text), time.fieldCount == 1,
              time.fractionSeparator != UInt8(ascii: ",") else { return nil }
        return time.milliseconds.map(Timestamp.init(milliseconds:))
    }

    /// A `time` value: `M:SS`, `MM:SS` or `H:MM:SS`. Returns the time and
    /// whether it is well formed (two-digit seconds and minutes below 60).
    static func parseClock(_ text: String) -> (time: Timestamp, isWellFormed: Bool)? {
        guard let time = ClockTime.parse(text), time.fieldCount >= 2, time.fractionSeparator == nil,
              let milliseconds = time.milliseconds else { return nil }
        let secondsDigits = time.fieldDigits(time.fieldCount - 1)
        let minutesDigits = time.fieldDigits(time.fieldCount - 2)
        var wellFormed = time.isNormalized && secondsDigits == 2
        if time.fieldCount == 2 && time.minutes > 59 { wellFormed = false }
        if time.fieldCount == 3 && minutesDigits != 2 { wellFormed = false }
        return (Timestamp(milliseconds: milliseconds), wellFormed)
    }

    /// `sec` as the writer renders it: whole seconds, or decimals when needed.
    static func secondsValue(_ time: Timestamp) -> FieldValue {
        let ms = time.milliseconds
        let whole = ms / 1000, fraction = abs(ms % 1000)
        guard fraction != 0 else { return .scalar(String(whole)) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        let sign = ms < 0 && whole == 0 ? "-" : ""
        return .scalar("\(sign)\(whole).\(digits)")
    }

    /// `time` as the writer renders it: `M:SS` or `H:MM:SS`, quoted.
    static func clockValue(_ time: Timestamp) -> FieldValue {
        .string(ClockFormat.string(time, style: .minutesSeconds))
    }

    /// Whether a raw `time` says `start` to the second, as the reader
    /// compares `time` with `sec`.
    static func clock(_ raw: FieldValue?, says start: Timestamp) -> Bool {
        guard let text = raw?.text, let clock = parseClock(text) else { return false }
        return clock.time.milliseconds / 1000 == start.milliseconds / 1000
    }

    /// `time` for `start` in the style of the raw `time` it replaces: quoted
    /// or not as that was (a `.scalar` stays one), hours when it had them or
    /// when `start` needs them, its first field padded with a zero when
    /// that was (`01:05`, `00:01:05`). Nil when `raw` is no clock time.
    static func clockValue(_ start: Timestamp, styledAs raw: FieldValue) -> FieldValue? {
        guard let text = raw.text, parseClock(text) != nil, let clock = ClockTime.parse(text),
              start.milliseconds >= 0 else { return nil }
        let padded = clock.fieldDigits(0) > 1 && text.utf8.first == UInt8(ascii: "0")
        let total = start.milliseconds / 1000
        let hours = total / 3600, minutes = total / 60 % 60, seconds = total % 60
        func digits(_ value: Int64, width: Int) -> String {
            let text = String(value)
            return text.count < width ? String(repeating: "0", count: width - text.count) + text : text
        }
        var clockText: String
        if clock.fieldCount == 3 || hours > 0 {
            clockText = digits(hours, width: padded ? 2 : 1) + ":" + digits(minutes, width: 2)
        } else {
            clockText = digits(minutes, width: padded ? 2 : 1)
        }
        clockText += ":" + digits(seconds, width: 2)
        if case .scalar = raw { return .scalar(clockText) }
        return .string(clockText)
    }
}
