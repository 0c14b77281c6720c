import Testing
@testable import CueKit

/// The byte-packing fast path of the clock writer against a plain reference.
struct ClockFormatTests {
    /// `HH:MM:SS<separator>mmm`, hours at least two digits, written the slow way.
    private func reference(_ milliseconds: Int64, separator: String) -> String {
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let sign = milliseconds < 0 ? "-" : ""
        let value = milliseconds.magnitude
        let ms = Int64(value % 1000), seconds = value / 1000
        return sign + pad(Int64(seconds / 3600), 2) + ":" + pad(Int64(seconds / 60 % 60), 2) + ":"
            + pad(Int64(seconds % 60), 2) + separator + pad(ms, 3)
    }

    private var samples: [Int64] {
        var values: [Int64] = [0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000,
                               35_999_999, 359_999_999, 360_000_000, 360_000_001, 86_399_999, -1, -61_000,
                               3_599_999_999, 3_600_000_000, 2_500_000_123, Int64.max / 2, Int64.max, Int64.min + 1]
        var state: UInt64 = 42
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(state >> 36))  // up to about 74 hours
            values.append(Int64(state >> 30))  // up to about 4,800 hours
        }
        return values
    }

    @Test func timesMatchTheReference() {
        for value in samples {
            #expect(ClockFormat.string(Timestamp(milliseconds: value), style: .vtt) == reference(value, separator: "."))
            #expect(ClockFormat.string(Timestamp(milliseconds: value), style: .srt) == reference(value, separator: ","))
        }
    }

    @Test func rangesMatchTheReference() {
        let values = samples
        for (start, end) in zip(values, values.dropFirst()) {
            for (style, separator) in [(ClockFormat.Style.vtt, "."), (.srt, ",")] {
                var bytes: [UInt8] = []
                ClockFormat.appendRange(Timestamp(milliseconds: start), Timestamp(milliseconds: end), style: style, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self)
                        == reference(start, separator: separator) + " --> " + reference(end, separator: separator))
            }
        }
    }
}
