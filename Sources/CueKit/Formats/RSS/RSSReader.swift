/// Reads a podcast feed, RSS 2.0 (or Atom, which some podcast feeds are),
/// into one timeline per `<item>` (`<entry>`): the item's metadata
/// (`RSSMetadata`), `itunes:duration` as the duration, inline Podlove Simple
/// Chapters as chapters, and, when `ReadOptions.linkedFiles` is set, the
/// chapters and transcript files the item links to when they lie beside the
/// feed.
///
/// The feed itself is kept in the `rss` extras, so that writing it back as
/// RSS gives the same feed (see `RSSMetadata.Extras`): each item as written,
/// with the elements the model maps marked, and the document around the
/// items, the same on every item's timeline. Feeds that use `itunes:` or
/// `podcast:` without declaring the prefix are read with a warning.
public struct RSSReader: FormatReader, InPlaceReader {
    public init() {}

    /// The first item (an empty timeline for a feed without items); warns
    /// when the feed has more. `readAll` gives every item.
    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let items = try readAll(source, options: options, diagnostics: &diagnostics)
        if items.count > 1 {
            diagnostics.report(.warning(
                "rss.first-item",
                "the feed has \(items.count) items; read the first (use readAll for every item)",
                at: source.location(line: 1)))
        }
        return items.first ?? Timeline()
    }

    public func readAll(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [Timeline] {
        var tree = try XMLTreeParser.parse(source.input, name: source.name, format: .rss)
        try tree.reportProblems(source: source, diagnostics: &diagnostics)
        var feed = RSSFeedWalker(source: source, options: options)
        return try feed.items(of: &tree, diagnostics: &diagnostics)
    }
}

/// The walk over one feed's tree.
struct RSSFeedWalker {
    let source: SourceText
    let options: ReadOptions
    /// Whether the feed is Atom (`<feed>`/`<entry>`) rather than RSS.
    var isAtom = false
    /// The namespace URI RSS's own elements have (nil in every usual feed).
    var coreNamespace: String?

    init(source: SourceText, options: ReadOptions) {
        self.source = source
        self.options = options
    }

    /// Whether `element` is the feed format's own element `name` (RSS
    /// elements have no namespace, Atom's the Atom namespace).
    func isCore(_ element: XMLTree.Element, _ name: String) -> Bool {
        guard element.localName == name else { return false }
        if isAtom { return FeedNamespace.of(element) == .atom }
        return element.namespaceURI == coreNamespace && (element.prefix == nil || element.namespaceURI != nil)
            && FeedNamespace.of(element) == nil
    }

    func location(_ element: XMLTree.Element) -> SourceLocation { source.location(line: element.line) }

    /// The feed's items as timelines. Each item's elements are freed from
    /// `tree` once the item is read: the tree and the timelines are never
    /// both whole.
    mutating func items(of tree: inout XMLTree, diagnostics: inout Diagnostics) throws(Diagnostic) -> [Timeline] {
        // The channel's place among the root's children (nil: the root is
        // the channel, an Atom feed).
        let channelIndex: Int?
        let root = tree.root
        if root.localName == "rss" && root.prefix == nil && FeedNamespace.of(root) == nil {
            coreNamespace = root.namespaceURI
            let channels = root.children.indices.filter { isCore(root.children[$0], "channel") }
            reportStrays(in: root, expected: "<channel>", diagnostics: &diagnostics) { isCore($0, "channel") }
            guard let first = channels.first else {
                diagnostics.report(.warning(
                    "rss.no-channel", "expected a <channel> inside <rss>, found none; the feed has no items",
                    at: location(root)))
                return []
            }
            if channels.count > 1 {
                diagnostics.report(.warning(
                    "rss.extra-channel",
                    "expected one <channel> inside <rss>, found \(channels.count); read the first, the others are ignored",
                    at: location(root.children[channels[1]])))
            }
            channelIndex = first
        } else if root.is(.atom, "feed") {
            isAtom = true
            channelIndex = nil
        } else {
            throw .error(
                "rss.root",
                "expected an <rss> root element (or an Atom <feed>), found <\(root.qualifiedName)>\(root.namespaceURI.map { " in namespace \($0)" } ?? "")",
                at: location(root), format: .rss)
        }

        let itemName = isAtom ? "entry" : "item"
        var channel = channelIndex.map { root.children[$0] } ?? root
        if !isAtom, !channel.trimmedText.isEmpty {
            diagnostics.report(.warning(
                "rss.unexpected-text",
                "expected only elements inside <channel>, found text '\(Self.excerpt(channel.trimmedText))'; ignored",
                at: location(channel)))
        }
        let podcastName = channel.children.first { isCore($0, "title") }?.trimmedText
        let surroundings = !options.keepsFeed ? nil : isAtom ? atomChannel(channel) : document(tree, channel: channel)
        let references = options.linkedFiles != nil || options.remoteFiles != nil
            ? FeedReferences(files: options.linkedFiles, remote: options.remoteFiles, registry: .standard) : nil

        // The channel is taken out of the tree, so that it holds the only
        // reference to each item's elements.
        if let channelIndex { tree.root.children[channelIndex].children = [] } else { tree.root.children = [] }
        _ = consume root

        var timelines: [Timeline] = []
        var selected: [(index: Int, location: SourceLocation)] = []
        for position in channel.children.indices where isCore(channel.children[position], itemName) {
            let element = channel.children[position]
            channel.children[position].release()
            var timeline = try item(element, podcastName: podcastName, diagnostics: &diagnostics)
            if let selector = options.item, !selector.mightSelect(position: timelines.count, timeline) {
                // An item --item leaves out keeps what names it, not the
                // record that would write it back (a million-item feed).
                timeline.extras[.rss] = nil
                timelines.append(timeline)
                continue
            }
            if let surroundings { timeline.extras[.rss, default: Fields()].append(surroundings.key, surroundings.value) }
            selected.append((timelines.count, location(element)))
            timelines.append(timeline)
        }
        if let references {
            // Every download the selected items need, at once.
            references.prefetch(selected.map { timelines[$0.index] }, transcriptTypes: options.transcriptTypes)
        }
        for (index, location) in selected {
            if let references {
                try resolve(&timelines[index], at: location, with: references, diagnostics: &diagnostics)
            }
            if !isAtom, options.keepsFeed, let chapters = RSSSlot.chapters(timelines[index]) {
                timelines[index].extras[.rss, default: Fields()].append(RSSMetadata.Extras.readChapters, chapters)
            }
        }
        if timelines.isEmpty {
            diagnostics.report(.warning(
                "rss.no-items",
                "expected one or more <\(itemName)> elements in the \(isAtom ? "feed" : "channel"), found none",
                at: location(channel)))
        }
        return timelines
    }

    /// Warns about text and unexpected elements directly inside `<rss>`.
    private func reportStrays(
        in root: XMLTree.Element, expected: String, diagnostics: inout Diagnostics,
        isExpected: (XMLTree.Element) -> Bool
    ) {
        if !root.trimmedText.isEmpty {
            diagnostics.report(.warning(
                "rss.unexpected-text",
                "expected only \(expected) inside <rss>, found text '\(Self.excerpt(root.trimmedText))'; ignored",
                at: location(root)))
        }
        for child in root.children where !isExpected(child) {
            diagnostics.report(.warning(
                "rss.misplaced-element",
                "expected \(expected) inside <rss>, found <\(child.qualifiedName)>; ignored (it belongs inside <channel>)",
                at: location(child)))
        }
    }

    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? text
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }

    /// The document around the items: the comments and processing
    /// instructions before and after the root, the root as written with
    /// each item of the channel read replaced by a placeholder, and the feed
    /// prefixes the document uses without declaring them.
    private func document(_ tree: XMLTree, channel: XMLTree.Element) -> Field {
        var number = 0
        let channelNode = XMLElementFields.value(of: channel) { _, child in
            guard isCore(child, "item") else { return nil }
            number += 1
            return .map([Field(RSSMetadata.Extras.itemPlaceholder, .scalar(String(number)))])
        }
        var channelIndex: Int?
        for (index, child) in tree.root.children.enumerated() where isCore(child, "channel") {
            channelIndex = index
            break
        }
        let root = XMLElementFields.value(of: tree.root) { index, _ in index == channelIndex ? channelNode : nil }
        var fields: Fields = [Field(RSSMetadata.Extras.root, root)]
        var undeclared: [FieldValue] = []
        for namespace in FeedNamespace.allCases
        where tree.problems.contains(where: { $0.isUndefinedPrefix && $0.detail == namespace.prefix }) {
            undeclared.append(.string(namespace.prefix))
        }
        if !undeclared.isEmpty { fields.append(RSSMetadata.Extras.undeclared, .list(undeclared)) }
        if !tree.before.isEmpty { fields.append(RSSMetadata.Extras.before, .list(XMLElementFields.values(of: tree.before))) }
        if !tree.after.isEmpty { fields.append(RSSMetadata.Extras.after, .list(XMLElementFields.values(of: tree.after))) }
        return Field(RSSMetadata.Extras.document, .map(fields))
    }

    /// An Atom feed's own elements, other than its entries, named with the
    /// usual feed prefixes: what a channel made from it keeps.
    private func atomChannel(_ feed: XMLTree.Element) -> Field {
        var elements: [FieldValue] = []
        for child in feed.children where !isCore(child, "entry") {
            elements.append(XMLElementFields.value(of: child, normalizingPrefixes: true))
        }
        return Field(RSSMetadata.Extras.channel, .list(elements))
    }
}
