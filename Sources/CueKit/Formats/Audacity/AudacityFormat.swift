/// Audacity label tracks (File > Export > Labels): registration and content
/// sniffing.
public enum AudacityFormat {
    public static let format = Format(
        id: .audacity,
        name: "Audacity labels",
        kind: .chapters,
        extensions: ["labels.txt", "txt"],
        mediaTypes: [],
        reader: AudacityReader(),
        writer: AudacityWriter(),
        sniff: { head in isLabelTrack(head) }
    )

    /// Whether `head` is a label track and nothing else: every non-blank
    /// line two decimal numbers of seconds and a label, separated by tabs,
    /// or a spectral label's frequency line; at least one label line. A
    /// chapter list or plain text (also `.txt`) never passes.
    static func isLabelTrack(_ head: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(head)
        return bytes.withUnsafeBufferPointer { buffer in
            var lines = TextLines(buffer)
            var labels = 0
            while let line = lines.next() {
                // A head cut at the sniffing limit may end inside a line.
                if line.end == buffer.count, buffer.count >= 4096, labels > 0 { break }
                switch AudacityLine.parse(buffer, start: line.start, end: line.end) {
                case .blank, .frequencies:
                    continue
                case .label(let start, let end, _):
                    guard let end, case .success = AudacityLine.seconds(buffer, start),
                          case .success = AudacityLine.seconds(buffer, end) else { return false }
                    labels += 1
                }
            }
            return labels > 0
        }
    }
}
