/// One feed being written: the XML, the namespaces in effect where it
/// stands, and what to report.
struct RSSFeedOutput: ~Copyable {
    typealias Extras = RSSMetadata.Extras
    typealias Key = XMLElementFields.Key

    var xml: XMLWriter
    var scope = XMLNamespaceScope()
    var report = RSSWriteReport()
    let timelines: [Timeline]
    let baseURL: String?
    /// The sibling-file stem of each timeline, with a base URL.
    let stems: [String]

    init(timelines: [Timeline], options: WriteOptions, stems: [String]) {
        xml = XMLWriter(options: options, capacity: 1024 + timelines.count * 1024)
        self.timelines = timelines
        baseURL = options.baseURL
        self.stems = stems
    }

    /// The bytes written; reports what was left out or changed.
    mutating func finish(into diagnostics: inout Diagnostics) -> [UInt8] {
        report.removedCharacters = xml.removedCharacters
        report.emit(into: &diagnostics, baseURL: baseURL)
        return xml.finish()
    }

    // MARK: A feed passed through

    /// The document a timeline read from a feed carries: an `<rss>` whose
    /// `<channel>` holds a place for the items.
    static func passedThroughDocument(of timeline: Timeline?) -> Fields? {
        guard case .map(let document)? = timeline?.extras[.rss]?[Extras.document],
              case .map(let root)? = document[Extras.root], root[Key.name] == .string("rss"),
              let channel = channelIndex(in: root).map({ nodes(root[Key.content])[$0] }),
              XMLElementFields.name(of: channel) == "channel" else { return nil }
        return document
    }

    /// The index in the root's content of the channel: the element whose
    /// content holds the items' placeholders.
    static func channelIndex(in root: Fields) -> Int? {
        nodes(root[Key.content]).firstIndex { node in
            guard case .map(let fields) = node, fields[Key.name] != nil else { return false }
            return nodes(fields[Key.content]).contains(where: isPlaceholder)
        }
    }

    static func isPlaceholder(_ node: FieldValue) -> Bool {
        guard case .map(let fields) = node, fields.count == 1 else { return false }
        return fields[Extras.itemPlaceholder] != nil
    }

    static func nodes(_ value: FieldValue?) -> [FieldValue] {
        if case .list(let list)? = value { return list }
        return []
    }

    static func isBlank(_ node: FieldValue) -> Bool {
        guard case .string(let text) = node else { return false }
        return text.trimmingXMLWhitespace().isEmpty
    }

    /// Writes the document as it was read, the timelines in the places of
    /// its items: timeline N at the Nth item's place, those past the last
    /// place after it; a place without a timeline is left out with the
    /// white space before it.
    mutating func writeDocument(_ document: Fields) {
        guard case .map(let root)? = document[Extras.root], let channelIndex = Self.channelIndex(in: root) else { return }
        let rootContent = Self.nodes(root[Key.content])
        guard case .map(let channel) = rootContent[channelIndex] else { return }
        for node in Self.nodes(document[Extras.before]) { XMLElementFields.write(node, to: &xml, scope: &scope, inline: true) }
        xml.indentUnit = Self.indentUnit(before: channelIndex, in: rootContent)
        let declarations = undeclaredFeedNamespaces().map { (prefix: $0.prefix, uri: $0.uri) }
        var dropped = 0
        if XMLElementFields.start(root, to: &xml, scope: &scope, inline: true, extraDeclarations: declarations, dropped: &dropped) {
            for (index, node) in rootContent.enumerated() {
                if index == channelIndex {
                    writeChannel(channel)
                } else {
                    dropped += XMLElementFields.write(node, to: &xml, scope: &scope, inline: true)
                }
            }
            XMLElementFields.end(to: &xml, scope: &scope)
        }
        report.unwritableElements += dropped
        for node in Self.nodes(document[Extras.after]) { XMLElementFields.write(node, to: &xml, scope: &scope, inline: true) }
    }

    private mutating func writeChannel(_ channel: Fields) {
        var dropped = 0
        guard XMLElementFields.start(channel, to: &xml, scope: &scope, inline: true, dropped: &dropped) else { return }
        let content = Self.nodes(channel[Key.content])
        let places = content.filter(Self.isPlaceholder).count
        var place = 0
        for (index, node) in content.enumerated() {
            if Self.isPlaceholder(node) {
                if place < timelines.count {
                    let through = place == places - 1 ? timelines.count : place + 1
                    for item in place..<through { writeItem(item, inline: item == place) }
                }
                place += 1
                continue
            }
            // The indentation of a place no timeline takes goes with it.
            if Self.isBlank(node), index + 1 < content.count, Self.isPlaceholder(content[index + 1]),
               place >= timelines.count {
                continue
            }
            dropped += XMLElementFields.write(node, to: &xml, scope: &scope, inline: true)
        }
        XMLElementFields.end(to: &xml, scope: &scope)
        report.unwritableElements += dropped
    }

    /// One level of the document's indentation: that of the channel's line,
    /// else two spaces.
    private static func indentUnit(before channelIndex: Int, in rootContent: [FieldValue]) -> String {
        guard channelIndex > 0, case .string(let text) = rootContent[channelIndex - 1],
              let lineBreak = text.lastIndex(of: "\n") else { return "  " }
        let indentation = text[text.index(after: lineBreak)...]
        return !indentation.isEmpty && indentation.allSatisfy({ $0 == " " || $0 == "\t" }) ? String(indentation) : "  "
    }

    /// The feed namespaces whose usual prefix a document the timelines were
    /// read from uses without declaring it (`itunes:` in a feed without
    /// `xmlns:itunes`): declared on the root, so that those elements can be
    /// written. (An element whose feed prefix no declaration reaches gets one
    /// of its own: see `XMLElementFields.start`.)
    func undeclaredFeedNamespaces() -> [FeedNamespace] {
        var prefixes = Set<String>()
        for timeline in timelines {
            guard case .map(let document)? = timeline.extras[.rss]?[Extras.document] else { continue }
            for prefix in Self.nodes(document[Extras.undeclared]) { if let text = prefix.text { prefixes.insert(text) } }
        }
        return FeedNamespace.allCases.filter { prefixes.contains($0.prefix) }
    }
}
