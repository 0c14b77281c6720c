/// Writes `FieldValue` trees as block-style YAML, the way episode files are
/// usually written: plain scalars where that reads back as the same string,
/// single quotes otherwise, double quotes for text with line breaks or
/// control characters, and long plain or single-quoted text folded at spaces
/// after column 80.
///
/// Purpose-built rather than a general emitter: it appends to one byte buffer
/// and never re-reads what it wrote.
struct YAMLEmitter {
    private(set) var bytes: [UInt8] = []
    private var column = 0
    static let foldWidth = 80

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: Documents

    /// Appends raw bytes (delimiters, a body) as they are.
    mutating func appendRaw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        column = 0
    }

    mutating func appendRaw(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
        column = 0
    }

    /// Writes `key: value` at `indent`, starting a new line.
    mutating func writeEntry(key: String, value: FieldValue, indent: Int) {
        writeIndent(indent)
        writeKey(key)
        writeValueAfterKey(value, indent: indent)
    }

    /// Writes a sequence item `- value` at `indent`, starting a new line.
    mutating func writeItem(_ value: FieldValue, indent: Int) {
        writeIndent(indent)
        writeItemBody(value, indent: indent)
    }

    /// Writes a mapping as a sequence item: the first entry on the `- ` line,
    /// the others under it.
    mutating func writeMapItem(_ fields: Fields, indent: Int) {
        writeIndent(indent)
        writeMapAfterDash(fields, indent: indent)
    }

    // MARK: Structure

    private mutating func writeItemBody(_ value: FieldValue, indent: Int) {
        switch value {
        case .map(let fields) where !fields.isEmpty:
            writeMapAfterDash(fields, indent: indent)
        case .list(let items) where !items.isEmpty:
            put("- ")
            writeItemBody(items[0], indent: indent + 2)
            for item in items.dropFirst() { writeItem(item, indent: indent + 2) }
        default:
            put("-")
            writeInline(value, continuationIndent: indent + 2)
            newline()
        }
    }

    private mutating func writeMapAfterDash(_ fields: Fields, indent: Int) {
        put("- ")
        writeKey(fields[0].key)
        writeValueAfterKey(fields[0].value, indent: indent + 2)
        for field in fields.dropFirst() {
            writeEntry(key: field.key, value: field.value, indent: indent + 2)
        }
    }

    private mutating func writeValueAfterKey(_ value: FieldValue, indent: Int) {
        switch value {
        case .map(let fields) where !fields.isEmpty:
            newline()
            for field in fields { writeEntry(key: field.key, value: field.value, indent: indent + 2) }
        case .list(let items) where !items.isEmpty:
            newline()
            for item in items { writeItem(item, indent: indent) }
        default:
            writeInline(value, continuationIndent: indent + 2)
            newline()
        }
    }

    /// Writes a scalar or an empty collection after `key:` or `-`, with its
    /// leading space (none for an empty plain scalar).
    private mutating func writeInline(_ value: FieldValue, continuationIndent: Int) {
        switch value {
        case .list: put(" []")
        case .map: put(" {}")
        case .scalar(let text):
            if text.isEmpty { return }
            put(" ")
            if Self.canBePlain(text) {
                writeFolded(text, quote: nil, indent: continuationIndent)
            } else {
                writeQuoted(text, indent: continuationIndent)
            }
        case .string(let text):
            put(" ")
            if Self.canBePlain(text) && !YAMLPlainScalar.isTyped(text) {
                writeFolded(text, quote: nil, indent: continuationIndent)
            } else {
                writeQuoted(text, indent: continuationIndent)
            }
        }
    }

    private mutating func writeKey(_ key: String) {
        if Self.canBePlain(key) {
            put(key)
        } else {
            writeQuoted(key, indent: 0, fold: false)
        }
        put(":")
    }

    // MARK: Scalars

    private mutating func writeQuoted(_ text: String, indent: Int, fold: Bool = true) {
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) || Self.hasSpecialScalars(text) {
            writeDoubleQuoted(text)
        } else {
            writeFolded(text, quote: UInt8(ascii: "'"), indent: fold ? indent : nil)
        }
    }

    /// Writes plain or single-quoted text, breaking at a single space once the
    /// line is past the fold width (a break there reads back as that space).
    private mutating func writeFolded(_ text: String, quote: UInt8?, indent: Int?) {
        if let quote { putByte(quote) }
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == 0x20, let indent, column > Self.foldWidth, index > 0, index + 1 < utf8.count,
               utf8[index - 1] != 0x20, utf8[index + 1] != 0x20 {
                newline()
                for _ in 0..<indent { putByte(0x20) }
            } else if byte == quote {
                putByte(byte)
                putByte(byte)
            } else {
                putByte(byte)
            }
            index += 1
        }
        if let quote { putByte(quote) }
    }

    private mutating func writeDoubleQuoted(_ text: String) {
        putByte(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": put("\\\"")
            case "\\": put("\\\\")
            case "\n": put("\\n")
            case "\t": put("\\t")
            case "\r": put("\\r")
            case "\0": put("\\0")
            case "\u{85}": put("\\N")
            case "\u{A0}": put("\\_")
            case "\u{2028}": put("\\L")
            case "\u{2029}": put("\\P")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    put(scalar.value <= 0xFF ? "\\x" : "\\u")
                    put(String(repeating: "0", count: (scalar.value <= 0xFF ? 2 : 4) - hex.count) + hex)
                } else {
                    put(String(scalar))
                }
            }
        }
        putByte(UInt8(ascii: "\""))
    }

    /// Whether `text` reads back as the same string when written unquoted in
    /// block context (ignoring typing, which the caller checks).
    static func canBePlain(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || last == 0x20 || last == UInt8(ascii: ":") { return false }
        switch first {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            let second = utf8.dropFirst().first
            if second == nil || second == 0x20 { return false }
            if first == UInt8(ascii: "-"), text.hasPrefix("---") { return false }
        case UInt8(ascii: "."):
            if text.hasPrefix("...") { return false }
        default: break
        }
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == 0x20 && previous == UInt8(ascii: ":") { return false }
            if byte == UInt8(ascii: "#") && previous == 0x20 { return false }
            previous = byte
        }
        return !hasSpecialScalars(text)
    }

    /// Line separators, NEL, BOM and other characters YAML does not print raw.
    private static func hasSpecialScalars(_ text: String) -> Bool {
        // All such characters are outside ASCII; skip the scan for ASCII text.
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        return text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x80...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
            case 0xD800...0xDFFF: return true
            default: return false
            }
        }
    }

    // MARK: Output

    private mutating func writeIndent(_ indent: Int) {
        for _ in 0..<indent { putByte(0x20) }
    }

    private mutating func newline() {
        bytes.append(0x0A)
        column = 0
    }

    private mutating func put(_ text: String) {
        for byte in text.utf8 { putByte(byte) }
    }

    @inline(__always)
    private mutating func putByte(_ byte: UInt8) {
        bytes.append(byte)
        if byte & 0xC0 != 0x80 { column += 1 }
    }
}
