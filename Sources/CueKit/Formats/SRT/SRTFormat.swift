/// SubRip: registration and content sniffing.
public enum SRTFormat {
    public static let format = Format(
        id: .srt,
        name: "SubRip (SRT)",
        kind: .captions,
        extensions: ["srt"],
        mediaTypes: ["application/x-subrip", "text/srt"],
        reader: nil,
        writer: SRTWriter()
    )
}
