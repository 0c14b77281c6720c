import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A conversion that fails while writing (a directory it may not write, a
/// full disk simulated with `ulimit -f`, an interruption) leaves no partial
/// file, not even its temporary file, and keeps an existing output intact.
@Suite("Nothing lost on failure")
struct NothingLostOnFailureTests {
    /// Every entry of `directory`, hidden ones included, sorted.
    static func entries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// An SRT file of `count` cues (about 40 bytes each).
    static func srt(cues count: Int) -> String {
        (0..<count).map { index in
            let start = HostileInputCommandTests.srtTime(index * 1000), end = HostileInputCommandTests.srtTime(index * 1000 + 900)
            return "\(index + 1)\n\(start) --> \(end)\nline \(index)\n\n"
        }.joined()
    }

    static let canDropPrivileges = FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    /// `cues ARGUMENTS` as a user without the right to write `directory`:
    /// root writes anywhere, so as root the tool runs as `nobody`.
    static func runWithoutWriteAccess(_ arguments: [String]) throws -> Cues.Result {
        guard getuid() == 0 else { return try Cues.run(arguments) }
        return try Cues.run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", Cues.executable.path] + arguments,
            executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
    }

    @Test(.enabled(if: getuid() != 0 || canDropPrivileges))
    func aReadOnlyDirectoryKeepsItsFiles() throws {
        let directory = try Cues.temporaryDirectory()
        defer {
            chmod(directory.path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        let input = directory.appendingPathComponent("in.srt")
        try Data(Self.srt(cues: 3).utf8).write(to: input)
        let existing = directory.appendingPathComponent("in.vtt")
        try Data("WEBVTT\n\nold content\n".utf8).write(to: existing)
        chmod(input.path, 0o644)
        chmod(existing.path, 0o644)
        chmod(directory.path, 0o555)

        let replace = try Self.runWithoutWriteAccess(["convert", input.path, "--to", "vtt", "-o", existing.path, "--force"])
        #expect(replace.status == 1)
        #expect(replace.stderr.contains("cannot write '\(existing.path)': Permission denied"), "\(replace.stderr)")
        let create = try Self.runWithoutWriteAccess(["convert", input.path, "--to", "vtt,srt,chapters", "--out-dir", directory.path])
        #expect(create.status == 1)

        #expect(try Self.entries(directory) == ["in.srt", "in.vtt"])
        #expect(try String(contentsOf: existing, encoding: .utf8) == "WEBVTT\n\nold content\n")
    }

    @Test func aFullDiskKeepsTheExistingOutputAndTheOtherInputsGoOn() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("big.srt"), small = directory.appendingPathComponent("small.srt")
        try Data(Self.srt(cues: 20_000).utf8).write(to: big)  // about 800 KB of output
        try Data(Self.srt(cues: 3).utf8).write(to: small)
        let output = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let existing = output.appendingPathComponent("big.vtt")
        try Data("WEBVTT\n\nold content\n".utf8).write(to: existing)

        // Files may grow to 64 KB: the big output cannot be written, the small one can.
        let run = try MeasuredRun.cues(
            ["convert", big.path, small.path, "--to", "vtt", "--out-dir", output.path, "--force", "--jobs", "1"],
            in: directory, fileSizeLimit: 64 << 10)
        #expect(run.status == 1, "the tool must report the failure, not be killed by SIGXFSZ")
        #expect(run.stderr.contains("error: [vtt] cannot write '\(existing.path)': File too large"), "\(run.stderr)")
        #expect(try String(contentsOf: existing, encoding: .utf8) == "WEBVTT\n\nold content\n")
        #expect(try Self.entries(output) == ["big.vtt", "small.vtt"])
        #expect(try String(contentsOf: output.appendingPathComponent("small.vtt"), encoding: .utf8).hasPrefix("WEBVTT\n\n00:00:00.000 --> 00:00:00.900\nline 0\n"))
    }

    @Test func aFullDiskOnAWholeConversionLeavesNoFile() throws {
        // An episode is converted whole (not streamed) and written at the end.
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = (0..<5_000).map { "- line: This is line number \($0) of a long transcript.\n  sec: \($0 * 4)\n" }.joined()
        let input = directory.appendingPathComponent("episode.md")
        try Data("---\ntitle: Long\ntranscript:\n\(lines)---\n".utf8).write(to: input)
        let run = try MeasuredRun.cues(["convert", input.path, "--to", "srt,vtt", "--out-dir", "out"], in: directory, fileSizeLimit: 32 << 10)
        #expect(run.status == 1)
        #expect(run.stderr.contains("File too large"))
        #expect(try Self.entries(directory.appendingPathComponent("out")) == [])
    }

    @Test func anInterruptedConversionRemovesItsTemporaryFile() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("long.srt")
        try Data(Self.srt(cues: 400_000).utf8).write(to: input)  // several seconds of work for a debug build
        let output = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)

        let process = Process()
        process.executableURL = Cues.executable
        process.arguments = ["convert", input.path, "--to", "vtt,srt", "--out-dir", output.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Interrupt once the temporary files exist, as Ctrl-C would.
        let deadline = ContinuousClock.now + .seconds(30)
        while try Self.entries(output).isEmpty && process.isRunning && ContinuousClock.now < deadline {
            usleep(5_000)
        }
        let seen = try Self.entries(output)
        process.interrupt()
        process.waitUntilExit()
        try #require(!seen.isEmpty && seen.allSatisfy { $0.hasPrefix(".") }, "the conversion ended before it could be interrupted: \(seen)")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGINT)
        #expect(try Self.entries(output) == [])
    }
}
