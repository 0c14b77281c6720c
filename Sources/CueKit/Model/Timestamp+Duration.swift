/// Bridges between `Timestamp` and Swift's `Duration`.
extension Timestamp {
    /// The timestamp `duration` after the start of the media, rounded to
    /// the millisecond half away from zero: 1.4999 ms is 1 ms, 1.5 ms is
    /// 2 ms, and -1.5 ms is -2 ms. A duration beyond the milliseconds an
    /// `Int64` holds (about 292 million years) gives `Timestamp.max` or the
    /// earliest timestamp.
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        // Both components carry the duration's sign; a millisecond is 10^15 attoseconds.
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        var fraction = attoseconds / attosecondsPerMillisecond
        let remainder = attoseconds % attosecondsPerMillisecond
        if remainder >= attosecondsPerMillisecond / 2 { fraction += 1 }
        if remainder <= -attosecondsPerMillisecond / 2 { fraction -= 1 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else {
            self.init(milliseconds: seconds > 0 ? .max : .min)
            return
        }
        self.init(milliseconds: whole.saturatingAdd(fraction))
    }

    /// The time from the start of the media to this timestamp, exactly.
    public var duration: Duration {
        .milliseconds(milliseconds)
    }
}
