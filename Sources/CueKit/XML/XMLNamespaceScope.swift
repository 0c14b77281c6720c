/// The namespace bindings in effect where a writer stands: what each prefix
/// means in the output, so that an element is written with the declarations
/// it needs and no others.
struct XMLNamespaceScope {
    /// Prefix ("" for the default namespace) and URI ("" undeclares the
    /// default namespace), innermost last.
    private var bindings: [(prefix: String, uri: String)] = [("xml", XMLElementFields.xmlNamespace)]
    /// How many bindings each open element added.
    private var counts: [Int] = []

    /// Enters an element that declares `declarations`.
    mutating func push(_ declarations: [(prefix: String, uri: String)]) {
        bindings.append(contentsOf: declarations)
        counts.append(declarations.count)
    }

    /// Leaves the innermost element.
    mutating func pop() {
        guard let count = counts.popLast() else { return }
        bindings.removeLast(count)
    }

    /// The URI `prefix` ("" for the default namespace) is bound to, or nil.
    func uri(for prefix: String) -> String? {
        guard let binding = bindings.last(where: { $0.prefix == prefix }), !binding.uri.isEmpty else { return nil }
        return binding.uri
    }

    /// A prefix bound to `namespace` (any of its URI variants) here, the
    /// innermost first.
    func prefix(for namespace: FeedNamespace) -> String? {
        for binding in bindings.reversed() where !binding.prefix.isEmpty {
            guard FeedNamespace.matching(uri: binding.uri) == namespace else { continue }
            if uri(for: binding.prefix) == binding.uri { return binding.prefix }
        }
        return nil
    }
}
