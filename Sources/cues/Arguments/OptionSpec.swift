/// One option or flag a command takes: its names, its value, its help.
struct OptionSpec: Sendable {
    /// What follows the option on the command line.
    enum Value: Sendable {
        /// Nothing: the option is a flag.
        case none
        /// The next argument, which may not look like an option ('-' alone
        /// and negative numbers may).
        case next(name: String)
        /// The next argument whatever it is: `--shift -later` is then
        /// reported as a bad duration, not as a missing one.
        case unconditional(name: String)
    }

    /// What a shell offers when completing the option's value.
    enum Completion: Sendable {
        case none, file, directory
        case list([String])
    }

    var long: String
    var short: Character?
    var value: Value
    var help: String
    /// The value used when the option is not given, shown in help.
    var defaultValue: String?
    /// Whether the command line must give the option.
    var isRequired = false
    var completion: Completion = .none

    /// A flag, `--long` or `-s`.
    static func flag(_ long: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(long: long, short: short, value: .none, help: help)
    }

    /// An option with a value, `--long VALUE`, `--long=VALUE` or `-s VALUE`.
    static func option(
        _ long: String, short: Character? = nil, valueName: String, unconditional: Bool = false,
        default defaultValue: String? = nil, required: Bool = false, completion: Completion = .none, help: String
    ) -> OptionSpec {
        OptionSpec(
            long: long, short: short, value: unconditional ? .unconditional(name: valueName) : .next(name: valueName),
            help: help, defaultValue: defaultValue, isRequired: required, completion: completion)
    }

    var takesValue: Bool {
        if case .none = value { return false }
        return true
    }

    var valueName: String? {
        switch value {
        case .none: nil
        case .next(let name), .unconditional(let name): name
        }
    }

    /// `--to <format>`: the option as help and errors show it.
    var synopsis: String {
        "--" + long + (valueName.map { " <\($0)>" } ?? "")
    }

    /// `-o` and `--output`: the ways the option is written.
    var spellings: [String] {
        (short.map { ["-\($0)"] } ?? []) + ["--" + long]
    }

    /// `-o, --output <file>`: the option's names as help lists them.
    var names: String {
        (short.map { "-\($0), " } ?? "") + synopsis
    }
}

/// The arguments a command takes after its options: one or more, of one kind.
struct ArgumentSpec: Sendable {
    var name: String
    var help: String
}
