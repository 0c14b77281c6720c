import CueKit
import Foundation

/// `cues check`: reads inputs and reports every problem, writing nothing.
struct CheckCommand: Command {
    static let captions = OptionSpec.flag("captions", help: "Check the captions against the caption limits (--preset and --max-*).")
    static let quiet = OptionSpec.flag("quiet", short: "q", help: "Print errors only.")
    static let json = OptionSpec.flag("json", help: "Print one machine-readable report on standard output.")

    static let spec = CommandSpec(
        name: "check",
        abstract: "Read files, infer their times and report every problem; write nothing.",
        discussion: """
            With --captions, the captions a conversion would produce (transcripts are cut into \
            captions first) are checked against the caption limits: lines too long, too many \
            lines, reading speed, time on screen, overlaps and gaps under two frames. Exit status \
            1 when any error is found; with --strict every warning counts as an error.
            """,
        arguments: InputOptions.inputs,
        options: InputOptions.options + [captions] + CaptionLimitOptions.options + TimingOptions.options
            + [quiet, json])

    var input: InputOptions
    var captions: Bool
    var style: CaptionStyle
    var timing: TimingOptions
    var quiet: Bool
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        input = try InputOptions(arguments)
        captions = arguments.flag(Self.captions)
        style = try CaptionLimitOptions(arguments).style()
        timing = try TimingOptions(arguments)
        quiet = arguments.flag(Self.quiet)
        json = arguments.flag(Self.json)
    }

    func run() throws(UsageError) -> Bool {
        let converter = Converter(readOptions: input.readOptions, inference: timing.inference, captionStyle: style)
        let printer = DiagnosticPrinter(quiet: quiet)
        var failed = false
        var counts = (succeeded: 0, failed: 0)
        var report = JSONWriter()
        report.beginObject()
        report.key("inputs")
        report.beginArray()
        for file in try input.collect(reporting: printer) {
            let findings = check(file, converter: converter, style: style)
            let isFailure = findings.contains { $0.severity == .error || (input.strict && $0.severity == .warning) }
            failed = failed || isFailure
            if isFailure { counts.failed += 1 } else { counts.succeeded += 1 }
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
                }, input: file.displayName)
            }
        }
        report.endArray()
        report.key("succeeded")
        report.number(Int64(counts.succeeded))
        report.key("failed")
        report.number(Int64(counts.failed))
        report.endObject()
        report.finish()
        if json { try? StandardOutput.write(report.bytes) }
        return !failed
    }

    /// Everything found about one file.
    private func check(_ file: InputFile, converter: Converter, style: CaptionStyle) -> [Diagnostic] {
        var diagnostics = Diagnostics(strict: input.strict)
        do {
            let (bytes, options) = try file.read(with: converter.readOptions)
            var reading = converter
            reading.readOptions = options
            let read = try reading.read(bytes, name: file.displayName, format: input.format, diagnostics: &diagnostics)
            // Every item of a feed is checked; what is found names its item.
            let isFeed = read.format.kind == .feed
            for (index, original) in read.timelines.enumerated() {
                var itemDiagnostics = Diagnostics(strict: input.strict)
                var timeline = original
                itemDiagnostics.append(contentsOf: timing.transform.apply(to: &timeline))
                // The timeline a caption writer would get: inferred, and cut into
                // captions when the source is a transcript.
                let prepared = try converter.prepared(timeline, for: .vtt, sourceFormat: read.format.id, diagnostics: &itemDiagnostics)
                if captions {
                    itemDiagnostics.append(contentsOf: CaptionLint(style: style).check(prepared).map { finding in
                        var finding = finding
                        finding.format = finding.format ?? read.format.id
                        return finding
                    })
                }
                diagnostics.append(contentsOf: itemDiagnostics.items.map { finding in
                    guard isFeed else { return finding }
                    var finding = finding
                    finding.message = "item \(index + 1): " + finding.message
                    return finding
                })
            }
        } catch let failure as FileIO.Failure {
            diagnostics.report(failure.diagnostic)
        } catch let error as Diagnostic {
            diagnostics.report(error)
        } catch {
            diagnostics.report(.error("check.failed", "\(error)"))
        }
        return diagnostics.items
    }
}
