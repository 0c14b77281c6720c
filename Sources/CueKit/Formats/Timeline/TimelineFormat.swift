/// The canonical model as JSON: registration and content sniffing.
public enum TimelineFormat {
    public static let format = Format(
        id: .timeline,
        name: "cues timeline JSON",
        kind: .model,
        extensions: ["timeline.json"],
        mediaTypes: ["application/json"],
        reader: TimelineReader(),
        writer: TimelineWriter(),
        sniff: { head in
            guard head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") else {
                return false
            }
            let marker = Array("\"\(TimelineDocument.markerKey)\"".utf8)
            return head.prefix(256).firstRange(of: marker) != nil
        }
    )
}
