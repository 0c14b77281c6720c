/// ISO 8601 durations as episodes write them: `PT01H01M36S`, `PT58M9.5S`,
/// `P1DT2H`.
enum ISO8601Duration {
    /// The duration in milliseconds, or nil when `text` is not a duration.
    static func parse(_ text: String) -> Timestamp? {
        var utf8 = Array(text.utf8)
        guard utf8.first == UInt8(ascii: "P") || utf8.first == UInt8(ascii: "p") else { return nil }
        utf8.removeFirst()
        var total: Int64 = 0
        var inTime = false
        var sawComponent = false
        var index = 0
        while index < utf8.count {
            if utf8[index] | 0x20 == UInt8(ascii: "t") {
                guard !inTime else { return nil }
                inTime = true
                index += 1
                continue
            }
            var whole: Int64 = 0
            var digits = 0
            while index < utf8.count, utf8[index] &- 0x30 < 10 {
                guard digits < 15 else { return nil }
                whole = whole * 10 + Int64(utf8[index] &- 0x30)
                digits += 1
                index += 1
            }
            var fractionMilliseconds: Int64 = 0
            if index < utf8.count, utf8[index] == UInt8(ascii: ".") || utf8[index] == UInt8(ascii: ",") {
                index += 1
                var scale: Int64 = 100
                while index < utf8.count, utf8[index] &- 0x30 < 10 {
                    fractionMilliseconds += Int64(utf8[index] &- 0x30) * scale
                    scale /= 10
                    digits += 1
                    index += 1
                }
            }
            guard digits > 0, index < utf8.count else { return nil }
            let unit: Int64
            switch (utf8[index] | 0x20, inTime) {
            case (UInt8(ascii: "w"), false): unit = 604_800_000
            case (UInt8(ascii: "d"), false): unit = 86_400_000
            case (UInt8(ascii: "h"), true): unit = 3_600_000
            case (UInt8(ascii: "m"), true): unit = 60_000
            case (UInt8(ascii: "s"), true): unit = 1000
            default: return nil
            }
            total += whole * unit + fractionMilliseconds * unit / 1000
            sawComponent = true
            index += 1
        }
        return sawComponent ? Timestamp(milliseconds: total) : nil
    }
}
