/// A strict JSON parser (RFC 8259) over UTF-8 bytes that reports the line
/// and column of the first error, with what it expected and what it found.
struct JSONParser {
    private let bytes: [UInt8]
    private let name: String?
    private let format: FormatID?
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// The last column computed and the byte it was computed at: the next
    /// one counts on from there, so a document on one line costs linear
    /// time, not a rescan of the line per value.
    private var counted = (index: 0, column: 1)
    private var depth = 0
    static let maximumDepth = 512

    /// Parses `bytes` as one JSON document.
    static func parse(_ bytes: [UInt8], name: String?, format: FormatID?) throws(Diagnostic) -> JSONValue {
        var parser = JSONParser(bytes: bytes, name: name, format: format)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error("expected the end of the document after the top-level value, found \(parser.describeHere())")
        }
        return value
    }

    private init(bytes: [UInt8], name: String?, format: FormatID?) {
        self.bytes = bytes
        self.name = name
        self.format = format
    }

    /// The 1-based column of `index` in scalars.
    private mutating func column() -> Int {
        if counted.index < lineStart || counted.index > index { counted = (lineStart, 1) }
        var column = counted.column
        var i = counted.index
        while i < index {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        counted = (index, column)
        return column
    }

    private mutating func error(_ message: String) -> Diagnostic {
        .error("json.syntax", message, at: SourceLocation(file: name, line: line, column: column()), format: format)
    }

    private func describeHere() -> String {
        guard index < bytes.count else { return "the end of the file" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func parseValue() throws(Diagnostic) -> JSONValue {
        guard index < bytes.count else { throw error("expected a value, found the end of the file") }
        let startLine = line, startColumn = column()
        let kind: JSONValue.Kind
        switch bytes[index] {
        case UInt8(ascii: "{"): kind = try parseObject()
        case UInt8(ascii: "["): kind = try parseArray()
        case UInt8(ascii: "\""): kind = .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); kind = .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); kind = .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number(try parseNumber())
        default: throw error("expected a value (object, array, string, number, true, false or null), found \(describeHere())")
        }
        return JSONValue(kind, line: startLine, column: startColumn)
    }

    private mutating func enter() throws(Diagnostic) {
        depth += 1
        if depth > Self.maximumDepth { throw error("expected at most \(Self.maximumDepth) nested arrays and objects, found more") }
    }

    private mutating func parseObject() throws(Diagnostic) -> JSONValue.Kind {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a quoted key, found \(describeHere())")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after key \"\(key)\", found \(describeHere())")
            }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or '}', found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw error("expected ',' or '}' after a member, found \(describeHere())")
        }
    }

    private mutating func parseArray() throws(Diagnostic) -> JSONValue.Kind {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or ']', found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            throw error("expected ',' or ']' after an item, found \(describeHere())")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(Diagnostic) {
        let count = word.utf8CodeUnitCount
        let matches = index + count <= bytes.count && word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw error("expected \(word), found \(describeHere())") }
        index += count
    }

    private mutating func parseNumber() throws(Diagnostic) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ parser: inout JSONParser) -> Int {
            let begin = parser.index
            while parser.index < parser.bytes.count, parser.bytes[parser.index] &- 0x30 < 10 { parser.index += 1 }
            return parser.index - begin
        }
        let intStart = index
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw error("expected a digit, found \(describeHere())") }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
            index = intStart + 1
            throw error("expected no leading zero in a number, found \(describeHere())")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("expected a digit after '.', found \(describeHere())") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error("expected a digit in the exponent, found \(describeHere())") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(Diagnostic) -> String {
        index += 1
        var out: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw error("expected a closing '\"', found the end of the file") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<index])
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte < 0x20 {
                throw error("expected a character or an escape in a string, found control character 0x\(String(byte, radix: 16, uppercase: true)) (write it as \\u00XX)")
            }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            out.append(contentsOf: bytes[runStart..<index])
            index += 1
            guard index < bytes.count else { throw error("expected an escape after '\\', found the end of the file") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count,
                   bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let save = index
                    index += 2
                    let low = try parseHex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = save
                    }
                }
                TextDecoding.appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
            default:
                index -= 1
                throw error("expected an escape such as \\n or \\u0041, found \\\(describeHere())")
            }
            runStart = index
        }
    }

    private mutating func parseHex4() throws(Diagnostic) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("expected 4 hex digits after \\u, found the end of the file") }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw error("expected 4 hex digits after \\u, found \(describeHere())")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
