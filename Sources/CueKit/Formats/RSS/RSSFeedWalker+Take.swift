/// Which slot each child of an item fills, and the values it gives.
extension RSSFeedWalker {
    /// The values of one item, by slot, before they go into the timeline.
    /// An element that fills a slot only when another is missing is held
    /// with its index among the item's children until that is known.
    struct ItemValues {
        var title: String?
        var itunesTitle: (element: XMLTree.Element, index: Int)?
        var guid: String?
        var guidIsPermaLink: String?
        var pubDate: String?
        var updated: (element: XMLTree.Element, index: Int)?
        var link: String?
        var description: String?
        var summary: (element: XMLTree.Element, index: Int)?
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

    /// Puts `child` (the item's child at `index`) in its slot and returns
    /// the slot; nil when the item keeps it as an unmodelled element
    /// (unknown, or a repeat of a single-valued one).
    func take(
        _ child: XMLTree.Element, index: Int, into values: inout ItemValues, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> RSSSlot? {
        func fill(_ slot: inout String?, _ text: String, _ name: RSSSlot) -> RSSSlot? {
            guard slot == nil else { return nil }
            slot = text
            return name
        }
        let text = child.trimmedText
        if isAtom {
            switch (FeedNamespace.of(child), child.localName) {
            case (.atom, "title"): return fill(&values.title, text, .title)
            case (.atom, "id"): return fill(&values.guid, text, .guid)
            case (.atom, "published"): return fill(&values.pubDate, text, .pubDate)
            case (.atom, "updated"):
                guard values.updated == nil else { return nil }
                values.updated = (child, index)
                return .pubDate
            case (.atom, "summary"): return child.children.isEmpty ? fill(&values.description, text, .description) : nil
            case (.atom, "content"): return child.children.isEmpty ? fill(&values.content, text, .content) : nil
            case (.atom, "author"):
                guard let name = child.child(.atom, "name"), child.children.count == 1 else { return nil }
                return fill(&values.author, name.trimmedText, .author)
            case (.atom, "link"):
                let rel = child.attribute("rel") ?? "alternate"
                if rel == "alternate", let href = child.attribute("href") {
                    return fill(&values.link, href.trimmingXMLWhitespace(), .link)
                }
                if rel == "enclosure", values.enclosure == nil {
                    values.enclosure = try enclosure(child, urlAttribute: "href", diagnostics: &diagnostics)
                    return .enclosure
                }
                return nil
            default:
                break
            }
        } else if isCore(child, "title") {
            return fill(&values.title, text, .title)
        } else if isCore(child, "guid") {
            guard values.guid == nil else { return nil }
            values.guid = text
            values.guidIsPermaLink = child.attribute("isPermaLink")
            return .guid
        } else if isCore(child, "pubDate") {
            return fill(&values.pubDate, text, .pubDate)
        } else if isCore(child, "link") {
            return child.attributes.isEmpty ? fill(&values.link, text, .link) : nil
        } else if isCore(child, "description") {
            return fill(&values.description, text, .description)
        } else if isCore(child, "enclosure") {
            guard values.enclosure == nil else { return nil }
            values.enclosure = try enclosure(child, urlAttribute: "url", diagnostics: &diagnostics)
            return .enclosure
        }
        switch (FeedNamespace.of(child), child.localName) {
        case (.content, "encoded"): return fill(&values.content, text, .content)
        case (.itunes, "title"):
            guard values.itunesTitle == nil else { return nil }
            values.itunesTitle = (child, index)
            return .title
        case (.itunes, "summary"):
            guard values.summary == nil else { return nil }
            values.summary = (child, index)
            return .description
        case (.itunes, "duration"):
            guard values.durationElement == nil else { return nil }
            values.durationElement = child
            return .duration
        case (.itunes, "author"): return fill(&values.author, text, .author)
        case (.itunes, "image"):
            guard let href = child.attribute("href") else { return nil }
            return fill(&values.image, href.trimmingXMLWhitespace(), .image)
        case (.itunes, "episode"): return fill(&values.episode, text, .episode)
        case (.itunes, "season"): return fill(&values.season, text, .season)
        case (.podcast, "episode"):
            guard values.podcastEpisode == nil else { return nil }
            values.podcastEpisode = attributes(child, text: ("number", text, true), names: ["display"])
            return .podcastEpisode
        case (.podcast, "season"):
            guard values.podcastSeason == nil else { return nil }
            values.podcastSeason = attributes(child, text: ("number", text, true), names: ["name"])
            return .podcastSeason
        case (.podcast, "person"):
            values.persons.append(.map(attributes(child, text: ("name", text, false), names: RSSSlot.personAttributes)))
            return .persons
        case (.podcast, "chapters"):
            guard values.podcastChapters == nil else { return nil }
            values.podcastChapters = attributes(child, text: nil, names: ["url", "type"])
            return .podcastChapters
        case (.podcast, "transcript"):
            values.transcripts.append(.map(attributes(child, text: nil, names: RSSSlot.transcriptAttributes)))
            return .podcastTranscripts
        case (.psc, "chapters"):
            guard values.chaptersElement == nil else {
                diagnostics.report(.warning(
                    "psc.extra-chapters",
                    "expected one <psc:chapters> per item, found another; ignored, as the specification says (kept for writing back)",
                    at: location(child)))
                return nil
            }
            values.chaptersElement = child
            return .chapters
        default:
            return nil
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
}
