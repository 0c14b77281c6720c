import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `cues` as a child process and measures that child alone: wall time,
/// peak resident memory (from `wait4`, so other tests running at the same
/// time do not count) and how it ended. Standard output goes to a file, so a
/// huge output does not sit in the test's memory.
struct MeasuredRun {
    /// The exit status, or nil when a signal ended the process.
    var status: Int32?
    /// The signal that ended the process, if one did.
    var signal: Int32?
    var seconds: Double
    var peakBytes: Int
    var stdoutFile: URL
    var stderr: String

    var megabytes: Int { peakBytes >> 20 }

    /// `cues ARGUMENTS` with standard output in `directory/stdout`; with
    /// `fileSizeLimit` (bytes), run under `ulimit -f` through /bin/sh.
    static func cues(_ arguments: [String], in directory: URL, fileSizeLimit: Int? = nil) throws -> MeasuredRun {
        var argv = [Cues.executable.path] + arguments
        if let fileSizeLimit {
            // ulimit -f counts blocks of 512 bytes.
            let quoted = argv.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            argv = ["/bin/sh", "-c", "ulimit -f \(max(1, fileSizeLimit / 512)) && exec \(quoted)"]
        }
        let stdoutFile = directory.appendingPathComponent("stdout")
        let stderrFile = directory.appendingPathComponent("stderr")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let started = ContinuousClock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = ContinuousClock.now - started

        let terminatingSignal = status & 0x7F
        return MeasuredRun(
            status: terminatingSignal == 0 ? (status >> 8) & 0xFF : nil,
            signal: terminatingSignal == 0 ? nil : terminatingSignal,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            peakBytes: Int(usage.ru_maxrss) * 1024,
            stdoutFile: stdoutFile,
            stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
    }
}
