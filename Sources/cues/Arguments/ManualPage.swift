/// The manual page `cues --generate-manual` prints, in roff for man(1).
enum ManualPage {
    static func text(_ tool: ToolSpec) -> String {
        let name = tool.name
        var lines = [
            ".TH \(name.uppercased()) 1 \"\" \"\(name) \(tool.version)\" \"User Commands\"",
            ".SH NAME",
            "\(name) \\- " + escaped(tool.abstract),
            ".SH SYNOPSIS",
            ".B \(name)",
            ".I command",
            "[\\fIoptions\\fR] ...",
            ".SH DESCRIPTION",
        ]
        for paragraph in tool.discussion.split(separator: "\n") { lines += [".PP", escaped(String(paragraph))] }
        lines += [
            ".SH OPTIONS",
            ".TP", "\\fB\\-\\-version\\fR", "Show the version.",
            ".TP", "\\fB\\-h\\fR, \\fB\\-\\-help\\fR", "Show help information.",
            ".SH COMMANDS",
        ]
        for command in tool.commands {
            lines += [".SS \(name) \(command.name)", escaped(command.abstract)]
            if !command.discussion.isEmpty { lines += [".PP", escaped(command.discussion)] }
            lines += [".PP", "Usage: " + escaped(command.usage)]
            if let arguments = command.arguments {
                lines += [".TP", "\\fI<\(arguments.name)>\\fR ...", escaped(arguments.help)]
            }
            for option in command.options {
                var term = option.short.map { "\\fB\\-\($0)\\fR, " } ?? ""
                term += "\\fB" + escaped("--" + option.long) + "\\fR"
                if let value = option.valueName { term += " \\fI" + escaped(value) + "\\fR" }
                var help = option.help
                if let value = option.defaultValue { help += " (default: \(value))" }
                lines += [".TP", term, escaped(help)]
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` as roff prints it: backslashes and hyphens escaped, and a
    /// leading dot or quote kept from being read as a request.
    static func escaped(_ text: String) -> String {
        var result = text.hasPrefix(".") || text.hasPrefix("'") ? "\\&" : ""
        for character in text {
            switch character {
            case "\\": result += "\\e"
            case "-": result += "\\-"
            default: result.append(character)
            }
        }
        return result
    }
}
