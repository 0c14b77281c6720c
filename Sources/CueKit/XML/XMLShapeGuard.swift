/// A linear scan of an XML document before libxml2 reads it, refusing the
/// shapes libxml2 spends more than linear time on, with a located error:
/// more than `maximumAttributes` attributes on one element (libxml2 checks
/// each attribute against all before it: 40,000 attributes took 38 s),
/// elements nested deeper than `maximumDepth`, and names longer than
/// `maximumNameLength` bytes.
///
/// The scan knows tags, quoted attribute values, comments, CDATA sections,
/// processing instructions and the DOCTYPE declaration with its internal
/// subset; where the document is not well-formed in a way it does not
/// follow, it stops and leaves the verdict to libxml2.
struct XMLShapeGuard {
    static let maximumAttributes = 1_000
    static let maximumDepth = 256
    static let maximumNameLength = 1_000

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var lineStart = 0

    /// Throws the first shape beyond the limits, located in `name`.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, name: String?, format: FormatID?) throws(Diagnostic) {
        var scan = XMLShapeGuard(bytes: bytes)
        if let (problem, line, column) = scan.firstProblem() {
            throw .error("xml.too-complex", problem, at: SourceLocation(file: name, line: line, column: column), format: format)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The first problem with its line and column, or nil.
    private mutating func firstProblem() -> (String, Int, Int)? {
        var depth = 0
        while let open = find(UInt8(ascii: "<")) {
            index = open + 1
            let tagStart = open
            if starts(with: "!--") {
                guard skip(past: "-->") else { return nil }
            } else if starts(with: "![CDATA[") {
                guard skip(past: "]]>") else { return nil }
            } else if starts(with: "?") {
                guard skip(past: "?>") else { return nil }
            } else if starts(with: "!") {
                guard skipDeclaration() else { return nil }
            } else if starts(with: "/") {
                depth -= 1
                guard let close = find(UInt8(ascii: ">")) else { return nil }
                index = close + 1
            } else {
                let nameLength = skipName()
                if nameLength > Self.maximumNameLength {
                    return located("expected an element name of at most \(Self.maximumNameLength) bytes, found one of \(nameLength)", at: tagStart)
                }
                guard let (attributes, selfClosing, problem) = skipAttributes() else { return nil }
                if let problem { return located(problem.message, at: problem.offset) }
                if attributes > Self.maximumAttributes {
                    return located(
                        "expected at most \(Self.maximumAttributes) attributes on an element, found \(attributes)", at: tagStart)
                }
                if !selfClosing {
                    depth += 1
                    if depth > Self.maximumDepth {
                        return located("expected elements nested at most \(Self.maximumDepth) deep, found deeper", at: tagStart)
                    }
                }
            }
        }
        return nil
    }

    /// The attributes of a start tag, up to and past its `>`: their count,
    /// whether the tag closed itself, and a name too long; nil when the tag
    /// does not end as XML says.
    private mutating func skipAttributes() -> (Int, Bool, (message: String, offset: Int)?)? {
        var count = 0
        while true {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: ">"):
                index += 1
                return (count, false, nil)
            case UInt8(ascii: "/"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { return nil }
                index += 2
                return (count, true, nil)
            default:
                let nameStart = index
                let length = skipName()
                guard length > 0 else { return nil }
                count += 1
                if length > Self.maximumNameLength {
                    return (count, false, ("expected an attribute name of at most \(Self.maximumNameLength) bytes, found one of \(length)", nameStart))
                }
                if count > Self.maximumAttributes { return (count, false, nil) }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
                index += 1
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return nil }
                let quote = bytes[index]
                index += 1
                guard let close = find(quote) else { return nil }
                index = close + 1
            }
        }
    }

    /// Skips `<!DOCTYPE ...>` or another declaration, with its internal
    /// subset in brackets and quoted literals.
    private mutating func skipDeclaration() -> Bool {
        var brackets = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index += 1
                guard let close = find(byte) else { return false }
                index = close + 1
                continue
            case UInt8(ascii: "["): brackets += 1
            case UInt8(ascii: "]"): brackets -= 1
            case UInt8(ascii: ">") where brackets <= 0:
                index += 1
                return true
            case UInt8(ascii: "<") where starts(with: "<!--"):
                guard skip(past: "-->") else { return false }
                continue
            default: break
            }
            advance()
        }
        return false
    }

    /// The length of the name at `index` (up to a space, `=`, `/` or `>`),
    /// skipped.
    private mutating func skipName() -> Int {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: ">"): return index - start
            default: index += 1
            }
        }
        return index - start
    }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            advance()
        }
    }

    /// Moves past one byte, counting lines.
    private mutating func advance() {
        if bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return (0..<count).allSatisfy { bytes[index + $0] == text.utf8Start[$0] }
    }

    /// Moves past the next `text`; false when there is none.
    private mutating func skip(past text: StaticString) -> Bool {
        let first = text.utf8Start[0]
        while let next = find(first) {
            index = next
            if starts(with: text) {
                for _ in 0..<text.utf8CodeUnitCount { advance() }
                return true
            }
            advance()
        }
        return false
    }

    /// The offset of the next `byte` (not a line feed) from `index`,
    /// counting the lines passed on the way (`index` is left where it was).
    private mutating func find(_ byte: UInt8) -> Int? {
        var from = index
        while true {
            let found = ByteSearch.firstIndex(ofAny: byte, 0x0A, in: bytes, from: from, to: bytes.count)
            guard found < bytes.count else { return nil }
            if bytes[found] == byte { return found }
            line += 1
            lineStart = found + 1
            from = found + 1
        }
    }

    /// `message` located at `offset`, on the current line or an earlier one.
    private func located(_ message: String, at offset: Int) -> (String, Int, Int) {
        var line = self.line, start = lineStart
        while offset < start {
            line -= 1
            var previous = start - 1
            while previous > 0, bytes[previous - 1] != 0x0A { previous -= 1 }
            start = previous
        }
        var column = 1
        for position in start..<offset where bytes[position] & 0xC0 != 0x80 { column += 1 }
        return (message, line, column)
    }
}
