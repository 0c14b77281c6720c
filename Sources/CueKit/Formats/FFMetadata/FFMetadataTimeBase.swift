/// A chapter's `TIMEBASE=num/den`: START and END count units of num/den
/// seconds. Conversion to milliseconds is exact integer arithmetic, rounded
/// half away from zero.
struct FFMetadataTimeBase: Hashable, CustomStringConvertible {
    var numerator: Int64
    var denominator: Int64

    /// What FFmpeg uses when a chapter has no TIMEBASE line: nanoseconds
    /// (`libavformat/ffmetadec.c`, `read_chapter`), although
    /// `doc/metadata.texi` says milliseconds.
    static let ffmpegDefault = FFMetadataTimeBase(numerator: 1, denominator: 1_000_000_000)
    /// What the writer always writes.
    static let milliseconds = FFMetadataTimeBase(numerator: 1, denominator: 1000)

    var description: String { "\(numerator)/\(denominator)" }

    /// `ticks` in milliseconds, and whether that is exact; nil when the
    /// result does not fit in 64 bits.
    func milliseconds(_ ticks: Int64) -> (milliseconds: Int64, isExact: Bool)? {
        guard numerator > 0, denominator > 0 else { return nil }
        let (factor, overflow) = numerator.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        let divisor = Self.gcd(factor, denominator)
        let multiplier = UInt64(factor / divisor)
        let quotientDivisor = UInt64(denominator / divisor)
        let product = ticks.magnitude.multipliedFullWidth(by: multiplier)
        guard product.high < quotientDivisor else { return nil }
        var (quotient, remainder) = quotientDivisor.dividingFullWidth(product)
        if remainder >= quotientDivisor - remainder {
            guard quotient < .max else { return nil }
            quotient += 1
        }
        guard quotient <= UInt64(Int64.max) else { return nil }
        let value = Int64(quotient)
        return (ticks < 0 ? -value : value, remainder == 0)
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
