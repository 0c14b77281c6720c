/// Warnings and notes collected while reading, transforming or writing.
///
/// In strict mode a repair becomes an error: `repair(_:)` throws instead of
/// recording a warning.
///
/// A file with a million faulty cues must not make a million warnings: after
/// `limitPerCode` diagnostics with one code, the rest are counted in the last
/// one kept (`Diagnostic.omittedRepeats`) instead of listed.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []
    /// Where the last kept diagnostic of each code is, and how many were kept.
    private var kept: [String: (count: Int, last: Int)] = [:]
    /// The most diagnostics of one code that are listed.
    public static let limitPerCode = 100
    /// Whether repairs of bad input are errors.
    public var isStrict: Bool

    public init(strict: Bool = false) {
        self.isStrict = strict
    }

    /// Counts one more warning or note with `code` on the last one kept, and
    /// returns true, when `limitPerCode` of them are listed already; returns
    /// false when one would be listed, so that its message is built only then.
    mutating func countsRepeat(of code: String) -> Bool {
        guard let seen = kept[code], seen.count >= Self.limitPerCode else { return false }
        items[seen.last].omittedRepeats += 1
        return true
    }

    /// Records a warning or note.
    public mutating func report(_ diagnostic: Diagnostic) {
        let seen = kept[diagnostic.code]
        if let seen, seen.count >= Self.limitPerCode, diagnostic.severity != .error {
            items[seen.last].omittedRepeats += 1 + diagnostic.omittedRepeats
            return
        }
        items.append(diagnostic)
        kept[diagnostic.code] = ((seen?.count ?? 0) + 1, items.count - 1)
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
        report(warning)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        append(contentsOf: other.items)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other { report(diagnostic) }
    }

    /// The warnings (not notes).
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }
}
