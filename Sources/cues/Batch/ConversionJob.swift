import CueKit

/// Where one output of a conversion goes.
enum Destination: Sendable, Equatable {
    case standardOutput
    case file(String)
    /// Kept in memory for the command that runs the job (`cues preview`).
    case memory(MemoryOutput)
}

/// An output kept in memory: the bytes a conversion wrote, in one piece.
/// Written by the one thread that runs its job, read after the job.
final class MemoryOutput: OutputSink, @unchecked Sendable, Equatable {
    private(set) var bytes: [UInt8] = []

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
        self.bytes.append(contentsOf: bytes)
    }

    static func == (lhs: MemoryOutput, rhs: MemoryOutput) -> Bool { lhs === rhs }
}

/// One input and the outputs to make from it.
struct ConversionJob: Sendable {
    var input: InputFile
    var outputs: [(format: FormatID, destination: Destination)]
    /// The name of the output files without extension: the input's, unless
    /// another input of the batch writes those (see `OutputNames`).
    var stem: String
    /// What is said of the job before it runs (an output renamed).
    var preface: [Diagnostic] = []
    /// Where a feed's items go, one file each, with `--out-dir`.
    var itemLayout: ItemLayout?
    /// The MP3 an `id3` output is made from (`--media`).
    var media: MediaOutput?

    init(input: InputFile, outputs: [(format: FormatID, destination: Destination)]) {
        self.input = input
        self.outputs = outputs
        stem = input.stem
    }

    /// What happened to one output.
    struct OutputResult: Sendable {
        var format: FormatID
        var destination: Destination
        var error: Diagnostic?
    }

    /// What happened to the input.
    struct Result: Sendable {
        var input: InputFile
        var sourceFormat: FormatID?
        var outputs: [OutputResult] = []
        /// Notes, warnings and errors, in the order they were found.
        var diagnostics: [Diagnostic] = []

        var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    /// Reads the input, converts it to every output and writes each one
    /// through a temporary file renamed into place only when the whole output
    /// was written. Never throws: failures are in the result.
    func run(converter: Converter, inputFormat: FormatID?, transform: TimeTransform, force: Bool, inputFiles: Set<FileIO.Identity>) -> Result {
        var result = Result(input: input)
        result.diagnostics = preface
        var converter = converter
        let loaded: FileIO.LoadedInput
        do {
            if input.isURL, let remote = converter.readOptions.remoteFiles {
                let download = try InputDownload.load(input.path, with: remote)
                loaded = .downloaded(download.bytes, url: input.path)
                // The feed's relative links resolve against where it came from.
                converter.readOptions.remoteFiles = remote.resolving(against: download.finalURL)
            } else {
                loaded = try FileIO.load(input.path, format: inputFormat)
            }
        } catch {
            result.diagnostics.append(error.diagnostic)
            return result
        }
        // Readers may open files the input names beside it (a feed's chapters).
        if !input.isStandardInput, !input.isURL {
            let directory = input.path.lastIndex(of: "/").map { String(input.path[...$0]) } ?? "."
            converter.readOptions.linkedFiles = DirectoryFiles(directory: directory)
        }
        if writesItems(loaded, converter: converter, inputFormat: inputFormat) {
            return runItems(loaded, converter: converter, inputFormat: inputFormat, transform: transform, force: force, inputFiles: inputFiles)
        }
        let mediaFile: MediaFile?
        do throws(FileIO.Failure) {
            mediaFile = try media.map { media throws(FileIO.Failure) in try MediaFile(path: media.path) }
        } catch {
            result.diagnostics.append(error.diagnostic)
            return result
        }
        converter.writeOptions.id3Media = mediaFile?.media
        let inputFiles = media?.protecting(inputFiles) ?? inputFiles
        // Open every destination first: an output that may not be written
        // fails here, before any work, and never touches the existing file.
        var sinks: [(format: FormatID, sink: any OutputSink)] = []
        var opened = ByFormat<OutputTarget>()
        var refused = ByFormat<Diagnostic>()
        for (format, destination) in outputs {
            switch destination {
            case .standardOutput:
                sinks.append((format, StandardOutputSink()))
            case .memory(let output):
                sinks.append((format, output))
            case .file(let path):
                do {
                    let target = try OutputTarget(path: path, force: force, inputFiles: inputFiles)
                    opened[format] = target
                    sinks.append((format, target))
                } catch {
                    refused[format] = error
                }
            }
        }
        var diagnostics = Diagnostics(strict: converter.readOptions.strict)
        // A feed of one item written with a base URL links the files named
        // after the input that this run, or another, writes beside it.
        converter.writeOptions.siblingStems = [stem]
        var failures = refused
        var stopped: Diagnostic?
        if !sinks.isEmpty {
            do {
                let conversion = try loaded.withBytes(
                    array: { (bytes) throws(Diagnostic) in
                        try converter.convert(
                            bytes, name: input.displayName, from: inputFormat, into: sinks, transform: transform,
                            diagnostics: &diagnostics)
                    },
                    mapped: { (bytes) throws(Diagnostic) in
                        try converter.convert(
                            bytes, name: input.displayName, from: inputFormat, into: sinks, transform: transform,
                            diagnostics: &diagnostics)
                    })
                result.sourceFormat = conversion.format.id
                for (format, error) in conversion.failures { failures[format] = error }
            } catch {
                stopped = error
            }
        }
        // What was read from a file that changed meanwhile is not trusted,
        // nor what the reader said of it.
        do throws(FileIO.Failure) {
            try loaded.verifyUnchanged(name: input.displayName)
        } catch {
            for target in opened.values { target.file.abort() }
            result.diagnostics = preface + [error.diagnostic]
            return result
        }
        if let stopped {
            for target in opened.values { target.file.abort() }
            result.diagnostics = preface + diagnostics.items + [stopped]
            return result
        }
        result.diagnostics = preface + diagnostics.items
        for (format, destination) in outputs {
            var output = OutputResult(format: format, destination: destination, error: failures[format])
            if format == .id3, output.error == nil, let mediaFile {
                // The audio follows the tag the conversion wrote.
                output.error = mediaFile.appendAudio(to: opened[format]?.file)
            }
            if let target = opened[format] {
                if output.error != nil {
                    target.file.abort()
                } else {
                    do throws(FileIO.Failure) {
                        try target.file.commit()
                    } catch {
                        output.error = error.diagnostic
                    }
                }
            }
            if let error = output.error { result.diagnostics.append(error) }
            result.outputs.append(output)
        }
        return result
    }
}

/// Values by output format, for the few outputs of a job: a list searched
/// in turn, where a `Dictionary` keyed by `FormatID` would have the runtime
/// look up `FormatID`'s `Hashable` conformance at start-up (a scan of every
/// conformance record of the binary, about a tenth of a small conversion).
struct ByFormat<Value> {
    private var entries: [(format: FormatID, value: Value)] = []

    subscript(format: FormatID) -> Value? {
        get { entries.first { $0.format == format }?.value }
        set {
            let index = entries.firstIndex { $0.format == format }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((format, value))
            case (nil, nil): break
            }
        }
    }

    var values: [Value] { entries.map(\.value) }
}

/// An output file being written (see `OutputFile`).
private final class OutputTarget: OutputSink {
    let file: OutputFile

    init(path: String, force: Bool, inputFiles: Set<FileIO.Identity>) throws(Diagnostic) {
        do throws(FileIO.Failure) {
            file = try OutputFile(path: path, replacing: force, inputs: inputFiles)
        } catch {
            throw error.diagnostic
        }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
        do throws(FileIO.Failure) {
            try file.append(bytes)
        } catch {
            throw error.diagnostic
        }
    }
}

/// Standard output, written as the conversion goes.
final class StandardOutputSink: OutputSink {
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
        do throws(FileIO.Failure) {
            try StandardOutput.write(bytes)
        } catch {
            throw error.diagnostic
        }
    }
}
