/// Reads the members of JSON objects for a format reader (JSON chapters, JSON
/// transcripts), with located diagnostics coded `<format>.<problem>`.
///
/// Policy shared by those formats:
/// - A key the format knows that appears twice: the last one counts, as in
///   JavaScript's `JSON.parse`, with a repair warning.
/// - A value of the wrong type: a number where text belongs is read as its
///   text, a numeric string where seconds belong is read as the number, the
///   strings `"true"`/`"false"` where a boolean belongs are read as booleans;
///   each with a repair warning. Anything else is ignored with a repair warning.
/// - `null` is read as absent; one note counts them.
/// - Seconds are read exactly (`DecimalSeconds`); one warning counts those
///   rounded to the millisecond.
struct JSONFieldReader {
    let source: SourceText
    let format: FormatID
    private var nulls: (count: Int, first: SourceLocation?) = (0, nil)
    private var rounded: (count: Int, first: SourceLocation?) = (0, nil)
    /// Whether times finer than a millisecond are expected (a recogniser's
    /// binary floats such as `7.6000000000000005`): their rounding is then a
    /// note, not a warning.
    var roundingIsExpected = false

    init(source: SourceText, format: FormatID) {
        self.source = source
        self.format = format
    }

    func location(_ value: JSONValue) -> SourceLocation {
        source.location(line: value.line, column: value.column)
    }

    func code(_ problem: String) -> String { "\(format.rawValue).\(problem)" }

    /// An object's members split into the keys in `known` (the last of
    /// repeated keys, with a warning for each earlier one) and the others in
    /// order, repeats included. nil when `value` is not an object.
    func members(
        of value: JSONValue, known: Set<String>, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (known: [String: JSONValue], others: [(key: String, value: JSONValue)])? {
        guard case .object(let members) = value.kind else { return nil }
        var found: [String: JSONValue] = [:]
        var others: [(key: String, value: JSONValue)] = []
        for member in members {
            guard known.contains(member.key) else {
                others.append(member)
                continue
            }
            if let earlier = found[member.key] {
                try diagnostics.repair(.warning(
                    code("duplicate-key"),
                    "expected \"\(member.key)\" once in this object, found it again; the last one is used, as JavaScript reads it (the earlier one is at line \(earlier.line))",
                    at: location(member.value), format: format))
            }
            found[member.key] = member.value
        }
        return (found, others)
    }

    /// Text from a string; a number or boolean is read as its text.
    mutating func string(_ value: JSONValue?, key: String, diagnostics: inout Diagnostics) throws(Diagnostic) -> String? {
        guard let value else { return nil }
        switch value.kind {
        case .string(let text): return text
        case .null:
            noteNull(value)
            return nil
        case .number(let text):
            try diagnostics.repair(.warning(
                code("type"), "expected \"\(key)\" to be a string, found the number \(text); read as the text \"\(text)\"",
                at: location(value), format: format))
            return text
        case .bool(let flag):
            try diagnostics.repair(.warning(
                code("type"), "expected \"\(key)\" to be a string, found \(flag); read as the text \"\(flag)\"",
                at: location(value), format: format))
            return flag ? "true" : "false"
        case .object, .array:
            try diagnostics.repair(.warning(
                code("type"), "expected \"\(key)\" to be a string, found \(value.typeDescription); ignored",
                at: location(value), format: format))
            return nil
        }
    }

    /// A boolean; the strings "true" and "false" are read as booleans.
    mutating func bool(_ value: JSONValue?, key: String, diagnostics: inout Diagnostics) throws(Diagnostic) -> Bool? {
        guard let value else { return nil }
        switch value.kind {
        case .bool(let flag): return flag
        case .null:
            noteNull(value)
            return nil
        case .string(let text) where text == "true" || text == "false":
            try diagnostics.repair(.warning(
                code("type"), "expected \"\(key)\" to be true or false, found the string \"\(text)\"; read as \(text)",
                at: location(value), format: format))
            return text == "true"
        default:
            try diagnostics.repair(.warning(
                code("type"), "expected \"\(key)\" to be true or false, found \(describe(value)); ignored",
                at: location(value), format: format))
            return nil
        }
    }

    /// What a seconds value held.
    enum Seconds {
        case absent
        case time(Timestamp)
        /// Present but unusable; already reported.
        case invalid
    }

    /// Seconds as a JSON number (a numeric string is read with a warning),
    /// converted exactly to milliseconds. Negative times are reported and
    /// read as 0.
    mutating func seconds(_ value: JSONValue?, key: String, diagnostics: inout Diagnostics) throws(Diagnostic) -> Seconds {
        guard let value else { return .absent }
        let text: String
        switch value.kind {
        case .number(let number):
            text = number
        case .null:
            noteNull(value)
            return .absent
        case .string(let string):
            let trimmed = String(Substring(string).trimmingWhitespace())
            guard case .success = DecimalSeconds.milliseconds(trimmed) else {
                try diagnostics.repair(.warning(
                    code("bad-time"), "expected \"\(key)\" to be a number of seconds, found the string \"\(string.prefix(40))\"; ignored",
                    at: location(value), format: format))
                return .invalid
            }
            try diagnostics.repair(.warning(
                code("time-as-string"), "expected \"\(key)\" to be a number of seconds, found it in quotes (\"\(string)\"); read as \(trimmed)",
                at: location(value), format: format))
            text = trimmed
        default:
            try diagnostics.repair(.warning(
                code("bad-time"), "expected \"\(key)\" to be a number of seconds, found \(describe(value)); ignored",
                at: location(value), format: format))
            return .invalid
        }
        switch DecimalSeconds.milliseconds(text) {
        case .failure:
            try diagnostics.repair(.warning(
                code("bad-time"), "expected \"\(key)\" to be a number of seconds that fits in milliseconds, found \(text); ignored",
                at: location(value), format: format))
            return .invalid
        case .success(let reading):
            if reading.isRounded {
                rounded.count += 1
                if rounded.first == nil { rounded.first = location(value) }
            }
            if reading.milliseconds < 0 {
                try diagnostics.repair(.warning(
                    code("negative-time"), "expected \"\(key)\" to be 0 or more seconds, found \(text); read as 0",
                    at: location(value), format: format))
                return .time(.zero)
            }
            return .time(Timestamp(milliseconds: reading.milliseconds))
        }
    }

    /// Reports the counted findings; call once after reading.
    func finish(diagnostics: inout Diagnostics) {
        if nulls.count > 0 {
            diagnostics.report(.note(
                code("null"), "\(nulls.count) key(s) with the value null were read as absent, first here",
                at: nulls.first, format: format))
        }
        if rounded.count > 0 {
            let message = "\(rounded.count) time(s) have more than three decimals; rounded to the nearest millisecond, first here"
            diagnostics.report(roundingIsExpected
                ? .note(code("sub-millisecond"), message, at: rounded.first, format: format)
                : .warning(code("sub-millisecond"), message, at: rounded.first, format: format))
        }
    }

    private mutating func noteNull(_ value: JSONValue) {
        nulls.count += 1
        if nulls.first == nil { nulls.first = location(value) }
    }

    func describe(_ value: JSONValue) -> String {
        switch value.kind {
        case .string(let text): "the string \"\(text.prefix(40))\""
        case .number(let text): "the number \(text)"
        case .bool(let flag): "\(flag)"
        default: value.typeDescription
        }
    }
}
