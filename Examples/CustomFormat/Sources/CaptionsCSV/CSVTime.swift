import CueKit

/// The times of a captions CSV: `HH:MM:SS.mmm`, `MM:SS.mmm` or seconds
/// (`62.5`), with up to three decimals.
enum CSVTime {
    /// The most digits a part may have: more would overflow milliseconds.
    private static let maximumDigits = 12

    /// `text` as a time, or nil when it is none of the accepted forms.
    static func parse(_ text: String) -> Timestamp? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        let seconds = parts[parts.count - 1].split(separator: ".", omittingEmptySubsequences: false)
        guard seconds.count <= 2 else { return nil }
        let fraction = seconds.count == 2 ? seconds[1] : ""
        guard fraction.count <= 3, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        var wholeParts = parts.dropLast().map(Substring.init) + [seconds[0]]
        guard wholeParts.allSatisfy({ !$0.isEmpty && $0.count <= maximumDigits && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        // Minutes and seconds after an hour or minute field stay below 60.
        if wholeParts.count > 1, wholeParts.dropFirst().contains(where: { Int64($0)! >= 60 }) { return nil }
        var milliseconds: Int64 = 0
        while let part = wholeParts.first {
            wholeParts.removeFirst()
            let (scaled, overflow) = milliseconds.multipliedReportingOverflow(by: 60)
            let (sum, overflowAgain) = scaled.addingReportingOverflow(Int64(part)! * 1000)
            guard !overflow, !overflowAgain else { return nil }
            milliseconds = sum
        }
        let padded = fraction + String(repeating: "0", count: 3 - fraction.count)
        return Timestamp(milliseconds: milliseconds + Int64(padded)!)
    }

    /// `time` as `HH:MM:SS.mmm` (a time before zero is written as zero).
    static func format(_ time: Timestamp) -> String {
        let total = max(time.milliseconds, 0)
        func digits(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return "\(digits(total / 3_600_000, 2)):\(digits(total / 60_000 % 60, 2)):\(digits(total / 1000 % 60, 2)).\(digits(total % 1000, 3))"
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
