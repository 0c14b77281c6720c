/// The naming contract between the links an RSS feed written with a base URL
/// holds and the files written beside it: item `i` links
/// `<base URL>/<stem>.chapters.json` (JSON chapters) when it has chapters and
/// `<base URL>/<stem>.vtt` (WebVTT) when it has transcript lines, where
/// `stem` is `stems(for: timelines)[i]`. Whoever writes the files uses the
/// same stems.
///
/// A stem is the item's title in lower-case ASCII letters and digits joined
/// by `-` (at most 60 characters), else its guid made the same way, else
/// `item-N` (N 1-based); a stem already taken gets `-2`, `-3`, … appended.
public enum RSSSiblingFiles {
    /// The extension of an item's chapters file.
    public static let chaptersExtension = "chapters.json"
    /// The extension of an item's transcript file.
    public static let transcriptExtension = "vtt"
    /// The media type written on `podcast:chapters`.
    public static let chaptersType = "application/json+chapters"
    /// The media type written on `podcast:transcript`.
    public static let transcriptType = "text/vtt"

    /// One unique file stem per timeline, in order.
    public static func stems(for timelines: [Timeline]) -> [String] {
        var taken = Set<String>()
        var stems: [String] = []
        for (index, timeline) in timelines.enumerated() {
            let base = slug(timeline.metadata[RSSMetadata.title]?.text)
                ?? slug(timeline.metadata[RSSMetadata.guid]?.text)
                ?? "item-\(index + 1)"
            var stem = base
            var counter = 2
            while !taken.insert(stem).inserted {
                stem = "\(base)-\(counter)"
                counter += 1
            }
            stems.append(stem)
        }
        return stems
    }

    /// The URL of the chapters file of the item with `stem`.
    public static func chaptersURL(baseURL: String, stem: String) -> String {
        join(baseURL, "\(stem).\(chaptersExtension)")
    }

    /// The URL of the transcript file of the item with `stem`.
    public static func transcriptURL(baseURL: String, stem: String) -> String {
        join(baseURL, "\(stem).\(transcriptExtension)")
    }

    private static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    static func slug(_ text: String?) -> String? { FileNameSlug.make(text) }
}
