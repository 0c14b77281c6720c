/// Chapter lines for a YouTube video description: registration and content
/// sniffing.
public enum YouTubeChaptersFormat {
    public static let format = Format(
        id: .youtubeChapters,
        name: "YouTube description chapters",
        kind: .chapters,
        extensions: ["txt"],
        mediaTypes: ["text/plain"],
        reader: YouTubeChaptersReader(),
        writer: YouTubeChaptersWriter(),
        sniff: { head in isChapterList(head) }
    )

    /// Whether `head` clearly is a chapter list and nothing else: at least
    /// two lines, every non-blank line opening with a time (after an optional
    /// list marker) and a title, the first time 0:00. Plain text that only
    /// mentions times is left to `--from` or the `.txt` extension.
    static func isChapterList(_ head: ArraySlice<UInt8>) -> Bool {
        var lines = YouTubeChapterLines.split(head)
        // A head cut at the sniffing limit may end inside a line.
        if head.count >= 4096, lines.count > 1, head.last != 0x0A, head.last != 0x0D { lines.removeLast() }
        var count = 0
        for line in lines {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            guard let chapter = YouTubeChapterLine(line), chapter.isLeading, !chapter.title.isEmpty else { return false }
            if count == 0, chapter.start != .zero { return false }
            count += 1
        }
        return count >= 2
    }
}
