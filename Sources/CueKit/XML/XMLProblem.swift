/// One error or warning libxml2 reported while parsing, copied out of the
/// library's error structure.
struct XMLProblem: Sendable, Equatable {
    enum Level: Int, Sendable, Comparable {
        case warning = 1
        /// Recoverable: the document is still well-formed (a namespace error,
        /// an undeclared entity in a document with an external DTD).
        case error = 2
        /// The document is not well-formed.
        case fatal = 3

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var level: Level
    /// libxml2's `xmlErrorDomain` (the namespace module is 3).
    var domain: Int
    /// libxml2's error code (`xmlParserErrors`).
    var code: Int
    /// libxml2's message, without its final line break.
    var message: String
    /// 1-based; 0 when libxml2 did not know.
    var line: Int
    var column: Int
    /// The first extra string (for a namespace error, the undeclared prefix).
    var detail: String?

    /// libxml2 codes this layer gives names to.
    enum Code {
        static let documentEmpty = 4
        static let undeclaredEntity = 26
        static let undeclaredEntityWarning = 27
        static let entityLoop = 89
        static let undefinedNamespace = 201
        static let networkAttempt = 1543
    }

    static let namespaceDomain = 3

    /// Whether this is a namespace error about an undeclared prefix.
    var isUndefinedPrefix: Bool { domain == Self.namespaceDomain && code == Code.undefinedNamespace }

    /// A stable diagnostic code for this problem.
    var diagnosticCode: String {
        switch code {
        case Code.documentEmpty: "xml.empty"
        case Code.entityLoop: "xml.entity-expansion"
        case Code.undeclaredEntity, Code.undeclaredEntityWarning: "xml.undeclared-entity"
        case Code.undefinedNamespace: "xml.undeclared-prefix"
        case Code.networkAttempt: "xml.network-refused"
        default: level == .fatal ? "xml.not-well-formed" : "xml.problem"
        }
    }

    /// The problem as a diagnostic located in `name`.
    func diagnostic(name: String?, format: FormatID?) -> Diagnostic {
        let location = SourceLocation(file: name, line: max(1, line), column: max(1, column))
        let text = level == .fatal
            ? "expected well-formed XML, found an error: \(message)"
            : "XML \(level == .warning ? "warning" : "error"): \(message)"
        return Diagnostic(level == .warning ? .warning : .error, code: diagnosticCode, text, at: location, format: format)
    }
}
