import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Inputs cannot block, crash or lead `cues` elsewhere: a FIFO inside an
/// input directory is skipped, a file truncated while it is read is an
/// error, not a signal.
@Suite("Inputs that cannot reach out")
struct InputSafetyCommandTests {
    @Test func aFIFOInsideAnInputDirectoryIsSkipped() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try Data(NothingLostOnFailureTests.srt(cues: 3).utf8).write(to: inputs.appendingPathComponent("a.srt"))
        try #require(mkfifo(inputs.appendingPathComponent("b.srt").path, 0o644) == 0)
        try #require(symlink("/etc/hostname", inputs.appendingPathComponent("c.srt").path) == 0)

        let process = Process()
        process.executableURL = Cues.executable
        process.arguments = ["convert", inputs.path, "--to", "vtt", "--out-dir", directory.appendingPathComponent("out").path]
        let error = Pipe()
        process.standardError = error
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning && ContinuousClock.now < deadline { usleep(5_000) }
        let blocked = process.isRunning
        if blocked { process.terminate() }
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!blocked, "the batch blocked on the FIFO")
        #expect(process.terminationStatus == 0, "\(message)")
        #expect(message.contains("warning: skipped '\(inputs.path)/b.srt': it is a FIFO, not a regular file"), "\(message)")
        #expect(message.contains("warning: skipped '\(inputs.path)/c.srt': it is a symbolic link, not a regular file"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path) == ["a.vtt"])
    }

    @Test func aFIFONamedAsTheInputIsReadAsAStream() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("in.srt").path
        try #require(mkfifo(fifo, 0o644) == 0)
        let srt = NothingLostOnFailureTests.srt(cues: 3)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data(srt.utf8))
                try? handle.close()
            }
        }
        writer.start()
        let run = try Cues.run(["convert", fifo, "--to", "vtt"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("WEBVTT\n\n00:00:00.000 --> 00:00:00.900\nline 0\n"))
    }

    @Test func aFileTruncatedWhileItIsReadIsAnError() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("long.srt")
        // Past 1 MB, so cues maps it; a second of work for a debug build.
        try Data(NothingLostOnFailureTests.srt(cues: 100_000).utf8).write(to: input)
        let output = directory.appendingPathComponent("long.vtt")
        try Data("WEBVTT\n\nold\n".utf8).write(to: output)

        let process = Process()
        process.executableURL = Cues.executable
        process.arguments = ["convert", input.path, "--to", "vtt", "-o", output.path, "--force", "--jobs", "1"]
        let error = Pipe()
        process.standardError = error
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while try process.isRunning && ContinuousClock.now < deadline
                && !NothingLostOnFailureTests.entries(directory).contains(where: { $0.hasPrefix(".long.vtt.cues-") }) {
            usleep(2_000)
        }
        let stillRunning = process.isRunning
        try #require(truncate(input.path, 100) == 0)
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(stillRunning, "the conversion ended before the file could be truncated")
        #expect(process.terminationReason == .exit, "ended by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 1)
        #expect(message.contains("\(input.path):1:1: error: expected '\(input.path)' to stay as it was while cues read it, found that it was truncated from"), "\(message)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "WEBVTT\n\nold\n")
        #expect(try NothingLostOnFailureTests.entries(directory) == ["long.srt", "long.vtt"])
    }
}
