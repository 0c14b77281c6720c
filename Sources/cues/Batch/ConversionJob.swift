import CueKit

/// Where one output of a conversion goes.
enum Destination: Sendable, Equatable {
    case standardOutput
    case file(String)
}

/// One input and the outputs to make from it.
struct ConversionJob: Sendable {
    var input: InputFile
    var outputs: [(format: FormatID, destination: Destination)]

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
        let bytes: InputBytes
        do {
            bytes = try FileIO.load(input.path)
        } catch {
            result.diagnostics.append(.error("io.read", error.message))
            return result
        }
        // Open every destination first: an output that may not be written
        // fails here, before any work, and never touches the existing file.
        var sinks: [(format: FormatID, sink: any OutputSink)] = []
        var opened: [FormatID: OutputTarget] = [:]
        var refused: [FormatID: Diagnostic] = [:]
        for (format, destination) in outputs {
            switch destination {
            case .standardOutput:
                sinks.append((format, StandardOutputSink()))
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
        // Readers may open files the input names beside it (a feed's chapters).
        var converter = converter
        if !input.isStandardInput {
            converter.readOptions.baseDirectory = input.path.lastIndex(of: "/").map { String(input.path[..<$0]) } ?? "."
        }
        var failures: [FormatID: Diagnostic] = refused
        if !sinks.isEmpty {
            do {
                let conversion = try converter.convert(
                    bytes, name: input.displayName, from: inputFormat, into: sinks, transform: transform,
                    diagnostics: &diagnostics)
                result.sourceFormat = conversion.format.id
                for (format, error) in conversion.failures { failures[format] = error }
            } catch {
                for target in opened.values { target.file.abort() }
                result.diagnostics = diagnostics.items + [error]
                return result
            }
        }
        result.diagnostics = diagnostics.items
        for (format, destination) in outputs {
            var output = OutputResult(format: format, destination: destination, error: failures[format])
            if let target = opened[format] {
                if output.error != nil {
                    target.file.abort()
                } else {
                    do throws(FileIO.Failure) {
                        try target.file.commit()
                    } catch {
                        target.file.abort()
                        output.error = .error("io.write", error.message)
                    }
                }
            }
            if let error = output.error { result.diagnostics.append(error) }
            result.outputs.append(output)
        }
        return result
    }
}

/// An output file being written: checked, its directory made, a temporary
/// file opened beside it.
private final class OutputTarget: OutputSink {
    let file: FileIO.AtomicFile

    init(path: String, force: Bool, inputFiles: Set<FileIO.Identity>) throws(Diagnostic) {
        let existing = FileIO.identity(path)
        if let existing, inputFiles.contains(existing) {
            throw .error("io.output-is-input", "refusing to write '\(path)': it is an input of this run")
        }
        if !force && existing != nil {
            throw .error("io.output-exists", "'\(path)' already exists; pass --force to replace it")
        }
        do throws(FileIO.Failure) {
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                try FileIO.createDirectories(String(path[..<slash]))
            }
            file = try FileIO.AtomicFile(path: path)
        } catch {
            throw .error("io.write", error.message)
        }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
        do throws(FileIO.Failure) {
            try file.append(bytes)
        } catch {
            throw .error("io.write", error.message)
        }
    }
}

/// Standard output, written as the conversion goes.
private final class StandardOutputSink: OutputSink {
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
        do throws(FileIO.Failure) {
            try FileIO.writeStandardOutput(bytes)
        } catch {
            throw .error("io.write", error.message)
        }
    }
}
