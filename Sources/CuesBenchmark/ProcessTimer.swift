#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command as a child process and measures its wall time and peak
/// resident memory (from `wait4`'s resource usage).
///
/// Linux counts a parent's memory in the peak of a child it forks, so the
/// measuring is done by a fresh, small copy of this program
/// (`cues-bench --measure -- COMMAND...`), never by the process that generated
/// the inputs.
enum ProcessTimer {
    struct Measurement {
        var seconds: Double
        var peakBytes: Int
        var status: Int32
    }

    /// Measures `arguments` through a fresh measuring process.
    static func run(_ arguments: [String], stdoutPath: String = "/dev/null") -> Measurement {
        let report = "/tmp/cues-bench-measure-\(getpid())"
        let helper = measureDirect([selfPath, "--measure", stdoutPath, "--"] + arguments, stdoutPath: report)
        defer { unlink(report) }
        guard helper.status == 0, let handle = fopen(report, "r") else { return Measurement(seconds: 0, peakBytes: 0, status: -1) }
        defer { fclose(handle) }
        var seconds = 0.0, peak = 0, status: Int32 = 0
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, 256, handle) != nil else { return Measurement(seconds: 0, peakBytes: 0, status: -1) }
        let fields = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: " ")
        if fields.count == 3 {
            seconds = Double(fields[0]) ?? 0
            peak = Int(fields[1]) ?? 0
            status = Int32(fields[2].prefix { $0 != "\n" }) ?? -1
        }
        return Measurement(seconds: seconds, peakBytes: peak, status: status)
    }

    /// This program's path.
    static let selfPath: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }()

    /// Runs `arguments[0]` with the rest as arguments, from this process;
    /// standard output goes to `stdoutPath`, standard error to `stderrPath`
    /// (nil: this process's standard error).
    static func measureDirect(
        _ arguments: [String], stdoutPath: String = "/dev/null", stderrPath: String? = "/dev/null"
    ) -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Standard input is empty for every command: a peer such as FFmpeg
        // polls an inherited terminal or pipe and runs up to twice as slow.
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderrPath { posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY, 0) }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { return Measurement(seconds: 0, peakBytes: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        // ru_maxrss is in kilobytes on Linux, bytes on macOS.
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024
        #else
        let peak = Int(usage.ru_maxrss)
        #endif
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Measurement(seconds: seconds, peakBytes: peak, status: exitStatus)
    }

    /// The median of `runs` measurements (time and memory separately).
    static func median(runs: Int, _ arguments: [String], stdoutPath: String = "/dev/null") -> Measurement {
        var measurements = (0..<max(1, runs)).map { _ in run(arguments, stdoutPath: stdoutPath) }
        let failed = measurements.first { $0.status != 0 }
        measurements.sort { $0.seconds < $1.seconds }
        let seconds = measurements[measurements.count / 2].seconds
        let peak = measurements.map(\.peakBytes).sorted()[measurements.count / 2]
        return Measurement(seconds: seconds, peakBytes: peak, status: failed?.status ?? 0)
    }

    /// The full path of `command` on PATH, if any.
    static func which(_ command: String) -> String? {
        guard let path = getenv("PATH").map({ String(cString: $0) }) else { return nil }
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(command)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
