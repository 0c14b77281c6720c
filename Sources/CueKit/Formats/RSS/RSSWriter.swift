/// Writes an RSS 2.0 feed: one `<item>` per timeline.
///
/// A feed read by `RSSReader` comes back as it was written (see
/// Formats/rss.md, "Passing a feed through"): the document around the items
/// from the first timeline's `rss` extras, each item as it was, and an
/// element the model maps written anew, in its place and form, only when
/// the timeline's value for it changed. A timeline read from another format
/// becomes a feed cues makes: the itunes, podcast, psc and content
/// namespaces, a channel from `podcastName`, and each item's title, guid,
/// enclosure, `itunes:duration` (whole seconds), the other `RSSMetadata`
/// fields it has and its chapters as inline `psc:chapters`. With
/// `WriteOptions.baseURL`, an item with chapters links `podcast:chapters`
/// and an item with transcript lines links `podcast:transcript` to the
/// sibling files named by `RSSSiblingFiles`.
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
    static let writtenKeys: Set<String> = Set(RSSSlot.allCases.map(\.rawValue)).union([RSSMetadata.podcastName])

    public func writeAll(
        _ timelines: [Timeline], options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let stems: [String]
        if options.baseURL == nil {
            stems = []
        } else if let given = options.siblingStems, given.count == timelines.count {
            stems = given
        } else {
            stems = RSSSiblingFiles.stems(for: timelines)
        }
        var feed = RSSFeedOutput(timelines: timelines, options: options, stems: stems)
        if let document = RSSFeedOutput.passedThroughDocument(of: timelines.first) {
            feed.writeDocument(document)
        } else {
            feed.writeNewDocument()
        }
        return feed.finish(into: &diagnostics)
    }
}
