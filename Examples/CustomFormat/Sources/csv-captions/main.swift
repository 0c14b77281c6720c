import CaptionsCSV
import CueKit
import Foundation

// csv-captions INPUT [--to FORMAT]: converts INPUT, in any format cues reads
// or in captions CSV, to FORMAT (default: vtt), printed on standard output;
// diagnostics go to standard error.

let arguments = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: csv-captions INPUT [--to FORMAT]\n".utf8))
    exit(64)
}
guard let path = arguments.first else { usage() }
var target = FormatID.vtt
if arguments.count == 3, arguments[1] == "--to" {
    target = FormatID(arguments[2])
} else if arguments.count != 1 {
    usage()
}

guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("csv-captions: cannot read '\(path)'\n".utf8))
    exit(1)
}

// The standard registry with captions CSV added: every other format still
// reads and writes as in `cues`.
let converter = Converter(registry: .withCaptionsCSV)
var diagnostics = Diagnostics()
do {
    let output = try converter.convert(Array(data), name: path, to: target, diagnostics: &diagnostics)
    for diagnostic in diagnostics.items { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
    FileHandle.standardOutput.write(Data(output))
} catch {
    for diagnostic in diagnostics.items { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
