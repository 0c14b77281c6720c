/// YouTube's SBV captions: registration and content sniffing.
public enum SBVFormat {
    public static let format = Format(
        id: .sbv,
        name: "YouTube SBV",
        kind: .captions,
        extensions: ["sbv"],
        mediaTypes: [],
        reader: SBVReader(),
        writer: SBVWriter(),
        sniff: { head in looksLikeSBV(head) }
    )

    /// Whether the first non-blank line is an SBV timing line.
    static func looksLikeSBV(_ head: ArraySlice<UInt8>) -> Bool {
        Array(head).withUnsafeBufferPointer { bytes in
            var lines = TextLines(bytes)
            while let line = lines.next() {
                var start = line.start
                while start < line.end && SBVTiming.isBlank(bytes[start]) { start += 1 }
                if start == line.end { continue }
                return SBVTiming.parse(bytes, from: line.start, to: line.end) != nil
            }
            return false
        }
    }
}
