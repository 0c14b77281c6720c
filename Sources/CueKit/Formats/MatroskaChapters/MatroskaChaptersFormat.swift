/// Matroska chapters XML (mkvmerge `--chapters`, mkvextract `chapters`):
/// registration and content sniffing.
public enum MatroskaChaptersFormat {
    public static let format = Format(
        id: .matroskaChapters,
        name: "Matroska chapters XML",
        kind: .chapters,
        extensions: ["xml"],
        mediaTypes: [],
        reader: MatroskaChaptersReader(),
        writer: MatroskaChaptersWriter(),
        sniff: { head in XMLSniffer.rootElementName(head) == "Chapters" },
        extrasLoss: { extras, target in MatroskaExtras.lossWarning(extras, target: target) }
    )
}
