/// Podlove Simple Chapters files: registration and content sniffing.
public enum PSCFormat {
    public static let format = Format(
        id: .psc,
        name: "Podlove Simple Chapters",
        kind: .chapters,
        extensions: ["psc.xml", "psc"],
        mediaTypes: ["application/psc+xml"],
        reader: PSCReader(),
        writer: PSCWriter(),
        sniff: { head in
            // A root <chapters> under any prefix, and the PSC namespace near it.
            guard let root = XMLSniffer.rootElementName(head) else { return false }
            guard root == "chapters" || root.hasSuffix(":chapters") else { return false }
            return XMLSniffer.contains(head, "podlove.org/simple-chapters")
        }
    )
}
