import Foundation
import Testing

/// `cues convert` with MP3 files: chapters read from an MP3's tag (never its
/// audio), and written into a new MP3 (`--to id3 --media`) or over the
/// media file (`--in-place --force`), the audio copied unchanged.
@Suite("cues convert: ID3 chapters in MP3 files")
struct ID3CommandTests {
    let sample = Cues.sample("id3/chapters.mp3")

    static let chaptersJSON = """
        {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 5.25, "title": "Über die Brücke"}, {"startTime": 9, "title": "Outro"}]}
        """

    /// The chapters of `chaptersJSON` as an mp4chaps list.
    static let mp4chaps = "00:00:00.000 Intro\n00:00:05.250 Über die Brücke\n00:00:09.000 Outro\n"

    /// A directory with `chapters.json` and a copy of the sample MP3 as `episode.mp3`.
    private func workspace() throws -> URL {
        let directory = try Cues.temporaryDirectory()
        try Data(Self.chaptersJSON.utf8).write(to: directory.appendingPathComponent("chapters.json"))
        try FileManager.default.copyItem(atPath: sample, toPath: directory.appendingPathComponent("episode.mp3").path)
        return directory
    }

    private func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// The length of the ID3 tag at the start of `file`.
    private func tagLength(_ file: [UInt8]) -> Int {
        10 + file[6..<10].reduce(0) { $0 << 7 | Int($1) } + (file[5] & 0x10 != 0 ? 10 : 0)
    }

    @Test func readsTheChaptersOfAnMP3() throws {
        let result = try Cues.run(["convert", sample, "--to", "youtube-chapters"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "0:00 Cold open\n1:00 Über die Brücke\n2:00 Outro café\n")
        let info = try Cues.run(["info", sample])
        #expect(info.stdout.contains("format:   ID3v2 chapters (MP3) (id3), binary"))
        #expect(info.stdout.contains("chapters: 4"))
    }

    @Test(arguments: [
        ("id3-truncated.mp3", "1:56: error: [id3] expected a tag of 522 bytes (the size its header gives), found the file ends after 55 bytes"),
        ("id3-frame-past-end.mp3", "1:15: error: [id3] expected frame 'CHAP' to end within the tag (at most 35 bytes of data), found the size 4096"),
        ("id3-unsynchronised-bad-encoding.mp3", "1:60: error: [id3] expected a text encoding byte from $00 to $03 in TIT2 of chapter 'cy', found 07"),
    ])
    func brokenTagsFailWithTheirLocatedError(file: String, error: String) throws {
        let path = Cues.sample("invalid/" + file)
        let run = try Cues.run(["convert", path, "--to", "chapters"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(path + ":" + error), "\(run.stderr)")
    }

    @Test func writesANewMP3OfTheTagWithTheChaptersAndTheAudio() throws {
        let directory = try workspace()
        let media = directory.appendingPathComponent("episode.mp3"), output = directory.appendingPathComponent("out.mp3")
        let before = try bytes(media)
        let result = try Cues.run(["convert", directory.appendingPathComponent("chapters.json").path, "--to", "id3",
                                   "--media", media.path, "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try bytes(media) == before)
        let written = try bytes(output)
        // The audio after the tag: the same bytes.
        #expect(Array(written[tagLength(written)...]) == Array(before[tagLength(before)...]))
        let read = try Cues.run(["convert", output.path, "--to", "mp4chaps", "-q"])
        #expect(read.stdout == Self.mp4chaps)
        // The media's other frames are kept: its title is still there.
        #expect(try Cues.run(["info", output.path]).stdout.contains("title:    Harbour episode"))
    }

    @Test(arguments: [
        (["--to", "id3"], "--to id3 needs --media FILE: the MP3 the chapters go into"),
        (["--to", "chapters", "--media", "M"], "--media is for an id3 or html output; add one to --to"),
        (["--to", "html", "--media", "M", "--in-place"], "--in-place needs --to id3"),
        (["--to", "chapters", "--in-place"], "--in-place needs --media FILE and --to id3"),
        (["--to", "id3", "--media", "M", "-o", "M"], "the output 'M' is the --media file; pass --in-place (with --force) to write over it"),
        (["--to", "id3", "--media", "M", "--in-place", "-o", "x.mp3"], "--in-place writes over the --media file; leave out -o and --out-dir"),
        (["--to", "id3,chapters", "--media", "M", "--in-place", "--out-dir", "o"], "--in-place writes the id3 output only; convert to other formats in another run"),
        (["J", "--to", "id3", "--media", "M", "--out-dir", "o"], "--media takes one input: the chapters of one MP3"),
    ])
    func mediaMistakesAreUsageErrors(arguments: [String], message: String) throws {
        let directory = try workspace()
        let names = ["M": directory.appendingPathComponent("episode.mp3").path, "J": directory.appendingPathComponent("chapters.json").path]
        let resolved = arguments.map { names[$0] ?? $0 }
        let run = try Cues.run(["convert", names["J"]!] + resolved)
        #expect(run.status == 64, "\(run.stderr)")
        let shown = message.replacingOccurrences(of: "'M'", with: "'\(names["M"]!)'")
        #expect(run.stderr.hasPrefix("error: " + shown), "\(run.stderr)")
    }

    /// One `--media` serves both outputs that name media: the id3 output
    /// reads the MP3, the html page plays it.
    @Test func oneMediaServesAnID3AndAnHTMLOutput() throws {
        let directory = try workspace()
        let media = directory.appendingPathComponent("episode.mp3").path
        let out = directory.appendingPathComponent("out")
        let run = try Cues.run([
            "convert", directory.appendingPathComponent("chapters.json").path, "--to", "id3,html",
            "--media", media, "--out-dir", out.path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let mp3 = try bytes(out.appendingPathComponent("chapters.mp3"))
        #expect(Array(mp3.prefix(3)) == Array("ID3".utf8))
        let page = String(decoding: try bytes(out.appendingPathComponent("chapters.html")), as: UTF8.self)
        #expect(page.contains("<audio") && page.contains(media), "\(page.prefix(2000))")
    }

    @Test func inPlaceNeedsForceThenReplacesTheFileAtomicallyKeepingItsMode() throws {
        let directory = try workspace()
        let media = directory.appendingPathComponent("episode.mp3"), json = directory.appendingPathComponent("chapters.json")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: media.path)
        let before = try bytes(media)
        let refused = try Cues.run(["convert", json.path, "--to", "id3", "--media", media.path, "--in-place"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists; pass --force to replace it"))
        #expect(try bytes(media) == before)
        let inode = try FileManager.default.attributesOfItem(atPath: media.path)[.systemFileNumber] as? Int
        let replaced = try Cues.run(["convert", json.path, "--to", "id3", "--media", media.path, "--in-place", "--force", "-q"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let after = try bytes(media)
        #expect(Array(after[tagLength(after)...]) == Array(before[tagLength(before)...]))
        let attributes = try FileManager.default.attributesOfItem(atPath: media.path)
        #expect(attributes[.posixPermissions] as? Int == 0o640)
        // Written to a temporary file and renamed over the old one.
        #expect(attributes[.systemFileNumber] as? Int != inode)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["chapters.json", "episode.mp3"])
        #expect(try Cues.run(["convert", media.path, "--to", "mp4chaps", "-q"]).stdout == Self.mp4chaps)
    }

    @Test func anMP3ItsOwnInputShiftsItsChaptersInPlace() throws {
        let directory = try workspace()
        let media = directory.appendingPathComponent("episode.mp3")
        let run = try Cues.run(["convert", media.path, "--shift", "2s", "--to", "id3", "--media", media.path, "--in-place", "-f", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let read = try Cues.run(["convert", media.path, "--to", "chapters", "-q"])
        let object = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any]
        let starts = (object?["chapters"] as? [[String: Any]])?.compactMap { ($0["startTime"] as? NSNumber)?.doubleValue }
        #expect(starts == [2, 32, 62, 122.5])
    }

    @Test func anOutputThatWouldBeTheMediaFileIsRefused() throws {
        let directory = try workspace()
        let json = directory.appendingPathComponent("episode.chapters.json")
        try FileManager.default.moveItem(at: directory.appendingPathComponent("chapters.json"), to: json)
        let media = directory.appendingPathComponent("episode.mp3")
        let before = try bytes(media)
        // --out-dir names the output episode.mp3, which is the media file.
        let run = try Cues.run(["convert", json.path, "--to", "id3", "--media", media.path, "--out-dir", directory.path, "-f"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("it is an input of this run"), "\(run.stderr)")
        #expect(try bytes(media) == before)
    }

    @Test func readingStopsAtTheEndOfTheTag() throws {
        // Standard input gives the tag and is then held open, as a stream of
        // audio that never ends would be: cues must not wait for more.
        let file = try bytes(URL(fileURLWithPath: sample))
        let process = Process()
        process.executableURL = Cues.executable
        process.arguments = ["convert", "-", "--from", "id3", "--to", "youtube-chapters", "-q"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(file[..<tagLength(file)]))
        // Only a safeguard against a hang, not a measure of time.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { kill(pid, SIGKILL) } }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try input.fileHandleForWriting.close()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: stdout, as: UTF8.self) == "0:00 Cold open\n1:00 Über die Brücke\n2:00 Outro café\n")
    }

    @Test(.enabled(if: ID3CommandTests.hasFFmpeg))
    func ffprobeShowsTheChaptersAndTheAudioDecodesTheSame() throws {
        let directory = try workspace()
        let media = directory.appendingPathComponent("tone.mp3"), output = directory.appendingPathComponent("out.mp3")
        let made = try Cues.runTool("ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=12",
                                               "-c:a", "libmp3lame", "-b:a", "64k", media.path])
        #expect(made.status == 0, "\(made.stderr)")
        let run = try Cues.run(["convert", directory.appendingPathComponent("chapters.json").path, "--to", "id3",
                                "--media", media.path, "-o", output.path, "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let probe = try Cues.runTool("ffprobe", ["-v", "error", "-show_chapters", "-of", "csv=p=0", output.path])
        // id, time base, start, start time, end, end time, title; the last ends where the audio does.
        #expect(probe.stdout == """
            0,1/1000,0,0.000000,5250,5.250000,Intro
            1,1/1000,5250,5.250000,9000,9.000000,Über die Brücke
            2,1/1000,9000,9.000000,12042,12.042000,Outro

            """)
        let digest = { (file: URL) in try Cues.runTool("ffmpeg", ["-nostdin", "-v", "error", "-i", file.path, "-f", "md5", "-"]).stdout }
        #expect(try digest(output) == (try digest(media)))
        #expect(try digest(output).hasPrefix("MD5="))
    }

    static let hasFFmpeg = ["ffmpeg", "ffprobe"].allSatisfy { tool in
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }
}

extension Cues {
    /// Runs another program (found on the PATH) with `arguments`.
    static func runTool(_ tool: String, _ arguments: [String]) throws -> Result {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? tool
        return try run(arguments, executable: URL(fileURLWithPath: path))
    }
}
