import Foundation
import Testing

/// Many inputs, many outputs, reports and transforms, through the built binary.
@Suite("cues convert in batches")
struct BatchCommandTests {
    /// A folder with two good episodes and one broken one.
    private func inputs() throws -> URL {
        let directory = try Cues.temporaryDirectory().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Cues.sample("episode/minimal.md"), toPath: directory.appendingPathComponent("a-minimal.md").path)
        try FileManager.default.copyItem(atPath: Cues.sample("invalid/sec-not-number.md"), toPath: directory.appendingPathComponent("b-broken.md").path)
        try FileManager.default.copyItem(atPath: Cues.sample("episode/hard-cases.md"), toPath: directory.appendingPathComponent("c-hard.md").path)
        return directory
    }

    @Test func manyInputsToSeveralFormatsWithOneBadInput() throws {
        let input = try inputs()
        let out = input.deletingLastPathComponent().appendingPathComponent("out")
        let result = try Cues.run(["convert", input.path, "--to", "vtt,srt", "--out-dir", out.path, "--jobs", "2"])
        #expect(result.status == 1)
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(written == ["a-minimal.srt", "a-minimal.vtt", "c-hard.srt", "c-hard.vtt"])
        #expect(result.stderr.contains("b-broken.md:8:8: error: [episode] expected a number of seconds after 'sec:', found 'one minute'"))
        // Results are reported in input order: a's notes (none), b's error, then c's warnings.
        let errorAt = try #require(result.stderr.range(of: "b-broken.md:8:8"))
        let hardAt = try #require(result.stderr.range(of: "c-hard.md:"))
        #expect(errorAt.lowerBound < hardAt.lowerBound)
    }

    @Test func inputsOfTheSameNameAreWrittenApartAndAllConverted() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Cues.sample("psc/chapters.psc.xml"), toPath: inputs.appendingPathComponent("ep1.psc.xml").path)
        try FileManager.default.copyItem(atPath: Cues.sample("chapters/full.chapters.json"), toPath: inputs.appendingPathComponent("ep1.chapters.json").path)
        let out = directory.appendingPathComponent("out").path
        // Twice: the names are the same on every run.
        for force in [[], ["--force"]] {
            let run = try Cues.run(["convert", inputs.path, "--to", "vtt-chapters,ffmetadata", "--out-dir", out] + force)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["ep1-2.chapters.vtt", "ep1-2.ffmetadata", "ep1.chapters.vtt", "ep1.ffmetadata"])
            #expect(run.stderr.contains("\(inputs.path)/ep1.psc.xml: warning: '\(inputs.path)/ep1.chapters.json' writes '\(out)/ep1.chapters.vtt' too; the outputs of this input are named 'ep1-2' instead"), "\(run.stderr)")
        }
        // The input listed first keeps the name: ep1.chapters.json sorts first.
        let first = try String(contentsOfFile: out + "/ep1.ffmetadata", encoding: .utf8)
        let written = try Cues.run(["convert", inputs.appendingPathComponent("ep1.chapters.json").path, "--to", "ffmetadata"])
        #expect(first == written.stdout)
    }

    @Test func checkReportsItsCountsAsJSON() throws {
        let run = try Cues.run(["check", Cues.sample("srt/canonical.srt"), Cues.sample("invalid/srt-bad-time.srt"), "--json"])
        #expect(run.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(report?["succeeded"] as? Int == 1)
        #expect(report?["failed"] as? Int == 1)
        #expect((report?["inputs"] as? [[String: Any]])?.map { $0["status"] as? String } == ["ok", "failed"])
    }

    @Test func existingOutputsNeedForce() throws {
        let input = try inputs()
        let out = input.deletingLastPathComponent().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let existing = out.appendingPathComponent("a-minimal.vtt")
        try Data("keep me\n".utf8).write(to: existing)
        let file = input.appendingPathComponent("a-minimal.md").path
        let refused = try Cues.run(["convert", file, "--to", "vtt", "--out-dir", out.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("a-minimal.vtt' already exists; pass --force to replace it"))
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me\n")
        let forced = try Cues.run(["convert", file, "--to", "vtt", "--out-dir", out.path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: existing, encoding: .utf8).hasPrefix("WEBVTT"))
    }

    @Test func jsonReport() throws {
        let input = try inputs()
        let out = input.deletingLastPathComponent().appendingPathComponent("out")
        let result = try Cues.run(["convert", input.path, "--to", "srt", "--out-dir", out.path, "--json"])
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["succeeded"] as? Int == 2)
        #expect(report["failed"] as? Int == 1)
        let entries = try #require(report["inputs"] as? [[String: Any]])
        #expect(entries.map { ($0["input"] as? String)?.split(separator: "/").last.map(String.init) } == ["a-minimal.md", "b-broken.md", "c-hard.md"])
        #expect(entries.map { $0["status"] as? String } == ["ok", "failed", "ok"])
        let error = try #require((entries[1]["errors"] as? [[String: Any]])?.first)
        #expect(error["line"] as? Int == 8)
        #expect(error["column"] as? Int == 8)
        #expect(error["code"] as? String == "episode.sec-not-number")
        let outputs = try #require(entries[2]["outputs"] as? [[String: Any]])
        #expect(outputs.first?["status"] as? String == "written")
        #expect((outputs.first?["path"] as? String)?.hasSuffix("/out/c-hard.srt") == true)
        let warnings = try #require(entries[2]["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["code"] as? String == "inference.time-backwards" && $0["line"] as? Int == 33 })
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonReportCountsTheWarningsLeftOut() throws {
        // 150 cues each starting before the one above: 100 warnings listed, the last counting 50 more.
        let cues = (0..<151).map { "\($0 + 1)\n00:00:\(String(format: "%02d", 59 - $0 % 60)),000 --> 00:01:00,000\nx\n\n" }
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("backwards.srt")
        try Data(cues.joined().utf8).write(to: input)
        let result = try Cues.run(["check", input.path, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entries = try #require(report["inputs"] as? [[String: Any]])
        let backwards = try #require(entries.first?["warnings"] as? [[String: Any]]).filter { $0["code"] as? String == "inference.time-backwards" }
        #expect(backwards.count == 100)
        #expect(backwards.dropLast().allSatisfy { $0["omitted"] == nil })
        #expect(backwards.last?["line"] as? Int == 406)  // the 100th: cue 102, at 0:18
        // Starts 59, 58, ..., 0, then again from 59: every cue but the three at 0:59 is out of order.
        #expect(backwards.count + (backwards.last?["omitted"] as? Int ?? 0) == 148)
    }

    @Test func shiftAndScaleAreExactToTheMillisecond() throws {
        let sample = Cues.sample("episode/minimal.md")
        let shifted = try Cues.run(["convert", sample, "--to", "srt", "--shift", "+1.234s", "-q"])
        #expect(shifted.stdout.contains("00:00:01,234 --> 00:00:06,234"))
        let clock = try Cues.run(["convert", sample, "--to", "srt", "--shift", "+00:00:02.001", "-q"])
        #expect(clock.stdout.contains("00:00:02,001 --> 00:00:07,001"))
        // 5 s from 25 to 23.976 fps: 5000 * 25 / 23.976 = 5213.547... → 5214 ms.
        let scaled = try Cues.run(["convert", sample, "--to", "srt", "--scale", "25:23.976", "-q"])
        #expect(scaled.stdout.contains("00:00:00,000 --> 00:00:05,214"))
        let back = try Cues.run(["convert", sample, "--to", "episode", "--shift", "-1.5s"])
        #expect(back.stdout.contains("  sec: 3.5\n  time: '0:03'\n"))
        // The first line, at 0:00, cannot move earlier: it stays at 0:00, reported.
        #expect(back.stdout.contains("  sec: 0\n  time: '0:00'\n"))
        #expect(back.stderr.contains("minimal.md:5:8: warning: [episode] 1 cue(s) start before 0:00 after the shift; they start at 0:00"))
    }

    @Test func badTimingOptionsAreUsageErrors() throws {
        let sample = Cues.sample("episode/minimal.md")
        for arguments in [["--shift", "soon"], ["--scale", "25"], ["--infer-end", "later"], ["--segment", "sometimes"], ["--preset", "tiktok"], ["--captions", "netflix"]] {
            let result = try Cues.run(["convert", sample, "--to", "srt"] + arguments)
            #expect(result.status == 64, "\(arguments)")
        }
    }

    @Test func severalOutputsWithoutOutDirIsAUsageError() throws {
        let result = try Cues.run(["convert", Cues.sample("episode/minimal.md"), "--to", "srt,vtt"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--out-dir"))
    }

    @Test func checkReportsAndExitsByStrictness() throws {
        let sample = Cues.sample("episode/hard-cases.md")
        let lenient = try Cues.run(["check", sample])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("hard-cases.md:33:8: warning: [episode] time 0:50"))
        #expect(lenient.stdout.isEmpty)
        let strict = try Cues.run(["check", "--strict", sample])
        #expect(strict.status == 1)
        let broken = try Cues.run(["check", Cues.sample("invalid/transcript-not-list.md")])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("transcript-not-list.md:3:13: error: [episode]"))
    }

    @Test func checkCaptionsNamesEveryCueOverTheLimit() throws {
        let directory = try Cues.temporaryDirectory()
        let file = directory.appendingPathComponent("fast.timeline.json")
        let json = """
            {"cuesTimeline": 1, "cues": [
              {"start": 0, "end": 1000, "text": "This caption has far too many characters to read in one second."},
              {"start": 1000, "end": 1500, "text": "Short."},
              {"start": 1540, "end": 9000, "text": "A line that is simply much longer than forty-two characters"}
            ]}
            """
        try Data(json.utf8).write(to: file)
        let result = try Cues.run(["check", "--captions", file.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("fast.timeline.json:2:3: warning: [timeline] cue 1: line 1 has 63 characters; at most 42"))
        #expect(result.stderr.contains("cue 1: 63 characters per second; at most 20"))
        #expect(result.stderr.contains("cue 2: on screen 500 ms; at least 833 ms"))
        #expect(result.stderr.contains("cue 2: a gap of 40 ms before the next cue, under 2 frames (83 ms)"))
        #expect(result.stderr.contains("cue 3: on screen 7460 ms; at most 7000 ms"))
        let strict = try Cues.run(["check", "--captions", "--strict", file.path])
        #expect(strict.status == 1)
    }

    @Test func infoAndFormatsAsJSON() throws {
        let info = try Cues.run(["info", "--json", Cues.sample("episode/hard-cases.md")])
        #expect(info.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [[String: Any]])
        #expect(entries.first?["cues"] as? Int == 9)
        #expect(entries.first?["untimedCues"] as? Int == 1)
        #expect(entries.first?["speakers"] as? [String] == ["Ada", "Grace"])
        #expect(entries.first?["duration"] as? Int == 300_000)
        #expect((entries.first?["chapters"] as? [[String: Any]])?.first?["start"] as? Int == 12_000)
        let formats = try Cues.run(["formats", "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(formats.stdout.utf8)) as? [[String: Any]])
        #expect(list.contains { $0["id"] as? String == "episode" && $0["read"] as? Bool == true && $0["write"] as? Bool == true })
    }
}

/// What a person at a terminal sees, through `script`, which gives the tool a
/// terminal for standard error.
@Suite("cues convert at a terminal", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct TerminalTests {
    @Test func recursiveInputsShowAProgressBarAndKeepTheirFolders() throws {
        let root = try Cues.temporaryDirectory()
        let input = root.appendingPathComponent("in"), sub = input.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Cues.sample("episode/minimal.md"), toPath: input.appendingPathComponent("a.md").path)
        try FileManager.default.copyItem(atPath: Cues.sample("episode/minimal.md"), toPath: sub.appendingPathComponent("b.md").path)
        let out = root.appendingPathComponent("out")
        let command = "\(Cues.executable.path) convert \(input.path) --recursive --to vtt --out-dir \(out.path)"
        let result = try Cues.run(["-q", "-c", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.status == 0)
        #expect(result.stdout.contains("] 2/2 "))
        #expect(result.stdout.contains("\u{1B}[K"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("a.vtt").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sub/b.vtt").path))
        // Without --recursive the subfolder is not read.
        let flat = try Cues.run(["convert", input.path, "--to", "vtt", "--out-dir", root.appendingPathComponent("flat").path])
        #expect(flat.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("flat").path) == ["a.vtt"])
        // Not a terminal: no progress bar.
        #expect(!flat.stderr.contains("\u{1B}[K"))
    }
}
