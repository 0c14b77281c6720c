/// Writes chapter lines for a YouTube video description, `M:SS Title` or
/// `H:MM:SS Title`, one per line, following YouTube's rules (see
/// `YouTubeChapterRules`) and reporting every change it made.
///
/// Chapters placed by a transcript header start where the line under the
/// header starts (see `WritableChapters`); the media end (duration, else the end
/// of the last line) bounds the last chapter.
public struct YouTubeChaptersWriter: FormatWriter {
    public init() {}

    /// False: the writer places header chapters itself and needs no cue times.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let timing = WritableChapters(timeline, fillEnds: false, diagnostics: &diagnostics)
        let entries = YouTubeChapterRules.entries(for: timing.chapters, mediaEnd: timing.mediaEnd, diagnostics: &diagnostics)
        var out = TextOutput(options: options, capacity: entries.count * 48)
        for entry in entries {
            out.append(Timestamp(seconds: entry.seconds), style: .minutesSeconds)
            out.append(" ")
            out.append(entry.title)
            out.newline()
        }
        return out.bytes
    }
}
