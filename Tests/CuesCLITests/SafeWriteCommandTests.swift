import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// No output destroys what is at its path: a device, FIFO or descriptor is
/// written into, a link keeps pointing where it did, a file that appears
/// while cues writes is kept, and permissions carry over or follow the umask.
@Suite("Writes that cannot destroy")
struct SafeWriteCommandTests {
    static let sample = Cues.sample("srt/canonical.srt")

    /// What `cues convert SAMPLE --to vtt` writes.
    static func expectedVTT() throws -> String {
        let run = try Cues.run(["convert", sample, "--to", "vtt"])
        try #require(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    static func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    /// `cues ARGUMENTS` through `/bin/sh -c`, after `setup` (such as
    /// `umask 077`), with the shell's redirections in `redirect`.
    static func shell(_ setup: String, _ arguments: [String], redirect: String = "", in directory: URL) throws -> Cues.Result {
        let quoted = ([Cues.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(setup) && exec \(quoted.joined(separator: " ")) \(redirect)"]
        process.currentDirectoryURL = directory
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Cues.Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: message, as: UTF8.self))
    }

    @Test func aCharacterDeviceIsWrittenIntoNotReplaced() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Root may make a device of its own (the numbers of /dev/null), so the
        // test never risks the system's; anyone else cannot replace /dev/null.
        var device = "/dev/null"
        if getuid() == 0 {
            device = directory.appendingPathComponent("null").path
            try #require(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0, "mknod: \(String(cString: strerror(errno)))")
        }
        for arguments in [["-o", device], ["-o", device, "--force"]] {
            let run = try Cues.run(["convert", Self.sample, "--to", "vtt"] + arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(Self.fileType(device) == S_IFCHR, "\(device) must stay a character device")
        }
    }

    @Test func aFIFOIsWrittenIntoWithoutForce() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("captions.vtt").path
        try #require(mkfifo(fifo, 0o644) == 0)
        // Held open for reading and writing, the FIFO lets cues open it at
        // once and keeps what it writes (less than a pipe's buffer).
        let reader = open(fifo, O_RDWR | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let run = try Cues.run(["convert", Self.sample, "--to", "vtt", "-o", fifo])
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case let count = read(reader, &buffer, buffer.count), count > 0 { received += buffer[0..<count] }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(decoding: received, as: UTF8.self) == (try Self.expectedVTT()))
        #expect(Self.fileType(fifo) == S_IFIFO)
    }

    @Test func aLinkIsFollowedAndKept() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.vtt").path
        let link = directory.appendingPathComponent("link.vtt").path
        try Data("WEBVTT\n\nold\n".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o600)
        try #require(symlink("real.vtt", link) == 0)

        let refused = try Cues.run(["convert", Self.sample, "--to", "vtt", "-o", link])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("'\(link)' (a link to '\(target)') already exists; pass --force to replace it"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "WEBVTT\n\nold\n")

        let replaced = try Cues.run(["convert", Self.sample, "--to", "vtt", "-o", link, "--force"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(Self.fileType(link) == S_IFLNK, "the link must stay a link")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == (try Self.expectedVTT()))
        #expect(Self.mode(target) == 0o600, "the replaced file keeps its permissions")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["link.vtt", "real.vtt"])
    }

    @Test func aLinkToNothingIsRefused() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("link.vtt").path
        try #require(symlink("missing/real.vtt", link) == 0)
        let run = try Cues.run(["convert", Self.sample, "--to", "vtt", "-o", link, "--force"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refusing to write '\(link)': it is a symbolic link to a file that does not exist"), "\(run.stderr)")
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["link.vtt"])
    }

    @Test func standardOutputByNameKeepsTheShellsRedirection() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("log")
        try Data("before\n".utf8).write(to: log)
        for name in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
            let run = try Self.shell("true", ["convert", Self.sample, "--to", "vtt", "-o", name], redirect: ">> log", in: directory)
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
        let vtt = try Self.expectedVTT()
        #expect(try String(contentsOf: log, encoding: .utf8) == "before\n" + vtt + vtt + vtt)
    }

    @Test func aFileThatAppearsWhileCuesWritesIsKept() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("long.srt")
        try Data(NothingLostOnFailureTests.srt(cues: 100_000).utf8).write(to: input)  // a second of work for a debug build
        let output = directory.appendingPathComponent("out.vtt")

        let process = Process()
        process.executableURL = Cues.executable
        process.arguments = ["convert", input.path, "--to", "vtt", "-o", output.path]
        let error = Pipe()
        process.standardError = error
        try process.run()
        // Once the temporary file exists, the check for an existing output
        // is done: someone now saves a file of their own there.
        let deadline = ContinuousClock.now + .seconds(60)
        while try process.isRunning && ContinuousClock.now < deadline
                && !NothingLostOnFailureTests.entries(directory).contains(where: { $0.hasPrefix(".out.vtt.cues-") }) {
            usleep(2_000)
        }
        let stillRunning = process.isRunning
        try Data("IMPORTANT\n".utf8).write(to: output)
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(stillRunning, "the conversion ended before the file could be made")
        #expect(process.terminationStatus == 1)
        #expect(message.contains("'\(output.path)' appeared while cues was writing it; it was kept"), "\(message)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "IMPORTANT\n")
        #expect(try NothingLostOnFailureTests.entries(directory) == ["long.srt", "out.vtt"])
    }

    @Test func twoRunsWritingOneFileNeverBothSucceed() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.srt")
        try Data(NothingLostOnFailureTests.srt(cues: 2_000).utf8).write(to: input)
        let expected = try Cues.run(["convert", input.path, "--to", "vtt"]).stdout
        for attempt in 0..<20 {
            let output = directory.appendingPathComponent("out-\(attempt).vtt").path
            let runs = (0..<2).map { _ in
                let process = Process()
                process.executableURL = Cues.executable
                process.arguments = ["convert", input.path, "--to", "vtt", "-o", output, "-q"]
                process.standardError = FileHandle.nullDevice
                return process
            }
            for process in runs { try process.run() }
            for process in runs { process.waitUntilExit() }
            #expect(runs.map(\.terminationStatus).sorted() == [0, 1], "attempt \(attempt)")
            #expect(try String(contentsOfFile: output, encoding: .utf8) == expected)
        }
        #expect(try NothingLostOnFailureTests.entries(directory).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func newOutputsFollowTheUmaskOnEveryThread() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        for index in 0..<32 {
            try Data(NothingLostOnFailureTests.srt(cues: 50).utf8).write(to: inputs.appendingPathComponent("file-\(index).srt"))
        }
        let run = try Self.shell("umask 077", ["convert", "in", "--to", "vtt,srt", "--out-dir", "out", "--jobs", "8", "-q"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path)
        #expect(outputs.count >= 64)
        for name in outputs {
            #expect(Self.mode(directory.appendingPathComponent("out/\(name)").path) == 0o600, "\(name)")
        }
    }

    @Test func aReplacedFileKeepsItsPermissions() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("private.vtt").path
        try Data("WEBVTT\n".utf8).write(to: URL(fileURLWithPath: output))
        chmod(output, 0o600)
        let run = try Cues.run(["convert", Self.sample, "--to", "vtt", "-o", output, "--force"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.mode(output) == 0o600)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == (try Self.expectedVTT()))
    }

    @Test(arguments: [
        ["convert", sample, "--to", "vtt", "-o", "out.vtt", "--json"],
        ["convert", sample, "--to", "vtt"],
        ["check", sample, "--json"],
        ["info", sample],
        ["info", sample, "--json"],
        ["formats"],
        ["formats", "--json"],
        ["--help"],
        ["convert", "--help"],
        ["--version"],
    ])
    func whatCannotBeWrittenToStandardOutputFails(_ arguments: [String]) throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Self.shell("true", arguments, redirect: "> /dev/full", in: directory)
        #expect(run.status == 1, "\(arguments)")
        #expect(run.stderr.contains("cannot write standard output: No space left on device"), "\(arguments): \(run.stderr)")
    }
}
