import ArgumentParser
import CueKit
import Foundation

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert files to other formats.",
        discussion: """
            One input and one format write to standard output, or to -o FILE. Many inputs or \
            formats need --out-dir DIR and write DIR/<input name>.<format extension> (inputs found \
            in directories keep their subdirectory). Outputs are written to a temporary file and \
            renamed into place; an existing file is replaced only with --force; an input is never \
            overwritten. One bad input never stops the others: exit status 1 says some failed.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var timing: TimingOptions
    @OptionGroup var captions: CaptionOptions

    @Option(name: .shortAndLong, help: "Inputs converted at once (default: the number of cores); with 1, a large caption file is also parsed and written on one thread rather than two.")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Flag(help: "Print one machine-readable report on standard output instead of diagnostics.")
    var json = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        let single = input.inputs.count == 1 && !FileIO.isDirectory(input.inputs[0]) && output.formats.count == 1
        if output.outDirectory == nil && !single {
            throw ValidationError("several inputs or formats need --out-dir DIR")
        }
        if output.output != nil && !single {
            throw ValidationError("-o takes one input and one format; use --out-dir for more")
        }
        if json && output.outDirectory == nil && (output.output ?? "-") == "-" {
            throw ValidationError("--json prints the report on standard output; write the conversion with -o or --out-dir")
        }
        if let path = output.output, path != "-", input.inputs.contains(where: { $0 != "-" && FileIO.sameFile($0, path) }) {
            throw ValidationError("the output '\(path)' is an input; refusing to overwrite it")
        }
    }

    func run() throws {
        PendingFiles.install()
        let files = try input.collect()
        let plans = files.map { file in
            ConversionJob(input: file, outputs: output.formats.map { format in (format, destination(for: file, format: format)) })
        }
        if let clash = firstClash(plans) { throw ValidationError(clash) }

        var configured = Converter(
            readOptions: input.readOptions, writeOptions: output.writeOptions, inference: timing.inference,
            segmentation: captions.segmentation, captionStyle: captions.style)
        if jobs == 1 { configured.parallelStreamingThreshold = .max }
        let converter = configured
        let reporter = RunReporter(
            printer: DiagnosticPrinter(quiet: quiet), json: json,
            showsProgress: !quiet && !json && files.count > 1 && DiagnosticPrinter.isTerminal, total: files.count)
        let inputFormat = input.format, transform = timing.transform, force = output.force
        let inputFiles = Set(files.filter { !$0.isStandardInput }.compactMap { FileIO.identity($0.path) })
        BatchRunner(jobs: plans, workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount).run({ job in
            job.run(converter: converter, inputFormat: inputFormat, transform: transform, force: force, inputFiles: inputFiles)
        }, deliver: { result in
            reporter.deliver(result)
        })
        let results = reporter.finish()
        if json { try? FileIO.writeStandardOutput(JSONReport.conversion(results)) }
        if results.contains(where: { !$0.succeeded }) { throw ExitCode.failure }
    }

    private func destination(for file: InputFile, format: FormatID) -> Destination {
        if let directory = output.outDirectory {
            let ext = FormatRegistry.standard[format]?.preferredExtension ?? format.rawValue
            var path = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            if !file.relativeDirectory.isEmpty { path += "/" + file.relativeDirectory }
            return .file(path + "/" + file.stem + "." + ext)
        }
        if let path = output.output, path != "-" { return .file(path) }
        return .standardOutput
    }

    /// A message when two jobs would write the same file.
    private func firstClash(_ plans: [ConversionJob]) -> String? {
        var owners: [String: String] = [:]
        for plan in plans {
            for (_, destination) in plan.outputs {
                guard case .file(let path) = destination else { continue }
                if let owner = owners[path] {
                    return "'\(plan.input.displayName)' and '\(owner)' would both write '\(path)'; convert them into different --out-dir folders"
                }
                owners[path] = plan.input.displayName
            }
        }
        return nil
    }
}

/// Prints results as they arrive (in input order): diagnostics, standard
/// output, the progress bar; keeps them for the JSON report.
final class RunReporter: @unchecked Sendable {
    private let printer: DiagnosticPrinter
    private let json: Bool
    private var progress: ProgressBar?
    private var results: [ConversionJob.Result] = []
    private let lock = NSLock()

    init(printer: DiagnosticPrinter, json: Bool, showsProgress: Bool, total: Int) {
        self.printer = printer
        self.json = json
        self.progress = showsProgress ? ProgressBar(total: total) : nil
    }

    func deliver(_ result: ConversionJob.Result) {
        lock.lock()
        defer { lock.unlock() }
        progress?.clear()
        if !json { printer.print(result.diagnostics) }
        results.append(result)
        progress?.advance(current: result.input.displayName)
    }

    func finish() -> [ConversionJob.Result] {
        lock.lock()
        defer { lock.unlock() }
        progress?.clear()
        return results
    }
}
