/// Writes an RSS 2.0 feed with the itunes, podcast, psc and content
/// namespaces: one `<item>` per timeline.
///
/// The channel comes from the first timeline's `rss` extras when it was read
/// from a feed, else from its `podcastName`. Each item gets its title, guid,
/// enclosure, `itunes:duration` (whole seconds) and the other `RSSMetadata`
/// fields it has, its chapters as inline `psc:chapters`, and the elements the
/// reader kept. With `WriteOptions.baseURL`, an item with chapters links
/// `podcast:chapters` and an item with transcript lines links
/// `podcast:transcript` to the sibling files named by `RSSSiblingFiles`.
public struct RSSWriter: FormatWriter {
    public init() {}

    /// Chapters need start times.
    public var requiresTimes: Bool { true }

    public var writesManyTimelines: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        try writeAll([timeline], options: options, diagnostics: &diagnostics)
    }

    /// Metadata keys the item writer places.
    static let writtenKeys: Set<String> = [
        RSSMetadata.title, RSSMetadata.podcastName, RSSMetadata.guid, RSSMetadata.pubDate, RSSMetadata.link,
        RSSMetadata.description, RSSMetadata.content, RSSMetadata.author, RSSMetadata.enclosure,
        RSSMetadata.image, RSSMetadata.episode, RSSMetadata.season, RSSMetadata.podcastEpisode,
        RSSMetadata.podcastSeason, RSSMetadata.persons, RSSMetadata.podcastChapters,
        RSSMetadata.podcastTranscripts, "duration",
    ]

    public func writeAll(
        _ timelines: [Timeline], options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var report = Report()
        var xml = XMLWriter(options: options, capacity: 1024 + timelines.count * 1024)
        let channelElements = timelines.first?.extras[.rss]?[RSSMetadata.Extras.channel].flatMap { value -> [FieldValue]? in
            if case .list(let list) = value { return list }
            return nil
        }
        var rootAttributes: [(name: String, value: String)] = [("version", "2.0")]
        var extra = Set<FeedNamespace>()
        for value in (channelElements ?? []) + timelines.flatMap(Self.keptElements) {
            Self.collectNamespaces(value, into: &extra)
        }
        for namespace in [FeedNamespace.itunes, .podcast, .psc, .content] + FeedNamespace.allCases.filter({ extra.contains($0) && ![.itunes, .podcast, .psc, .content].contains($0) }) {
            rootAttributes.append(("xmlns:\(namespace.prefix)", namespace.uri))
        }
        xml.start("rss", rootAttributes)
        xml.start("channel")
        writeChannel(channelElements, first: timelines.first, to: &xml, report: &report)
        let stems: [String]
        if options.baseURL == nil {
            stems = []
        } else if timelines.count == 1, let stem = options.siblingStem {
            stems = [stem]
        } else {
            stems = RSSSiblingFiles.stems(for: timelines)
        }
        for (index, timeline) in timelines.enumerated() {
            writeItem(timeline, stem: stems.isEmpty ? nil : stems[index], baseURL: options.baseURL, to: &xml, report: &report)
        }
        xml.end()
        xml.end()
        report.removedCharacters = xml.removedCharacters
        report.emit(into: &diagnostics, baseURL: options.baseURL)
        return xml.finish()
    }

    // MARK: Channel

    private func writeChannel(_ elements: [FieldValue]?, first: Timeline?, to xml: inout XMLWriter, report: inout Report) {
        let podcastName = first?.metadata[RSSMetadata.podcastName]?.text
        guard let elements else {
            xml.element("title", text: podcastName ?? first?.metadata[RSSMetadata.title]?.text ?? "")
            xml.element("description", text: podcastName ?? "")
            return
        }
        let hasTitle = elements.contains { Self.name(of: $0) == "title" }
        if !hasTitle { xml.element("title", text: podcastName ?? "") }
        for element in elements {
            report.unwritableElements += XMLElementFields.write(element, to: &xml)
        }
    }

    // MARK: Items

    private func writeItem(_ timeline: Timeline, stem: String?, baseURL: String?, to xml: inout XMLWriter, report: inout Report) {
        let metadata = timeline.metadata
        let extras = timeline.extras[.rss] ?? Fields()
        xml.start("item")
        if let title = metadata[RSSMetadata.title]?.text { xml.element("title", text: title) }
        if let link = metadata[RSSMetadata.link]?.text { xml.element("link", text: link) }
        if let guid = metadata[RSSMetadata.guid]?.text {
            let permaLink = extras[RSSMetadata.Extras.guidIsPermaLink]?.text
            xml.element("guid", permaLink.map { [("isPermaLink", $0)] } ?? [], text: guid)
        }
        if let pubDate = metadata[RSSMetadata.pubDate]?.text { xml.element("pubDate", text: pubDate) }
        if let description = metadata[RSSMetadata.description]?.text { xml.element("description", text: description) }
        if let content = metadata[RSSMetadata.content]?.text { xml.element("content:encoded", text: content) }
        if let author = metadata[RSSMetadata.author]?.text { xml.element("itunes:author", text: author) }
        if case .map(let enclosure)? = metadata[RSSMetadata.enclosure] {
            xml.element("enclosure", Self.attributes(enclosure, ["url", "length", "type"]))
        }
        if let duration = timeline.duration {
            let (text, rounded) = ITunesDuration.string(duration)
            if rounded { report.roundedDurations += 1 }
            xml.element("itunes:duration", text: text)
        } else if let unread = extras[RSSMetadata.Extras.unreadDuration]?.text {
            xml.element("itunes:duration", text: unread)
        }
        if let image = metadata[RSSMetadata.image]?.text { xml.element("itunes:image", [("href", image)]) }
        if let episode = metadata[RSSMetadata.episode]?.text { xml.element("itunes:episode", text: episode) }
        if let season = metadata[RSSMetadata.season]?.text { xml.element("itunes:season", text: season) }
        if case .map(let season)? = metadata[RSSMetadata.podcastSeason] {
            xml.element("podcast:season", Self.attributes(season, ["name"]), text: season["number"]?.text ?? "")
        }
        if case .map(let episode)? = metadata[RSSMetadata.podcastEpisode] {
            xml.element("podcast:episode", Self.attributes(episode, ["display"]), text: episode["number"]?.text ?? "")
        }
        if case .list(let persons)? = metadata[RSSMetadata.persons] {
            for case .map(let person) in persons {
                xml.element("podcast:person", Self.attributes(person, ["role", "group", "img", "href"]), text: person["name"]?.text ?? "")
            }
        }
        writeLinks(timeline, stem: stem, baseURL: baseURL, to: &xml, report: &report)
        if !timeline.chapters.isEmpty {
            let version = timeline.extras[.psc]?[PSCChapters.versionKey]?.text
            let chapters = WritableChapters(timeline, fillEnds: false, diagnostics: &report.chapterDiagnostics).chapters
            let losses = PSCChapters.write(chapters, version: version, declaresNamespace: false, to: &xml)
            report.chapterLosses.silent += losses.silent
            report.chapterLosses.untimed += losses.untimed
            report.chapterLosses.untitled += losses.untitled
            report.chapterLosses.endTimes += losses.endTimes
        }
        for element in Self.keptElements(timeline) {
            report.unwritableElements += XMLElementFields.write(element, to: &xml)
        }
        xml.end()
        for field in metadata where !Self.writtenKeys.contains(field.key) { report.droppedKeys.insert(field.key) }
    }

    /// `podcast:chapters` and `podcast:transcript`: links to the sibling
    /// files with a base URL (replacing the source's own links for what the
    /// timeline holds), else the source's links.
    private func writeLinks(_ timeline: Timeline, stem: String?, baseURL: String?, to xml: inout XMLWriter, report: inout Report) {
        let metadata = timeline.metadata
        if let baseURL, let stem, !timeline.chapters.isEmpty {
            xml.element("podcast:chapters", [
                ("url", RSSSiblingFiles.chaptersURL(baseURL: baseURL, stem: stem)), ("type", RSSSiblingFiles.chaptersType),
            ])
            report.linkedChapters += 1
        } else if case .map(let link)? = metadata[RSSMetadata.podcastChapters] {
            xml.element("podcast:chapters", Self.attributes(link, ["url", "type"]))
        }
        if let baseURL, let stem, !timeline.cues.isEmpty {
            xml.element("podcast:transcript", [
                ("url", RSSSiblingFiles.transcriptURL(baseURL: baseURL, stem: stem)), ("type", RSSSiblingFiles.transcriptType),
            ])
            report.linkedTranscripts += 1
        } else {
            if !timeline.cues.isEmpty { report.unlinkedTranscripts += 1 }
            if case .list(let links)? = metadata[RSSMetadata.podcastTranscripts] {
                for case .map(let link) in links {
                    xml.element("podcast:transcript", Self.attributes(link, ["url", "type", "language", "rel"]))
                }
            }
        }
    }

    // MARK: Helpers

    private static func attributes(_ fields: Fields, _ names: [String]) -> [(name: String, value: String)] {
        names.compactMap { name in fields[name]?.text.map { (name: name, value: $0) } }
    }

    private static func keptElements(_ timeline: Timeline) -> [FieldValue] {
        guard case .list(let list)? = timeline.extras[.rss]?[RSSMetadata.Extras.elements] else { return [] }
        return list
    }

    private static func name(of element: FieldValue) -> String? {
        guard case .map(let fields) = element else { return nil }
        return fields["name"]?.text
    }

    /// The feed namespaces a kept element (or one inside it) uses by prefix.
    private static func collectNamespaces(_ element: FieldValue, into namespaces: inout Set<FeedNamespace>) {
        guard case .map(let fields) = element else { return }
        for name in [fields["name"]?.text].compactMap({ $0 }) + (fields["attributes"].flatMap { value -> [String]? in
            if case .map(let attributes) = value { return attributes.entries.map(\.key) }
            return nil
        } ?? []) {
            if let colon = name.firstIndex(of: ":"), let namespace = FeedNamespace(rawValue: String(name[..<colon])) {
                namespaces.insert(namespace)
            }
        }
        if case .list(let children)? = fields["children"] {
            for child in children { collectNamespaces(child, into: &namespaces) }
        }
    }

    /// What the writer left out or changed, reported once per feed.
    private struct Report {
        var chapterLosses = PSCChapters.Losses()
        /// What `WritableChapters` said of each item's chapters.
        var chapterDiagnostics = Diagnostics()
        var roundedDurations = 0
        var unlinkedTranscripts = 0
        var linkedChapters = 0
        var linkedTranscripts = 0
        var unwritableElements = 0
        var removedCharacters = 0
        var droppedKeys = Set<String>()

        func emit(into diagnostics: inout Diagnostics, baseURL: String?) {
            diagnostics.append(contentsOf: chapterDiagnostics.items)
            PSCChapters.report(chapterLosses, diagnostics: &diagnostics)
            if roundedDurations > 0 {
                diagnostics.report(.warning(
                    "rss.duration-rounded",
                    "itunes:duration is written in whole seconds; \(roundedDurations) duration(s) were rounded"))
            }
            if unlinkedTranscripts > 0 {
                diagnostics.report(.warning(
                    "rss.transcript-not-written",
                    "a feed does not hold transcript lines; \(unlinkedTranscripts) item(s) have some, left out (with a base URL, each item links a <stem>.vtt transcript file)",
                    hint: .baseURL))
            }
            if let baseURL, linkedChapters + linkedTranscripts > 0 {
                diagnostics.report(.note(
                    "rss.sibling-links",
                    "linked \(linkedChapters) chapters file(s) (<stem>.\(RSSSiblingFiles.chaptersExtension)) and \(linkedTranscripts) transcript file(s) (<stem>.\(RSSSiblingFiles.transcriptExtension)) under \(baseURL); they must be published there"))
            }
            if unwritableElements > 0 {
                diagnostics.report(.warning(
                    "rss.element-dropped",
                    "\(unwritableElements) kept element(s) use a prefix bound to no namespace and cannot be written as XML; left out"))
            }
            if removedCharacters > 0 {
                diagnostics.report(.warning(
                    "xml.invalid-character",
                    "\(removedCharacters) character(s) that XML 1.0 does not allow (control characters) were left out"))
            }
            if !droppedKeys.isEmpty {
                diagnostics.report(.warning(
                    "rss.metadata-dropped",
                    "an RSS item has no place for the metadata \(droppedKeys.sorted().map { "'\($0)'" }.joined(separator: ", ")); left out"))
            }
        }
    }
}
