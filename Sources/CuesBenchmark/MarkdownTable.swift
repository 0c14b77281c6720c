#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark's rows as the Markdown table the README shows, written by
/// `cues-bench --readme` between the `<!-- bench:begin -->` and
/// `<!-- bench:end -->` lines of README.md: the table is the harness's, never
/// typed by hand.
struct MarkdownTable {
    struct Row {
        var scenario: String
        var bytes: Int
        var count: Int
        var unit: String
        var measured: ProcessTimer.Measurement
        var peer: (name: String, measured: ProcessTimer.Measurement)?
    }

    var rows: [Row] = []

    /// The table with a sentence naming the machine, the build and the runs.
    func text(runs: Int, peerRuns: Int) -> String {
        var lines = ["Measured by `cues-bench --readme` on \(Self.machine()), \(Self.today()) UTC: the release build",
                     "linked with `--static-swift-stdlib`, median of \(runs) runs; FFmpeg median of \(peerRuns) in the same run.",
                     "",
                     "| scenario | input | time | throughput | peak memory | FFmpeg |",
                     "|---|---|---|---|---|---|"]
        for row in rows {
            let megabytes = Double(row.bytes) / 1_000_000
            let seconds = max(row.measured.seconds, 1e-9)
            let time = seconds < 0.1 ? fixed(seconds * 1000, 0) + " ms" : fixed(seconds, 2) + " s"
            let throughput = row.bytes >= 1_000_000 ? fixed(megabytes / seconds, 0) + " MB/s" : fixed(Double(row.count) / seconds, 0) + " \(row.unit)/s"
            let ratio = Double(row.measured.peakBytes) / Double(max(row.bytes, 1))
            var memory = fixed(Double(row.measured.peakBytes) / 1_000_000, 0) + " MB"
            if row.bytes >= 10_000_000 { memory += " (" + fixed(ratio, 1) + "× input)" }
            var peer = ""
            if let (name, other) = row.peer {
                peer = "\(name) " + fixed(other.seconds, 2) + " s, " + fixed(Double(other.peakBytes) / 1_000_000, 0)
                    + " MB: " + Self.comparison(cues: seconds, peer: other.seconds, peerName: name)
            }
            let size = megabytes >= 1 ? fixed(megabytes, 0) + " MB" : fixed(Double(row.bytes) / 1000, 0) + " KB"
            lines.append("| \(row.scenario) | \(size) | \(time) | \(throughput) | \(memory) | \(peer) |")
        }
        return lines.joined(separator: "\n")
    }

    /// Which of the two is faster and by how much: "cues 48× faster", or
    /// "FFmpeg 1.4× faster" when the peer wins (one decimal under 10×).
    static func comparison(cues: Double, peer: Double, peerName: String) -> String {
        let ratio = peer / max(cues, 1e-9)
        let (winner, factor) = ratio >= 1 ? ("cues", ratio) : (peerName, 1 / max(ratio, 1e-9))
        return winner + " " + fixed(factor, factor < 10 ? 1 : 0) + "× faster"
    }

    /// Replaces the block between the markers of `path` with `text`; false
    /// when the markers are missing.
    static func replaceBlock(in path: String, with text: String) -> Bool {
        guard let handle = fopen(path, "rb") else { return false }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        fclose(handle)
        func find(_ text: String) -> Int? {
            let needle = Array(text.utf8)
            guard bytes.count >= needle.count else { return nil }
            return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        let begin = "<!-- bench:begin -->\n"
        guard let start = find(begin), let stop = find("<!-- bench:end -->"), start < stop else { return false }
        let updated = Array(bytes[..<(start + begin.utf8.count)]) + Array((text + "\n").utf8) + Array(bytes[stop...])
        guard let out = fopen(path, "wb") else { return false }
        _ = updated.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
        fclose(out)
        return true
    }

    /// "2 cores, 24 GiB, Linux 6.1" from the system.
    static func machine() -> String {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        let memory = Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE))) / Double(1 << 30)
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let system = withUnsafeBytes(of: name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let machine = withUnsafeBytes(of: name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(cores) cores, \(fixed(memory, 0)) GiB, \(system) \(release) \(machine)"
    }

    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min))"
    }
}
