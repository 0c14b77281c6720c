/// The XML namespaces of podcast feeds, matched by URI as readers must
/// (SPECS.md §3–§5), accepting the variants real feeds use: `http` or
/// `https`, a trailing slash or none, any letter case, and for the podcast
/// namespace the GitHub address the namespace document calls identical.
///
/// An element whose prefix is not declared at all (`<itunes:duration>` in a
/// feed without `xmlns:itunes`) is matched by its prefix as a fallback.
enum FeedNamespace: String, CaseIterable, Sendable {
    case itunes
    case podcast
    case psc
    case content
    case atom
    case media

    /// The URI a writer declares.
    var uri: String {
        switch self {
        case .itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd"
        case .podcast: "https://podcastindex.org/namespace/1.0"
        case .psc: "http://podlove.org/simple-chapters"
        case .content: "http://purl.org/rss/1.0/modules/content/"
        case .atom: "http://www.w3.org/2005/Atom"
        case .media: "http://search.yahoo.com/mrss/"
        }
    }

    /// The prefix a writer uses, and the one an undeclared prefix is read as.
    var prefix: String { rawValue }

    /// Other URIs that name the same namespace, beyond the scheme, slash
    /// and case variants every namespace accepts.
    private var aliases: [String] {
        switch self {
        case .podcast: ["https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"]
        default: []
        }
    }

    /// The namespace `uri` names, if it is one of these.
    static func matching(uri: String) -> FeedNamespace? {
        let key = normalized(uri)
        return byNormalizedURI[key]
    }

    /// The namespace an element is in: by its URI, else (for an undeclared
    /// prefix) by the prefix. Nil for elements in no namespace or another one.
    static func of(_ element: XMLTree.Element) -> FeedNamespace? {
        if let uri = element.namespaceURI { return matching(uri: uri) }
        if let prefix = element.prefix { return FeedNamespace(rawValue: prefix) }
        return nil
    }

    private static let byNormalizedURI: [String: FeedNamespace] = {
        var table: [String: FeedNamespace] = [:]
        for namespace in allCases {
            table[normalized(namespace.uri)] = namespace
            for alias in namespace.aliases { table[normalized(alias)] = namespace }
        }
        return table
    }()

    /// The URI without its scheme, without trailing slashes, in lower case.
    static func normalized(_ uri: String) -> String {
        var text = Substring(uri.trimmingXMLWhitespace().lowercased())
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
            break
        }
        while text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}

extension XMLTree.Element {
    /// Whether this is `localName` in `namespace` (nil: an element in no
    /// namespace and without a prefix, such as RSS's own `<title>`).
    func `is`(_ namespace: FeedNamespace?, _ localName: String) -> Bool {
        guard self.localName == localName else { return false }
        guard let namespace else { return namespaceURI == nil && prefix == nil }
        return FeedNamespace.of(self) == namespace
    }

    /// The children that are `localName` in `namespace`.
    func children(_ namespace: FeedNamespace?, _ localName: String) -> [XMLTree.Element] {
        children.filter { $0.is(namespace, localName) }
    }

    /// The first child that is `localName` in `namespace`.
    func child(_ namespace: FeedNamespace?, _ localName: String) -> XMLTree.Element? {
        children.first { $0.is(namespace, localName) }
    }
}
