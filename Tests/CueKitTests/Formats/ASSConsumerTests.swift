import Foundation
import Testing
@testable import CueKit

/// What real consumers make of the scripts cues writes: FFmpeg reads them
/// (and libass burns them into a video), pysubs2 loads them. Each runs only
/// where the tool is installed.
enum ASSConsumerSupport {
    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

    /// Cues with styling, a position, a speaker, karaoke, overlaps
    /// and times that round to hundredths.
    static let timeline = Timeline(metadata: [Field("title", .string("Consumers"))], cues: [
        Cue(start: ms(500), end: ms(2_004), speaker: "Ann",
            text: [.text("Hello "), .element(SpanElement(.italic, children: [.text("there")]))]),
        Cue(start: ms(1_000), end: ms(3_000), text: [.text("Top sign")], settings: NumpadPosition.settings(forAlignment: 8)),
        Cue(start: ms(2_505), end: ms(4_000),
            text: [.element(SpanElement(.class, classes: ["yellow"], children: [.text("Kara")])), .timestamp(ms(3_000)), .text("oke")]),
        Cue(start: ms(61_000), end: ms(62_500), text: [.text("Line one"), .lineBreak, .text("line two")]),
    ])
    /// The times as written, in hundredths.
    static let starts: [Int64] = [500, 1_000, 2_510, 61_000]
    static let ends: [Int64] = [2_000, 3_000, 4_000, 62_500]

    /// A temporary folder holding `text` as `name`; removed by the caller.
    static func file(_ text: String, name: String = "out.ass") throws -> (directory: URL, file: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cues-ass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return (directory, file)
    }

    static let hasPySubs2: Bool = {
        guard FFmpegTools.path("python3") != nil, let result = try? FFmpegTools.run("python3", ["-c", "import pysubs2"]) else { return false }
        return result.status == 0
    }()

    static let hasSubtitlesFilter: Bool = {
        guard FFmpegTools.isAvailable, let result = try? FFmpegTools.run("ffmpeg", ["-hide_banner", "-filters"]) else { return false }
        return result.stdout.contains(" subtitles ")
    }()
}

@Suite("FFmpeg reads cues' ASS", .enabled(if: FFmpegTools.isAvailable))
struct ASSFFmpegTests {
    @Test func ffmpegReadsTheSameCuesAndTimes() throws {
        let (text, _) = try Convert.write(ASSConsumerSupport.timeline, as: .ass)
        let (directory, file) = try ASSConsumerSupport.file(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try FFmpegTools.run("ffmpeg", ["-nostdin", "-v", "error", "-i", file.path, "-f", "srt", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let (srt, _) = try Convert.read(result.stdout, name: "ffmpeg.srt", as: .srt)
        #expect(srt.cues.map { $0.start!.milliseconds } == ASSConsumerSupport.starts)
        #expect(srt.cues.map { $0.end!.milliseconds } == ASSConsumerSupport.ends)
        // FFmpeg's SRT keeps the italics and the colour as tags.
        #expect(srt.cues[0].plainText == "Hello there")
        #expect(srt.cues[1].plainText == "Top sign")
        #expect(srt.cues[3].plainText == "Line one\nline two")
    }

    @Test func ffmpegReadsAnASSRoundTripWithCommentsAndSections() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("ass/styled.ass"))
        let (text, _) = try Convert.write(timeline, as: .ass, sourceFormat: .ass)
        let (directory, file) = try ASSConsumerSupport.file(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try FFmpegTools.run("ffmpeg", ["-nostdin", "-v", "error", "-i", file.path, "-f", "srt", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let (srt, _) = try Convert.read(result.stdout, name: "ffmpeg.srt", as: .srt)
        // FFmpeg sorts the events by start; comments are not events it shows.
        let sorted = timeline.cues.sorted { $0.start! < $1.start! }
        #expect(srt.cues.map(\.start) == sorted.map(\.start))
        #expect(srt.cues.map(\.end) == sorted.map(\.end))
    }

    @Test(.enabled(if: ASSConsumerSupport.hasSubtitlesFilter))
    func libassBurnsItIntoAVideo() throws {
        var timeline = ASSConsumerSupport.timeline
        for index in timeline.cues.indices where index > 0 {
            // Within the two seconds of video.
            timeline.cues[index].start = ASSConsumerSupport.ms(Int64(index) * 400)
            timeline.cues[index].end = ASSConsumerSupport.ms(Int64(index) * 400 + 800)
        }
        let (text, _) = try Convert.write(timeline, as: .ass)
        let (directory, file) = try ASSConsumerSupport.file(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try FFmpegTools.run("ffmpeg", [
            "-nostdin", "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=640x360:d=2",
            "-vf", "subtitles=filename=\(file.path)", "-f", "null", "-",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.lowercased().contains("error"), "\(result.stderr)")
    }
}

@Suite("pysubs2 loads cues' ASS", .enabled(if: ASSConsumerSupport.hasPySubs2))
struct ASSPySubs2Tests {
    static let script = """
        import json, sys, pysubs2
        subs = pysubs2.load(sys.argv[1])
        print(json.dumps({"events": [[e.type, e.start, e.end, e.name, e.style, e.plaintext] for e in subs],
                          "styles": sorted(subs.styles.keys()), "title": subs.info.get("Title")}))
        """

    static func load(_ text: String) throws -> [String: Any] {
        let (directory, file) = try ASSConsumerSupport.file(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try FFmpegTools.run("python3", ["-c", script, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    @Test func pysubs2LoadsTheSameCuesAndTimes() throws {
        let (text, _) = try Convert.write(ASSConsumerSupport.timeline, as: .ass)
        let loaded = try Self.load(text)
        let events = loaded["events"] as! [[Any]]
        #expect(events.count == 4)
        #expect(events.map { $0[0] as? String } == Array(repeating: "Dialogue", count: 4))
        #expect(events.map { ($0[1] as! NSNumber).int64Value } == ASSConsumerSupport.starts)
        #expect(events.map { ($0[2] as! NSNumber).int64Value } == ASSConsumerSupport.ends)
        #expect(events.map { $0[3] as? String } == ["Ann", "", "", ""])
        #expect(events.map { $0[5] as? String } == ["Hello there", "Top sign", "Karaoke", "Line one\nline two"])
        #expect(loaded["styles"] as? [String] == ["Default"])
        #expect(loaded["title"] as? String == "Consumers")
    }

    @Test func pysubs2LoadsAnASSRoundTripWithItsComments() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("ass/styled.ass"))
        let (text, _) = try Convert.write(timeline, as: .ass, sourceFormat: .ass)
        let events = try Self.load(text)["events"] as! [[Any]]
        #expect(events.filter { $0[0] as? String == "Comment" }.count == 2)
        let dialogues = events.filter { $0[0] as? String == "Dialogue" }
        #expect(dialogues.map { ($0[1] as! NSNumber).int64Value } == timeline.cues.map { $0.start!.milliseconds })
        #expect(dialogues.map { $0[4] as? String } == ["Default", "Default", "Sign", "Default", "Default", "Default", "Default"])
    }
}
