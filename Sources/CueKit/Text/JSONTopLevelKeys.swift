/// The top-level keys of a JSON object, found by a quick scan of the first
/// bytes of a file: what content sniffers of JSON formats look at.
///
/// Nested values are skipped without being checked; the scan stops at the
/// end of the object, at a syntax error, or where the bytes end.
struct JSONTopLevelKeys: Sendable {
    /// Each key in order, with the first byte of its value (`[` for an
    /// array, `"` for a string, `{` for an object, ...).
    private(set) var keys: [(key: String, valueStart: UInt8)] = []
    /// Whether the scan reached the closing `}` of the object.
    private(set) var isComplete = false

    /// Scans `bytes`; `keys` is empty when they do not start with `{`.
    init(_ bytes: ArraySlice<UInt8>) {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.take(UInt8(ascii: "{")) else { return }
        while true {
            scanner.skipWhitespace()
            if scanner.take(UInt8(ascii: "}")) {
                isComplete = true
                return
            }
            guard let key = scanner.string() else { return }
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: ":")) else { return }
            scanner.skipWhitespace()
            guard let first = scanner.peek() else { return }
            keys.append((key, first))
            guard scanner.skipValue() else { return }
            scanner.skipWhitespace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            if scanner.take(UInt8(ascii: "}")) {
                isComplete = true
                return
            }
            return
        }
    }

    /// The first byte of the value under `key`, if the scan saw it.
    func valueStart(of key: String) -> UInt8? {
        keys.first { $0.key == key }?.valueStart
    }

    func contains(_ key: String) -> Bool {
        keys.contains { $0.key == key }
    }

    private struct Scanner {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }

        mutating func skipWhitespace() {
            while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        /// A string at the current position, unescaped; nil if there is none.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while let byte = peek() {
                index += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = peek() else { return nil }
                    index += 1
                    out.append(escaped == UInt8(ascii: "n") ? 0x0A : escaped)
                } else {
                    out.append(byte)
                }
            }
            return nil
        }

        /// Skips one value; false if the bytes end inside it.
        mutating func skipValue() -> Bool {
            var depth = 0
            while let byte = peek() {
                switch byte {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    if depth == 0 { return true }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return true }
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return true
                    }
                case UInt8(ascii: ","):
                    if depth == 0 { return true }
                default:
                    break
                }
                index += 1
            }
            return false
        }
    }
}
