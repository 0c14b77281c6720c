/// The episode page format: registration and content sniffing.
public enum EpisodeFormat {
    public static let format = Format(
        id: .episode,
        name: "Episode (Jekyll YAML front matter)",
        kind: .transcript,
        extensions: ["md", "markdown", "yaml", "yml"],
        mediaTypes: ["text/markdown"],
        reader: EpisodeReader(),
        writer: EpisodeWriter(),
        sniff: { head in
            // A front matter opening on the first line (ending in LF, CR LF
            // or a CR alone).
            head.starts(with: "---\n".utf8) || head.starts(with: "---\r".utf8)
        },
        contents: [.cues, .chapters]
    )
}
