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
    /// mentions times is left to `--from` or the `.txt` extension. A list
    /// whose every time is `HH:MM:SS.mmm` is not a description (YouTube
    /// shows no milliseconds): that is an mp4chaps list.
    static func isChapterList(_ head: ArraySlice<UInt8>) -> Bool {
        var lines = YouTubeChapterLines.split(head)
        // A head cut at the sniffing limit may end inside a line.
        if head.count >= 4096, lines.count > 1, head.last != 0x0A, head.last != 0x0D { lines.removeLast() }
        var count = 0
        var allMilliseconds = true
        for line in lines {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            guard let chapter = YouTubeChapterLine(line), chapter.isLeading, !chapter.title.isEmpty else { return false }
            if count == 0, chapter.start != .zero { return false }
            if allMilliseconds, !opensWithMillisecondClock(line) { allMilliseconds = false }
            count += 1
        }
        return count >= 2 && !allMilliseconds
    }

    /// Whether `line` opens with `HH:MM:SS.mmm` and a space or tab.
    private static func opensWithMillisecondClock(_ line: ArraySlice<UInt8>) -> Bool {
        let shape = Array("00:00:00.000 ".utf8)
        guard line.count >= shape.count else { return false }
        for (byte, expected) in zip(line, shape) {
            switch expected {
            case UInt8(ascii: "0"): guard byte &- 0x30 < 10 else { return false }
            case 0x20: guard byte == 0x20 || byte == 0x09 else { return false }
            default: guard byte == expected else { return false }
            }
        }
        return true
    }
}
