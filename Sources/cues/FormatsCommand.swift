import ArgumentParser
import CueKit

struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the formats cues reads and writes.")

    func run() {
        var lines = ["id                 read  write  extensions"]
        for format in FormatRegistry.standard.formats {
            let id = format.id.rawValue.padding(18)
            let read = (format.reader != nil ? "yes" : "-").padding(5)
            let write = (format.writer != nil ? "yes" : "-").padding(6)
            lines.append("\(id) \(read) \(write) \(format.extensions.map { "." + $0 }.joined(separator: " "))")
        }
        print(lines.joined(separator: "\n"))
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
