import Foundation
import Testing

/// Hostile and degenerate files through the `cues` tool, each ending in a
/// located error or a correct result within a time and a peak memory bound,
/// measured on the process alone (see `MeasuredRun`).
///
/// The bounds are for the debug build the tests run; a release build is
/// several times faster. They are far below what a hang or an expansion
/// would take, and near what a correct run needs, so a regression in either
/// shows. The suite is serialized so that the big runs do not share the cores.
@Suite("Hostile input through cues", .serialized)
struct HostileInputCommandTests {
    static let megabyte = 1 << 20

    /// A folder holding `name` with `content`, written in pieces.
    static func folder(with name: String, _ pieces: some Sequence<String>) throws -> (URL, URL) {
        let directory = try Cues.temporaryDirectory()
        let file = directory.appendingPathComponent(name)
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        var buffer = ""
        for piece in pieces {
            buffer += piece
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        try handle.close()
        return (directory, file)
    }

    /// Counts `needle` in the bytes of `file`.
    static func count(_ needle: String, in file: URL) throws -> Int {
        let data = try Data(contentsOf: file)
        let pattern = Array(needle.utf8)
        return data.withUnsafeBytes { raw -> Int in
            var found = 0, index = 0
            let bytes = raw.bindMemory(to: UInt8.self)
            while index + pattern.count <= bytes.count {
                if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                    found += 1
                    index += pattern.count
                } else {
                    index += 1
                }
            }
            return found
        }
    }

    static func srtTime(_ ms: Int) -> String {
        String(format: "%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    // MARK: Size

    @Test(.heavy, arguments: [("line.srt", "vtt"), ("line.vtt", "srt")])
    func aHundredMegabyteLineIsOneCue(name: String, to target: String) throws {
        let header = name.hasSuffix(".srt") ? "1\n00:00:01,000 --> 00:00:02,000\n" : "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
        let chunk = String(repeating: "x", count: 1 << 20)
        let (directory, input) = try Self.folder(with: name, [header] + Array(repeating: chunk, count: 100) + ["\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--to", target, "-o", "out." + target], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.seconds < 60)
        #expect(run.peakBytes < 450 * Self.megabyte, "peak \(run.megabytes) MB for a 100 MB input")
        let output = try Data(contentsOf: directory.appendingPathComponent("out." + target))
        #expect(output.count > 100 << 20 && output.count < (100 << 20) + 64)
        #expect(output.suffix(12) == Data("xxxxxxxxxxx\n".utf8))
    }

    @Test(.heavy) func aHundredMegabytesOfNoSRTIsALocatedErrorOfOneLine() throws {
        let chunk = String(repeating: "x", count: 1 << 20)
        let (directory, input) = try Self.folder(with: "junk.srt", Array(repeating: chunk, count: 100))
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--to", "vtt", "-o", "out.vtt"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(input.path):1:1: error: [srt] expected a timing line"))
        #expect(run.stderr.utf8.count < 300, "the message quotes an excerpt, not the line")
        #expect(run.seconds < 30)
        #expect(run.peakBytes < 300 * Self.megabyte, "peak \(run.megabytes) MB")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.vtt").path))
    }

    @Test(.heavy, arguments: ["srt", "vtt"])
    func aMillionOneCharacterCuesStreamInBoundedMemory(format: String) throws {
        let cues = (0..<1_000_000).lazy.map { index -> String in
            let start = Self.srtTime(index * 10), end = Self.srtTime(index * 10 + 10)
            return format == "srt"
                ? "\(index + 1)\n\(start) --> \(end)\nx\n\n"
                : "\(start.replacingOccurrences(of: ",", with: ".")) --> \(end.replacingOccurrences(of: ",", with: "."))\nx\n\n"
        }
        let header = format == "srt" ? [] : ["WEBVTT\n\n"]
        let (directory, input) = try Self.folder(with: "million." + format, header + Array(cues))
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = format == "srt" ? "vtt" : "srt"
        let run = try MeasuredRun.cues(["convert", input.path, "--to", target, "-o", "out." + target], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.seconds < 90)
        // Streamed cue by cue: memory does not grow with the number of cues.
        #expect(run.peakBytes < 128 * Self.megabyte, "peak \(run.megabytes) MB")
        #expect(try Self.count(" --> ", in: directory.appendingPathComponent("out." + target)) == 1_000_000)
    }

    @Test(.heavy) func cuesWithMarkupOtherFormatsDropStreamInBoundedMemory() throws {
        // Every cue keeps SRT-only markup for SRT output; for WebVTT it is
        // counted, not kept, so memory does not grow with the cues.
        let cues = (0..<300_000).lazy.map { index -> String in
            "\(index + 1)\n\(Self.srtTime(index * 1000)) --> \(Self.srtTime(index * 1000 + 900))\n{\\an8}<font size=\"20\">line \(index) with some text</font>\n\n"
        }
        let (directory, input) = try Self.folder(with: "marked.srt", cues)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--to", "vtt", "-o", "out.vtt"], in: directory)
        #expect(run.status == 0)
        #expect(run.stderr == "\(input.path): warning: [srt] 300000 cue(s) have SRT markup that maps to no span (such as <s>, <font size>, unknown tags or {\\…} codes), which vtt cannot hold; written without it\n")
        #expect(run.peakBytes < 128 * Self.megabyte, "peak \(run.megabytes) MB")
        let written = try String(contentsOf: directory.appendingPathComponent("out.vtt"), encoding: .utf8)
        #expect(written.hasSuffix("\n83:19:59.000 --> 83:19:59.900 line:0 align:center\nline 299999 with some text\n"))
    }

    @Test(.heavy) func aMillionZeroLengthCuesGiveAHundredWarningsAndACount() throws {
        // Every cue ends where it starts, and the times restart each minute.
        let cues = (0..<200_000).lazy.map { index -> String in
            let time = Self.srtTime(index % 60_000)
            return "\(index + 1)\n\(time) --> \(time)\nx\n\n"
        }
        let (directory, input) = try Self.folder(with: "zero.srt", cues)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--to", "vtt", "-o", "out.vtt"], in: directory)
        #expect(run.status == 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count <= 200)
        #expect(lines.contains { $0.hasSuffix("more like this left out)") })
        #expect(run.peakBytes < 192 * Self.megabyte, "peak \(run.megabytes) MB")
    }

    @Test(.heavy) func aFeedWithAMillionItemsIsRead() throws {
        let items = (1...1_000_000).lazy.map { "<item><title>Episode \($0)</title><guid>g\($0)</guid></item>\n" }
        let (directory, input) = try Self.folder(
            with: "big.rss", ["<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Big</title>\n"] + Array(items)
                + ["</channel></rss>\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--item", "1000000", "--to", "timeline"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: run.stdoutFile, encoding: .utf8).contains("\"Episode 1000000\""))
        #expect(run.seconds < 90)
        // 63 MB of XML: libxml2's tree of it is most of this (see Formats/robustness.md).
        #expect(run.peakBytes < 1536 * Self.megabyte, "peak \(run.megabytes) MB")
    }

    // MARK: Structure

    @Test(arguments: ["srt", "vtt"])
    func tagsNestedTenThousandDeepKeepTheirText(format: String) throws {
        let body = String(repeating: "<i>", count: 10_000) + "deep" + String(repeating: "</i>", count: 10_000)
        let text = format == "srt" ? "1\n00:00:01,000 --> 00:00:02,000\n\(body)\n" : "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\(body)\n"
        let (directory, input) = try Self.folder(with: "deep." + format, [text])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--to", "srt,vtt", "--out-dir", "out"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("deep.\(format):\(format == "srt" ? 3 : 4):193: warning: [\(format)] expected tags nested at most 64 deep"))
        #expect(run.seconds < 10)
        for target in ["srt", "vtt"] {
            let written = try String(contentsOf: directory.appendingPathComponent("out/deep.\(target)"), encoding: .utf8)
            // SRT to SRT keeps the markup as it was; otherwise the 64 outer levels are kept.
            let kept = format == "srt" && target == "srt" ? 10_000 : 64
            #expect(written.hasSuffix("\n" + String(repeating: "<i>", count: kept) + "deep" + String(repeating: "</i>", count: kept) + "\n"))
        }
    }

    @Test func anAliasBombIsStoppedQuicklyInLittleMemory() throws {
        var text = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 1...12 {
            text += "b\(level): &b\(level) [" + Array(repeating: "*" + previous, count: 10).joined(separator: ", ") + "]\n"
            previous = "b\(level)"
        }
        let (directory, input) = try Self.folder(with: "bomb.md", [text + "transcript: []\n---\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--to", "vtt"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("bomb.md:"))
        #expect(run.stderr.contains("error: [episode]"))
        #expect(run.stderr.contains("aliases that expand"))
        #expect(run.seconds < 5)
        #expect(run.peakBytes < 64 * Self.megabyte, "peak \(run.megabytes) MB")
    }

    @Test func billionLaughsAreStoppedQuicklyInLittleMemory() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", Cues.sample("invalid/rss-billion-laughs.rss"), "--to", "chapters"], in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.contains("rss-billion-laughs.rss:"))
        #expect(run.seconds < 5)
        #expect(run.peakBytes < 64 * Self.megabyte, "peak \(run.megabytes) MB")
    }

    // MARK: Times

    @Test func timesNearTheInt64LimitsAreSkippedOrStopAtTheLargestTime() throws {
        let text = """
            WEBVTT

            9999999999999999999:00:00.000 --> 9999999999999999999:00:01.000
            too large

            2562047788015:12:55.806 --> 2562047788015:12:55.807
            the largest time

            -00:00:01.000 --> 00:00:02.000
            negative

            """
        let (directory, input) = try Self.folder(with: "limits.vtt", [text])
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try MeasuredRun.cues(["convert", input.path, "--to", "srt", "--shift", "+5s"], in: directory)
        #expect(run.status == 0)
        #expect(try String(contentsOf: run.stdoutFile, encoding: .utf8)
            == "1\n2562047788015:12:55,807 --> 2562047788015:12:55,807\nthe largest time\n")
        #expect(run.stderr.contains("limits.vtt:3:1: warning: [vtt]"))
        #expect(run.stderr.contains("the time is too large; the cue is skipped"))
        #expect(run.stderr.contains("limits.vtt:9:1: warning: [vtt]"))
        #expect(run.stderr.contains("limits.vtt:6:1: warning: [vtt] 1 cue(s) pass the largest time"))
    }

    @Test func srtTimesTooLargeOrNegativeAreLocatedErrors() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases = [
            ("huge.srt", "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n9999999999999999999:00:00,000 --> 9999999999999999999:00:01,000\nhuge\n",
             "huge.srt:6:1: error: [srt] expected a start time such as 00:01:02,500, found '9999999999999999999:00:00,000', which is too large"),
            ("negative.srt", "1\n-00:00:01,000 --> 00:00:02,000\nnegative\n",
             "negative.srt:2:1: error: [srt] expected a start time such as 00:01:02,500, found '-00:00:01,000'"),
        ]
        for (name, text, expected) in cases {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
            let run = try MeasuredRun.cues(["convert", directory.appendingPathComponent(name).path, "--to", "vtt"], in: directory)
            #expect(run.status == 1)
            #expect(run.stderr.contains(expected), "\(run.stderr)")
        }
    }
}
