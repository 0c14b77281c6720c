/// Reads a podcast feed, RSS 2.0 (or Atom, which some podcast feeds are),
/// into one timeline per `<item>` (`<entry>`): the item's metadata
/// (`RSSMetadata`), `itunes:duration` as the duration, inline Podlove Simple
/// Chapters as chapters, and, when `ReadOptions.linkedFiles` is set, the
/// chapters and transcript files the item links to when they lie beside the
/// feed.
///
/// Elements the model has no field for are kept in the `rss` extras so that
/// writing the feed back keeps them. Feeds that use `itunes:` or `podcast:`
/// without declaring the prefix are read with a warning.
public struct RSSReader: FormatReader {
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
        let tree = try XMLTreeParser.parse(source.bytes, name: source.name, format: .rss)
        try tree.reportProblems(source: source, diagnostics: &diagnostics)
        var feed = FeedWalker(source: source, options: options)
        let items = try feed.items(of: tree.root, diagnostics: &diagnostics)
        return items
    }
}

/// The walk over one feed's tree.
private struct FeedWalker {
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

    mutating func items(of root: XMLTree.Element, diagnostics: inout Diagnostics) throws(Diagnostic) -> [Timeline] {
        let channel: XMLTree.Element
        if root.localName == "rss" && root.prefix == nil && FeedNamespace.of(root) == nil {
            coreNamespace = root.namespaceURI
            let channels = root.children.filter { isCore($0, "channel") }
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
                    at: location(channels[1])))
            }
            channel = first
        } else if root.is(.atom, "feed") {
            isAtom = true
            channel = root
        } else {
            throw .error(
                "rss.root",
                "expected an <rss> root element (or an Atom <feed>), found <\(root.qualifiedName)>\(root.namespaceURI.map { " in namespace \($0)" } ?? "")",
                at: location(root), format: .rss)
        }

        let itemName = isAtom ? "entry" : "item"
        if !isAtom, !channel.trimmedText.isEmpty {
            diagnostics.report(.warning(
                "rss.unexpected-text",
                "expected only elements inside <channel>, found text '\(Self.excerpt(channel.trimmedText))'; ignored",
                at: location(channel)))
        }
        let podcastName = channel.children.first { isCore($0, "title") }?.trimmedText
        var channelElements: [FieldValue] = []
        for child in channel.children where !isCore(child, itemName) {
            channelElements.append(XMLElementFields.value(of: child))
        }
        let channelValue = FieldValue.list(channelElements)
        let references = options.linkedFiles.map { FeedReferences(files: $0, registry: .standard) }

        var timelines: [Timeline] = []
        for element in channel.children where isCore(element, itemName) {
            var timeline = try item(element, podcastName: podcastName, diagnostics: &diagnostics)
            timeline.extras[.rss, default: Fields()].append(RSSMetadata.Extras.channel, channelValue)
            if let references {
                try resolve(&timeline, item: element, with: references, diagnostics: &diagnostics)
            }
            timelines.append(timeline)
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

    // MARK: One item

    /// The values of one item, by slot, before they go into the timeline.
    private struct ItemValues {
        var title: String?
        var itunesTitle: XMLTree.Element?
        var guid: String?
        var guidIsPermaLink: String?
        var pubDate: String?
        var updated: XMLTree.Element?
        var link: String?
        var description: String?
        var summary: XMLTree.Element?
        var content: String?
        var author: String?
        var enclosure: Fields?
        var image: String?
        var episode: String?
        var season: String?
        var podcastEpisode: Fields?
        var podcastSeason: Fields?
        var persons: [FieldValue] = []
        var podcastChapters: Fields?
        var transcripts: [FieldValue] = []
        var durationElement: XMLTree.Element?
        var chaptersElement: XMLTree.Element?
    }

    private func item(
        _ item: XMLTree.Element, podcastName: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        var values = ItemValues()
        var kept: [FieldValue] = []
        for child in item.children {
            if try !take(child, into: &values, diagnostics: &diagnostics) {
                kept.append(XMLElementFields.value(of: child))
            }
        }
        // Fallbacks that use an element only when the main one is missing.
        if values.title == nil, let itunesTitle = values.itunesTitle {
            values.title = itunesTitle.trimmedText
        } else if let itunesTitle = values.itunesTitle {
            kept.append(XMLElementFields.value(of: itunesTitle))
        }
        if values.description == nil, let summary = values.summary {
            values.description = summary.trimmedText
        } else if let summary = values.summary {
            kept.append(XMLElementFields.value(of: summary))
        }
        if values.pubDate == nil, let updated = values.updated {
            values.pubDate = updated.trimmedText
        } else if let updated = values.updated {
            kept.append(XMLElementFields.value(of: updated))
        }
        if values.title == nil && values.description == nil {
            diagnostics.report(.warning(
                "rss.item-without-title",
                "expected a <title> or <description> in the <\(item.qualifiedName)>, found neither",
                at: location(item)))
        }

        var timeline = Timeline()
        var metadata = Fields()
        func add(_ key: String, _ text: String?) {
            if let text { metadata.append(key, .string(text)) }
        }
        func add(_ key: String, map: Fields?) {
            if let map { metadata.append(key, .map(map)) }
        }
        add(RSSMetadata.title, values.title)
        add(RSSMetadata.podcastName, podcastName)
        add(RSSMetadata.guid, values.guid)
        add(RSSMetadata.pubDate, values.pubDate)
        add(RSSMetadata.link, values.link)
        add(RSSMetadata.description, values.description)
        add(RSSMetadata.content, values.content)
        add(RSSMetadata.author, values.author)
        add(RSSMetadata.enclosure, map: values.enclosure)
        add(RSSMetadata.image, values.image)
        if let episode = values.episode { metadata.append(RSSMetadata.episode, .scalar(episode)) }
        if let season = values.season { metadata.append(RSSMetadata.season, .scalar(season)) }
        add(RSSMetadata.podcastEpisode, map: values.podcastEpisode)
        add(RSSMetadata.podcastSeason, map: values.podcastSeason)
        if !values.persons.isEmpty { metadata.append(RSSMetadata.persons, .list(values.persons)) }
        add(RSSMetadata.podcastChapters, map: values.podcastChapters)
        if !values.transcripts.isEmpty { metadata.append(RSSMetadata.podcastTranscripts, .list(values.transcripts)) }
        timeline.metadata = metadata

        var extras = Fields()
        if let permaLink = values.guidIsPermaLink { extras.append(RSSMetadata.Extras.guidIsPermaLink, .scalar(permaLink)) }
        if let element = values.durationElement {
            let text = element.text.trimmingXMLWhitespace()
            switch ITunesDuration.read(text) {
            case .time(let time):
                timeline.duration = time
            case .unnormalized(let time):
                try diagnostics.repair(.warning(
                    "rss.duration-not-normalized",
                    "expected minutes and seconds below 60 in itunes:duration '\(text)', found more; read as \(time)",
                    at: location(element)))
                timeline.duration = time
            case .invalid where text.isEmpty:
                break
            case .invalid:
                try diagnostics.repair(.warning(
                    "rss.bad-duration",
                    "expected itunes:duration as seconds, M:SS or H:MM:SS, found '\(Self.excerpt(text))'; the duration is unknown (the text is kept)",
                    at: location(element)))
                extras.append(RSSMetadata.Extras.unreadDuration, .string(text))
            }
        }
        if !kept.isEmpty { extras.append(RSSMetadata.Extras.elements, .list(kept)) }
        if !extras.isEmpty { timeline.extras[.rss] = extras }

        if let element = values.chaptersElement {
            let (chapters, version) = try PSCChapters.read(element, source: source, diagnostics: &diagnostics)
            timeline.chapters = chapters
            if let version { timeline.extras[.psc] = [Field(PSCChapters.versionKey, .string(version))] }
        }
        return timeline
    }

    /// Puts `child` in its slot; false when the item keeps it as an
    /// unmodelled element (unknown, or a repeat of a single-valued one).
    private func take(
        _ child: XMLTree.Element, into values: inout ItemValues, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Bool {
        func fill(_ slot: inout String?, _ text: String) -> Bool {
            guard slot == nil else { return false }
            slot = text
            return true
        }
        let text = child.trimmedText
        if isAtom {
            switch (FeedNamespace.of(child), child.localName) {
            case (.atom, "title"): return fill(&values.title, text)
            case (.atom, "id"): return fill(&values.guid, text)
            case (.atom, "published"): return fill(&values.pubDate, text)
            case (.atom, "updated"):
                guard values.updated == nil else { return false }
                values.updated = child
                return true
            case (.atom, "summary"): return child.children.isEmpty && fill(&values.description, text)
            case (.atom, "content"): return child.children.isEmpty && fill(&values.content, text)
            case (.atom, "author"):
                guard let name = child.child(.atom, "name") else { return false }
                return child.children.count == 1 && fill(&values.author, name.trimmedText)
            case (.atom, "link"):
                let rel = child.attribute("rel") ?? "alternate"
                if rel == "alternate", let href = child.attribute("href") {
                    return fill(&values.link, href.trimmingXMLWhitespace())
                }
                if rel == "enclosure", values.enclosure == nil {
                    values.enclosure = try enclosure(child, urlAttribute: "href", diagnostics: &diagnostics)
                    return true
                }
                return false
            default:
                break
            }
        } else if isCore(child, "title") {
            return fill(&values.title, text)
        } else if isCore(child, "guid") {
            guard values.guid == nil else { return false }
            values.guid = text
            values.guidIsPermaLink = child.attribute("isPermaLink")
            return true
        } else if isCore(child, "pubDate") {
            return fill(&values.pubDate, text)
        } else if isCore(child, "link") {
            return child.attributes.isEmpty && fill(&values.link, text)
        } else if isCore(child, "description") {
            return fill(&values.description, text)
        } else if isCore(child, "enclosure") {
            guard values.enclosure == nil else { return false }
            values.enclosure = try enclosure(child, urlAttribute: "url", diagnostics: &diagnostics)
            return true
        }
        switch (FeedNamespace.of(child), child.localName) {
        case (.content, "encoded"): return fill(&values.content, text)
        case (.itunes, "title"):
            guard values.itunesTitle == nil else { return false }
            values.itunesTitle = child
            return true
        case (.itunes, "summary"):
            guard values.summary == nil else { return false }
            values.summary = child
            return true
        case (.itunes, "duration"):
            guard values.durationElement == nil else { return false }
            values.durationElement = child
            return true
        case (.itunes, "author"): return fill(&values.author, text)
        case (.itunes, "image"):
            guard let href = child.attribute("href") else { return false }
            return fill(&values.image, href.trimmingXMLWhitespace())
        case (.itunes, "episode"): return fill(&values.episode, text)
        case (.itunes, "season"): return fill(&values.season, text)
        case (.podcast, "episode"):
            guard values.podcastEpisode == nil else { return false }
            values.podcastEpisode = attributes(child, text: ("number", text, true), names: ["display"])
            return true
        case (.podcast, "season"):
            guard values.podcastSeason == nil else { return false }
            values.podcastSeason = attributes(child, text: ("number", text, true), names: ["name"])
            return true
        case (.podcast, "person"):
            values.persons.append(.map(attributes(child, text: ("name", text, false), names: ["role", "group", "img", "href"])))
            return true
        case (.podcast, "chapters"):
            guard values.podcastChapters == nil else { return false }
            values.podcastChapters = attributes(child, text: nil, names: ["url", "type"])
            return true
        case (.podcast, "transcript"):
            values.transcripts.append(.map(attributes(child, text: nil, names: ["url", "type", "language", "rel"])))
            return true
        case (.psc, "chapters"):
            guard values.chaptersElement == nil else {
                diagnostics.report(.warning(
                    "psc.extra-chapters",
                    "expected one <psc:chapters> per item, found another; ignored, as the specification says (kept for writing back)",
                    at: location(child)))
                return false
            }
            values.chaptersElement = child
            return true
        default:
            return false
        }
    }

    /// A map of the element's `names` attributes that are present, after
    /// its text under `text.key` (a scalar when `text.isScalar`).
    private func attributes(
        _ element: XMLTree.Element, text: (key: String, value: String, isScalar: Bool)?, names: [String]
    ) -> Fields {
        var fields = Fields()
        if let text, !text.value.isEmpty { fields.append(text.key, text.isScalar ? .scalar(text.value) : .string(text.value)) }
        for name in names {
            if let value = element.attribute(name) { fields.append(name, .string(value)) }
        }
        return fields
    }

    private func enclosure(
        _ element: XMLTree.Element, urlAttribute: String, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Fields {
        var fields = Fields()
        if let raw = element.attribute(urlAttribute) {
            let url = raw.trimmingXMLWhitespace()
            if url != raw {
                try diagnostics.repair(.warning(
                    "rss.url-whitespace",
                    "expected the enclosure \(urlAttribute) without surrounding white space, found '\(raw)'; trimmed",
                    at: location(element)))
            }
            fields.append("url", .string(url))
        } else {
            diagnostics.report(.warning(
                "rss.enclosure-without-url",
                "expected a '\(urlAttribute)' attribute on <\(element.qualifiedName)>, found none",
                at: location(element)))
        }
        if let type = element.attribute("type") { fields.append("type", .string(type)) }
        if let length = element.attribute("length") { fields.append("length", .scalar(length.trimmingXMLWhitespace())) }
        return fields
    }

    // MARK: Linked files

    /// Reads the chapters and transcript files the item links to when they
    /// are beside the feed.
    private func resolve(
        _ timeline: inout Timeline, item: XMLTree.Element, with references: FeedReferences,
        diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        let location = self.location(item)
        if case .map(let link)? = timeline.metadata[RSSMetadata.podcastChapters], let url = link["url"]?.text,
           let found = try references.read(
               url: url, type: link["type"]?.text, kind: .chapters, at: location, options: options, diagnostics: &diagnostics) {
            if timeline.chapters.isEmpty {
                timeline.chapters = found.timeline.chapters
                diagnostics.report(.note(
                    "rss.chapters-file-read",
                    "read \(found.timeline.chapters.count) chapter(s) from '\(found.path)', linked by podcast:chapters",
                    at: location))
            } else {
                diagnostics.report(.note(
                    "rss.chapters-file-unused",
                    "the item has inline psc:chapters; the chapters in '\(found.path)' (podcast:chapters) were read but not used",
                    at: location))
            }
        }
        guard case .list(let links)? = timeline.metadata[RSSMetadata.podcastTranscripts] else { return }
        for case .map(let link) in links {
            guard let url = link["url"]?.text,
                  let found = try references.read(
                      url: url, type: link["type"]?.text, kind: .transcript, at: location, options: options,
                      diagnostics: &diagnostics)
            else { continue }
            timeline.cues = found.timeline.cues
            diagnostics.report(.note(
                "rss.transcript-file-read",
                "read \(found.timeline.cues.count) transcript line(s) from '\(found.path)', linked by podcast:transcript",
                at: location))
            break
        }
    }
}
