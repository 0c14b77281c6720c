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
        /// The bytes, kept only for standard output (printed in input order).
        var standardOutput: [UInt8]?
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
    /// through a temporary file. Never throws: failures are in the result.
    func run(converter: Converter, inputFormat: FormatID?, transform: TimeTransform, force: Bool, inputPaths: Set<String>) -> Result {
        var result = Result(input: input)
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(input.path)
        } catch {
            result.diagnostics.append(.error("io.read", error.message))
            return result
        }
        var diagnostics = Diagnostics(strict: converter.readOptions.strict)
        // Readers may open files the input names beside it (a feed's chapters).
        var converter = converter
        if !input.isStandardInput {
            converter.readOptions.baseDirectory = input.path.lastIndex(of: "/").map { String(input.path[..<$0]) } ?? "."
        }
        let conversion: Converter.Conversion
        do {
            conversion = try converter.convert(
                bytes, name: input.displayName, from: inputFormat, to: outputs.map(\.format), transform: transform,
                diagnostics: &diagnostics)
        } catch {
            result.diagnostics = diagnostics.items + [error]
            return result
        }
        result.sourceFormat = conversion.input.format.id
        result.diagnostics = diagnostics.items
        for (format, destination) in outputs {
            var output = OutputResult(format: format, destination: destination)
            if let failure = conversion.failures.first(where: { $0.format == format }) {
                output.error = failure.error
            } else if let bytes = conversion.outputs.first(where: { $0.format == format })?.bytes {
                switch destination {
                case .standardOutput:
                    output.standardOutput = bytes
                case .file(let path):
                    output.error = write(bytes, to: path, force: force, inputPaths: inputPaths)
                }
            }
            if let error = output.error { result.diagnostics.append(error) }
            result.outputs.append(output)
        }
        return result
    }

    private func write(_ bytes: [UInt8], to path: String, force: Bool, inputPaths: Set<String>) -> Diagnostic? {
        if inputPaths.contains(where: { FileIO.sameFile($0, path) }) {
            return .error("io.output-is-input", "refusing to write '\(path)': it is an input of this run")
        }
        if !force && FileIO.exists(path) {
            return .error("io.output-exists", "'\(path)' already exists; pass --force to replace it")
        }
        do {
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                try FileIO.createDirectories(String(path[..<slash]))
            }
            try FileIO.writeAtomically(bytes, to: path)
        } catch {
            return .error("io.write", error.message)
        }
        return nil
    }
}
