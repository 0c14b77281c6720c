/// Seconds written as decimal text (JSON numbers such as `1.001`, `168`,
/// `2.50`, `1e3`) converted exactly to and from integer milliseconds.
///
/// Reading works on the decimal digits, never through `Double`, so `1.001` is
/// 1001 ms. Digits after the third decimal are rounded half away from zero,
/// and the result says so, for the reader to report.
enum DecimalSeconds {
    /// Milliseconds read from decimal seconds.
    struct Reading: Hashable, Sendable {
        var milliseconds: Int64
        /// Whether digits finer than a millisecond were rounded away.
        var isRounded: Bool
    }

    /// Why text could not be read as seconds.
    enum Failure: Error, Hashable, Sendable {
        /// Not a number as JSON writes one.
        case notANumber
        /// A number too large for milliseconds in 64 bits.
        case outOfRange
    }

    /// Reads `text`, a number in JSON syntax (`-`, digits, optional fraction
    /// and exponent), as seconds.
    static func milliseconds(_ text: String) -> Result<Reading, Failure> {
        var text = text
        return text.withUTF8 { milliseconds($0) }
    }

    /// Reads UTF-8 `bytes`, a number in JSON syntax, as seconds.
    static func milliseconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Reading, Failure> {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        // Significant digits without leading zeros, and how many were after the point.
        var digits: [UInt8] = []
        var fractionDigits = 0
        let integerStart = index
        while index < count, bytes[index] &- 0x30 < 10 {
            if !(digits.isEmpty && bytes[index] == 0x30) { digits.append(bytes[index] &- 0x30) }
            index += 1
        }
        let integerCount = index - integerStart
        guard integerCount > 0, !(integerCount > 1 && bytes[integerStart] == 0x30) else { return .failure(.notANumber) }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, bytes[index] &- 0x30 < 10 {
                if !(digits.isEmpty && bytes[index] == 0x30) { digits.append(bytes[index] &- 0x30) }
                fractionDigits += 1
                index += 1
            }
            guard index > fractionStart else { return .failure(.notANumber) }
        }
        var exponent = 0
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < count, bytes[index] &- 0x30 < 10 {
                // Beyond ±10^6 the value is 0 or out of range either way.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[index] &- 0x30) }
                index += 1
            }
            guard index > exponentStart else { return .failure(.notANumber) }
            if exponentNegative { exponent = -exponent }
        }
        guard index == count else { return .failure(.notANumber) }
        if digits.isEmpty { return .success(Reading(milliseconds: 0, isRounded: false)) }

        // value = digits × 10^(exponent − fractionDigits) seconds
        //       = digits × 10^shift milliseconds.
        let shift = exponent - fractionDigits + 3
        var kept = digits
        var isRounded = false
        var roundUp = false
        if shift < 0 {
            let dropCount = -shift
            if dropCount > kept.count {
                kept = []
                isRounded = true
            } else {
                let dropped = kept[(kept.count - dropCount)...]
                roundUp = dropped.first! >= 5
                isRounded = dropped.contains { $0 != 0 }
                kept.removeLast(dropCount)
            }
        } else {
            if kept.count + shift > 19 { return .failure(.outOfRange) }
            kept.append(contentsOf: repeatElement(0, count: shift))
        }
        var value: Int64 = 0
        for digit in kept {
            let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = scaled.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return .failure(.outOfRange) }
            value = sum
        }
        if roundUp {
            let (sum, overflow) = value.addingReportingOverflow(1)
            if overflow { return .failure(.outOfRange) }
            value = sum
        }
        return .success(Reading(milliseconds: negative ? -value : value, isRounded: isRounded))
    }

    /// `milliseconds` as seconds: whole seconds without a point (`168`),
    /// otherwise up to three decimals without trailing zeros (`1.001`, `2.5`).
    static func string(_ milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        append(milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `milliseconds` as seconds (see `string(_:)`) to `bytes`.
    static func append(_ milliseconds: Int64, to bytes: inout [UInt8]) {
        let magnitude = milliseconds.magnitude
        if milliseconds < 0 { bytes.append(UInt8(ascii: "-")) }
        let whole = magnitude / 1000
        var fraction = magnitude % 1000
        ClockFormat.appendDigits(whole, width: 1, to: &bytes)
        guard fraction > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var width = 3
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        ClockFormat.appendPadded(Int64(fraction), width: width, to: &bytes)
    }
}
