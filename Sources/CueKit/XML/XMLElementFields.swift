/// XML elements a format does not model, kept as field values so that the
/// same format can write them back (an RSS item's `itunes:explicit`, a
/// channel's `itunes:category` tree).
///
/// One element is a map with, when not empty: `name` (the qualified name to
/// write: a feed namespace gets its usual prefix), `namespace` (its URI),
/// `xmlns` (prefix → URI declarations the element needs for a namespace that
/// is not one of `FeedNamespace`), `attributes` (qualified name → value, in
/// order), `text` and `children` (a list of such maps). Mixed content loses
/// the order of text relative to child elements.
enum XMLElementFields {
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// `element` as a field value.
    static func value(of element: XMLTree.Element) -> FieldValue {
        var fields = Fields()
        var declarations = Fields()
        let known = FeedNamespace.of(element)
        if let known {
            fields.append("name", .string("\(known.prefix):\(element.localName)"))
            fields.append("namespace", .string(known.uri))
        } else {
            fields.append("name", .string(element.qualifiedName))
            if let uri = element.namespaceURI {
                fields.append("namespace", .string(uri))
                declarations.append(element.prefix ?? "", .string(uri))
            }
        }
        if !element.attributes.isEmpty {
            var attributes = Fields()
            for attribute in element.attributes {
                if let uri = attribute.namespaceURI, let namespace = FeedNamespace.matching(uri: uri) {
                    attributes.append("\(namespace.prefix):\(attribute.localName)", .string(attribute.value))
                    continue
                }
                attributes.append(attribute.qualifiedName, .string(attribute.value))
                if let uri = attribute.namespaceURI, let prefix = attribute.prefix, uri != xmlNamespace,
                   declarations[prefix] == nil {
                    declarations.append(prefix, .string(uri))
                }
            }
            fields.append("attributes", .map(attributes))
        }
        if !declarations.isEmpty { fields.append("xmlns", .map(declarations)) }
        let text = element.children.isEmpty ? element.text : element.trimmedText
        if !text.isEmpty { fields.append("text", .string(text)) }
        if !element.children.isEmpty {
            fields.append("children", .list(element.children.map(value(of:))))
        }
        return .map(fields)
    }

    /// Writes a kept element. Returns how many elements (this one or inside
    /// it) could not be written because their prefix is bound to no namespace.
    @discardableResult
    static func write(_ value: FieldValue, to writer: inout XMLWriter, defaultNamespace: String? = nil) -> Int {
        guard case .map(let fields) = value, let name = fields["name"]?.text, !name.isEmpty else { return 1 }
        let namespace = fields["namespace"]?.text
        var declarations: [(prefix: String, uri: String)] = []
        if case .map(let xmlns)? = fields["xmlns"] {
            for field in xmlns.entries { if let uri = field.value.text { declarations.append((field.key, uri)) } }
        }
        let prefix = name.firstIndex(of: ":").map { String(name[..<$0]) }
        let declaredPrefixes = Set(declarations.map(\.prefix))
        if let prefix, prefix != "xml", FeedNamespace(rawValue: prefix) == nil, !declaredPrefixes.contains(prefix) {
            return 1 + childCount(fields)
        }
        var attributes: [(name: String, value: String)] = declarations.map {
            (name: $0.prefix.isEmpty ? "xmlns" : "xmlns:\($0.prefix)", value: $0.uri)
        }
        var innerDefault = declarations.first { $0.prefix.isEmpty }?.uri ?? defaultNamespace
        if prefix == nil && namespace == nil && defaultNamespace != nil {
            attributes.append((name: "xmlns", value: ""))
            innerDefault = nil
        }
        if case .map(let written)? = fields["attributes"] {
            for field in written.entries {
                if let attributePrefix = field.key.firstIndex(of: ":").map({ String(field.key[..<$0]) }),
                   attributePrefix != "xml", FeedNamespace(rawValue: attributePrefix) == nil,
                   !declaredPrefixes.contains(attributePrefix) {
                    continue
                }
                attributes.append((name: field.key, value: field.value.text ?? ""))
            }
        }
        writer.start(name, attributes)
        if let text = fields["text"]?.text { writer.text(text) }
        var dropped = 0
        if case .list(let children)? = fields["children"] {
            for child in children { dropped += write(child, to: &writer, defaultNamespace: innerDefault) }
        }
        writer.end()
        return dropped
    }

    private static func childCount(_ fields: Fields) -> Int {
        guard case .list(let children)? = fields["children"] else { return 0 }
        return children.reduce(0) { total, child in
            guard case .map(let inner) = child else { return total }
            return total + 1 + childCount(inner)
        }
    }
}
