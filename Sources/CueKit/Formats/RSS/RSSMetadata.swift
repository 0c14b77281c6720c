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
        /// Unmodelled children of the `<item>` (see `XMLElementFields`).
        static let elements = "elements"
        /// The channel's children other than its items, the same on every
        /// item's timeline; the writer takes the first timeline's.
        static let channel = "channel"
        /// `<guid isPermaLink>` as written.
        static let guidIsPermaLink = "guidIsPermaLink"
        /// `itunes:duration` when it could not be read as a time.
        static let unreadDuration = "unreadDuration"
    }
}
