import ArgumentParser
import CueKit

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a file to another format.",
        discussion: """
            The input format comes from --from, else from the content, else from the file \
            extension. Output goes to standard output unless -o is given; '-' reads standard \
            input. Exit status: 0 on success, 1 when the input could not be converted, 64 on \
            a usage error.
            """
    )

    @Argument(help: "The input file, or '-' for standard input.")
    var input: String

    @Option(name: .long, help: "The output format (see 'cues formats').")
    var to: String

    @Option(name: .long, help: "The input format, when its content and name do not tell.")
    var from: String?

    @Option(name: [.short, .customLong("output")], help: "The output file (written only when the conversion succeeds).")
    var output: String?

    @Flag(help: "Treat every repair of bad input as an error.")
    var strict = false

    @Option(name: .long, help: "The input's character encoding (GB2312, Big5, Windows-1250, any name iconv knows); detected when not given.")
    var encoding: String?

    @Flag(name: .long, help: "Read a leading 'Name:' (or '>> NAME:') on a caption's first line as its speaker.")
    var speakerLabels = false

    @Flag(name: .long, help: "End output lines with CR LF instead of LF.")
    var crlf = false

    @Flag(name: .long, help: "Start the output with a UTF-8 byte order mark.")
    var bom = false

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    func validate() throws {
        guard FormatRegistry.standard[FormatID(to)]?.writer != nil else {
            throw ValidationError("unknown output format '\(to)'; expected one of \(FormatRegistry.standard.writableIDs.joined(separator: ", "))")
        }
        if let from, FormatRegistry.standard[FormatID(from)]?.reader == nil {
            throw ValidationError("unknown input format '\(from)'; expected one of \(FormatRegistry.standard.readableIDs.joined(separator: ", "))")
        }
        if let output, output != "-", input != "-", FileIO.sameFile(input, output) {
            throw ValidationError("the output '\(output)' is the input file; refusing to overwrite it")
        }
    }

    func run() throws {
        let printer = DiagnosticPrinter(quiet: quiet)
        let name = input == "-" ? "<stdin>" : input
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(input)
        } catch {
            printer.error(error.message)
            throw ExitCode.failure
        }
        let converter = Converter(
            readOptions: ReadOptions(strict: strict, speakerLabels: speakerLabels, encoding: encoding),
            writeOptions: WriteOptions(crlf: crlf, byteOrderMark: bom))
        var diagnostics = Diagnostics(strict: strict)
        let result: [UInt8]
        do throws(Diagnostic) {
            result = try converter.convert(
                bytes, name: name, from: from.map { FormatID($0) }, to: FormatID(to), diagnostics: &diagnostics)
        } catch {
            printer.print(diagnostics.items)
            printer.print(error)
            throw ExitCode.failure
        }
        printer.print(diagnostics.items)
        do {
            if let output, output != "-" {
                try FileIO.writeAtomically(result, to: output)
            } else {
                try FileIO.writeStandardOutput(result)
            }
        } catch {
            printer.error(error.message)
            throw ExitCode.failure
        }
    }
}
