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
            let read: Converter.Input
            do {
                read = try converter.read(try FileIO.read(file.path), name: file.displayName, format: input.format, diagnostics: &diagnostics)
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
            let timeline = read.timeline
            var timed = timeline
            let inference = TimeInference().apply(to: &timed)
            let warnings = diagnostics.items.filter { $0.severity == .warning }.count
                + inference.diagnostics.filter { $0.severity == .warning }.count
            let untimed = timeline.cues.filter { $0.start == nil }.count
            let end = timed.duration ?? timed.cues.compactMap(\.end).max()
            if json {
                report.beginObject()
                report.key("input"); report.string(file.displayName)
                report.key("format"); report.string(read.format.id.rawValue)
                report.key("encoding"); report.string(read.encoding.name)
                if let title = timeline.metadata["title"]?.text { report.key("title"); report.string(title) }
                report.key("cues"); report.number(Int64(timeline.cues.count))
                report.key("untimedCues"); report.number(Int64(untimed))
                report.key("speakers")
                report.beginArray()
                for speaker in timeline.speakers { report.string(speaker) }
                report.endArray()
                report.key("chapters")
                report.beginArray()
                for chapter in timed.chapters {
                    report.beginObject()
                    report.key("title"); if let title = chapter.title { report.string(title) } else { report.null() }
                    report.key("start"); if let start = chapter.start { report.number(start.milliseconds) } else { report.null() }
                    report.endObject()
                }
                report.endArray()
                report.key("duration"); if let end { report.number(end.milliseconds) } else { report.null() }
                report.key("warnings"); report.number(Int64(warnings))
                report.endObject()
            } else {
                text.append(file.displayName)
                text.append("  format:   \(read.format.name) (\(read.format.id)), \(read.encoding.name)")
                if let title = timeline.metadata["title"]?.text { text.append("  title:    \(title)") }
                text.append("  cues:     \(timeline.cues.count)\(untimed > 0 ? " (\(untimed) without a time)" : "")")
                let speakers = timeline.speakers
                if !speakers.isEmpty { text.append("  speakers: \(speakers.joined(separator: ", "))") }
                text.append("  duration: \(end.map { ClockFormat.string($0, style: .clock) } ?? "unknown")")
                if !timed.chapters.isEmpty {
                    text.append("  chapters: \(timed.chapters.count)")
                    for chapter in timed.chapters {
                        let start = chapter.start.map { ClockFormat.string($0, style: .minutesSeconds) } ?? "?"
                        text.append("    \(start.padding(8)) \(chapter.title ?? "(untitled)")")
                    }
                }
                text.append("  warnings: \(warnings) (see 'cues check')")
            }
        }
        report.endArray()
        report.finish()
        if json { try? StandardOutput.write(report.bytes) } else if !text.isEmpty { StandardOutput.print(text.joined(separator: "\n")) }
        return !failed
    }
}
