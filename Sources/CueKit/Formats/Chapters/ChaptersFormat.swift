/// Podcasting 2.0 JSON chapters: registration and content sniffing.
public enum ChaptersFormat {
    /// The version the writer writes when the source gave none.
    static let currentVersion = "1.2.0"

    public static let format = Format(
        id: .chapters,
        name: "Podcasting 2.0 JSON chapters",
        kind: .chapters,
        extensions: ["chapters.json"],
        // The spec's type first; the older name from before March 2021 is still served.
        mediaTypes: ["application/json+chapters", "application/audio-chapters+json"],
        reader: ChaptersReader(),
        writer: ChaptersWriter(),
        sniff: { head in
            // A top-level "chapters" array and a "version" (unless the head
            // ends before the scan reaches it), and not a timeline.
            let keys = JSONTopLevelKeys(head)
            guard keys.valueStart(of: "chapters") == UInt8(ascii: "["),
                  !keys.contains(TimelineDocument.markerKey), !keys.contains("segments") else { return false }
            return keys.contains("version") || !keys.isComplete
        }
    )
}

/// Names of the JSON chapters extras kept on a timeline or a chapter.
enum ChaptersExtras {
    /// The file's `version`, kept for a same-format round trip.
    static let version = "version"
    /// The file's `waypoints` flag.
    static let waypoints = "waypoints"
    /// A chapter's `location` object.
    static let location = "location"
}
