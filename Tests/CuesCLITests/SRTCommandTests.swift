import Foundation
import Testing

/// The SRT options of `cues convert`, run as a user would.
@Suite("cues convert with SRT")
struct SRTCommandTests {
    @Test func malformedSRTExitsOneWithALocatedErrorAndWritesNothing() throws {
        let directory = try Cues.temporaryDirectory()
        let output = directory.appendingPathComponent("out.vtt").path
        let result = try Cues.run(["convert", Cues.sample("invalid/srt-missing-arrow.srt"), "--to", "vtt", "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("srt-missing-arrow.srt:6:14: error: [srt] expected '-->' after the start time, found '->'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func strictTurnsRepairsIntoErrors() throws {
        let lenient = try Cues.run(["convert", Cues.sample("srt/repairs.srt"), "--to", "vtt"])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("repairs.srt:6:1: warning: [srt] expected hours in the start time, found '00:03,000'"))
        let strict = try Cues.run(["convert", Cues.sample("srt/repairs.srt"), "--to", "vtt", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("repairs.srt:2:1: error: [srt] expected three millisecond digits"))
        #expect(strict.stdout.isEmpty)
    }

    @Test func crlfAndBOMFlags() throws {
        let plain = try Cues.run(["convert", Cues.sample("srt/canonical.srt"), "--to", "srt"])
        #expect(plain.status == 0)
        #expect(plain.stdout.hasPrefix("1\n00:00:01,000 --> 00:00:03,500\nWelcome to the show.\n\n2\n"))
        let windows = try Cues.run(["convert", Cues.sample("srt/canonical.srt"), "--to", "srt", "--crlf", "--bom"])
        #expect(windows.status == 0)
        #expect(windows.stdout.hasPrefix("\u{FEFF}1\r\n00:00:01,000 --> 00:00:03,500\r\nWelcome to the show.\r\n\r\n2\r\n"))
    }

    @Test func encodingAndSpeakerLabels() throws {
        let chinese = try Cues.run(["convert", Cues.sample("srt/chinese-gb2312.srt"), "--to", "vtt", "--encoding", "GB2312"])
        #expect(chinese.status == 0)
        #expect(chinese.stdout.contains("\n中文字幕测试\n"))
        #expect(chinese.stderr.isEmpty)
        let unknown = try Cues.run(["convert", Cues.sample("srt/french.srt"), "--to", "vtt", "--encoding", "KLINGON"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("found 'KLINGON'"))
        let speakers = try Cues.run(["convert", Cues.sample("srt/speakers.srt"), "--to", "vtt", "--speaker-labels"])
        #expect(speakers.stdout.contains("00:00:03.000 --> 00:00:04.000\n<v GRACE HOPPER>A YouTube-style label.\n"))
    }
}
