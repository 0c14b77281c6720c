/// mp4chaps/Nero-style chapter lists (`00:00:00.000 Intro`, one chapter a
/// line; mp4chaps reads them from `<name>.chapters.txt`): registration and
/// content sniffing.
public enum MP4ChapsFormat {
    public static let format = Format(
        id: .mp4chaps,
        name: "mp4chaps chapter list",
        kind: .chapters,
        extensions: ["chapters.txt", "txt"],
        mediaTypes: [],
        reader: MP4ChapsReader(),
        writer: MP4ChapsWriter(),
        sniff: { head in isChapterList(head) }
    )

    /// Whether every non-blank line of `head` opens with a time written
    /// exactly `HH:MM:SS.mmm`. A YouTube list (`0:00 Intro`, no
    /// milliseconds) never passes; the registry asks this sniffer first.
    static func isChapterList(_ head: ArraySlice<UInt8>) -> Bool {
        SniffedLines.all(head) { buffer, line, _ in
            guard let parsed = MP4ChapsLine(buffer, start: line.start, end: line.end) else { return false }
            return MP4ChapsLine.isStrictTime(buffer, parsed.time)
        }
    }
}
