/// LRC lyrics: registration and content sniffing.
public enum LRCFormat {
    public static let format = Format(
        id: .lrc,
        name: "LRC lyrics",
        kind: .captions,
        extensions: ["lrc"],
        mediaTypes: [],
        reader: LRCReader(),
        writer: LRCWriter(),
        sniff: { head in looksLikeLRC(head) },
        extrasLoss: { extras, target in LRCExtras.lossWarning(extras, target: target) }
    )

    /// Whether every non-blank line up to the first timed line opens with
    /// `[`, and there is such a timed line (`[00:12.00]…`).
    static func looksLikeLRC(_ head: ArraySlice<UInt8>) -> Bool {
        Array(head).withUnsafeBufferPointer { bytes in
            var lines = TextLines(bytes)
            while let line = lines.next() {
                var start = line.start
                while start < line.end && LRCText.isBlank(bytes[start]) { start += 1 }
                if start == line.end { continue }
                guard bytes[start] == UInt8(ascii: "[") else { return false }
                if LRCTimeTag.parse(bytes, at: start, end: line.end, close: UInt8(ascii: "]")) != nil { return true }
                guard LRCTags.parse(bytes, from: start, to: line.end) != nil else { return false }
            }
            return false
        }
    }
}
