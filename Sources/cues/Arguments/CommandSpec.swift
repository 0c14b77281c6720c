/// A subcommand of `cues`: its name, what it does, what it takes.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var discussion = ""
    /// The arguments after the options; nil when the command takes none.
    var arguments: ArgumentSpec?
    var options: [OptionSpec]

    func option(long: Substring) -> OptionSpec? {
        options.first { $0.long == long }
    }

    func option(short: Character) -> OptionSpec? {
        options.first { $0.short == short }
    }

    /// `cues convert [<options>] <inputs> ... --to <format>`.
    var usage: String {
        var text = "cues " + name
        if options.contains(where: { !$0.isRequired }) { text += " [<options>]" }
        if let arguments { text += " <\(arguments.name)> ..." }
        for option in options where option.isRequired { text += " " + option.synopsis }
        return text
    }
}

/// A mistake in the command line: the tool prints it with the usage and ends
/// with status 64.
struct UsageError: Error, Sendable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
