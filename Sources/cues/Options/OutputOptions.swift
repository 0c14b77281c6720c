import ArgumentParser
import CueKit

/// Where and how outputs are written.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output formats, comma-separated (see 'cues formats').", valueName: "format[,format...]"))
    var to: String

    @Option(name: [.short, .customLong("output")], help: "The output file for one input and one format; '-' is standard output (the default).")
    var output: String?

    @Option(name: .customLong("out-dir"), help: "Write DIR/<input name>.<format extension> for every input and format.")
    var outDirectory: String?

    @Flag(name: .shortAndLong, help: "Replace output files that already exist.")
    var force = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the feed's sibling files are published under: an RSS output links <stem>.chapters.json and <stem>.vtt there.", valueName: "URL"))
    var baseURL: String?

    @Flag(name: .long, help: "End output lines with CR LF instead of LF.")
    var crlf = false

    @Flag(name: .long, help: "Start the output with a UTF-8 byte order mark (some players need one, others reject it).")
    var bom = false

    var formats: [FormatID] {
        to.split(separator: ",").map { FormatID(String($0).trimmingCharacters()) }
    }

    func validate() throws {
        let registry = FormatRegistry.standard
        for format in formats where registry[format]?.writer == nil {
            throw ValidationError("unknown output format '\(format)'; expected one of \(registry.writableIDs.joined(separator: ", "))")
        }
        if formats.isEmpty { throw ValidationError("--to needs at least one format") }
        if Set(formats).count != formats.count { throw ValidationError("--to names a format twice") }
        if output != nil && outDirectory != nil { throw ValidationError("use -o for one output file or --out-dir for many, not both") }
    }

    var writeOptions: WriteOptions {
        WriteOptions(crlf: crlf, byteOrderMark: bom, baseURL: baseURL)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
