#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CueKit

/// Prints diagnostics on standard error the way compilers do, colored when
/// standard error is a terminal.
struct DiagnosticPrinter: Sendable {
    var quiet = false
    let colored = isatty(STDERR_FILENO) != 0 && getenv("NO_COLOR") == nil

    /// Prints `diagnostic`; one without a location is prefixed with `input`
    /// (the file it is about), so that every line of a batch names its input.
    func print(_ diagnostic: Diagnostic, input: String? = nil) {
        if quiet && diagnostic.severity != .error { return }
        var line = ""
        if let location = diagnostic.location {
            line += "\(location): "
        } else if let input {
            line += "\(input): "
        }
        line += paint(diagnostic.severity)
        if let format = diagnostic.format { line += "[\(format)] " }
        line += HintText.message(diagnostic)
        if diagnostic.omittedRepeats > 0 { line += " (\(diagnostic.omittedRepeats) more like this left out)" }
        Self.writeLine(line)
    }

    func print(_ diagnostics: [Diagnostic], input: String? = nil) {
        for diagnostic in diagnostics { print(diagnostic, input: input) }
    }

    /// A plain error line for failures that are not about a file's content.
    func error(_ message: String) {
        Self.writeLine(paint(.error) + message)
    }

    private func paint(_ severity: Diagnostic.Severity) -> String {
        let label = "\(severity.rawValue): "
        guard colored else { return label }
        let color = switch severity {
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;35m"
        case .note: "\u{1B}[1;36m"
        }
        return color + label + "\u{1B}[0m"
    }

    static func writeLine(_ text: String) {
        writeRaw(text + "\n")
    }

    /// Writes `text` to standard error as it is.
    static func writeRaw(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// Whether standard error is a terminal.
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
