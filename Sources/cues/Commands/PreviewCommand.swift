#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CueKit

/// `cues preview`: one HTML page to check captions by looking at them.
struct PreviewCommand: Command {
    static let media = OptionSpec.option(
        "media", valueName: "file", completion: .file,
        help: "The audio or video to play the captions over (linked from the page, not copied); without it, a silent timeline as long as the captions.")
    static let output = OptionSpec.option(
        "output", short: "o", valueName: "file", completion: .file,
        help: "The page to write (default: <input name>.preview.html in the current directory); '-' is standard output.")
    static let force = OptionSpec.flag("force", short: "f", help: "Replace the page if it exists.")
    static let quiet = OptionSpec.flag("quiet", short: "q", help: "Print errors only.")

    static let spec = CommandSpec(
        name: "preview",
        abstract: "Write one HTML page that plays the captions and marks those over the caption limits.",
        discussion: """
            The page plays the captions over the media (or a silent timeline), lists them beside the \
            player with the one showing highlighted, lists the chapters (each seeks the player), and \
            marks each caption over the limits (--preset and --max-*) with the limit and its value. \
            Its captions track is the WebVTT that 'cues convert INPUT --to vtt' writes with the same \
            options. The page is written through a temporary file; an existing one is replaced only \
            with --force.
            """,
        arguments: ArgumentSpec(name: "input", help: "The captions, transcript or episode to preview ('-' for standard input)."),
        options: InputOptions.options + [media, output, force] + TimingOptions.options + CaptionOptions.options + [quiet])

    var input: InputOptions
    var timing: TimingOptions
    var captions: CaptionOptions
    var media: String?
    var output: String?
    var force: Bool
    var quiet: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        input = try InputOptions(arguments)
        timing = try TimingOptions(arguments)
        captions = try CaptionOptions(arguments)
        media = arguments.value(Self.media)
        output = arguments.value(Self.output)
        force = arguments.flag(Self.force)
        quiet = arguments.flag(Self.quiet)
        guard input.inputs.count == 1 else { throw UsageError("preview takes one input, found \(input.inputs.count)") }
        if FileIO.isDirectory(input.inputs[0]) { throw UsageError("preview takes one input file, found the directory '\(input.inputs[0])'") }
        if let media, media.isEmpty { throw UsageError("--media expects the path of the audio or video, found nothing") }
    }

    func run() throws(UsageError) -> Bool {
        PendingFiles.install()
        let printer = DiagnosticPrinter(quiet: quiet)
        guard let file = try input.collect(reporting: printer).first else { return false }
        let path = output ?? file.stem + ".preview.html"
        var mediaURL: String?
        if let media {
            guard Self.isRegularFile(media) else {
                printer.error("cannot use the media '\(media)': \(Self.isMissing(media) ? "it does not exist" : "it is not a regular file")")
                return false
            }
            let pageDirectory = path == "-" ? "." : String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            mediaURL = RelativeURL.of(media, from: pageDirectory.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : pageDirectory)
        }

        // The page is opened first: one that may not be written fails here,
        // before any work, and never touches the existing file.
        let inputFiles = Set([file].filter { !$0.isStandardInput && !$0.isURL }.compactMap { FileIO.identity($0.path) })
        var page: OutputFile?
        if path != "-" {
            do throws(FileIO.Failure) {
                page = try OutputFile(path: path, replacing: force, inputs: inputFiles)
            } catch {
                printer.print(error.diagnostic, input: file.displayName)
                return false
            }
        }

        // The captions and chapters exactly as `cues convert --to vtt,vtt-chapters`
        // writes them with the same options: the same job, into memory.
        let captionsTrack = MemoryOutput(), chaptersTrack = MemoryOutput()
        let converter = Converter(
            readOptions: input.readOptions, inference: timing.inference, segmentation: captions.segmentation,
            captionStyle: captions.style)
        let job = ConversionJob(input: file, outputs: [(.vtt, .memory(captionsTrack)), (.vttChapters, .memory(chaptersTrack))])
        let result = job.run(converter: converter, inputFormat: input.format, transform: timing.transform, force: false, inputFiles: inputFiles)
        // An input without chapters has no chapters track; that is no failure.
        let noChapters = result.outputs.first { $0.format == .vttChapters }?.error.flatMap { $0.code == "convert.nothing-kept" ? $0 : nil }
        let said = result.diagnostics.filter { $0 != noChapters }
        printer.print(said, input: file.displayName)
        guard !said.contains(where: { $0.severity == .error }) else {
            page?.abort()
            return false
        }

        let preview = CaptionPreview(
            captions: captionsTrack.bytes, chapters: noChapters == nil ? chaptersTrack.bytes : nil, style: captions.style,
            mediaURL: mediaURL, title: file.displayName.split(separator: "/").last.map(String.init) ?? file.displayName)
        let written: CaptionPreview.Page
        do throws(Diagnostic) {
            written = try preview.page()
            let bytes = written.bytes
            if let page {
                do throws(FileIO.Failure) {
                    try page.append(bytes)
                    try page.commit()
                } catch {
                    page.abort()
                    throw error.diagnostic
                }
            } else {
                try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in try StandardOutputSink().write(buffer) }
            }
        } catch {
            page?.abort()
            printer.print(error, input: file.displayName)
            return false
        }
        if path != "-" {
            let verdict = written.flaggedCount == 0
                ? "every caption is within the limits"
                : "\(written.flaggedCount) of \(written.captionCount) captions break the limits"
            printer.print(.note("preview.written", "wrote the preview to '\(path)': \(verdict)"), input: file.displayName)
        }
        return true
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    private static func isMissing(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) != 0 && errno == ENOENT
    }
}
