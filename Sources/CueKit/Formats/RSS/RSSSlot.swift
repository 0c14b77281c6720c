/// The elements of an item the model maps, each to one value of the
/// timeline: a metadata key (the raw value), the duration or the chapters.
/// In the order a feed cues makes writes them.
///
/// The reader marks each such element of an item it keeps with its slot and
/// the value it gave (`read`); the writer writes the element back as it was
/// while the timeline's value is the same, and writes it anew, in its place
/// and form, when it changed.
enum RSSSlot: String, CaseIterable, Sendable {
    case title, link, guid, pubDate, description, content, author, enclosure, duration, image, episode, season
    case podcastSeason, podcastEpisode, persons, podcastChapters, podcastTranscripts, chapters

    /// The keys that mark an element of a kept item.
    enum Key {
        static let slot = "slot", read = "read"
    }

    /// The attributes a `podcast:person` and a `podcast:transcript` map.
    static let personAttributes = ["role", "group", "img", "href"]
    static let transcriptAttributes = ["url", "type", "language", "rel"]

    /// Whether several elements give one value each, in a list.
    var isList: Bool { self == .persons || self == .podcastTranscripts }

    /// The timeline's value for this slot, compared with what the elements
    /// were read as: the metadata value, the duration in milliseconds, or
    /// a digest of what Podlove Simple Chapters hold of the chapters.
    func value(in timeline: Timeline) -> FieldValue? {
        switch self {
        case .duration: timeline.duration.map { .scalar(String($0.milliseconds)) }
        case .chapters: Self.chapters(timeline)
        default: timeline.metadata[rawValue]
        }
    }

    /// What Podlove Simple Chapters hold of the chapters (start, title,
    /// link, image, other attributes, whether each is shown) and their
    /// version, as a 64-bit FNV-1a digest in hexadecimal: the same in every
    /// process, and one scalar per item rather than a copy of its chapters.
    /// Nil without chapters. End times are not part of it: PSC has none, and
    /// time inference fills them in before writing.
    static func chapters(_ timeline: Timeline) -> FieldValue? {
        guard !timeline.chapters.isEmpty else { return nil }
        var digest = Digest()
        digest.add(timeline.extras[.psc]?[PSCChapters.versionKey]?.text)
        for chapter in timeline.chapters {
            digest.add(chapter.start.map { String($0.milliseconds) })
            for text in [chapter.title, chapter.url, chapter.image] { digest.add(text) }
            digest.add(chapter.isInTableOfContents ? "toc" : "silent")
            for field in chapter.extras[.psc] ?? Fields() {
                digest.add(field.key)
                digest.add(field.value.text)
            }
            digest.add(nil)
        }
        return .scalar(String(digest.value, radix: 16))
    }

    /// FNV-1a over length-prefixed strings (nil is its own mark).
    private struct Digest {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ text: String?) {
            guard let text else { return add(byte: 0xFF) }
            var count = text.utf8.count
            for _ in 0..<8 {
                add(byte: UInt8(truncatingIfNeeded: count))
                count >>= 8
            }
            for byte in text.utf8 { add(byte: byte) }
        }

        private mutating func add(byte: UInt8) {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
}
