/// RSS podcast feeds: registration and content sniffing.
public enum RSSFormat {
    public static let format = Format(
        id: .rss,
        name: "RSS podcast feed",
        kind: .feed,
        extensions: ["rss", "xml"],
        mediaTypes: ["application/rss+xml"],
        reader: RSSReader(),
        writer: RSSWriter(),
        sniff: { head in
            // The root element, after any declaration, comments and DOCTYPE:
            // <rss>, or an Atom <feed>.
            guard let root = XMLSniffer.rootElementName(head) else { return false }
            if root == "rss" { return true }
            return root == "feed" && XMLSniffer.contains(head, FeedNamespace.atom.uri)
        }
    )
}
