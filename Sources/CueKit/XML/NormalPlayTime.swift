/// Normal Play Time (RFC 2326 §3.6), the time syntax of feed attributes and
/// elements (Podlove Simple Chapters' `start`, read leniently for
/// `itunes:duration` too):
/// `SS`, `MM:SS` or `HH:MM:SS`, each with an optional `.fraction`; fields
/// may have one digit or more (`7:48`, `01:35:52`, `37`), as the PSC
/// examples and Podlove's parser accept.
enum NormalPlayTime {
    /// The outcome of reading one value.
    enum Reading: Equatable {
        case time(Timestamp)
        /// A time whose minutes or seconds field is 60 or more where a larger
        /// field exists (`1:75`); the value is what the fields add up to.
        case unnormalized(Timestamp)
        case invalid
    }

    /// Reads `text` (surrounding white space allowed) through the shared
    /// clock-time scanner. The fraction is decimal (`.5` is 500 ms; digits
    /// after the third are dropped) and must use `.`.
    static func read(_ text: String) -> Reading {
        let trimmed = text.trimmingXMLWhitespace()
        guard let clock = ClockTime.parse(trimmed), clock.fractionSeparator != UInt8(ascii: ",") else { return .invalid }
        guard let milliseconds = clock.milliseconds else { return .invalid }
        let time = Timestamp(milliseconds: milliseconds)
        return clock.isNormalized ? .time(time) : .unnormalized(time)
    }

    /// `HH:MM:SS.mmm`, as Podlove's own printer writes.
    static func string(_ time: Timestamp) -> String {
        ClockFormat.string(Timestamp(milliseconds: max(0, time.milliseconds)), style: .vtt)
    }
}
