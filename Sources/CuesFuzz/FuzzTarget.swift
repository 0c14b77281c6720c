import CueKit

/// One fuzz run: read `bytes` as `format` and, when that succeeds, write the
/// timeline as every format cues writes; for the caption formats, also check
/// that streaming gives the bytes the whole timeline gives. Any crash, hang,
/// sanitizer report or difference is a finding; thrown diagnostics are the
/// expected outcome for bad input.
enum FuzzTarget {
    /// The reader under test, from `CUES_FUZZ_FORMAT` (default: every reader in turn).
    static func formats(named name: String?) -> [FormatID] {
        let readable = FormatRegistry.standard.formats.filter { $0.reader != nil }.map(\.id)
        guard let name, !name.isEmpty else { return readable }
        return readable.filter { $0.rawValue == name }
    }

    static func run(_ bytes: [UInt8], formats: [FormatID]) {
        let converter = Converter()
        for format in formats {
            var diagnostics = Diagnostics()
            guard let input = try? converter.read(bytes, name: "fuzz", format: format, diagnostics: &diagnostics) else { continue }
            for output in FormatRegistry.standard.formats where output.writer != nil {
                var writeDiagnostics = Diagnostics()
                guard let prepared = try? converter.prepared(
                    input.timeline, for: output.id, sourceFormat: format, diagnostics: &writeDiagnostics) else { continue }
                _ = try? converter.write(prepared, as: output.id, diagnostics: &writeDiagnostics)
            }
            if format == .srt || format == .vtt { checkStreaming(bytes, from: format) }
        }
    }

    /// Streamed conversion (cue by cue, plain text copied from the input),
    /// on one thread and with the reader on a thread of its own, must write
    /// what converting the whole timeline writes, with the same diagnostics.
    static func checkStreaming(_ bytes: [UInt8], from format: FormatID) {
        var converter = Converter()
        let targets: [FormatID] = [.vtt, .srt]
        var wholeDiagnostics = Diagnostics()
        guard let whole = try? converter.convert(bytes, name: "fuzz", from: format, to: targets, diagnostics: &wholeDiagnostics)
        else { return }
        for threshold in [Int.max, 0] {
            converter.parallelStreamingThreshold = threshold
            let sinks = targets.map { _ in CollectingSink() }
            var streamedDiagnostics = Diagnostics()
            guard let streamed = try? converter.convert(
                      bytes, name: "fuzz", from: format, into: zip(targets, sinks).map { ($0, $1 as any OutputSink) },
                      diagnostics: &streamedDiagnostics),
                  streamed.streamed
            else { continue }
            let mode = threshold == 0 ? "read on a thread of its own" : "read on one thread"
            for (target, sink) in zip(targets, sinks) {
                guard let expected = whole.outputs.first(where: { $0.format == target })?.bytes else { continue }
                if sink.bytes != expected {
                    fatalError("\(format.rawValue) → \(target.rawValue), \(mode): the streamed output differs from the whole timeline's")
                }
            }
            if streamedDiagnostics.items.map(\.description).sorted() != wholeDiagnostics.items.map(\.description).sorted() {
                fatalError("\(format.rawValue), \(mode): streaming reports other diagnostics than the whole timeline")
            }
        }
    }

    /// Keeps what a streamed conversion writes.
    final class CollectingSink: OutputSink {
        var bytes: [UInt8] = []

        func write(_ chunk: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
            bytes.append(contentsOf: chunk)
        }
    }
}

#if FUZZING
#if canImport(Glibc)
import Glibc
#endif

nonisolated(unsafe) private var selectedFormats: [FormatID]?

/// The libFuzzer entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if selectedFormats == nil {
        selectedFormats = FuzzTarget.formats(named: getenv("CUES_FUZZ_FORMAT").map { String(cString: $0) })
    }
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)), formats: selectedFormats!)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry point under SwiftPM, which links an executable
/// target's main as `<module>_main`: hand over to libFuzzer's driver.
@_cdecl("cues_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    if getenv("CUES_FUZZ_LIST") != nil {
        // The targets, one reader each, for scripts/fuzz.
        print(FuzzTarget.formats(named: nil).map(\.rawValue).joined(separator: " "))
        return 0
    }
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#else
import Foundation

/// Without libFuzzer: runs the fuzz target over the files given (a corpus or
/// crash reproducers), so findings stay regression tests.
@main
struct FuzzReplay {
    static func main() throws {
        let formats = FuzzTarget.formats(named: ProcessInfo.processInfo.environment["CUES_FUZZ_FORMAT"])
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String }.map { path + "/" + $0 } ?? [])
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                FuzzTarget.run(Array(data), formats: formats)
                count += 1
            }
        }
        print("replayed \(count) input(s) through \(formats.map(\.rawValue).joined(separator: ", "))")
    }
}
#endif
