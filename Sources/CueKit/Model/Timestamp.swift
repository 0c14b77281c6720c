/// A point in media time, in whole milliseconds.
///
/// Every time in cues is an integer number of milliseconds; formats that write
/// seconds as decimals convert at their edge with explicit rounding.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Milliseconds from the start of the media. May be negative after a shift.
    public var milliseconds: Int64

    /// A timestamp of `milliseconds` ms.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// A timestamp of whole `seconds`.
    public init(seconds: Int64) {
        self.milliseconds = seconds &* 1000
    }

    /// The start of the media.
    public static let zero = Timestamp(milliseconds: 0)

    /// The latest time a timestamp holds (about 292 million years); shifts
    /// and scales stop here instead of overflowing.
    public static let max = Timestamp(milliseconds: .max)

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    /// This time moved by `milliseconds`, saturating at the `Int64` limits.
    public func advanced(by milliseconds: Int64) -> Timestamp {
        let (sum, overflow) = self.milliseconds.addingReportingOverflow(milliseconds)
        if overflow { return Timestamp(milliseconds: milliseconds > 0 ? .max : .min) }
        return Timestamp(milliseconds: sum)
    }

    /// Milliseconds from `other` to this time.
    public func distance(from other: Timestamp) -> Int64 {
        let (difference, overflow) = milliseconds.subtractingReportingOverflow(other.milliseconds)
        if overflow { return difference < 0 ? .max : .min }
        return difference
    }
}

extension Timestamp: CustomStringConvertible {
    /// `H:MM:SS.mmm`, with a leading `-` for negative times.
    public var description: String {
        ClockFormat.string(self, style: .clock)
    }
}

extension Int64 {
    /// `self + other`, clamped to the `Int64` range instead of trapping.
    func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self - other`, clamped to the `Int64` range instead of trapping.
    func saturatingSubtract(_ other: Int64) -> Int64 {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}
