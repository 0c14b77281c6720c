/// WebVTT: registration and content sniffing.
public enum WebVTTFormat {
    public static let format = Format(
        id: .webVTT,
        name: "WebVTT",
        kind: .captions,
        extensions: ["vtt"],
        mediaTypes: ["text/vtt"],
        reader: WebVTTReader(),
        writer: WebVTTWriter(),
        sniff: sniff,
        extrasLoss: { extras, target in WebVTTExtras.lossWarning(extras, source: .webVTT, target: target) }
    )

    /// Whether `head` starts with the WebVTT signature: `WEBVTT` then a
    /// space, a tab, a line break or the end.
    @Sendable
    static func sniff(_ head: ArraySlice<UInt8>) -> Bool {
        guard head.starts(with: "WEBVTT".utf8) else { return false }
        let next = head.dropFirst(6).first
        return next == nil || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
    }
}

/// A WebVTT chapters track (`<track kind="chapters">`): one cue per chapter,
/// its text the chapter title.
public enum WebVTTChaptersFormat {
    public static let format = Format(
        id: .webVTTChapters,
        name: "WebVTT chapters",
        kind: .chapters,
        extensions: ["chapters.vtt"],
        mediaTypes: ["text/vtt"],
        reader: WebVTTChaptersReader(),
        writer: WebVTTChaptersWriter(),
        sniff: WebVTTFormat.sniff,
        extrasLoss: { extras, target in WebVTTExtras.lossWarning(extras, source: .webVTTChapters, target: target) }
    )
}
