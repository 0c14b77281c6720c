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

    /// The start a line's raw `sec` and `time` values give, as the reader
    /// decides it: a valid `sec`, else a readable `time`.
    static func start(sec: FieldValue?, time: FieldValue?) -> Timestamp? {
        if let text = sec?.text, let seconds = parseSeconds(text) { return seconds }
        if let text = time?.text, let clock = parseClock(text) { return clock.time }
        return nil
    }
}
