import CueKit

/// `cues formats`: lists the formats.
struct FormatsCommand: Command {
    static let json = OptionSpec.flag("json", help: "Print the list as JSON.")

    static let spec = CommandSpec(
        name: "formats", abstract: "List the formats cues reads and writes.", options: [json])

    var json: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        json = arguments.flag(Self.json)
    }

    func run() throws(UsageError) -> Bool {
        let formats = FormatRegistry.standard.formats
        if json {
            var writer = JSONWriter()
            writer.beginArray()
            for format in formats {
                writer.beginObject()
                writer.key("id"); writer.string(format.id.rawValue)
                writer.key("name"); writer.string(format.name)
                writer.key("kind"); writer.string(format.kind.rawValue)
                writer.key("extensions")
                writer.beginArray()
                for ext in format.extensions { writer.string(ext) }
                writer.endArray()
                writer.key("mediaTypes")
                writer.beginArray()
                for type in format.mediaTypes { writer.string(type) }
                writer.endArray()
                writer.key("read"); writer.bool(format.reader != nil)
                writer.key("write"); writer.bool(format.writer != nil)
                writer.endObject()
            }
            writer.endArray()
            writer.finish()
            try? StandardOutput.write(writer.bytes)
            return true
        }
        var lines = ["\("id".padding(18)) \("read".padding(5)) \("write".padding(6)) \("extensions".padding(28)) media type"]
        for format in formats {
            let id = format.id.rawValue.padding(18)
            let read = (format.reader != nil ? "yes" : "-").padding(5)
            let write = (format.writer != nil ? "yes" : "-").padding(6)
            let extensions = format.extensions.map { "." + $0 }.joined(separator: " ").padding(28)
            lines.append("\(id) \(read) \(write) \(extensions) \(format.mediaTypes.first ?? "")")
        }
        StandardOutput.print(lines.joined(separator: "\n"))
        return true
    }
}
