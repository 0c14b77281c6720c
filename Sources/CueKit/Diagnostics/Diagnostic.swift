/// A finding about an input or a conversion: an error that stopped it, a
/// warning about something repaired or lost, or a note about what was inferred.
///
/// Errors are thrown as `Diagnostic` values; warnings and notes are collected
/// in a `Diagnostics` list. The library never prints them.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable identifier such as `episode.time-backwards`.
    public var code: String
    /// What was expected and what was found, in one sentence.
    public var message: String
    public var location: SourceLocation?
    /// The format whose reader or writer reported it.
    public var format: FormatID?
    /// How many more diagnostics with this code came after this one and were
    /// left out of the list (see `Diagnostics.limitPerCode`).
    public var omittedRepeats = 0
    /// What the caller could change about it, for a tool to say in its own
    /// terms (see `Hint`).
    public var hint: Hint?

    public init(
        _ severity: Severity,
        code: String,
        _ message: String,
        at location: SourceLocation? = nil,
        format: FormatID? = nil,
        hint: Hint? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.format = format
        self.hint = hint
    }

    /// An error diagnostic.
    public static func error(
        _ code: String, _ message: String, at location: SourceLocation? = nil, format: FormatID? = nil, hint: Hint? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: location, format: format, hint: hint)
    }

    /// A warning diagnostic.
    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation? = nil, format: FormatID? = nil, hint: Hint? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location, format: format, hint: hint)
    }

    /// A note diagnostic.
    public static func note(
        _ code: String, _ message: String, at location: SourceLocation? = nil, format: FormatID? = nil, hint: Hint? = nil
    ) -> Diagnostic {
        Diagnostic(.note, code: code, message, at: location, format: format, hint: hint)
    }

    /// `file:line:col: severity: [format] message`, the way compilers print.
    public var description: String {
        var out = ""
        if let location { out += "\(location): " }
        out += "\(severity.rawValue): "
        if let format { out += "[\(format)] " }
        out += message
        if omittedRepeats > 0 { out += " (\(omittedRepeats) more like this left out)" }
        return out
    }
}
