/// XML kept as field values, so that the format it came from can write it
/// back as it was: an RSS feed's channel and items, with everything cues
/// does not model.
///
/// A node is one of:
/// - `.string(text)`: character data;
/// - a map with `cdata` (a CDATA section), `comment`, or `pi` and `data` (a
///   processing instruction);
/// - an element: a map with `name` (the qualified name as written),
///   `namespace` (its URI, when it has one), `xmlns` (the declarations
///   written on it, prefix → URI, `""` for the default namespace),
///   `attributes` (qualified name → value, in order), `attributeNamespaces`
///   (prefix → URI, for prefixed attributes) and `content` (a list of
///   nodes), or `text` for an element that holds text alone; each only
///   when not empty. A format may add keys of its own
///   (the RSS reader marks the elements it maps with `slot` and `read`);
///   writing ignores them.
///
/// With `normalizingPrefixes`, an element in a feed namespace is named with
/// the namespace's usual prefix (`atom:link` for an Atom `<link>`), no
/// declaration is kept (the writer declares what the output needs) and
/// white space between child elements is left out: what a feed made from
/// another one (Atom written as RSS) keeps.
enum XMLElementFields {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    enum Key {
        static let name = "name", namespace = "namespace", xmlns = "xmlns", attributes = "attributes"
        static let attributeNamespaces = "attributeNamespaces", content = "content"
        static let cdata = "cdata", comment = "comment", instruction = "pi", data = "data"
        /// The text of an element that holds text alone (earlier versions
        /// kept every element's joined text, and its child elements under
        /// `children`).
        static let text = "text", children = "children"
    }

    /// `element` as a node; `replacing` may give the node for a child
    /// element instead (called with the child's index in `children`).
    static func value(
        of element: XMLTree.Element, normalizingPrefixes: Bool = false,
        replacing: (Int, XMLTree.Element) -> FieldValue? = { _, _ in nil }
    ) -> FieldValue {
        var fields = Fields()
        fields.entries.reserveCapacity(6)  // with room for a format's own marks
        let known = normalizingPrefixes ? FeedNamespace.of(element) : nil
        if let known {
            fields.append(Key.name, .string("\(known.prefix):\(element.localName)"))
            fields.append(Key.namespace, .string(known.uri))
        } else {
            fields.append(Key.name, .string(element.qualifiedName))
            if let uri = element.namespaceURI { fields.append(Key.namespace, .string(uri)) }
        }
        if !normalizingPrefixes && !element.namespaceDeclarations.isEmpty {
            fields.append(Key.xmlns, .map(Fields(element.namespaceDeclarations.map { Field($0.prefix ?? "", .string($0.uri)) })))
        }
        if !element.attributes.isEmpty {
            var attributes = Fields(), namespaces = Fields()
            attributes.entries.reserveCapacity(element.attributes.count)
            for attribute in element.attributes {
                var name = attribute.qualifiedName
                if let uri = attribute.namespaceURI, uri != xmlNamespace {
                    if normalizingPrefixes, let namespace = FeedNamespace.matching(uri: uri) {
                        name = "\(namespace.prefix):\(attribute.localName)"
                    } else if let prefix = attribute.prefix, namespaces[prefix] == nil {
                        namespaces.append(prefix, .string(uri))
                    }
                }
                attributes.append(name, .string(attribute.value))
            }
            fields.append(Key.attributes, .map(attributes))
            if !namespaces.isEmpty { fields.append(Key.attributeNamespaces, .map(namespaces)) }
        }
        var content: [FieldValue] = []
        content.reserveCapacity(element.content.count)
        let dropsBlanks = normalizingPrefixes && !element.children.isEmpty
        for piece in element.content {
            switch piece {
            case .text(let text):
                if dropsBlanks && text.trimmingXMLWhitespace().isEmpty { continue }
                content.append(.string(text))
            case .cdata(let text): content.append(.map([Field(Key.cdata, .string(text))]))
            case .comment(let text): content.append(.map([Field(Key.comment, .string(text))]))
            case .instruction(let target, let data):
                content.append(.map([Field(Key.instruction, .string(target)), Field(Key.data, .string(data))]))
            case .element(let index):
                let child = element.children[index]
                content.append(replacing(index, child) ?? value(of: child, normalizingPrefixes: normalizingPrefixes))
            }
        }
        if !content.isEmpty {
            fields.append(Key.content, .list(content))
        } else if !element.text.isEmpty {
            fields.append(Key.text, .string(element.text))
        }
        return .map(fields)
    }

    /// `pieces` (comments and processing instructions around a root) as nodes.
    static func values(of pieces: [XMLTree.Piece]) -> [FieldValue] {
        pieces.compactMap { piece in
            switch piece {
            case .comment(let text): .map([Field(Key.comment, .string(text))])
            case .instruction(let target, let data): .map([Field(Key.instruction, .string(target)), Field(Key.data, .string(data))])
            default: nil
            }
        }
    }

    /// The qualified name of an element node, or nil for any other node.
    static func name(of node: FieldValue) -> String? {
        guard case .map(let fields) = node, case .string(let name)? = fields.first?.value,
              fields.first?.key == Key.name else { return nil }
        return name
    }

    /// The prefix of a qualified name, or nil.
    static func prefix(of name: String) -> String? {
        name.firstIndex(of: ":").map { String(name[..<$0]) }
    }
}
