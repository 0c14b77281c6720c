import ArgumentParser
import CueKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read files, infer their times and report every problem; write nothing.",
        discussion: """
            With --captions, the captions a conversion would produce (transcripts are cut into \
            captions first) are checked against the caption limits: lines too long, too many \
            lines, reading speed, time on screen, overlaps and gaps under two frames. Exit status \
            1 when any error is found; with --strict every warning counts as an error.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Check the captions against the caption limits.")
    var captions = false

    @Option(help: ArgumentHelp("Caption limits preset for --captions: youtube, netflix, podcast-srt.", valueName: "preset"))
    var preset: String = "youtube"

    @OptionGroup var limits: CaptionLimitOptions
    @OptionGroup var timing: TimingOptions

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Flag(help: "Print one machine-readable report on standard output.")
    var json = false

    func validate() throws {
        _ = try CaptionLimitOptions.preset(named: preset, option: "--preset")
    }

    func run() throws {
        let style = limits.style(from: try CaptionLimitOptions.preset(named: preset, option: "--preset"))
        let converter = Converter(readOptions: input.readOptions, inference: timing.inference, captionStyle: style)
        let printer = DiagnosticPrinter(quiet: quiet)
        var failed = false
        var report = JSONWriter()
        report.beginObject()
        report.key("inputs")
        report.beginArray()
        for file in try input.collect() {
            let findings = check(file, converter: converter, style: style)
            let isFailure = findings.contains { $0.severity == .error || (input.strict && $0.severity == .warning) }
            failed = failed || isFailure
            if json {
                report.beginObject()
                report.key("input"); report.string(file.displayName)
                report.key("status"); report.string(isFailure ? "failed" : "ok")
                JSONReport.diagnostics(findings, into: &report)
                report.endObject()
            } else {
                printer.print(findings.map { finding in
                    var finding = finding
                    if input.strict && finding.severity == .warning { finding.severity = .error }
                    return finding
                })
            }
        }
        report.endArray()
        report.endObject()
        report.finish()
        if json { try? FileIO.writeStandardOutput(report.bytes) }
        if failed { throw ExitCode.failure }
    }

    /// Everything found about one file.
    private func check(_ file: InputFile, converter: Converter, style: CaptionStyle) -> [Diagnostic] {
        var diagnostics = Diagnostics(strict: input.strict)
        do {
            let bytes = try FileIO.read(file.path)
            var read = try converter.read(bytes, name: file.displayName, format: input.format, diagnostics: &diagnostics)
            diagnostics.append(contentsOf: timing.transform.apply(to: &read.timeline))
            // The timeline a caption writer would get: inferred, and cut into
            // captions when the source is a transcript.
            let prepared = try converter.prepared(read.timeline, for: .webVTT, sourceFormat: read.format.id, diagnostics: &diagnostics)
            if captions {
                diagnostics.append(contentsOf: CaptionLint(style: style).check(prepared).map { finding in
                    var finding = finding
                    finding.format = finding.format ?? read.format.id
                    return finding
                })
            }
        } catch let failure as FileIO.Failure {
            diagnostics.report(.error("io.read", failure.message))
        } catch let error as Diagnostic {
            diagnostics.report(error)
        } catch {
            diagnostics.report(.error("check.failed", "\(error)"))
        }
        return diagnostics.items
    }
}
