import Foundation

/// Runs `cues` as a child process and measures that child alone: wall time,
/// peak resident memory and exit status. Standard output goes to a file, so a
/// huge output does not sit in the test's memory.
///
/// Linux counts a parent's memory in the peak of a child it starts, and the
/// test process holds the big inputs it generated; so the measuring is done
/// by the benchmark's small measuring process (`cues-bench --measure`), as
/// the benchmark does.
struct MeasuredRun {
    /// The exit status; 128 + N when signal N ended the process.
    var status: Int32
    var seconds: Double
    var peakBytes: Int
    var stdoutFile: URL
    var stderr: String

    var megabytes: Int { peakBytes >> 20 }

    static let measurer = Cues.executable.deletingLastPathComponent().appendingPathComponent("cues-bench")

    /// `cues ARGUMENTS` run in `directory`, standard output in
    /// `directory/stdout`; with `fileSizeLimit` (bytes), under `ulimit -f`.
    static func cues(_ arguments: [String], in directory: URL, fileSizeLimit: Int? = nil) throws -> MeasuredRun {
        var command = [Cues.executable.path] + arguments
        if let fileSizeLimit {
            // ulimit -f counts blocks of 512 bytes.
            let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            command = ["/bin/sh", "-c", "ulimit -f \(max(1, fileSizeLimit / 512)) && exec \(quoted)"]
        }
        let stdoutFile = directory.appendingPathComponent("stdout")
        let stderrFile = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)

        let process = Process()
        process.executableURL = measurer
        process.arguments = ["--measure", stdoutFile.path, "--"] + command
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["CUES_MEASURE_STDERR": "1"]) { $1 }
        let report = Pipe()
        process.standardOutput = report
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        let line = String(decoding: report.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        let fields = line.split(whereSeparator: \.isWhitespace)
        guard process.terminationStatus == 0, fields.count == 3, let seconds = Double(fields[0]),
              let peak = Int(fields[1]), let status = Int32(fields[2]) else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cues-bench --measure said '\(line)'"])
        }
        return MeasuredRun(
            status: status, seconds: seconds, peakBytes: peak, stdoutFile: stdoutFile,
            stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
    }
}
