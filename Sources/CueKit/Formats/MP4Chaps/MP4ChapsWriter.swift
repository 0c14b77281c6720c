/// Writes an mp4chaps (Nero-style) chapter list: `HH:MM:SS.mmm Title` per
/// chapter in ascending order of start, a chapter's url after its title as
/// ` <url>`; an untitled chapter is its time alone. What the list cannot
/// hold is reported once per kind (see `ChapterListEntries`): silent and
/// untimed chapters, end times, images, line breaks in titles, metadata.
public struct MP4ChapsWriter: FormatWriter {
    public init() {}

    /// False: the writer places header chapters itself and needs no cue times.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let list = ChapterListEntries(timeline, format: .mp4chaps, keepsURLs: true, diagnostics: &diagnostics)
        var out = TextOutput(options: options, capacity: list.entries.count * 48)
        var urlsInTitle = 0
        for entry in list.entries {
            out.append(ChapterClock.string(entry.start, nanoseconds: false))
            var parts: [String] = []
            if let title = entry.title, !title.isEmpty { parts.append(title) }
            if let url = entry.url {
                if url.contains(" ") || url.contains(">") { urlsInTitle += 1 }
                parts.append("<\(url)>")
            }
            if !parts.isEmpty {
                out.append(" ")
                out.append(parts.joined(separator: " "))
            }
            out.newline()
        }
        if urlsInTitle > 0 {
            diagnostics.report(.warning(
                "mp4chaps.url-not-readable",
                "\(urlsInTitle) url(s) hold a space or '>'; written, but they read back as part of the title",
                format: .mp4chaps))
        }
        if list.entries.isEmpty {
            diagnostics.report(.warning("mp4chaps.no-chapters", "no chapter to write; wrote an empty list", format: .mp4chaps))
        }
        return out.bytes
    }
}
