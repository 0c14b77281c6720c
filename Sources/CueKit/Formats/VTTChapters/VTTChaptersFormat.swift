/// A WebVTT chapters track (`<track kind="chapters">`): one cue per chapter,
/// its text the chapter title.
public enum VTTChaptersFormat {
    public static let format = Format(
        id: .vttChapters,
        name: "WebVTT chapters",
        kind: .chapters,
        extensions: ["chapters.vtt"],
        mediaTypes: ["text/vtt"],
        reader: VTTChaptersReader(),
        writer: VTTChaptersWriter(),
        sniff: WebVTTFile.hasSignature,
        extrasLoss: { extras, target in WebVTTExtras.lossWarning(extras, source: .vttChapters, target: target) }
    )
}
