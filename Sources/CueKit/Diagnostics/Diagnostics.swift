/// Warnings and notes collected while reading, transforming or writing.
///
/// In strict mode a repair becomes an error: `repair(_:)` throws instead of
/// recording a warning.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []
    /// Whether repairs of bad input are errors.
    public var isStrict: Bool

    public init(strict: Bool = false) {
        self.isStrict = strict
    }

    /// Records a warning or note.
    public mutating func report(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }

    /// Records a warning about input that was repaired or read leniently; in
    /// strict mode throws it as an error instead.
    public mutating func repair(_ diagnostic: Diagnostic) throws(Diagnostic) {
        if isStrict {
            var error = diagnostic
            error.severity = .error
            throw error
        }
        var warning = diagnostic
        warning.severity = .warning
        items.append(warning)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        items.append(contentsOf: other.items)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        items.append(contentsOf: other)
    }

    /// The warnings (not notes).
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
}
