/// Writes an OGM chapter list for `mkvmerge --chapters`: for each chapter,
/// `CHAPTERnn=HH:MM:SS.mmm` and `CHAPTERnnNAME=title` (empty when
/// untitled), numbered from 01 (three digits from 100 chapters on), in
/// ascending order of start. What the list cannot hold is reported once
/// per kind (see `ChapterListEntries`): silent and untimed chapters, end
/// times, urls and images, line breaks in titles, metadata.
public struct OGMChaptersWriter: FormatWriter {
    public init() {}

    /// False: the writer places header chapters itself and needs no cue times.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let list = ChapterListEntries(timeline, format: .ogmChapters, diagnostics: &diagnostics)
        let width = max(2, String(list.entries.count).count)
        var out = TextOutput(options: options, capacity: list.entries.count * 64)
        for (index, entry) in list.entries.enumerated() {
            var number: [UInt8] = []
            ClockFormat.appendPadded(Int64(index + 1), width: width, to: &number)
            out.append("CHAPTER")
            out.append(bytes: number)
            out.append("=")
            out.append(ChapterClock.string(entry.start, nanoseconds: false))
            out.newline()
            out.append("CHAPTER")
            out.append(bytes: number)
            out.append("NAME=")
            if let title = entry.title { out.append(title) }
            out.newline()
        }
        if list.entries.isEmpty {
            diagnostics.report(.warning(
                "ogm-chapters.no-chapters", "no chapter to write; wrote an empty list, which mkvmerge refuses",
                format: .ogmChapters))
        }
        return out.bytes
    }
}
