import CueKit
import Foundation

/// `cues convert`: reads inputs and writes them in other formats.
struct ConvertCommand: Command {
    static let jobs = OptionSpec.option(
        "jobs", short: "j", valueName: "n",
        help: "Inputs converted at once (default: the number of cores); with 1, a large caption file is also parsed and written on one thread rather than two.")
    static let quiet = OptionSpec.flag("quiet", short: "q", help: "Print errors only.")
    static let json = OptionSpec.flag("json", help: "Print one machine-readable report on standard output instead of diagnostics.")

    static let spec = CommandSpec(
        name: "convert",
        abstract: "Convert files to other formats.",
        discussion: """
            One input and one format write to standard output, or to -o FILE. Many inputs or \
            formats need --out-dir DIR and write DIR/<input name>.<format extension> (inputs found \
            in directories keep their subdirectory). Outputs are written to a temporary file and \
            renamed into place; an existing file is replaced only with --force; an input is never \
            overwritten. One bad input never stops the others: exit status 1 says some failed. \
            Chapters go into an MP3 with --to id3 --media EPISODE.mp3: a new file of the MP3's \
            tag with the chapters and its audio unchanged (--in-place --force writes over it).
            """,
        arguments: InputOptions.inputs,
        options: InputOptions.options + OutputOptions.options + TimingOptions.options + CaptionOptions.options
            + [jobs, quiet, json])

    var input: InputOptions
    var output: OutputOptions
    var timing: TimingOptions
    var captions: CaptionOptions
    var jobs: Int?
    var quiet: Bool
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        input = try InputOptions(arguments)
        output = try OutputOptions(arguments)
        timing = try TimingOptions(arguments)
        captions = try CaptionOptions(arguments)
        jobs = try arguments.integer(Self.jobs)
        quiet = arguments.flag(Self.quiet)
        json = arguments.flag(Self.json)
        if let jobs, jobs < 1 { throw UsageError("--jobs must be at least 1") }
        let single = input.inputs.count == 1 && !FileIO.isDirectory(input.inputs[0]) && output.formats.count == 1
        if output.outDirectory == nil && !single {
            throw UsageError("several inputs or formats need --out-dir DIR")
        }
        if output.output != nil && !single {
            throw UsageError("-o takes one input and one format; use --out-dir for more")
        }
        if json && output.outDirectory == nil && (output.output ?? "-") == "-" {
            throw UsageError("--json prints the report on standard output; write the conversion with -o or --out-dir")
        }
        // --in-place writes over the media file even when it is the input too (MP3 to MP3).
        if let path = output.output, path != "-", !output.inPlace,
           input.inputs.contains(where: { $0 != "-" && FileIO.sameFile($0, path) }) {
            throw UsageError("the output '\(path)' is an input; refusing to overwrite it")
        }
        if output.media != nil, output.formats.contains(.id3) {
            if input.inputs.count != 1 || FileIO.isDirectory(input.inputs[0]) {
                throw UsageError("--media takes one input: the chapters of one MP3")
            }
            if output.outDirectory == nil, (output.output ?? "-") == "-", isatty(STDOUT_FILENO) != 0 {
                throw UsageError("an id3 output is an MP3 file; write it with -o FILE, not to a terminal")
            }
        }
    }

    func run() throws(UsageError) -> Bool {
        PendingFiles.install()
        let files = try input.collect(reporting: DiagnosticPrinter(quiet: quiet))
        var plans = files.map { file in
            var job = ConversionJob(input: file, outputs: output.formats.map { format in (format, destination(for: file, format: format)) })
            if output.formats.contains(.id3) {
                job.media = output.media.map { MediaOutput(path: $0, inPlace: output.inPlace) }
            }
            if let directory = output.outDirectory {
                // A feed's items go in a folder beside its other outputs.
                var folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
                if !file.relativeDirectory.isEmpty { folder += "/" + file.relativeDirectory }
                job.itemLayout = ItemLayout(directory: folder, names: output.itemNames)
            }
            return job
        }
        OutputNames.separate(&plans)

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
        // One input needs one worker: the core count (read from the cgroup
        // files through Foundation, a fifth of a small conversion's start-up)
        // is asked only for more.
        let workers = jobs ?? (plans.count > 1 ? ProcessInfo.processInfo.activeProcessorCount : 1)
        BatchRunner(jobs: plans, workers: workers).run({ job in
            job.run(converter: converter, inputFormat: inputFormat, transform: transform, force: force, inputFiles: inputFiles)
        }, deliver: { result in
            reporter.deliver(result)
        })
        let results = reporter.finish()
        if json { try? StandardOutput.write(JSONReport.conversion(results)) }
        return results.allSatisfy(\.succeeded)
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
        if !json { printer.print(result.diagnostics, input: result.input.displayName) }
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
