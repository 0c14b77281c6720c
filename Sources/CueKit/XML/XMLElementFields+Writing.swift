extension XMLElementFields {
    /// Writes a node. `inline` writes it as it was laid out (its text, white
    /// space included, decides the layout); else elements get lines of their
    /// own and white space between child elements is left out. Returns how
    /// many elements and attributes could not be written because their
    /// prefix is bound to no namespace.
    @discardableResult
    static func write(_ node: FieldValue, to writer: inout XMLWriter, scope: inout XMLNamespaceScope, inline: Bool) -> Int {
        switch node {
        case .string(let text), .scalar(let text):
            if !inline && text.trimmingXMLWhitespace().isEmpty { return 0 }
            writer.text(text)
            return 0
        case .list:
            return 0
        case .map(let fields):
            if let text = fields[Key.cdata]?.text {
                writer.cdata(text)
                return 0
            }
            if let text = fields[Key.comment]?.text {
                writer.comment(text)
                return 0
            }
            if let target = fields[Key.instruction]?.text {
                return writer.processingInstruction(target, fields[Key.data]?.text ?? "") ? 0 : 1
            }
            var dropped = 0
            guard start(fields, to: &writer, scope: &scope, inline: inline, dropped: &dropped) else {
                return dropped + descendants(fields)
            }
            if case .list(let content)? = fields[Key.content] {
                for child in content { dropped += write(child, to: &writer, scope: &scope, inline: inline) }
            }
            if let text = fields[Key.text]?.text { writer.text(text) }
            if case .list(let children)? = fields[Key.children] {
                for child in children { dropped += write(child, to: &writer, scope: &scope, inline: false) }
            }
            end(to: &writer, scope: &scope)
            return dropped
        }
    }

    /// Opens an element node: its start tag with the declarations written on
    /// it, those the output needs for its name and attributes, and its
    /// attributes. A feed prefix (`itunes`) the source used undeclared is
    /// declared on the element when nothing above declares it. False,
    /// writing nothing, when its name has another prefix bound to no
    /// namespace; an attribute whose prefix is bound to none is left
    /// out. Both are counted in `dropped`. `extraDeclarations` (what the whole
    /// document needs, on its root) come after the attributes.
    static func start(
        _ fields: Fields, to writer: inout XMLWriter, scope: inout XMLNamespaceScope, inline: Bool,
        extraDeclarations: [(prefix: String, uri: String)] = [], extraAttributes: [(name: String, value: String)] = [],
        dropped: inout Int
    ) -> Bool {
        guard let name = fields[Key.name]?.text, !name.isEmpty else {
            dropped += 1
            return false
        }
        var declarations: [(prefix: String, uri: String)] = []
        if case .map(let xmlns)? = fields[Key.xmlns] {
            for field in xmlns.entries { declarations.append((field.key, field.value.text ?? "")) }
        }
        scope.push(declarations + extraDeclarations)
        var added: [(prefix: String, uri: String)] = []
        func bind(_ prefix: String, to uri: String?) -> Bool {
            let bound = added.last(where: { $0.prefix == prefix }).map(\.uri) ?? scope.uri(for: prefix)
            if prefix == "xml" { return true }
            if let uri {
                if bound != uri { added.append((prefix, uri)) }
                return true
            }
            if prefix.isEmpty {
                if bound != nil && bound != "" { added.append(("", "")) }
                return true
            }
            // A prefix the source never declared: a feed prefix is its
            // namespace (as the readers read it), any other is writable only
            // where the output binds it.
            if bound == nil, let namespace = FeedNamespace(rawValue: prefix) { added.append((prefix, namespace.uri)) }
            return bound != nil || FeedNamespace(rawValue: prefix) != nil
        }
        guard bind(prefix(of: name) ?? "", to: fields[Key.namespace]?.text) else {
            scope.pop()
            dropped += 1
            return false
        }
        var attributes: [(name: String, value: String)] = []
        if case .map(let written)? = fields[Key.attributes] {
            let namespaces: Fields
            if case .map(let map)? = fields[Key.attributeNamespaces] { namespaces = map } else { namespaces = [] }
            for field in written.entries {
                if let attributePrefix = prefix(of: field.key),
                   !bind(attributePrefix, to: namespaces[attributePrefix]?.text) {
                    dropped += 1
                    continue
                }
                attributes.append((field.key, field.value.text ?? ""))
            }
        }
        scope.pop()
        declarations += added
        scope.push(declarations + extraDeclarations)
        func xmlns(_ list: [(prefix: String, uri: String)]) -> [(name: String, value: String)] {
            list.map { (name: $0.prefix.isEmpty ? "xmlns" : "xmlns:\($0.prefix)", value: $0.uri) }
        }
        // libxml2 does not say how declarations and attributes interleaved:
        // declarations go first on an element that declares its own prefix
        // (`<atom:link xmlns:atom="…" href="…">`), else after the attributes
        // (`<rss version="2.0" xmlns:itunes="…">`), as feeds write them.
        let ownPrefix = prefix(of: name) ?? ""
        let written = declarations.contains { $0.prefix == ownPrefix }
            ? xmlns(declarations) + attributes : attributes + xmlns(declarations)
        writer.start(name, written + extraAttributes + xmlns(extraDeclarations), inline: inline)
        return true
    }

    /// Closes the element `start` opened.
    static func end(to writer: inout XMLWriter, scope: inout XMLNamespaceScope) {
        writer.end()
        scope.pop()
    }

    /// How many elements a node holds below it (left out with it).
    private static func descendants(_ fields: Fields) -> Int {
        var count = 0
        for key in [Key.content, Key.children] {
            guard case .list(let nodes)? = fields[key] else { continue }
            for case .map(let inner) in nodes where inner[Key.name] != nil { count += 1 + descendants(inner) }
        }
        return count
    }
}
