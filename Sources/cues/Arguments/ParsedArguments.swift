/// What a command line gives one command: the values of its options and its
/// arguments, read as getopt-style tools read them.
///
/// `--name value`, `--name=value`, `-s value`, `-svalue` and grouped flags
/// (`-qf`) are accepted; a later value of an option replaces an earlier one;
/// `--` ends the options; `-` alone and negative numbers are arguments or
/// values, never options.
struct ParsedArguments {
    let command: CommandSpec
    private(set) var arguments: [String] = []
    // Lists rather than a dictionary and a set: a command line holds a few
    // options, and a `String`-keyed collection would have the runtime look
    // up `String`'s `Hashable` conformance at start-up (a scan of every
    // conformance record of the binary).
    private var values: [(option: String, value: String)] = []
    private var flags: [String] = []

    private mutating func set(_ option: String, to value: String) {
        if let index = values.firstIndex(where: { $0.option == option }) {
            values[index].value = value
        } else {
            values.append((option, value))
        }
    }

    private func storedValue(_ option: String) -> String? {
        values.first { $0.option == option }?.value
    }

    /// Reads `words`, the command line after the command's name.
    init(_ words: [String], for command: CommandSpec) throws(UsageError) {
        self.command = command
        var index = 0
        var optionsEnded = false
        /// The value of `option`: attached to its name, or the next word.
        func value(of option: OptionSpec, attached: Substring?) throws(UsageError) -> String {
            if let attached { return String(attached) }
            guard index < words.count else { throw UsageError("missing a value for '\(option.synopsis)'") }
            let word = words[index]
            if case .next = option.value, Self.looksLikeOption(word) {
                throw UsageError("missing a value for '\(option.synopsis)' (found the option '\(word)')")
            }
            index += 1
            return word
        }
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !Self.looksLikeOption(word) {
                arguments.append(word)
            } else if word == "--" {
                optionsEnded = true
            } else if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let equals = body.firstIndex(of: "=")
                let name = body[..<(equals ?? body.endIndex)]
                let attached = equals.map { body[body.index(after: $0)...] }
                guard let option = command.option(long: name) else { throw unknown("--" + name) }
                if option.takesValue {
                    set(option.long, to: try value(of: option, attached: attached))
                } else if attached != nil {
                    throw UsageError("'--\(name)' takes no value")
                } else {
                    if !flags.contains(option.long) { flags.append(option.long) }
                }
            } else {
                var letters = word.dropFirst()
                while let letter = letters.popFirst() {
                    guard let option = command.option(short: letter) else { throw unknown("-\(letter)") }
                    if option.takesValue {
                        set(option.long, to: try value(of: option, attached: letters.isEmpty ? nil : letters))
                        break
                    }
                    if !flags.contains(option.long) { flags.append(option.long) }
                }
            }
        }
        if let spec = command.arguments, arguments.isEmpty {
            throw UsageError("missing <\(spec.name)>")
        }
        if command.arguments == nil, let first = arguments.first {
            throw UsageError("unexpected argument '\(first)'")
        }
        if let missing = command.options.first(where: { $0.isRequired && storedValue($0.long) == nil }) {
            throw UsageError("missing '\(missing.synopsis)'")
        }
    }

    /// Whether `word` is an option rather than a value: it starts with '-',
    /// and is neither '-' alone nor a negative number.
    private static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), let second = word.dropFirst().first else { return false }
        return !(second.isASCII && (second.isNumber || second == "."))
    }

    /// An error for an option the command does not take, with the nearest
    /// one it does take when that is close.
    private func unknown(_ name: String) -> UsageError {
        let names = command.options.flatMap(\.spellings)
        let nearest = names.min { editDistance(name, $0) < editDistance(name, $1) }
        if let nearest, editDistance(name, nearest) <= max(1, nearest.count / 3) {
            return UsageError("unknown option '\(name)'; did you mean '\(nearest)'?")
        }
        return UsageError("unknown option '\(name)' (see 'cues \(command.name) --help')")
    }

    func flag(_ option: OptionSpec) -> Bool {
        precondition(command.option(long: Substring(option.long)) != nil, "'\(option.long)' is not an option of '\(command.name)'")
        return flags.contains(option.long)
    }

    /// The option's value, or its default.
    func value(_ option: OptionSpec) -> String? {
        precondition(command.option(long: Substring(option.long)) != nil, "'\(option.long)' is not an option of '\(command.name)'")
        return storedValue(option.long) ?? option.defaultValue
    }

    /// The value of an option that always has one: the command line must
    /// give it (checked when read), or it has a default.
    func string(_ option: OptionSpec) -> String {
        precondition(option.isRequired || option.defaultValue != nil, "'\(option.long)' may have no value")
        return value(option)!
    }

    /// The option's value as a whole number.
    func integer(_ option: OptionSpec) throws(UsageError) -> Int? {
        guard let text = value(option) else { return nil }
        guard let number = Int(text) else { throw UsageError("'\(option.synopsis)' expects a whole number, found '\(text)'") }
        return number
    }

    /// The option's value as a decimal number.
    func number(_ option: OptionSpec) throws(UsageError) -> Double? {
        guard let text = value(option) else { return nil }
        guard let number = Double(text), number.isFinite else {
            throw UsageError("'\(option.synopsis)' expects a number, found '\(text)'")
        }
        return number
    }
}

/// The number of single-character edits that turn `a` into `b`.
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
