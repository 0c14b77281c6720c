/// Writes FFmpeg metadata text for `ffmpeg -i media -i chapters.ffmetadata
/// -map_metadata 1`:
///
/// ```
/// ;FFMETADATA1
/// title=…            (metadata title; author → artist, podcastName → album,
///                     description; then other global tags an ffmetadata
///                     source had)
/// [STREAM] …         (sections an ffmetadata source had)
/// [CHAPTER]
/// TIMEBASE=1/1000
/// START=0
/// END=77000
/// title=Intro
/// ```
///
/// Every chapter gets `TIMEBASE=1/1000` (FFmpeg's default without it is
/// nanoseconds) and an `END`: its own, else where the next chapter in the
/// table of contents starts, else the end of the media; when nothing tells
/// the end of the last chapter, `END` equals `START` with a warning (an MP4
/// muxer extends the last chapter to the end of the file). Silent chapters
/// and chapters without a time are left out with a warning. Text is escaped
/// (`=`, `;`, `#`, `\`, line breaks); NUL characters and a value's trailing
/// backslashes cannot be read back by FFmpeg and are removed with a warning.
/// No byte order mark is written, since FFmpeg recognises the file by its
/// first bytes.
public struct FFMetadataWriter: FormatWriter {
    public init() {}

    /// False: the writer places header chapters and fills chapter ends itself
    /// and needs no cue times.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        if options.byteOrderMark {
            diagnostics.report(.warning(
                "ffmetadata.no-bom",
                "no byte order mark written: FFmpeg recognises the format only by ';FFMETADATA' at the very start",
                format: .ffmetadata))
        }
        var output = Output(crlf: options.crlf)
        output.line(FFMetadataFormat.header)

        let extras = timeline.extras[.ffmetadata] ?? Fields()
        var written = Set<String>()
        for (tag, key) in FFMetadataReader.metadataKeys {
            guard let text = timeline.metadata[key]?.text else { continue }
            output.tag(tag, text)
            written.insert(key)
        }
        for field in extras where field.key != FFMetadataExtras.stream {
            guard let text = field.value.text else { continue }
            output.tag(field.key, text)
        }
        for field in extras where field.key == FFMetadataExtras.stream {
            output.line("[STREAM]")
            if case .map(let tags) = field.value {
                for tag in tags { if let text = tag.value.text { output.tag(tag.key, text) } }
            }
        }

        let timing = WritableChapters(timeline, fillEnds: true, diagnostics: &diagnostics)
        var silent = 0, untimed = 0, unknownEnd = 0
        var chapters: [Chapter] = []
        for chapter in timing.chapters {
            guard chapter.isInTableOfContents else { silent += 1; continue }
            guard chapter.start != nil else { untimed += 1; continue }
            chapters.append(chapter)
        }
        let order = chapters.indices.sorted { a, b in
            chapters[a].start! != chapters[b].start! ? chapters[a].start! < chapters[b].start! : a < b
        }
        if order != Array(chapters.indices) {
            diagnostics.report(.warning(
                "ffmetadata.reordered", "chapters were not in ascending order of start time; written sorted", format: .ffmetadata))
            chapters = order.map { chapters[$0] }
        }
        for chapter in chapters {
            let start = chapter.start!
            var end = chapter.end ?? start
            if chapter.end == nil || end < start {
                unknownEnd += 1
                end = start
            }
            output.line("[CHAPTER]")
            output.line("TIMEBASE=1/1000")
            output.line("START=\(start.milliseconds)")
            output.line("END=\(end.milliseconds)")
            if let title = chapter.title { output.tag("title", title) }
            for field in chapter.extras[.ffmetadata] ?? Fields() {
                guard let text = field.value.text else { continue }
                output.tag(field.key, text, inChapter: true)
            }
        }

        if silent > 0 {
            diagnostics.report(.warning(
                "ffmetadata.silent-left-out",
                "\(silent) silent chapter(s) (toc: false) left out: every FFmpeg chapter is shown by players", format: .ffmetadata))
        }
        if untimed > 0 {
            diagnostics.report(.warning(
                "ffmetadata.untimed", "\(untimed) chapter(s) without a start time left out", format: .ffmetadata))
        }
        if unknownEnd > 0 {
            diagnostics.report(.warning(
                "ffmetadata.unknown-end",
                "\(unknownEnd) chapter(s) have no known end (no later chapter, and the media ends before them or its end is unknown); written with END equal to START",
                format: .ffmetadata))
        }
        if output.removedNUL > 0 {
            diagnostics.report(.warning(
                "ffmetadata.nul-removed", "\(output.removedNUL) value(s) held NUL characters, which end a line for FFmpeg; removed",
                format: .ffmetadata))
        }
        if output.removedTrailingBackslash > 0 {
            diagnostics.report(.warning(
                "ffmetadata.trailing-backslash",
                "\(output.removedTrailingBackslash) value(s) ended with a backslash, which FFmpeg's reader joins with the next line; removed",
                format: .ffmetadata))
        }
        let unwritten = timeline.metadata.filter { !written.contains($0.key) }.map(\.key)
        if !unwritten.isEmpty {
            diagnostics.report(.note(
                "ffmetadata.metadata-not-written",
                "\(unwritten.count) metadata field(s) have no FFmpeg tag here and were not written: \(MetadataList.describe(unwritten))",
                format: .ffmetadata))
        }
        return output.bytes
    }

    /// The bytes being written, with counts of what escaping had to change.
    private struct Output {
        var bytes: [UInt8] = []
        let crlf: Bool
        var removedNUL = 0
        var removedTrailingBackslash = 0

        init(crlf: Bool) {
            self.crlf = crlf
        }

        mutating func line(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            newline()
        }

        /// `key=value`, escaped. In a chapter, a key that would read as the
        /// chapter's TIMEBASE, START or END gets its first letter escaped.
        mutating func tag(_ key: String, _ value: String, inChapter: Bool = false) {
            if inChapter, key == "TIMEBASE" || key == "START" || key == "END" { bytes.append(UInt8(ascii: "\\")) }
            count(FFMetadataEscaping.append(key, isKey: true, to: &bytes))
            bytes.append(UInt8(ascii: "="))
            count(FFMetadataEscaping.append(value, to: &bytes))
            newline()
        }

        private mutating func count(_ changes: FFMetadataEscaping.Changes) {
            if changes.contains(.removedNUL) { removedNUL += 1 }
            if changes.contains(.removedTrailingBackslash) { removedTrailingBackslash += 1 }
        }

        private mutating func newline() {
            if crlf { bytes.append(0x0D) }
            bytes.append(0x0A)
        }
    }
}
