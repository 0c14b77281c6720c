/// TTML time expressions (TTML2 §10.3.1) read into nanoseconds.
///
/// - clock time `hh:mm:ss`, then `.fraction` (any number of digits) or
///   `:frames` with optional `.subframes`; hours at least two digits,
///   minutes and seconds exactly two (one-digit hours are read as a repair,
///   see `TTMLTimeExpression.Reading.shortHours`);
/// - offset time `count(.fraction)?metric`, metric `h`, `m`, `s`, `ms`,
///   `f` (frames) or `t` (ticks).
///
/// Frames count at the effective frame rate (`ttp:frameRate` ×
/// `ttp:frameRateMultiplier`), sub-frames at `ttp:subFrameRate` per frame,
/// ticks at `ttp:tickRate`. Arithmetic is on integers: each value is
/// rounded once to the nanosecond, half away from zero (a fraction keeps
/// its first 12 digits), and the reader rounds to the millisecond at the end.
enum TTMLTimeExpression {
    /// A time read, and whether it needed leniency.
    struct Reading: Equatable {
        var nanoseconds: Int64
        /// A clock time with one-digit hours (`0:00:02.07`), which TTML does
        /// not allow and pycaption and others write.
        var shortHours = false
    }

    static let nanosecondsPerSecond: Int64 = 1_000_000_000
    /// The largest time read: about 2.9 million hours.
    static let maximum: Int64 = Int64.max / 1024

    /// `text` (attribute value, XML white space around it allowed) as a
    /// time, or nil when it is no time expression TTML defines.
    static func read(_ text: String, parameters: TTMLTimingParameters) -> Reading? {
        let bytes = Array(text.trimmingXMLWhitespace().utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.contains(UInt8(ascii: ":")) { return clockTime(bytes, parameters) }
        return offsetTime(bytes, parameters)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Digits from `index`: their value (nil past 18 digits) and count.
    private static func digits(_ bytes: [UInt8], _ index: inout Int) -> (value: Int64?, count: Int) {
        var value: Int64? = 0
        var count = 0
        while index < bytes.count, isDigit(bytes[index]) {
            if count >= 18 { value = nil } else { value = value.map { $0 * 10 + Int64(bytes[index] - 0x30) } }
            count += 1
            index += 1
        }
        return (value, count)
    }

    /// A fraction's digits from `index` as (numerator, 10^digits kept),
    /// keeping at most 12 digits.
    private static func fraction(_ bytes: [UInt8], _ index: inout Int) -> (numerator: Int64, denominator: Int64)? {
        var numerator: Int64 = 0
        var denominator: Int64 = 1
        var count = 0
        while index < bytes.count, isDigit(bytes[index]) {
            if count < 12 {
                numerator = numerator * 10 + Int64(bytes[index] - 0x30)
                denominator *= 10
            }
            count += 1
            index += 1
        }
        return count == 0 ? nil : (numerator, denominator)
    }

    private static func clockTime(_ bytes: [UInt8], _ parameters: TTMLTimingParameters) -> Reading? {
        var index = 0
        let hours = digits(bytes, &index)
        guard hours.count >= 1, let hourValue = hours.value, index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        let minutes = digits(bytes, &index)
        guard minutes.count == 2, let minuteValue = minutes.value, minuteValue < 60,
              index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        let seconds = digits(bytes, &index)
        // Seconds may be 60 (a leap second) by the grammar; read as written.
        guard seconds.count == 2, let secondValue = seconds.value, secondValue <= 60 else { return nil }
        guard hourValue <= maximum / (3600 * nanosecondsPerSecond) else { return nil }
        var total = (hourValue * 3600 + minuteValue * 60 + secondValue) * nanosecondsPerSecond
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard let (numerator, denominator) = fraction(bytes, &index) else { return nil }
            total += Rational.scale(numerator, by: nanosecondsPerSecond, over: denominator)
        } else if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            let frames = digits(bytes, &index)
            guard frames.count >= 1, let frameValue = frames.value, frameValue < 1_000_000 else { return nil }
            var subframes: Int64 = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let sub = digits(bytes, &index)
                guard sub.count >= 1, let subValue = sub.value, subValue < 1_000_000 else { return nil }
                subframes = subValue
            }
            // (frames + subframes / subFrameRate) / effective frame rate, in one division.
            let rate = parameters.effectiveFrameRate
            let sub = parameters.subFrameRate
            total += Rational.scale(
                frameValue * sub + subframes, by: nanosecondsPerSecond * rate.denominator, over: rate.numerator * sub)
        }
        guard index == bytes.count else { return nil }
        return Reading(nanoseconds: total, shortHours: hours.count < 2)
    }

    private static func offsetTime(_ bytes: [UInt8], _ parameters: TTMLTimingParameters) -> Reading? {
        var index = 0
        let whole = digits(bytes, &index)
        guard whole.count >= 1, let wholeValue = whole.value else { return nil }
        var numerator = wholeValue
        var denominator: Int64 = 1
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard let part = fraction(bytes, &index) else { return nil }
            guard wholeValue <= Int64.max / part.denominator / 16 else { return nil }
            numerator = wholeValue * part.denominator + part.numerator
            denominator = part.denominator
        }
        let metric = String(decoding: bytes[index...], as: UTF8.self)
        // The value is numerator / denominator of a unit of `unit.numerator / unit.denominator` seconds.
        let unit: (numerator: Int64, denominator: Int64)
        switch metric {
        case "h": unit = (3600, 1)
        case "m": unit = (60, 1)
        case "s": unit = (1, 1)
        case "ms": unit = (1, 1000)
        case "f": unit = (parameters.effectiveFrameRate.denominator, parameters.effectiveFrameRate.numerator)
        case "t": unit = (parameters.tickRate.denominator, parameters.tickRate.numerator)
        default: return nil
        }
        // Fraction digits past what the divisor holds are rounded away.
        while denominator > 1, denominator.multipliedReportingOverflow(by: unit.denominator).overflow {
            numerator = (numerator + 5) / 10
            denominator /= 10
        }
        guard let nanoseconds = Rational.scaleChecked(
            numerator, by: unit.numerator * nanosecondsPerSecond, over: denominator * unit.denominator),
            nanoseconds <= maximum
        else { return nil }
        return Reading(nanoseconds: nanoseconds)
    }
}

/// Integer `a × b / c`, rounded half away from zero, without overflow in
/// the product (all values non-negative, `c` positive).
enum Rational {
    static func scale(_ a: Int64, by b: Int64, over c: Int64) -> Int64 {
        scaleChecked(a, by: b, over: c) ?? TTMLTimeExpression.maximum
    }

    /// Nil when the result does not fit in 63 bits.
    static func scaleChecked(_ a: Int64, by b: Int64, over c: Int64) -> Int64? {
        guard a >= 0, b >= 0, c > 0 else { return nil }
        let product = UInt64(a).multipliedFullWidth(by: UInt64(b))
        let divisor = UInt64(c)
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        var result = quotient
        // Round half away from zero: remainder ≥ divisor / 2.
        if remainder >= divisor - remainder { result += 1 }
        guard result <= UInt64(Int64.max) else { return nil }
        return Int64(result)
    }
}
