/// An XML document read by `XMLTreeParser`, as plain Swift values: no
/// libxml2 pointer survives the parse.
///
/// Elements with their names, namespace URIs, the namespace declarations
/// written on them, attributes, character data and line; and, so that a
/// document can be written back as it was, each element's content in order
/// (text, CDATA, comments, processing instructions, child elements) and the
/// comments and processing instructions around the root. An element's
/// `text` is all its direct character data, CDATA included, joined: what
/// the readers use. Entity references other than the predefined ones and
/// character references are left out everywhere, and the DOCTYPE is not kept.
struct XMLTree: Sendable {
    /// One piece of an element's content, in document order.
    enum Piece: Sendable, Equatable {
        case text(String)
        case cdata(String)
        case comment(String)
        case instruction(target: String, data: String)
        /// The child element at this index of `children`.
        case element(Int)
    }

    /// An `xmlns:prefix="uri"` (prefix nil: `xmlns="uri"`) as written on an element.
    struct NamespaceDeclaration: Sendable, Equatable {
        var prefix: String?
        var uri: String
    }

    /// An attribute: its local name, the prefix and namespace URI when it has
    /// one (a plain `url="..."` has neither), and its value.
    struct Attribute: Sendable, Equatable {
        var localName: String
        var prefix: String?
        var namespaceURI: String?
        var value: String

        /// The name as written: `prefix:localName` or `localName`.
        var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }
    }

    /// An element and everything inside it.
    struct Element: Sendable {
        var localName: String
        /// The prefix as written (nil for an unprefixed element).
        var prefix: String?
        /// The namespace URI the prefix (or the default namespace) is bound
        /// to; nil when the element is in no namespace, or when its prefix is
        /// not declared (then `hasUnboundPrefix` is true).
        var namespaceURI: String?
        var attributes: [Attribute]
        var children: [Element]
        /// The element's own character data (text and CDATA), as written.
        var text: String
        /// The 1-based line of the start tag.
        var line: Int
        /// The namespace declarations on the start tag, in order.
        var namespaceDeclarations: [NamespaceDeclaration] = []
        /// Text, CDATA, comments, processing instructions and children in
        /// document order; empty when the element holds one text node alone
        /// (then `text` is all of it) or nothing.
        var content: [Piece] = []

        /// The name as written: `prefix:localName` or `localName`.
        var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }

        /// Whether the element has a prefix that no `xmlns:` declaration binds.
        var hasUnboundPrefix: Bool { prefix != nil && namespaceURI == nil }

        /// `text` without leading and trailing white space.
        var trimmedText: String { text.trimmingXMLWhitespace() }

        /// Drops what the element holds (attributes, children, text and
        /// content), keeping its name and line: a part of the tree that has
        /// been read, freed while the rest is read.
        mutating func release() {
            attributes = []
            children = []
            text = ""
            namespaceDeclarations = []
            content = []
        }

        /// The value of the unprefixed attribute `name`.
        func attribute(_ name: String) -> String? {
            attributes.first { $0.localName == name && $0.prefix == nil }?.value
        }
    }

    /// A reference to an entity the parser did not expand (every entity other
    /// than the five predefined ones and character references).
    struct SkippedEntity: Sendable, Equatable {
        var name: String
        var line: Int
    }

    var root: Element
    /// Comments and processing instructions before the root element (an
    /// `xml-stylesheet`), and after it.
    var before: [Piece] = []
    var after: [Piece] = []
    /// Errors and warnings libxml2 reported that did not stop the parse
    /// (namespace errors, undeclared entities in a document with a DTD).
    var problems: [XMLProblem]
    /// Entity references left out of the text, in document order.
    var skippedEntities: [SkippedEntity]
    /// The system identifier of the document's external DTD, which is never
    /// loaded (`<!DOCTYPE rss SYSTEM "...">`).
    var externalDTD: String?
    /// How many entities, general and parameter, the document's internal DTD
    /// subset declares (none of them is expanded or loaded).
    var declaredEntities: Int
}

extension String {
    /// The string without leading and trailing XML white space (space, tab,
    /// line feed, carriage return).
    func trimmingXMLWhitespace() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = utf8.lastIndex(where: { !isSpace($0) })!
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }
}
