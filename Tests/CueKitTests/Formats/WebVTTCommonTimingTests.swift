import Testing
@testable import CueKit

/// The word-at-a-time reading of the common timing line against
/// `WebVTTTimestamp.collect`, field by field: on lines of the common form
/// with one or two bytes changed anywhere (to digits on either side of the
/// limits, separators, spaces, bytes above ASCII), it reads a line only
/// when the field reader reads the same two times ending at the same byte,
/// and it does read every line of the common form.
struct WebVTTCommonTimingTests {
    /// What the field reader makes of a line: both times and where the end time stops.
    static func fieldByField(_ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> (Timestamp, Timestamp, Int)? {
        var index = 0
        guard case .time(let start) = WebVTTTimestamp.collect(bytes, at: &index) else { return nil }
        guard index + 5 <= end, Array(bytes[index..<(index + 5)]) == Array(" --> ".utf8) else { return nil }
        index += 5
        guard case .time(let stop) = WebVTTTimestamp.collect(bytes, at: &index), index <= end else { return nil }
        return (start, stop, index)
    }

    @Test func readsWhatTheFieldReaderReadsAndNothingElse() {
        var state: UInt64 = 5
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let replacements: [UInt8] = Array("0159:.,->\t a/".utf8) + [0x0A, 0x80, 0xFF, 0x36]
        let suffixes = ["", "\n", " align:start\n", "5", "0\n", "x", "\t"]
        var read = 0
        for round in 0..<30000 {
            let d = (0..<14).map { _ in next(10) }
            // Tens of minutes and seconds below 6, but now and then 6.
            var line = Array(
                "\(d[0])\(d[1]):\(next(7))\(d[2]):\(next(7))\(d[3]).\(d[4])\(d[5])\(d[6]) --> \(d[7])\(d[8]):\(next(7))\(d[9]):\(next(7))\(d[10]).\(d[11])\(d[12])\(d[13])".utf8)
            let isCommon = line[3] < 0x36 && line[6] < 0x36 && line[20] < 0x36 && line[23] < 0x36
            let changes = round % 3
            for _ in 0..<changes { line[next(line.count)] = replacements[next(replacements.count)] }
            let suffix = Array(suffixes[next(suffixes.count)].utf8)
            let bytes = line + suffix
            bytes.withUnsafeBufferPointer { buffer in
                let end = buffer.firstIndex(of: 0x0A) ?? buffer.count
                let common = WebVTTCommonTiming.read(buffer, from: 0, to: end)
                let reference = Self.fieldByField(buffer, end: end)
                if let common {
                    read += 1
                    #expect(reference?.0 == common.start && reference?.1 == common.end, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                    #expect(reference?.2 == WebVTTCommonTiming.length, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                } else if changes == 0 && isCommon && suffix.first.map({ $0 &- 0x30 >= 10 }) != false {
                    Issue.record("a line of the common form not read: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                }
            }
        }
        #expect(read > 3000, "\(read)")
    }

    @Test func readsTheTimesOfALine() throws {
        let line = Array("01:02:03.456 --> 10:59:59.999 line:0".utf8)
        let times = try #require(line.withUnsafeBufferPointer { WebVTTCommonTiming.read($0, from: 0, to: $0.count) })
        #expect(times.start == Timestamp(milliseconds: 3_723_456))
        #expect(times.end == Timestamp(milliseconds: 39_599_999))
    }
}
