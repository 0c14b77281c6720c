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

    /// A file of more than 1 MB is read on a thread of its own unless
    /// `--jobs 1` says otherwise: the two give the same output and messages,
    /// also for Windows-1252 text (not UTF-8) near the end.
    @Test func largeFilesConvertTheSameOnOneThreadAndOnTwo() throws {
        var srt = ""
        for index in 0..<20_000 {
            let second = index / 4
            srt += "\(index % 5_000 == 7 ? index + 2 : index + 1)\n"
            srt += "00:\(String(format: "%02d:%02d", second / 60 % 60, second % 60)),\(String(format: "%03d", index % 4 * 250)) --> 00:59:59,000\n"
            srt += index % 9 == 0 ? "<i>Line \(index)</i> & more\n\n" : "Line \(index) été\nsecond line\n\n"
        }
        let directory = try Cues.temporaryDirectory()
        var bytes = Array(srt.utf8)
        #expect(bytes.count > 1 << 20)
        let utf8 = directory.appendingPathComponent("large.srt")
        try Data(bytes).write(to: utf8)
        bytes.append(contentsOf: Array("20001\n01:00:00,000 --> 01:00:01,000\nCaf".utf8) + [0xE9, 0x0A])
        let windows = directory.appendingPathComponent("large-1252.srt")
        try Data(bytes).write(to: windows)
        for input in [utf8, windows] {
            let two = try Cues.run(["convert", input.path, "--to", "vtt"])
            let one = try Cues.run(["convert", input.path, "--to", "vtt", "--jobs", "1"])
            #expect(two.status == 0 && one.status == 0)
            #expect(two.stdout == one.stdout)
            #expect(two.stderr == one.stderr)
            #expect(two.stderr.contains("\(input.lastPathComponent):6:1: warning: [srt] expected the cue to start at or after"))
        }
        let fallback = try Cues.run(["convert", windows.path, "--to", "vtt"])
        #expect(fallback.stdout.hasSuffix("\nCafé\n"))
        #expect(fallback.stderr.contains("large-1252.srt:\(srt.utf8.count(where: { $0 == 0x0A }) + 3):4: warning: [srt]"))
        // Named as another format: said once, whether the text is UTF-8 or not.
        for (input, misnamed) in [(utf8, "misnamed.vtt"), (windows, "misnamed-1252.vtt")] {
            let renamed = directory.appendingPathComponent(misnamed)
            try FileManager.default.copyItem(at: input, to: renamed)
            let result = try Cues.run(["convert", renamed.path, "--to", "srt"])
            #expect(result.status == 0)
            #expect(result.stderr.components(separatedBy: "the name says WebVTT but the content reads as SubRip (SRT)").count == 2, "\(misnamed)")
        }
    }

    @Test func aMappedFileIsReadWhole() throws {
        // Canonical SRT converts to itself byte for byte: past 1 MB the file
        // is mapped into memory, and no byte may be lost or moved; from a
        // pipe it is read.
        var srt = ""
        var index = 0
        while srt.utf8.count < 3 << 20 {
            index += 1
            let start = index * 1_500
            srt += "\(index)\n\(Self.clock(start)) --> \(Self.clock(start + 1_000))\nLine \(index): café, 東京 🙂\nand a second line \(index)\n\n"
        }
        srt.removeLast()  // the writer ends the last cue with its text
        let directory = try Cues.temporaryDirectory()
        let input = directory.appendingPathComponent("mapped.srt")
        try Data(srt.utf8).write(to: input)
        let result = try Cues.run(["convert", input.path, "--to", "srt"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == srt)
        let piped = try Cues.run(["convert", "-", "--from", "srt", "--to", "srt"], stdin: Data(srt.utf8))
        #expect(piped.stdout == srt)
    }

    private static func clock(_ milliseconds: Int) -> String {
        String(format: "%02d:%02d:%02d,%03d", milliseconds / 3_600_000, milliseconds / 60_000 % 60, milliseconds / 1000 % 60, milliseconds % 1000)
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
        // A name iconv does not know is a usage error, before anything is read.
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("error: unknown encoding 'KLINGON'; expected a name iconv knows"), "\(unknown.stderr)")
        let speakers = try Cues.run(["convert", Cues.sample("srt/speakers.srt"), "--to", "vtt", "--speaker-labels"])
        #expect(speakers.stdout.contains("00:00:03.000 --> 00:00:04.000\n<v GRACE HOPPER>A YouTube-style label.\n"))
    }
}
