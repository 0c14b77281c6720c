/// Dates as RSS writes them (RFC 822 as updated by RFC 1123:
/// `Mon, 01 Jan 2024 10:00:00 GMT`, `1 Jan 24 10:00 +0100`), read leniently:
/// an optional day name, day, month name, two- or four-digit year, hours and
/// minutes with optional seconds, and a zone (`GMT`, `UT`, `Z`, US zones,
/// `+hhmm`; none is UTC).
enum RFC822Date {
    /// Seconds since 1970-01-01 00:00 UTC, or nil when `text` is not such a date.
    static func seconds(_ text: String) -> Int64? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if let first = words.first, Int(first) == nil { words.removeFirst() }  // the day name
        guard words.count >= 4, let day = Int(words[0]), (1...31).contains(day),
              let month = months[words[1].prefix(3).lowercased()], var year = Int(words[2]) else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let clock = words[3].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, clock.allSatisfy({ $0 != nil }), let hour = clock[0], let minute = clock[1],
              hour < 24, minute < 60 else { return nil }
        let second = clock.count > 2 ? clock[2]! : 0
        guard second < 61 else { return nil }
        let offset = words.count > 4 ? zoneOffset(words[4]) : 0
        guard let offset else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    private static let months = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// The zone's offset from UTC in seconds.
    private static func zoneOffset(_ zone: String) -> Int? {
        switch zone.uppercased() {
        case "GMT", "UT", "UTC", "Z": return 0
        case "EST": return -5 * 3600
        case "EDT": return -4 * 3600
        case "CST": return -6 * 3600
        case "CDT": return -5 * 3600
        case "MST": return -7 * 3600
        case "MDT": return -6 * 3600
        case "PST": return -8 * 3600
        case "PDT": return -7 * 3600
        default:
            guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
                  let digits = Int(zone.dropFirst()) else { return nil }
            let seconds = (digits / 100) * 3600 + (digits % 100) * 60
            return sign == "-" ? -seconds : seconds
        }
    }

    /// Days from 1970-01-01 to the civil date (proleptic Gregorian).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
