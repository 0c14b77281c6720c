/// TTML (Timed Text Markup Language 1 and 2), its IMSC 1.1 Text profile and
/// the DFXP drafts before it: registration and content sniffing.
public enum TTMLFormat {
    public static let format = Format(
        id: .ttml,
        name: "TTML / IMSC / DFXP",
        kind: .captions,
        extensions: ["ttml", "dfxp"],
        mediaTypes: ["application/ttml+xml"],
        reader: TTMLReader(),
        writer: TTMLWriter(),
        sniff: { head in sniff(head) },
        extrasLoss: { extras, target in TTMLExtras.lossWarning(extras, target: target) }
    )

    /// Whether the root element is `tt` (any prefix) and a TTML or DFXP
    /// namespace is named near it: how a `.xml` file is told apart.
    static func sniff(_ head: ArraySlice<UInt8>) -> Bool {
        guard let root = XMLSniffer.rootElementName(head), root == "tt" || root.hasSuffix(":tt") else { return false }
        return TTMLNamespace.documentURIs.contains { XMLSniffer.contains(head, "\"\($0)\"") || XMLSniffer.contains(head, "'\($0)'") }
    }
}
