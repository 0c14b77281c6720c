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
        SniffedLines.all(head) { buffer, line, count in
            guard let parsed = OGMChapterLine(buffer, start: line.start, end: line.end) else { return false }
            return count > 0 || parsed.kind == .time
        }
    }
}
