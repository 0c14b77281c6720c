/// How YAML readers type a plain (unquoted) scalar.
///
/// cues reads every scalar as text, but Jekyll and other YAML 1.1 readers
/// turn `5`, `yes`, `1:03` or `2023-01-05` into numbers, booleans and dates.
/// The episode reader keeps such scalars as `FieldValue.scalar` so they are
/// written back unquoted, and the writer quotes any other string that a
/// YAML 1.1 or 1.2 reader would not read as a string.
enum YAMLPlainScalar {
    /// Whether a YAML 1.1 or 1.2 (core schema) reader gives the plain scalar
    /// `text` a type other than string.
    static func isTyped(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isTyped(bytes: $0) }
    }

    private static let words: Set<String> = [
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
        ".nan", ".NaN", ".NAN", "<<", "=",
    ]

    private static func isTyped(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.isEmpty { return true }
        if bytes.count <= 6, words.contains(String(decoding: bytes, as: UTF8.self)) { return true }
        return isNumber(bytes) || isTimestamp(bytes)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Integers (decimal, 0x, 0o, 0b, octal, sexagesimal, with `_`) and floats
    /// (decimal, exponent, sexagesimal) of YAML 1.1 and 1.2.
    private static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { i = 1 }
        guard i < bytes.count else { return false }
        let body = UnsafeBufferPointer(rebasing: bytes[i...])
        if body.count > 2, body[0] == UInt8(ascii: "0") {
            let marker = body[1] | 0x20
            let rest = body[2...]
            if marker == UInt8(ascii: "x") {
                return rest.allSatisfy { isDigit($0) || ($0 | 0x20) &- 0x61 < 6 || $0 == UInt8(ascii: "_") }
            }
            if marker == UInt8(ascii: "o") { return rest.allSatisfy { $0 &- 0x30 < 8 || $0 == UInt8(ascii: "_") } }
            if marker == UInt8(ascii: "b") { return rest.allSatisfy { $0 &- 0x30 < 2 || $0 == UInt8(ascii: "_") } }
        }
        // Sexagesimal: [0-9][0-9_]*(:[0-5]?[0-9])+ with an optional .fraction.
        // YAML 1.1 asks for [1-9] first, but Psych (Jekyll's reader) also
        // reads `0:09` as 9, so a leading zero counts too.
        if body.contains(UInt8(ascii: ":")) {
            let parts = body.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard let head = parts.first, let first = head.first, isDigit(first),
                  head.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }) else { return false }
            for (index, part) in parts.dropFirst().enumerated() {
                var digits = part[...]
                if index == parts.count - 2, let dot = part.firstIndex(of: UInt8(ascii: ".")) {
                    guard part[(dot + 1)...].allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }) else { return false }
                    digits = part[..<dot]
                }
                guard (1...2).contains(digits.count), digits.allSatisfy(isDigit),
                      digits.count == 1 || digits.first! &- 0x30 < 6 else { return false }
            }
            return true
        }
        // Decimal integer or float: digits, '_', one '.', an exponent.
        var sawDigit = false, sawDot = false
        var j = 0
        while j < body.count {
            let byte = body[j]
            if isDigit(byte) {
                sawDigit = true
            } else if byte == UInt8(ascii: "_") {
                guard sawDigit else { return false }
            } else if byte == UInt8(ascii: ".") {
                if sawDot { return false }
                sawDot = true
            } else if byte | 0x20 == UInt8(ascii: "e"), sawDigit {
                var k = j + 1
                if k < body.count, body[k] == UInt8(ascii: "+") || body[k] == UInt8(ascii: "-") { k += 1 }
                guard k < body.count else { return false }
                return body[k...].allSatisfy(isDigit)
            } else {
                return false
            }
            j += 1
        }
        return sawDigit || (sawDot && body.count > 1)
    }

    /// `YYYY-M-D`, optionally followed by a time (YAML 1.1 timestamp).
    private static func isTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 8, bytes[0...3].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-") else { return false }
        var i = 5
        var digits = 0
        while i < bytes.count, isDigit(bytes[i]) { i += 1; digits += 1 }
        guard (1...2).contains(digits), i < bytes.count, bytes[i] == UInt8(ascii: "-") else { return false }
        i += 1
        digits = 0
        while i < bytes.count, isDigit(bytes[i]) { i += 1; digits += 1 }
        guard (1...2).contains(digits) else { return false }
        if i == bytes.count { return true }
        // A date followed by `T` or spaces and a time.
        let separator = bytes[i]
        return separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
            || separator == UInt8(ascii: "\t")
    }
}
