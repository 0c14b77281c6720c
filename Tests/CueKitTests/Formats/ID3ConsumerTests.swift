import Foundation
import Testing
@testable import CueKit

/// FFmpeg and cues on the same MP3s: chapters FFmpeg writes read in cues,
/// chapters cues writes show in `ffprobe -show_chapters`, and the audio
/// decodes to the same samples. Runs only where `ffmpeg` and `ffprobe` are.
@Suite("FFmpeg and cues agree on MP3 chapters", .enabled(if: FFmpegTools.isAvailable))
struct ID3FFmpegTests {
    /// The chapters of the tests: a title of more than 128 bytes, one with
    /// characters outside Latin-1, an end before the next start.
    static let chapters: [(start: Int64, end: Int64, title: String)] = [
        (0, 4000, "Cold open"),
        (4000, 9500, "Über die Brücke — " + String(repeating: "a long title that runs on, ", count: 5)),
        (9500, 11_000, "Kaffee ☕"),
        (11_000, 12_000, "Outro"),
    ]

    @Test(arguments: [4, 3])
    func chaptersFFmpegWritesReadTheSame(version: Int) throws {
        let mp3 = try ID3Media.make(chapters: Self.chapters, id3Version: version)
        let (timeline, diagnostics) = try Convert.read(mp3, name: "ffmpeg.mp3")
        #expect(timeline.chapters.map(\.title) == Self.chapters.map(\.title))
        #expect(timeline.chapters.map(\.start) == Self.chapters.map { Timestamp(milliseconds: $0.start) })
        #expect(timeline.chapters.map(\.end) == Self.chapters.map { Timestamp(milliseconds: $0.end) })
        #expect(timeline.metadata["title"] == .string("FFmpeg episode"))
        // FFmpeg writes the size of a v2.4 CHAP as a plain integer (its TIT2
        // sync-safe): the long chapter's is read with one repair (see id3.md).
        #expect(diagnostics.map(\.code) == (version == 4 ? ["id3.plain-frame-size"] : []), "\(diagnostics)")
    }

    @Test(arguments: ["none", "v2.3", "v2.4"])
    func chaptersCuesWritesShowInFFprobeAndTheAudioIsUntouched(tag: String) throws {
        let version = ["none": 0, "v2.3": 3, "v2.4": 4][tag]!
        let original = try ID3Media.make(chapters: [], id3Version: version)
        // Titles under 128 bytes in a v2.4 tag: FFmpeg misreads longer sub-frames there.
        let titles = Self.chapters.map { version == 4 ? String($0.title.prefix(40)) : $0.title }
        let timeline = Timeline(chapters: zip(Self.chapters, titles).map { chapter, title in
            Chapter(start: Timestamp(milliseconds: chapter.start), end: Timestamp(milliseconds: chapter.end), title: title)
        })
        let (file, diagnostics) = try Convert.mp3(timeline, into: original)
        #expect(!diagnostics.contains { $0.severity != .note }, "\(diagnostics)")
        #expect(file[3] == (version == 4 ? 4 : 3))
        // The audio: the same bytes, and FFmpeg decodes the same samples.
        let oldTag = ID3TagHeader.tagLength(atStartOf: original.prefix(10))
        let newTag = ID3TagHeader.tagLength(atStartOf: file.prefix(10))
        #expect(file.count - newTag == original.count - oldTag)
        #expect(Array(file[newTag...]) == Array(original[oldTag...]))
        let written = try ID3Media.temporaryFile(file, name: "cues.mp3")
        let source = try ID3Media.temporaryFile(original, name: "ffmpeg.mp3")
        #expect(try ID3Media.decodedDigest(written) == (try ID3Media.decodedDigest(source)))
        let probe = try ID3Media.probeChapters(written)
        #expect(probe.map(\.title) == titles)
        #expect(probe.map(\.start) == Self.chapters.map(\.start))
        #expect(probe.map(\.end) == Self.chapters.map(\.end))
        // MP3 to MP3: read back and written again, every chapter to the millisecond.
        let (read, _) = try Convert.read(file, name: "cues.mp3")
        let (again, _) = try Convert.mp3(read, into: file)
        #expect(again == file)
        #expect(read.chapters.map(\.start) == timeline.chapters.map(\.start))
        #expect(read.chapters.map(\.end) == timeline.chapters.map(\.end))
        #expect(read.chapters.map(\.title) == titles)
    }

    @Test func theLastChapterEndsWhereFFprobeSaysTheAudioEnds() throws {
        let original = try ID3Media.make(chapters: [], id3Version: 0)
        let timeline = Timeline(chapters: [Chapter(start: .zero, title: "A"), Chapter(start: Timestamp(seconds: 5), title: "B")])
        let (file, _) = try Convert.mp3(timeline, into: original)
        let written = try ID3Media.temporaryFile(file, name: "ends.mp3")
        let probe = try ID3Media.probeChapters(written)
        // The Info header FFmpeg wrote counts the frames: 12.042 s of frames.
        #expect(probe.map(\.end) == [5000, 12_042])
        let duration = try FFmpegTools.run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", written.path])
        #expect(duration.stdout.hasPrefix("12.042"))
    }
}

/// mutagen, the Python tag library many podcast tools use, reads the tags
/// cues writes: element ids, times, titles and the table of contents.
@Suite("mutagen reads the ID3 chapters cues writes", .enabled(if: ID3Media.hasMutagen))
struct ID3MutagenTests {
    @Test(arguments: [3, 4])
    func mutagenReadsTheTag(version: Int) throws {
        let timeline = Timeline(chapters: [
            Chapter(start: .zero, title: "Cold open"),
            Chapter(start: Timestamp(milliseconds: 65_250), title: "Über die Brücke", url: "https://example.org/b"),
            Chapter(start: Timestamp(milliseconds: 90_000), end: Timestamp(milliseconds: 95_000), title: "Ad", isInTableOfContents: false),
            Chapter(start: Timestamp(milliseconds: 100_000), end: Timestamp(milliseconds: 120_000), title: String(repeating: "long ", count: 40)),
        ])
        let media = version == 4 ? ID3TestTags.tag(4, ID3TestTags.frame(4, "TPE1", [3, 0x41])) + ID3WriterTests.mpegFrame : ID3WriterTests.mpegFrame
        let (file, _) = try Convert.mp3(timeline, into: media)
        let path = try ID3Media.temporaryFile(file, name: "m.mp3")
        let script = """
            import sys
            from mutagen.id3 import ID3
            tag = ID3(sys.argv[1])
            print(tag.version[1])
            for frame in tag.getall("CTOC"):
                print("|".join(["CTOC", frame.element_id, str(int(frame.flags)), ",".join(frame.child_element_ids)]))
            for frame in tag.getall("CHAP"):
                subs = frame.sub_frames
                url = subs["WXXX:"].url if "WXXX:" in subs else ""
                print("|".join(["CHAP", frame.element_id, str(frame.start_time), str(frame.end_time), str(subs["TIT2"]), url]))
            """
        let run = try FFmpegTools.run("python3", ["-c", script, path.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            \(version)
            CTOC|toc|3|chp0,chp1,chp3
            CHAP|chp0|0|65250|Cold open|
            CHAP|chp1|65250|100000|Über die Brücke|https://example.org/b
            CHAP|chp2|90000|95000|Ad|
            CHAP|chp3|100000|120000|\(String(repeating: "long ", count: 40))|

            """)
    }
}

extension ID3Media {
    static let hasMutagen: Bool = {
        guard FFmpegTools.path("python3") != nil, let run = try? FFmpegTools.run("python3", ["-c", "import mutagen"]) else { return false }
        return run.status == 0
    }()

    /// Twelve seconds of a 440 Hz tone as an MP3 from FFmpeg (LAME, 64
    /// kbit/s, with its Info header), with `chapters` (through an ffmetadata
    /// file) and a title in an ID3 tag of `id3Version` (0: no tag).
    static func make(chapters: [(start: Int64, end: Int64, title: String)], id3Version: Int) throws -> [UInt8] {
        let directory = try temporaryDirectory()
        var metadata = ";FFMETADATA1\ntitle=FFmpeg episode\n"
        for chapter in chapters {
            metadata += "[CHAPTER]\nTIMEBASE=1/1000\nSTART=\(chapter.start)\nEND=\(chapter.end)\ntitle=\(chapter.title)\n"
        }
        let metadataFile = directory.appendingPathComponent("chapters.ffmetadata")
        try Data(metadata.utf8).write(to: metadataFile)
        let output = directory.appendingPathComponent("tone.mp3")
        let run = try FFmpegTools.run("ffmpeg", [
            "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=12", "-i", metadataFile.path,
            "-map", "0", "-map_metadata", "1", "-map_chapters", "1", "-c:a", "libmp3lame", "-b:a", "64k",
            "-id3v2_version", String(id3Version), output.path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        return Array(try Data(contentsOf: output))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cues-id3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func temporaryFile(_ bytes: [UInt8], name: String) throws -> URL {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// The MD5 of the samples FFmpeg decodes from `file`.
    static func decodedDigest(_ file: URL) throws -> String {
        let run = try FFmpegTools.run("ffmpeg", ["-nostdin", "-v", "error", "-i", file.path, "-map", "0:a", "-f", "md5", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// The chapters `ffprobe -show_chapters` lists, in milliseconds.
    static func probeChapters(_ file: URL) throws -> [(start: Int64, end: Int64, title: String?)] {
        let run = try FFmpegTools.run("ffprobe", ["-v", "error", "-show_chapters", "-of", "json", file.path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (json?["chapters"] as? [[String: Any]] ?? []).map { chapter in
            // ID3 chapters have the time base 1/1000.
            (Int64(chapter["start"] as? Int ?? -1), Int64(chapter["end"] as? Int ?? -1),
             (chapter["tags"] as? [String: Any])?["title"] as? String)
        }
    }
}
