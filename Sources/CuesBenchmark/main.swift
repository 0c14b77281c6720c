#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// cues-bench: times the cues binary on generated inputs and prints a table.
///
///     swift build -c release && .build/release/cues-bench [--quick] [--runs N]
///
/// Inputs are generated deterministically into .build/bench-inputs (reused
/// between runs). Every figure is the median of the runs (default 5); peak
/// memory is the child's maximum resident set. When FFmpeg is on PATH it is
/// timed on the same inputs in the same run.
final class Bench {
    var quick = false
    /// Write the table into README.md (`--readme`).
    var updatesReadme = false
    var table = MarkdownTable()
    var generateOnly = false
    var runs = 5
    var cues = "./.build/release/cues"
    var directory = "./.build/bench-inputs"

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--quick": quick = true
            case "--generate": generateOnly = true
            case "--runs": runs = Int(iterator.next() ?? "") ?? runs
            case "--cues": cues = iterator.next() ?? cues
            case "--readme": updatesReadme = true
            default:
                print("usage: cues-bench [--quick] [--generate] [--runs N] [--cues PATH] [--readme]")
                exit(64)
            }
        }
    }

    /// The input `name`, generated when missing by `make` from a generator
    /// seeded with `seed` (default: the name): the same bytes whichever
    /// files already exist.
    func file(_ name: String, seed: String? = nil, _ make: (inout InputGenerator) -> [UInt8]) -> String {
        let path = "\(directory)/\(name)"
        if access(path, R_OK) == 0 { return path }
        var generator = InputGenerator(seed: (seed ?? name).utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
        let bytes = make(&generator)
        guard let handle = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        fclose(handle)
        return path
    }

    func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    func row(_ name: String, input: String, count: Int, unit: String, _ arguments: [String], peer: [String]? = nil) {
        if generateOnly { return }
        let measured = ProcessTimer.median(runs: runs, arguments)
        let bytes = size(input)
        var line = name.padded(36) + figures(bytes: bytes, count: count, unit: unit, measured)
        let ratio = Double(measured.peakBytes) / Double(max(bytes, 1))
        line += " (" + fixed(ratio, 1) + "x input)"
        if measured.status != 0 { line += "  [exit \(measured.status)]" }
        print(line)
        var row = MarkdownTable.Row(scenario: name, bytes: bytes, count: count, unit: unit, measured: measured)
        if let peer, ProcessTimer.which(peer[0]) != nil {
            let other = ProcessTimer.median(runs: max(1, runs / 2), peer)
            print(("  " + peer[0]).padded(36) + figures(bytes: bytes, count: count, unit: unit, other)
                  + "   " + MarkdownTable.comparison(cues: measured.seconds, peer: other.seconds, peerName: peer[0]))
            row.peer = (peer[0] == "ffmpeg" ? "FFmpeg" : peer[0], other)
        }
        table.rows.append(row)
    }

    /// `size  time  MB/s  items/s  peak` columns.
    func figures(bytes: Int, count: Int, unit: String, _ measured: ProcessTimer.Measurement) -> String {
        let megabytes = Double(bytes) / 1_000_000
        let seconds = max(measured.seconds, 1e-9)
        var text = (fixed(megabytes, 1) + " MB").leftPadded(10)
        text += (fixed(measured.seconds, 3) + " s").leftPadded(11)
        text += (fixed(megabytes / seconds, 1) + " MB/s").leftPadded(13)
        text += (fixed(Double(count) / seconds, 0) + " " + unit + "/s").leftPadded(18)
        text += (fixed(Double(measured.peakBytes) / 1_000_000, 1) + " MB peak").leftPadded(15)
        return text
    }

    func run() {
        guard generateOnly || access(cues, X_OK) == 0 else {
            print("no release build at \(cues): run 'swift build -c release' first")
            exit(1)
        }
        mkdir(".build", 0o755)
        mkdir(directory, 0o755)
        let sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]
        if generateOnly {
            print("cues-bench: generating the inputs into \(directory)")
        } else {
            let floor = ProcessTimer.median(runs: 3, ["true"])
            print("cues-bench: median of \(runs) runs; inputs in \(directory); memory floor of the measuring process: \(fixed(Double(floor.peakBytes) / 1e6, 1)) MB")
            print("scenario".padded(36) + "     input       time    throughput             items           memory")
        }
        for count in sizes {
            let srt = file("captions-\(count).srt") { $0.srt(cues: count) }
            row("SRT → VTT, \(count) cues", input: srt, count: count, unit: "cues",
                [cues, "convert", srt, "--to", "vtt", "-q"], peer: ["ffmpeg", "-nostdin", "-v", "quiet", "-y", "-i", srt, "-f", "webvtt", "/dev/null"])
        }
        for count in sizes {
            let vtt = file("captions-\(count).vtt") { $0.vtt(cues: count) }
            row("VTT → SRT, \(count) cues", input: vtt, count: count, unit: "cues",
                [cues, "convert", vtt, "--to", "srt", "-q"], peer: ["ffmpeg", "-nostdin", "-v", "quiet", "-y", "-i", vtt, "-f", "srt", "/dev/null"])
        }
        // About 100 MB of each (the last size), with FFmpeg reading the same input.
        for count in quick ? [10_000, 100_000] : [100_000, 1_000_000] {
            let sbv = file("captions-\(count).sbv") { $0.sbv(cues: count) }
            row("SBV → SRT, \(count) cues", input: sbv, count: count, unit: "cues",
                [cues, "convert", sbv, "--to", "srt", "-q"], peer: ["ffmpeg", "-nostdin", "-v", "quiet", "-y", "-i", sbv, "-f", "srt", "/dev/null"])
        }
        for count in quick ? [10_000, 100_000] : [100_000, 1_300_000] {
            let lrc = file("lyrics-\(count).lrc") { $0.lrc(lines: count) }
            row("LRC → SRT, \(count) lines", input: lrc, count: count, unit: "lines",
                [cues, "convert", lrc, "--to", "srt", "-q"], peer: ["ffmpeg", "-nostdin", "-v", "quiet", "-y", "-i", lrc, "-f", "srt", "/dev/null"])
        }
        // FFmpeg reads no TTML: no peer.
        for count in quick ? [10_000] : [10_000, 700_000] {
            let ttml = file("captions-\(count).ttml") { $0.ttml(cues: count) }
            row("TTML → SRT, \(count) cues", input: ttml, count: count, unit: "cues",
                [cues, "convert", ttml, "--to", "srt", "-q"])
        }
        for count in sizes {
            let ass = file("captions-\(count).ass") { $0.ass(cues: count) }
            row("ASS → SRT, \(count) cues", input: ass, count: count, unit: "cues",
                [cues, "convert", ass, "--to", "srt", "-q"], peer: ["ffmpeg", "-nostdin", "-v", "quiet", "-y", "-i", ass, "-f", "srt", "/dev/null"])
        }
        for count in quick ? [10_000] : [10_000, 100_000] {
            let episode = file("episode-\(count).md") { $0.episode(entries: count) }
            row("episode → VTT, \(count) entries", input: episode, count: count, unit: "lines",
                [cues, "convert", episode, "--to", "vtt", "-q"])
            row("  the same without segmentation", input: episode, count: count, unit: "lines",
                [cues, "convert", episode, "--to", "vtt", "--segment", "never", "-q"])
            row("episode → episode, \(count) entries", input: episode, count: count, unit: "lines",
                [cues, "convert", episode, "--to", "episode", "-q"])
            row("episode → chapters, \(count) entries", input: episode, count: count, unit: "lines",
                [cues, "convert", episode, "--to", "chapters", "-q"])
            row("episode → HTML page, \(count) entries", input: episode, count: count, unit: "lines",
                [cues, "convert", episode, "--to", "html", "-q"])
        }
        for minified in [false, true] {
            let name = minified ? "minified" : "pretty"
            // The same transcript, written two ways.
            let transcript = file("words-9000-\(name).transcript.json", seed: "words-9000") {
                $0.transcript(segments: 9_000, minified: minified)
            }
            row("JSON transcript → SRT, 9,000 words, \(name)", input: transcript, count: 9_000, unit: "segments",
                [cues, "convert", transcript, "--to", "srt", "-q"])
        }
        // Chapter files of issue 24, about 100 MB each (FFmpeg reads none of them).
        let labels = quick ? 100_000 : 1_300_000
        let audacity = file("labels-\(labels).labels.txt") { $0.audacityLabels(labels: labels) }
        row("Audacity labels → chapters JSON, \(labels) labels", input: audacity, count: labels, unit: "labels",
            [cues, "convert", audacity, "--from", "audacity", "--to", "chapters", "-q"])
        let atoms = quick ? 20_000 : 200_000
        let matroska = file("matroska-\(atoms).xml") { $0.matroskaChapters(chapters: atoms) }
        row("Matroska XML → Matroska XML, \(atoms) chapters", input: matroska, count: atoms, unit: "chapters",
            [cues, "convert", matroska, "--to", "matroska-chapters", "-q"])
        let listed = quick ? 100_000 : 1_100_000
        let ogm = file("ogm-\(listed).ogm.txt") { $0.ogmChapters(chapters: listed) }
        row("OGM list → mp4chaps, \(listed) chapters", input: ogm, count: listed, unit: "chapters",
            [cues, "convert", ogm, "--to", "mp4chaps", "-q"])
        let lines = quick ? 100_000 : 1_600_000
        let mp4 = file("mp4chaps-\(lines).chapters.txt") { $0.mp4chaps(chapters: lines) }
        row("mp4chaps → OGM list, \(lines) chapters", input: mp4, count: lines, unit: "chapters",
            [cues, "convert", mp4, "--to", "ogm-chapters", "-q"])
        // Speech recognition (no FFmpeg peer: FFmpeg reads no recogniser JSON).
        let recognised = quick ? 2_000 : 20_000
        let whisperX = file("whisperx-\(recognised).json") { $0.whisperX(segments: recognised) }
        row("WhisperX JSON → VTT (word times), \(recognised) segments", input: whisperX, count: recognised, unit: "segments",
            [cues, "convert", whisperX, "--to", "vtt", "-q"])
        row("WhisperX JSON → episode (speaker turns)", input: whisperX, count: recognised, unit: "segments",
            [cues, "convert", whisperX, "--to", "episode", "-q"])
        let openAI = file("whisper-openai-\(recognised * 4).json") { $0.openAIWhisper(segments: recognised * 4) }
        row("OpenAI Whisper JSON → VTT, \(recognised * 4) segments", input: openAI, count: recognised * 4, unit: "segments",
            [cues, "convert", openAI, "--to", "vtt", "-q"])
        let whisperCpp = file("whisper-cpp-\(recognised * 2).json") { $0.whisperCpp(segments: recognised * 2) }
        row("whisper.cpp JSON → VTT, \(recognised * 2) segments", input: whisperCpp, count: recognised * 2, unit: "segments",
            [cues, "convert", whisperCpp, "--to", "vtt", "-q"])
        readerRows()
        let feedItems = quick ? 1_700 : 19_500
        let feed = file("feed-\(feedItems).rss") { $0.feed(items: feedItems) }
        row("RSS feed → timeline, first item", input: feed, count: feedItems, unit: "items",
            [cues, "convert", feed, "--to", "timeline", "--item", "1", "-q"])
        row("RSS feed → RSS, \(feedItems) items", input: feed, count: feedItems, unit: "items",
            [cues, "convert", feed, "--to", "rss", "-q"])
        let episodes = quick ? 1_000 : 10_000
        let podcast = file("podcast-\(episodes).rss") { $0.podcastFeed(items: episodes) }
        row("\(episodes)-item feed → per-item chapters", input: podcast, count: episodes, unit: "items",
            [cues, "convert", podcast, "--to", "chapters", "--out-dir", "\(directory)/feed-out", "--force", "-q"])
        let small = file("small-100.srt") { $0.srt(cues: 100) }
        row("SRT → VTT, 100 cues (start-up)", input: small, count: 100, unit: "cues", [cues, "convert", small, "--to", "vtt", "-q"])
        let hour = file("hour-1100.vtt") { $0.vtt(cues: 1100) }
        row("VTT → SRT, 1,100 cues (an hour)", input: hour, count: 1100, unit: "cues", [cues, "convert", hour, "--to", "srt", "-q"])
        batch()
        if !generateOnly { corpusBatch() }
        if updatesReadme && !generateOnly {
            let text = table.text(runs: runs, peerRuns: max(1, runs / 2))
            print(MarkdownTable.replaceBlock(in: "README.md", with: text)
                  ? "README.md: table updated" : "README.md: no <!-- bench:begin --> / <!-- bench:end --> block found")
        }
    }

    /// The real episodes of the shared corpus, when it is beside the checkout:
    /// every one to VTT, SRT and JSON chapters in one call with two jobs,
    /// against one process per file and format.
    func corpusBatch() {
        let folder = "../shared/corpus/episodes"
        guard access(folder, R_OK) == 0 else { return }
        var names: [String] = []
        if let handle = opendir(folder) {
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasSuffix(".md") { names.append(name) }
            }
            closedir(handle)
        }
        let total = names.reduce(0) { $0 + size("\(folder)/\($1)") }
        let out = "\(directory)/corpus-out"
        let oneCall = ProcessTimer.median(runs: runs, [cues, "convert", folder, "--to", "vtt,srt,chapters", "--out-dir", out, "--force", "--jobs", "2", "-q"])
        print("\(names.count) corpus episodes → VTT, SRT, chapters".padded(36) + figures(bytes: total, count: names.count, unit: "files", oneCall))
        table.rows.append(.init(scenario: "\(names.count) corpus episodes → VTT, SRT and chapters, one call", bytes: total, count: names.count, unit: "files", measured: oneCall))
        var perFile = ProcessTimer.Measurement(seconds: 0, peakBytes: 0, status: 0)
        for name in names {
            for format in ["vtt", "srt", "chapters"] {
                let one = ProcessTimer.run([cues, "convert", "\(folder)/\(name)", "--to", format, "-q"])
                perFile.seconds += one.seconds
                perFile.peakBytes = max(perFile.peakBytes, one.peakBytes)
            }
        }
        print("  one process per file and format".padded(36) + figures(bytes: total, count: names.count, unit: "files", perFile))
        table.rows.append(.init(scenario: "the same, one process per file and format", bytes: total, count: names.count, unit: "files", measured: perFile))
    }

    /// 1,000 files of 100 cues: one call, against one process per file.
    func batch() {
        let folder = "\(directory)/batch-1000"
        if access(folder, R_OK) != 0 {
            mkdir(folder, 0o755)
            for index in 0..<1000 {
                _ = file("batch-1000/file-\(index).srt") { $0.srt(cues: 100) }
            }
        }
        if generateOnly { return }
        let out = "\(directory)/batch-out"
        let oneCall = ProcessTimer.median(runs: runs, [cues, "convert", folder, "--to", "vtt", "--out-dir", out, "--force", "-q"])
        let total = (0..<1000).reduce(0) { $0 + size("\(folder)/file-\($1).srt") }
        print("1,000 × 100 cues SRT → VTT, 1 call".padded(36) + figures(bytes: total, count: 1000, unit: "files", oneCall))
        table.rows.append(.init(scenario: "1,000 files × 100 cues, SRT → VTT, one call", bytes: total, count: 1000, unit: "files", measured: oneCall))
        var perFile = ProcessTimer.Measurement(seconds: 0, peakBytes: 0, status: 0)
        for index in 0..<1000 {
            let one = ProcessTimer.run([cues, "convert", "\(folder)/file-\(index).srt", "--to", "vtt", "-q"])
            perFile.seconds += one.seconds
            perFile.peakBytes = max(perFile.peakBytes, one.peakBytes)
        }
        print("  one process per file".padded(36) + figures(bytes: total, count: 1000, unit: "files", perFile))
        table.rows.append(.init(scenario: "the same, one process per file", bytes: total, count: 1000, unit: "files", measured: perFile))
    }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// `value` with `decimals` digits after the point (no Foundation needed).
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (value * scale).rounded()
    let whole = Int(scaled / scale)
    guard decimals > 0 else { return String(whole) }
    let fraction = Int(abs(scaled) - abs(Double(whole)) * scale)
    let digits = String(fraction)
    return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
}

if CommandLine.arguments.count > 3, CommandLine.arguments[1] == "--measure", CommandLine.arguments[3] == "--" {
    // Measuring mode: run the command, print "seconds peakBytes status".
    // With CUES_MEASURE_STDERR set the command's standard error is this one's
    // (the tests read it), else it is discarded.
    let measured = ProcessTimer.measureDirect(
        Array(CommandLine.arguments.dropFirst(4)), stdoutPath: CommandLine.arguments[2],
        stderrPath: getenv("CUES_MEASURE_STDERR") == nil ? "/dev/null" : nil)
    print("\(measured.seconds) \(measured.peakBytes) \(measured.status)")
} else {
    Bench(arguments: CommandLine.arguments).run()
}
