/// OGM chapter lists (`CHAPTER01=00:00:00.000`, `CHAPTER01NAME=Intro`), the
/// "simple" chapter format mkvmerge and OGMtools read: registration and
/// content sniffing.
public enum OGMChaptersFormat {
    public static let format = Format(
        id: .ogmChapters,
        name: "OGM chapter list",
        kind: .chapters,
        extensions: ["ogm.txt", "txt"],
        mediaTypes: [],
        reader: OGMChaptersReader(),
        writer: OGMChaptersWriter(),
        sniff: { head in isChapterList(head) }
    )

    /// Whether every non-blank line of `head` is a `CHAPTERnn=` or
    /// `CHAPTERnnNAME=` line, the first a `CHAPTERnn=` time.
    static func isChapterList(_ head: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(head)
        return bytes.withUnsafeBufferPointer { buffer in
            var lines = TextLines(buffer)
            var count = 0
            while let line = lines.next() {
                if line.end == buffer.count, buffer.count >= 4096, count > 0 { break }
                if TextBlank.isBlank(buffer, line.start, line.end) { continue }
                guard let parsed = OGMChapterLine(buffer, start: line.start, end: line.end) else { return false }
                if count == 0, parsed.kind != .time { return false }
                count += 1
            }
            return count > 0
        }
    }
}
