/// WebVTT: registration and content sniffing.
public enum VTTFormat {
    public static let format = Format(
        id: .vtt,
        name: "WebVTT",
        kind: .captions,
        extensions: ["vtt"],
        mediaTypes: ["text/vtt"],
        reader: VTTReader(),
        writer: VTTWriter(),
        sniff: WebVTTFile.hasSignature,
        extrasLoss: { extras, target in WebVTTExtras.lossWarning(extras, source: .vtt, target: target) }
    )
}
