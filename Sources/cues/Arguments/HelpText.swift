/// The help `cues --help` and `cues COMMAND --help` print, wrapped to 80
/// columns.
enum HelpText {
    static let width = 80
    /// Where the help of an option starts.
    static let helpColumn = 26

    /// The help of the tool: what it does, its commands.
    static func tool(_ tool: ToolSpec) -> String {
        var lines = paragraph("OVERVIEW: " + tool.abstract)
        for line in tool.discussion.split(separator: "\n") { lines += [""] + paragraph(String(line)) }
        lines += ["", "USAGE: cues <command> [<options>] ...", "", "COMMANDS:"]
        for command in tool.commands { lines += row(command.name, command.abstract) }
        lines += ["", "OPTIONS:"] + row("--version", "Show the version.") + row("-h, --help", "Show help information.")
        lines += ["", "See 'cues help <command>' for the options of a command."]
        return lines.joined(separator: "\n")
    }

    /// The help of one command: what it does, its arguments and options.
    static func command(_ command: CommandSpec) -> String {
        var lines = paragraph("OVERVIEW: " + command.abstract)
        if !command.discussion.isEmpty { lines += [""] + paragraph(command.discussion) }
        lines += ["", "USAGE: " + command.usage]
        if let arguments = command.arguments {
            lines += ["", "ARGUMENTS:"] + row("<\(arguments.name)>", arguments.help)
        }
        lines += ["", "OPTIONS:"]
        for option in command.options {
            var help = option.help
            if let value = option.defaultValue { help += " (default: \(value))" }
            lines += row(option.names, help)
        }
        lines += row("-h, --help", "Show help information.")
        return lines.joined(separator: "\n")
    }

    /// `name` at the left, `help` wrapped in the column beside it (below it
    /// when the name does not leave room).
    static func row(_ name: String, _ help: String) -> [String] {
        let left = "  " + name
        var lines = wrap(help, width: width - helpColumn).map { String(repeating: " ", count: helpColumn) + $0 }
        if left.count <= helpColumn - 2, !lines.isEmpty {
            lines[0] = left + String(repeating: " ", count: helpColumn - left.count) + lines[0].dropFirst(helpColumn)
        } else {
            lines.insert(left, at: 0)
        }
        return lines
    }

    static func paragraph(_ text: String) -> [String] {
        wrap(text, width: width)
    }

    /// `text` in lines of at most `width` characters, broken at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
