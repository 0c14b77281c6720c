extension RSSFeedOutput {
    /// The namespaces a feed cues makes always declares.
    static let declaredNamespaces: [FeedNamespace] = [.itunes, .podcast, .psc, .content]

    /// Writes a feed cues makes: `<rss version="2.0">` declaring the feed
    /// namespaces (`atom` and `media` too when kept elements use them), a
    /// channel from the first timeline (an Atom feed's own elements, else a
    /// title and description from its `podcastName`), one item per timeline.
    mutating func writeNewDocument() {
        let channelElements: [FieldValue]? = {
            guard case .list(let list)? = timelines.first?.extras[.rss]?[Extras.channel] else { return nil }
            return list
        }()
        // Atom elements kept with their usual prefixes (`atom:link`) find it declared on the root.
        var found = Set(Self.declaredNamespaces + undeclaredFeedNamespaces())
        var scan = XMLNamespaceScope()
        scan.push(Self.declaredNamespaces.map { (prefix: $0.prefix, uri: $0.uri) })
        for element in (channelElements ?? []) + timelines.flatMap({ Self.nodes($0.extras[.rss]?[Extras.elements]) }) {
            XMLElementFields.unboundFeedPrefixes(in: element, scope: &scan, into: &found)
        }
        let declarations = FeedNamespace.allCases.filter(found.contains).map { (prefix: $0.prefix, uri: $0.uri) }
        var dropped = 0
        let root: Fields = [Field(Key.name, .string("rss")), Field(Key.attributes, .map([Field("version", .string("2.0"))]))]
        _ = XMLElementFields.start(root, to: &xml, scope: &scope, inline: false, extraDeclarations: declarations, dropped: &dropped)
        xml.start("channel")
        let first = timelines.first
        let podcastName = first?.metadata[RSSMetadata.podcastName]?.text
        if let channelElements {
            if !channelElements.contains(where: { XMLElementFields.name(of: $0) == "title" }) {
                xml.element("title", text: podcastName ?? "")
            }
            for element in channelElements {
                dropped += XMLElementFields.write(element, to: &xml, scope: &scope, inline: false)
            }
        } else {
            xml.element("title", text: podcastName ?? first?.metadata[RSSMetadata.title]?.text ?? "")
            xml.element("description", text: podcastName ?? "")
        }
        report.unwritableElements += dropped
        for index in timelines.indices { writeItem(index, inline: false) }
        xml.end()
        XMLElementFields.end(to: &xml, scope: &scope)
    }
}
