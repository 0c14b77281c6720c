import CueKit

/// `cues info`: describes each input.
struct InfoCommand: Command {
    static let json = OptionSpec.flag("json", help: "Print the descriptions as JSON.")

    static let spec = CommandSpec(
        name: "info",
        abstract: "Describe files: format, cues, speakers, chapters, duration and warnings.",
        arguments: InputOptions.inputs,
        options: InputOptions.options + [json])

    var input: InputOptions
    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        input = try InputOptions(arguments)
        json = arguments.flag(Self.json)
    }

    func run() throws(UsageError) -> Bool {
        let converter = Converter(readOptions: input.readOptions)
        let printer = DiagnosticPrinter(quiet: true)
        var failed = false
        var report = JSONWriter()
        report.beginArray()
        var text: [String] = []
        for file in try input.collect(reporting: DiagnosticPrinter()) {
            var diagnostics = Diagnostics(strict: input.strict)
            var read: Converter.Input
            do {
                let (bytes, options) = try file.read(with: converter.readOptions, format: input.format)
                var reading = converter
                reading.readOptions = options
                // Nothing is written: a feed need not keep what writing it back takes.
                reading.readOptions.keepsFeed = false
                read = try reading.read(bytes, name: file.displayName, format: input.format, diagnostics: &diagnostics)
            } catch let failure as FileIO.Failure {
                printer.error(failure.message)
                failed = true
                continue
            } catch let error as Diagnostic {
                printer.print(error)
                failed = true
                continue
            } catch {
                printer.error("\(error)")
                failed = true
                continue
            }
            let isFeed = read.format.kind == .feed
            if isFeed && read.timelines.isEmpty {
                if json {
                    report.beginObject()
                    report.key("input"); report.string(file.displayName)
                    report.key("format"); report.string(read.format.id.rawValue)
                    report.key("items"); report.number(0)
                    report.endObject()
                } else {
                    text.append("\(file.displayName)\n  format:   \(read.format.name) (\(read.format.id)), \(read.encoding.name)\n  items:    none")
                }
                continue
            }
            if isFeed && !json {
                text.append(file.displayName)
                text.append("  format:   \(read.format.name) (\(read.format.id)), \(read.encoding.name)")
                text.append("  items:    \(read.timelines.count)")
            }
            let readWarnings = diagnostics.items.filter { $0.severity == .warning }.count
            for index in read.timelines.indices {
                let item = Description(read.takeTimeline(at: index), readWarnings: isFeed ? 0 : readWarnings)
                if json {
                    report.beginObject()
                    report.key("input"); report.string(file.displayName)
                    report.key("format"); report.string(read.format.id.rawValue)
                    report.key("encoding"); report.string(read.encoding.name)
                    if isFeed {
                        report.key("item"); report.number(Int64(index + 1))
                        report.key("guid"); if let guid = item.timeline.metadata["guid"]?.text { report.string(guid) } else { report.null() }
                    }
                    item.write(to: &report)
                    report.endObject()
                } else if isFeed {
                    text.append("  item \(index + 1):")
                    text += item.lines.map { "    " + $0 }
                } else {
                    text.append(file.displayName)
                    text.append("  format:   \(read.format.name) (\(read.format.id)), \(read.encoding.name)")
                    text += item.lines.map { "  " + $0 }
                }
                if !isFeed { break }
            }
            if isFeed, readWarnings > 0 {
                if !json { text.append("  warnings: \(readWarnings) in the feed (see 'cues check')") }
            }
        }
        report.endArray()
        report.finish()
        if json { try? StandardOutput.write(report.bytes) } else if !text.isEmpty { StandardOutput.print(text.joined(separator: "\n")) }
        return !failed
    }
}
