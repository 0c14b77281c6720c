/// Writes an XML document into one byte buffer, escaping every text and
/// attribute value, indenting child elements by two spaces.
///
/// Escaping: `&`, `<` and `>` everywhere; `"` in attributes; tab, line feed
/// and carriage return in attributes as character references (so attribute
/// normalisation does not turn them into spaces); carriage return in text as
/// `&#13;`. Characters XML 1.0 does not allow (C0 controls other than tab,
/// line feed and carriage return, U+FFFE, U+FFFF) are left out and counted
/// in `removedCharacters` for the caller to report.
struct XMLWriter: ~Copyable {
    private var output: TextOutput
    /// The names of the open elements, innermost last.
    private var open: [String] = []
    /// Whether each open element has child elements (its end tag goes on its own line).
    private var hasChildren: [Bool] = []
    /// Whether the last start tag still lacks its `>`.
    private var startTagPending = false
    private(set) var removedCharacters = 0

    /// A writer that starts with the XML declaration.
    init(options: WriteOptions, capacity: Int = 4096) {
        output = TextOutput(options: options, capacity: capacity)
        output.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    /// Ends the document with a line break and returns its bytes; call
    /// after the last `end()`.
    mutating func finish() -> [UInt8] {
        output.newline()
        return output.bytes
    }

    /// Opens element `name` (a qualified name the caller made valid) with
    /// `attributes` in order.
    mutating func start(_ name: String, _ attributes: [(name: String, value: String)] = []) {
        closePendingStartTag()
        if !hasChildren.isEmpty { hasChildren[hasChildren.count - 1] = true }
        output.newline()
        indent(open.count)
        output.append(byte: UInt8(ascii: "<"))
        output.append(name)
        for attribute in attributes {
            output.append(byte: 0x20)
            output.append(attribute.name)
            output.append("=\"")
            appendEscaped(attribute.value, inAttribute: true)
            output.append(byte: UInt8(ascii: "\""))
        }
        open.append(name)
        hasChildren.append(false)
        startTagPending = true
    }

    /// Writes character data inside the open element.
    mutating func text(_ text: String) {
        guard !text.isEmpty else { return }
        closePendingStartTag()
        appendEscaped(text, inAttribute: false)
    }

    /// Closes the innermost open element (`<name/>` when it is empty).
    mutating func end() {
        guard let name = open.popLast() else { return }
        let hadChildren = hasChildren.removeLast()
        if startTagPending {
            output.append("/>")
            startTagPending = false
            return
        }
        if hadChildren {
            output.newline()
            indent(open.count)
        }
        output.append("</")
        output.append(name)
        output.append(byte: UInt8(ascii: ">"))
    }

    /// An element holding only `text` (empty: `<name/>`).
    mutating func element(_ name: String, _ attributes: [(name: String, value: String)] = [], text: String = "") {
        start(name, attributes)
        self.text(text)
        end()
    }

    private mutating func closePendingStartTag() {
        if startTagPending {
            output.append(byte: UInt8(ascii: ">"))
            startTagPending = false
        }
    }

    private mutating func indent(_ depth: Int) {
        for _ in 0..<depth { output.append("  ") }
    }

    private mutating func appendEscaped(_ text: String, inAttribute: Bool) {
        let utf8 = Array(text.utf8)
        var index = 0
        let count = utf8.count
        utf8.withUnsafeBufferPointer { bytes in
            while index < count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): output.append("&amp;")
                case UInt8(ascii: "<"): output.append("&lt;")
                case UInt8(ascii: ">"): output.append("&gt;")
                case UInt8(ascii: "\"") where inAttribute: output.append("&quot;")
                case 0x0D: output.append("&#13;")
                case 0x09 where inAttribute: output.append("&#9;")
                case 0x0A where inAttribute: output.append("&#10;")
                case 0x09, 0x0A: output.append(byte: byte)
                case 0x00..<0x20:
                    removedCharacters += 1
                case 0xEF where index + 2 < count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    removedCharacters += 1
                    index += 2
                default:
                    output.append(byte: byte)
                }
                index += 1
            }
        }
    }
}
