/// Podcasting 2.0 JSON transcripts: registration and content sniffing.
public enum TranscriptFormat {
    /// The version the writer writes when the source gave none.
    static let currentVersion = "1.0.0"

    public static let format = Format(
        id: .transcript,
        name: "Podcasting 2.0 JSON transcript",
        kind: .transcript,
        extensions: ["transcript.json"],
        mediaTypes: ["application/json"],
        reader: TranscriptReader(),
        writer: TranscriptWriter(),
        sniff: { head in
            // A top-level "segments" array and a "version" (unless the head
            // ends before the scan reaches it), and not a timeline.
            let keys = JSONTopLevelKeys(head)
            guard keys.valueStart(of: "segments") == UInt8(ascii: "["),
                  !keys.contains(TimelineDocument.markerKey), !keys.contains("chapters") else { return false }
            return keys.contains("version") || !keys.isComplete
        }
    )
}

/// Names of the JSON transcript extras kept on a timeline.
enum TranscriptExtras {
    /// The file's `version`, kept for a same-format round trip.
    static let version = "version"
}
