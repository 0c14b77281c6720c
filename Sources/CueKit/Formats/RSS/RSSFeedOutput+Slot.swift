extension RSSFeedOutput {
    /// Writes `value`, what `slot` of `timeline` holds, as its element(s).
    /// With `templates` (the elements the item had for the slot), in their
    /// form: the same name and prefix, declarations and attributes, only the
    /// text and the attributes the model maps replaced (and a CDATA section
    /// where the source had one); the Nth entry of a list takes the Nth
    /// element's form. Without, in the form of a feed cues makes, with the
    /// prefix the output binds to the namespace (declaring it when none is).
    mutating func writeSlot(_ slot: RSSSlot, _ value: FieldValue, of timeline: Timeline, templates: [Fields], inline: Bool) {
        switch slot {
        case .chapters:
            writeChapters(timeline, template: templates.first)
        case .persons, .podcastTranscripts:
            guard case .list(let entries) = value else { return }
            for (index, entry) in entries.enumerated() {
                let template = index < templates.count ? templates[index] : templates.last
                writeElement(slot, entry, of: timeline, template: template, inline: inline && index == 0)
            }
        case .duration:
            let (text, rounded) = ITunesDuration.string(timeline.duration ?? .zero)
            if rounded { report.roundedDurations += 1 }
            writeElement(slot, .string(text), of: timeline, template: templates.first, inline: inline)
        default:
            writeElement(slot, value, of: timeline, template: templates.first, inline: inline)
        }
    }

    private mutating func writeElement(_ slot: RSSSlot, _ value: FieldValue, of timeline: Timeline, template: Fields?, inline: Bool) {
        var node = Fields()
        var attributes = Fields()
        if let template {
            for key in [Key.name, Key.namespace, Key.xmlns, Key.attributeNamespaces] {
                if let kept = template[key] { node.append(key, kept) }
            }
            if case .map(let kept)? = template[Key.attributes] { attributes = kept }
        } else {
            let (namespace, localName) = Self.standardName(slot)
            if let namespace {
                let bound = scope.prefix(for: namespace)
                let prefix = bound ?? namespace.prefix
                node.append(Key.name, .string("\(prefix):\(localName)"))
                node.append(Key.namespace, .string(bound.flatMap { scope.uri(for: $0) } ?? namespace.uri))
            } else {
                node.append(Key.name, .string(localName))
            }
            if slot == .guid, let permaLink = timeline.extras[.rss]?[Extras.guidIsPermaLink] {
                attributes.append("isPermaLink", permaLink)
            }
        }
        if slot == .image {
            attributes["href"] = value.text.map(FieldValue.string)
        } else if case .map(let fields) = value {
            for name in Self.mappedAttributes(slot) { attributes[name] = fields[name]?.text.map(FieldValue.string) }
        }
        if !attributes.isEmpty { node.append(Key.attributes, .map(attributes)) }
        if let text = Self.text(slot, value), !text.isEmpty {
            let wasCDATA = Self.nodes(template?[Key.content]).contains { node in
                if case .map(let fields) = node { return fields[Key.cdata] != nil }
                return false
            }
            node.append(Key.content, .list([wasCDATA ? .map([Field(Key.cdata, .string(text))]) : .string(text)]))
        }
        report.unwritableElements += XMLElementFields.write(.map(node), to: &xml, scope: &scope, inline: inline)
    }

    /// `psc:chapters`, named with the template's prefix when it has one.
    private mutating func writeChapters(_ timeline: Timeline, template: Fields?) {
        var prefix = scope.prefix(for: .psc)
        if let name = template?[Key.name]?.text, let written = XMLElementFields.prefix(of: name) { prefix = written }
        let declares = prefix.flatMap { scope.uri(for: $0) }.flatMap(FeedNamespace.matching(uri:)) != .psc
        let version = timeline.extras[.psc]?[PSCChapters.versionKey]?.text
        let chapters = WritableChapters(timeline, fillEnds: false, diagnostics: &report.chapterDiagnostics).chapters
        let losses = PSCChapters.write(
            chapters, version: version, prefix: prefix ?? FeedNamespace.psc.prefix, declaresNamespace: declares, to: &xml)
        report.chapterLosses.silent += losses.silent
        report.chapterLosses.untimed += losses.untimed
        report.chapterLosses.untitled += losses.untitled
        report.chapterLosses.endTimes += losses.endTimes
    }

    /// The element a feed cues makes writes for `slot`: its namespace (nil
    /// for RSS's own elements) and local name.
    static func standardName(_ slot: RSSSlot) -> (FeedNamespace?, String) {
        switch slot {
        case .title, .link, .guid, .pubDate, .description, .enclosure: (nil, slot.rawValue)
        case .content: (.content, "encoded")
        case .author, .duration, .image, .episode, .season: (.itunes, slot.rawValue)
        case .podcastSeason: (.podcast, "season")
        case .podcastEpisode: (.podcast, "episode")
        case .persons: (.podcast, "person")
        case .podcastChapters: (.podcast, "chapters")
        case .podcastTranscripts: (.podcast, "transcript")
        case .chapters: (.psc, "chapters")
        }
    }

    /// The attributes of a slot's element the model maps, in the order a
    /// feed cues makes writes them.
    static func mappedAttributes(_ slot: RSSSlot) -> [String] {
        switch slot {
        case .enclosure: ["url", "length", "type"]
        case .podcastEpisode: ["display"]
        case .podcastSeason: ["name"]
        case .persons: RSSSlot.personAttributes
        case .podcastChapters: ["url", "type"]
        case .podcastTranscripts: RSSSlot.transcriptAttributes
        default: []
        }
    }

    /// The text of a slot's element.
    static func text(_ slot: RSSSlot, _ value: FieldValue) -> String? {
        switch slot {
        case .podcastEpisode, .podcastSeason:
            if case .map(let fields) = value { return fields["number"]?.text }
            return nil
        case .persons:
            if case .map(let fields) = value { return fields["name"]?.text }
            return nil
        case .enclosure, .image, .podcastChapters, .podcastTranscripts, .chapters:
            return nil
        default:
            return value.text
        }
    }
}
