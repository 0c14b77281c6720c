/// FFmpeg's metadata text file (`-f ffmetadata`): registration and content
/// sniffing.
public enum FFMetadataFormat {
    /// The first line FFmpeg recognises the format by (its probe compares the
    /// first bytes with `;FFMETADATA`); `1` is the version.
    static let header = ";FFMETADATA1"

    public static let format = Format(
        id: .ffmetadata,
        name: "FFmpeg metadata (FFMETADATA1)",
        kind: .chapters,
        extensions: ["ffmetadata", "ffmeta"],
        mediaTypes: [],
        reader: FFMetadataReader(),
        writer: FFMetadataWriter(),
        sniff: { head in head.starts(with: ";FFMETADATA".utf8) }
    )
}

/// Names of the FFmpeg metadata extras kept on a timeline.
enum FFMetadataExtras {
    /// A `[STREAM]` section: its tags as a map. No global tag can have this
    /// key, since FFmpeg reads such a line as a section header.
    static let stream = "[STREAM]"
}
