/// SubStation times: `H:MM:SS.cc`, hours unpadded, hundredths of a second.
///
/// Reading accepts what files hold: one or two digits for minutes and
/// seconds (`0:0:0.04`), any number of hour digits, a leading `-`
/// (`-1:59:54.93`), a `,` instead of the `.`. The fraction is read as a
/// decimal fraction of a second; with other than two digits that differs
/// from libass and FFmpeg, which count hundredths (`0:00:01.5` is 1.05 s
/// there), and the reader says so. Writing gives exactly two digits,
/// rounded to the nearest hundredth (half up).
enum ASSTime {
    /// A time read from `bytes[start..<end]` (blanks around it allowed).
    struct Parsed {
        var time: Timestamp
        /// How many digits the fraction has (2 is the format's).
        var fractionDigits: Int
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Parsed? {
        var index = start
        var last = end
        while index < last && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        while last > index && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
        var negative = false
        if index < last && bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard let hours = number(bytes, &index, last, maxDigits: 9), index < last, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let minutes = number(bytes, &index, last, maxDigits: 2), index < last, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let seconds = number(bytes, &index, last, maxDigits: 2) else { return nil }
        var milliseconds = ((hours * 60 + minutes) * 60 + seconds) * 1000
        var digits = 0
        if index < last {
            guard bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
            var fraction: Int64 = 0
            var scale: Int64 = 1000
            var roundUp = false
            while index < last, bytes[index] &- 0x30 < 10 {
                let digit = Int64(bytes[index] &- 0x30)
                if scale >= 10 {
                    scale /= 10
                    fraction += digit * scale
                } else if digits == 3 {
                    roundUp = digit >= 5
                }
                digits += 1
                index += 1
            }
            guard digits > 0, index == last else { return nil }
            milliseconds += fraction + (roundUp ? 1 : 0)
        }
        return Parsed(time: Timestamp(milliseconds: negative ? -milliseconds : milliseconds), fractionDigits: digits)
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int, maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        while index < end, bytes[index] &- 0x30 < 10, digits < maxDigits {
            value = value * 10 + Int64(bytes[index] &- 0x30)
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }

    /// `time` as `H:MM:SS.cc` (0 or later; an earlier time is written as 0).
    static func append(_ time: Timestamp, to out: inout TextOutput) {
        let centiseconds = max(0, time.milliseconds.saturatingAdd(5) / 10)
        let hours = centiseconds / 360_000
        let minutes = centiseconds / 6000 % 60
        let seconds = centiseconds / 100 % 60
        out.append(decimal: Int(hours))
        out.append(byte: UInt8(ascii: ":"))
        appendTwoDigits(minutes, to: &out)
        out.append(byte: UInt8(ascii: ":"))
        appendTwoDigits(seconds, to: &out)
        out.append(byte: UInt8(ascii: "."))
        appendTwoDigits(centiseconds % 100, to: &out)
    }

    /// `time` as `H:MM:SS.cc`, as a string.
    static func string(_ time: Timestamp) -> String {
        var out = TextOutput(options: WriteOptions())
        append(time, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    private static func appendTwoDigits(_ value: Int64, to out: inout TextOutput) {
        out.append(byte: 0x30 + UInt8(value / 10))
        out.append(byte: 0x30 + UInt8(value % 10))
    }
}
