/// SubRip: registration and content sniffing.
public enum SRTFormat {
    public static let format = Format(
        id: .srt,
        name: "SubRip (SRT)",
        kind: .captions,
        extensions: ["srt"],
        mediaTypes: ["application/x-subrip", "text/srt"],
        reader: SRTReader(),
        writer: SRTWriter(),
        sniff: { head in looksLikeSRT(head) },
        extrasLoss: { extras, target in SRTExtras.lossWarning(extras, target: target) }
    )

    /// Whether the first non-blank line is a timing line, or a number
    /// followed by a timing line.
    static func looksLikeSRT(_ head: ArraySlice<UInt8>) -> Bool {
        Array(head).withUnsafeBufferPointer { bytes in
            var lines = TextLines(bytes)
            while let line = lines.next() {
                let start = SRTTiming.skipSpaces(bytes, from: line.start, to: line.end)
                if start == line.end { continue }
                if isTiming(bytes, line) { return true }
                var index = start
                while index < line.end && bytes[index] &- 0x30 < 10 { index += 1 }
                guard index > start, SRTTiming.skipSpaces(bytes, from: index, to: line.end) == line.end,
                      let next = lines.next() else { return false }
                return isTiming(bytes, next)
            }
            return false
        }
    }

    private static func isTiming(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        var index = SRTTiming.skipSpaces(bytes, from: line.start, to: line.end)
        guard let time = ClockTime.scan(bytes, at: &index), time.fieldCount >= 2 else { return false }
        return SRTTiming.hasArrow(bytes, line)
    }
}
