extension XMLElementFields {
    /// The feed namespaces whose usual prefix (`itunes:`) a node, or one
    /// inside it, uses where `scope` does not bind it: prefixes a source used
    /// without declaring them (read as the feed namespace), or a kept
    /// element named with the usual prefix. A writer declares them on the
    /// root, so every such element can be written.
    static func unboundFeedPrefixes(in node: FieldValue, scope: inout XMLNamespaceScope, into found: inout Set<FeedNamespace>) {
        guard case .map(let fields) = node, let name = fields[Key.name]?.text else { return }
        var declarations: [(prefix: String, uri: String)] = []
        if case .map(let xmlns)? = fields[Key.xmlns] {
            for field in xmlns.entries { declarations.append((field.key, field.value.text ?? "")) }
        }
        scope.push(declarations)
        defer { scope.pop() }
        func check(_ qualifiedName: String, namespace: String?) {
            guard let prefix = prefix(of: qualifiedName), let feed = FeedNamespace(rawValue: prefix),
                  scope.uri(for: prefix) == nil else { return }
            if namespace == nil || FeedNamespace.matching(uri: namespace!) == feed { found.insert(feed) }
        }
        check(name, namespace: fields[Key.namespace]?.text)
        if case .map(let attributes)? = fields[Key.attributes] {
            let namespaces: Fields
            if case .map(let map)? = fields[Key.attributeNamespaces] { namespaces = map } else { namespaces = [] }
            for field in attributes.entries {
                check(field.key, namespace: prefix(of: field.key).flatMap { namespaces[$0]?.text })
            }
        }
        for key in [Key.content, Key.children] {
            guard case .list(let nodes)? = fields[key] else { continue }
            for child in nodes { unboundFeedPrefixes(in: child, scope: &scope, into: &found) }
        }
    }
}
