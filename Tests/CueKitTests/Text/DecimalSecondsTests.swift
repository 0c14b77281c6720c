import Testing
@testable import CueKit

@Suite("Decimal seconds")
struct DecimalSecondsTests {
    @Test(arguments: [
        ("0", 0), ("168", 168_000), ("1.001", 1001), ("2.50", 2500), ("2.0", 2000), ("0.5", 500),
        ("-0.5", -500), ("1e3", 1_000_000), ("1.5E-1", 150), ("0.000", 0), ("3725.25", 3_725_250),
    ] as [(String, Int64)])
    func readsExactly(text: String, milliseconds: Int64) {
        #expect(DecimalSeconds.milliseconds(text) == .success(.init(milliseconds: milliseconds, isRounded: false)))
    }

    @Test(arguments: [
        ("1.0005", 1001), ("1.0004", 1000), ("0.0005", 1), ("0.0004", 0), ("-1.0005", -1001), ("1e-9", 0),
    ] as [(String, Int64)])
    func roundsHalfAwayFromZeroAndSaysSo(text: String, milliseconds: Int64) {
        #expect(DecimalSeconds.milliseconds(text) == .success(.init(milliseconds: milliseconds, isRounded: true)))
    }

    @Test(arguments: ["", "-", "01", "1.", ".5", "1e", "1 ", "+1", "0x10", "NaN"])
    func rejectsWhatJSONDoesNotWrite(text: String) {
        #expect(DecimalSeconds.milliseconds(text) == .failure(.notANumber))
    }

    @Test func reportsNumbersTooLargeForMilliseconds() {
        #expect(DecimalSeconds.milliseconds("9223372036854775.807") == .success(.init(milliseconds: .max, isRounded: false)))
        #expect(DecimalSeconds.milliseconds("9223372036854775.808") == .failure(.outOfRange))
        #expect(DecimalSeconds.milliseconds("1e400") == .failure(.outOfRange))
    }

    @Test(arguments: [
        (0, "0"), (168_000, "168"), (1001, "1.001"), (2500, "2.5"), (50, "0.05"), (-500, "-0.5"), (3_725_250, "3725.25"),
    ] as [(Int64, String)])
    func writesWholeSecondsWithoutAPointAndAtMostThreeDecimals(milliseconds: Int64, text: String) {
        #expect(DecimalSeconds.string(milliseconds) == text)
    }
}
