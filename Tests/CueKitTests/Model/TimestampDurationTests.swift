import Testing
@testable import CueKit

@Suite("Timestamp and Duration")
struct TimestampDurationTests {
    @Test(arguments: [
        (Duration.zero, 0),
        (.seconds(83), 83_000),
        (.milliseconds(1001), 1001),
        (.milliseconds(-250), -250),
        // Half away from zero, to the millisecond.
        (.microseconds(1499), 1),
        (.microseconds(1500), 2),
        (.microseconds(2500), 3),
        (.microseconds(500), 1),
        (.microseconds(499), 0),
        (.microseconds(-499), 0),
        (.microseconds(-500), -1),
        (.microseconds(-1500), -2),
        (.microseconds(-1499), -1),
        (.nanoseconds(1_499_999), 1),
        (.nanoseconds(1_500_000), 2),
        (.seconds(1) + .microseconds(500), 1001),
        (.seconds(-3) + .microseconds(200), -3_000),
        (.seconds(-3) + .microseconds(600), -2_999),
        (.seconds(-3) - .microseconds(600), -3_001),
    ] as [(Duration, Int64)])
    func aDurationRoundsToTheMillisecond(_ duration: Duration, _ milliseconds: Int64) {
        #expect(Timestamp(duration) == Timestamp(milliseconds: milliseconds))
    }

    @Test func aDurationBeyondInt64MillisecondsSaturates() {
        #expect(Timestamp(.seconds(Int64.max)) == .max)
        #expect(Timestamp(.seconds(Int64.min)) == Timestamp(milliseconds: .min))
        #expect(Timestamp(Duration.milliseconds(Int64.max)) == .max)
        #expect(Timestamp(Duration.milliseconds(Int64.max) + .microseconds(600)) == .max)
    }

    @Test(arguments: [Int64(0), 1, -1, 1001, 3_600_000, -86_400_123, .max, .min])
    func aTimestampIsItsDurationExactly(_ milliseconds: Int64) {
        let timestamp = Timestamp(milliseconds: milliseconds)
        #expect(timestamp.duration == .milliseconds(milliseconds))
        #expect(Timestamp(timestamp.duration) == timestamp)
    }

    @Test func durationsAddUpAsTimestampsDo() {
        let start = Timestamp(milliseconds: 61_500)
        #expect(start.duration + .seconds(2) == Timestamp(milliseconds: 63_500).duration)
        #expect(start.duration.components == (seconds: 61, attoseconds: 500_000_000_000_000_000))
    }
}
