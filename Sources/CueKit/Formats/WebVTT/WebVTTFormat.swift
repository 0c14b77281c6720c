/// WebVTT: registration and content sniffing.
public enum WebVTTFormat {
    public static let format = Format(
        id: .webVTT,
        name: "WebVTT",
        kind: .captions,
        extensions: ["vtt"],
        mediaTypes: ["text/vtt"],
        reader: nil,
        writer: WebVTTWriter(),
        sniff: { head in
            guard head.starts(with: "WEBVTT".utf8) else { return false }
            let next = head.dropFirst(6).first
            return next == nil || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
        }
    )
}
