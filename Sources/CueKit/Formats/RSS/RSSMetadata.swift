/// The metadata keys the RSS reader fills on each item's timeline, and the
/// writer reads. Plain strings unless noted; maps and lists are `FieldValue`
/// maps and lists of strings. Formats/rss.md has the full mapping.
public enum RSSMetadata {
    /// `<title>` (else `itunes:title`).
    public static let title = "title"
    /// The channel's `<title>`.
    public static let podcastName = "podcastName"
    /// `<guid>` (Atom: `<id>`).
    public static let guid = "guid"
    /// `<pubDate>` as written (Atom: `<published>`, else `<updated>`).
    public static let pubDate = "pubDate"
    /// `<link>` (Atom: the `alternate` link).
    public static let link = "link"
    /// `<description>` (else `itunes:summary`; Atom: `<summary>`).
    public static let description = "description"
    /// `content:encoded` (Atom: `<content>`).
    public static let content = "content"
    /// `itunes:author` (Atom: `<author><name>`).
    public static let author = "author"
    /// `<enclosure>`: a map of `url`, `type`, `length` as present.
    public static let enclosure = "enclosure"
    /// `itunes:image` `href`.
    public static let image = "image"
    /// `itunes:episode` (a scalar, as written).
    public static let episode = "episode"
    /// `itunes:season` (a scalar, as written).
    public static let season = "season"
    /// `podcast:episode`: a map of `number` (a scalar) and `display`.
    public static let podcastEpisode = "podcastEpisode"
    /// `podcast:season`: a map of `number` (a scalar) and `name`.
    public static let podcastSeason = "podcastSeason"
    /// `podcast:person` elements: a list of maps of `name`, `role`, `group`,
    /// `img`, `href` as present.
    public static let persons = "persons"
    /// `podcast:chapters`: a map of `url` and `type`.
    public static let podcastChapters = "podcastChapters"
    /// `podcast:transcript` elements: a list of maps of `url`, `type`,
    /// `language`, `rel` as present.
    public static let podcastTranscripts = "podcastTranscripts"

    /// Keys of the `rss` extras on an item's timeline.
    enum Extras {
        /// An RSS item as written (an `XMLElementFields` node), each element
        /// the model maps marked with its `RSSSlot` and the value it gave.
        static let item = "item"
        /// The feed around the items, the same on every item's timeline:
        /// `root` (the `<rss>` element as written, each item of its channel
        /// a placeholder map `{itemPlaceholder: N}`), and the comments and
        /// processing instructions `before` and `after` it, and the feed
        /// prefixes it uses `undeclared`.
        static let document = "document"
        static let root = "root", before = "before", after = "after", itemPlaceholder = "item"
        /// In `document`: the feed prefixes (`itunes`) it uses undeclared.
        static let undeclared = "undeclared"
        /// A digest of the chapters as read (`RSSSlot.chapters`), inline or
        /// from a linked file: the writer writes `psc:chapters` anew only when
        /// the chapters are no longer these.
        static let readChapters = "readChapters"
        /// An Atom entry's children the model does not map (`XMLElementFields`
        /// nodes, feed prefixes made usual).
        static let elements = "elements"
        /// An Atom feed's children other than its entries, the same on every
        /// entry's timeline; the writer takes the first timeline's.
        static let channel = "channel"
        /// `<guid isPermaLink>` as written.
        static let guidIsPermaLink = "guidIsPermaLink"
        /// `itunes:duration` when it could not be read as a time.
        static let unreadDuration = "unreadDuration"
    }
}
