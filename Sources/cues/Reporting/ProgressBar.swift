#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, for terminals only.
struct ProgressBar {
    let total: Int
    private(set) var done = 0
    private var visible = false

    init(total: Int) {
        self.total = total
    }

    /// Counts one more input as done and redraws.
    mutating func advance(current name: String) {
        done += 1
        draw(name)
    }

    /// Removes the bar so other text can be printed on its line.
    mutating func clear() {
        guard visible else { return }
        DiagnosticPrinter.writeRaw("\r\u{1B}[K")
        visible = false
    }

    private mutating func draw(_ name: String) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let label = name.count > 40 ? "…" + name.suffix(39) : name
        DiagnosticPrinter.writeRaw("\r\u{1B}[K[\(bar)] \(done)/\(total) \(label)")
        visible = true
    }
}
