/// Writes an XML document into one byte buffer, escaping every text and
/// attribute value.
///
/// Layout: an element started with `inline: false` (what a writer that
/// makes its own document uses) goes on a line of its own, indented by
/// `indentUnit` per level, and its end tag too when it has child elements;
/// when the output already stands at the start of an indented line (after
/// text ending in a line break and blanks, as a document written back as it
/// was has) no line break is added. An element started `inline` adds no
/// white space at all: its content is written as it comes (a document
/// passed through keeps its own layout). Comments and processing
/// instructions outside the root go on lines of their own.
///
/// Escaping: `&`, `<` and `>` everywhere; `"` in attributes; tab, line feed
/// and carriage return in attributes as character references (so attribute
/// normalisation does not turn them into spaces); carriage return in text as
/// `&#13;`. Characters XML 1.0 does not allow (C0 controls other than tab,
/// line feed and carriage return, U+FFFE, U+FFFF) are left out and counted
/// in `removedCharacters` for the caller to report. A line feed in text is
/// the line ending chosen (CR LF on request), which a parser reads back as
/// a line feed.
struct XMLWriter: ~Copyable {
    private var output: TextOutput
    /// The names of the open elements, innermost last.
    private var open: [String] = []
    /// Whether each open element has child elements (its end tag goes on its own line).
    private var hasChildren: [Bool] = []
    /// Whether each open element was started inline (it adds no white space).
    private var isInline: [Bool] = []
    /// Whether each open element holds mixed content (its end tag follows
    /// its content directly).
    private var isMixed: [Bool] = []
    /// One level of indentation.
    var indentUnit = "  "
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
    /// `attributes` in order; `inline`, where the output stands. An element
    /// of `mixedContent` (a caption paragraph) starts on its own line, but
    /// its end tag follows its content directly, adding no white space to it.
    mutating func start(
        _ name: String, _ attributes: [(name: String, value: String)] = [], inline: Bool = false, mixedContent: Bool = false
    ) {
        closePendingStartTag()
        if !hasChildren.isEmpty { hasChildren[hasChildren.count - 1] = true }
        if open.isEmpty || (!inline && !atIndentedLineStart) {
            output.newline()
            indent(open.count)
        }
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
        isInline.append(inline)
        isMixed.append(mixedContent)
        startTagPending = true
    }

    /// Writes character data inside the open element.
    mutating func text(_ text: String) {
        guard !text.isEmpty else { return }
        closePendingStartTag()
        append(text, .text)
    }

    /// Writes `text` as a CDATA section (a `]]>` in it ends one section and
    /// starts another).
    mutating func cdata(_ text: String) {
        closePendingStartTag()
        output.append("<![CDATA[")
        append(text.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>"), .raw)
        output.append("]]>")
    }

    /// Writes a comment; a `--` in it, which XML does not allow, is written
    /// `- -`, and a final `-` gets a space after it.
    mutating func comment(_ text: String) {
        var text = text
        while text.contains("--") { text = text.replacingOccurrences(of: "--", with: "- -") }
        if text.hasSuffix("-") { text += " " }
        startMarkup()
        output.append("<!--")
        append(text, .raw)
        output.append("-->")
    }

    /// Writes a processing instruction; a `?>` in `data` is written `? >`.
    /// Returns false, writing nothing, when `target` is not one XML allows.
    @discardableResult
    mutating func processingInstruction(_ target: String, _ data: String) -> Bool {
        guard !target.isEmpty, target.lowercased() != "xml",
              !target.utf8.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: ">") })
        else { return false }
        startMarkup()
        output.append("<?")
        output.append(target)
        if !data.isEmpty {
            output.append(byte: 0x20)
            append(data.replacingOccurrences(of: "?>", with: "? >"), .raw)
        }
        output.append("?>")
        return true
    }

    /// Closes the innermost open element (`<name/>` when it is empty).
    mutating func end() {
        guard let name = open.popLast() else { return }
        let hadChildren = hasChildren.removeLast()
        let mixed = isMixed.removeLast()
        let inline = isInline.removeLast() || mixed
        if startTagPending {
            output.append("/>")
            startTagPending = false
            return
        }
        if hadChildren && !inline && !atIndentedLineStart {
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

    /// Before a comment or processing instruction: its own line outside the
    /// root, else where the output stands.
    private mutating func startMarkup() {
        closePendingStartTag()
        if open.isEmpty { output.newline() }
    }

    private mutating func indent(_ depth: Int) {
        for _ in 0..<depth { output.append(indentUnit) }
    }

    /// Whether the output ends with a line break and nothing but blanks
    /// after it, inside the root.
    private var atIndentedLineStart: Bool {
        guard !open.isEmpty else { return false }
        var offset = 0
        while let byte = output.byte(fromEnd: offset) {
            if byte == 0x0A { return true }
            guard byte == 0x20 || byte == 0x09 else { return false }
            offset += 1
        }
        return false
    }

    private enum Escaping {
        case text, attribute
        /// CDATA, comments, processing instructions: nothing escaped.
        case raw
    }

    private mutating func appendEscaped(_ text: String, inAttribute: Bool) {
        append(text, inAttribute ? .attribute : .text)
    }

    private mutating func append(_ text: String, _ escaping: Escaping) {
        let inAttribute = escaping == .attribute, raw = escaping == .raw
        let utf8 = Array(text.utf8)
        var index = 0
        let count = utf8.count
        utf8.withUnsafeBufferPointer { bytes in
            while index < count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&") where !raw: output.append("&amp;")
                case UInt8(ascii: "<") where !raw: output.append("&lt;")
                case UInt8(ascii: ">") where !raw: output.append("&gt;")
                case UInt8(ascii: "\"") where inAttribute: output.append("&quot;")
                case 0x0D where raw: output.append(byte: byte)
                case 0x0D: output.append("&#13;")
                case 0x09 where inAttribute: output.append("&#9;")
                case 0x0A where inAttribute: output.append("&#10;")
                case 0x0A: output.newline()
                case 0x09: output.append(byte: byte)
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
