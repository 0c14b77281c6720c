/// The transcript page: one self-contained HTML5 document a person reads in
/// a browser or pastes into a site (see `HTMLWriter`). Written only.
public enum HTMLFormat {
    public static let format = Format(
        id: .html,
        name: "HTML transcript page",
        kind: .transcript,
        extensions: ["html", "htm"],
        mediaTypes: ["text/html"],
        reader: nil,
        writer: HTMLWriter(),
        contents: [.cues, .chapters]
    )
}
