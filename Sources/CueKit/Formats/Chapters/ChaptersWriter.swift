/// Writes Podcasting 2.0 JSON chapters, version 1.2.0 (or the version the
/// source file had).
///
/// Top level, in this order: `version`, then `author`, `title`,
/// `podcastName`, `description`, `fileName` from the metadata, `waypoints`
/// and the source's other keys from the extras, then `chapters`. Per chapter:
/// `startTime`, `endTime` (only when the chapter has an end of its own),
/// `title`, `img`, `url`, `toc: false` for a silent chapter, then `location`
/// and the source's other keys in their order. Times are seconds: whole
/// numbers without a point, fractions with up to three decimals.
///
/// Chapters placed by a transcript header start where the line under the
/// header starts (see `WritableChapters`); chapters are written in ascending
/// order of start time, and a chapter without a time is left out with a
/// warning.
public struct ChaptersWriter: FormatWriter {
    public init() {}

    /// False: the writer places header chapters itself and writes only the
    /// ends a source gave, so a chapters file read and written back keeps
    /// its data.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let timing = WritableChapters(timeline, fillEnds: false, diagnostics: &diagnostics)
        let extras = timeline.extras[.chapters] ?? Fields()
        var json = JSONWriter()
        json.beginObject()
        json.key("version")
        json.string(extras[ChaptersExtras.version]?.text ?? ChaptersFormat.currentVersion)
        for key in ChaptersReader.topLevelMetadataKeys {
            guard let text = timeline.metadata[key]?.text else { continue }
            json.key(key)
            json.string(text)
        }
        for field in extras where field.key != ChaptersExtras.version {
            json.key(field.key)
            json.fieldValue(field.value)
        }
        json.key("chapters")
        json.beginArray()
        for chapter in try ordered(timing.chapters, diagnostics: &diagnostics) {
            write(chapter, to: &json)
        }
        json.endArray()
        json.endObject()
        json.finish()
        reportUnwrittenMetadata(timeline.metadata, diagnostics: &diagnostics)
        var bytes: [UInt8] = []
        if options.byteOrderMark { bytes = [0xEF, 0xBB, 0xBF] }
        bytes.append(contentsOf: json.bytes)
        return bytes
    }

    /// The chapters with a start, ascending (stably), with warnings for the
    /// ones left out and for a changed order.
    private func ordered(_ chapters: [Chapter], diagnostics: inout Diagnostics) throws(Diagnostic) -> [Chapter] {
        var timed: [Chapter] = []
        timed.reserveCapacity(chapters.count)
        var untimed = 0, negative = 0
        for var chapter in chapters {
            guard let start = chapter.start else {
                untimed += 1
                continue
            }
            if start < .zero {
                negative += 1
                chapter.start = .zero
                if let end = chapter.end, end <= .zero { chapter.end = nil }
            }
            timed.append(chapter)
        }
        if untimed > 0 {
            diagnostics.report(.warning(
                "chapters.untimed", "\(untimed) chapter(s) without a start time were not written: \"startTime\" is required",
                format: .chapters))
        }
        if negative > 0 {
            diagnostics.report(.warning(
                "chapters.negative-time", "\(negative) chapter(s) start before 0; written at 0", format: .chapters))
        }
        let sorted = timed.indices.sorted { a, b in
            timed[a].start! != timed[b].start! ? timed[a].start! < timed[b].start! : a < b
        }
        if sorted != Array(timed.indices) {
            diagnostics.report(.warning(
                "chapters.reordered",
                "chapters were not in ascending order of start time; written sorted, as the specification expects",
                format: .chapters))
            return sorted.map { timed[$0] }
        }
        return timed
    }

    private func write(_ chapter: Chapter, to json: inout JSONWriter) {
        json.beginObject()
        json.key("startTime")
        json.number(DecimalSeconds.string(chapter.start!.milliseconds))
        if let end = chapter.end {
            json.key("endTime")
            json.number(DecimalSeconds.string(end.milliseconds))
        }
        if let title = chapter.title {
            json.key("title")
            json.string(title)
        }
        if let image = chapter.image {
            json.key("img")
            json.string(image)
        }
        if let url = chapter.url {
            json.key("url")
            json.string(url)
        }
        if !chapter.isInTableOfContents {
            json.key("toc")
            json.bool(false)
        }
        for field in chapter.extras[.chapters] ?? Fields() {
            json.key(field.key)
            json.fieldValue(field.value)
        }
        json.endObject()
    }

    private func reportUnwrittenMetadata(_ metadata: Fields, diagnostics: inout Diagnostics) {
        var written = Set<String>()
        var unwritten: [String] = []
        for field in metadata {
            if ChaptersReader.topLevelMetadataKeys.contains(field.key), field.value.text != nil,
               written.insert(field.key).inserted {
                continue
            }
            unwritten.append(field.key)
        }
        guard !unwritten.isEmpty else { return }
        diagnostics.report(.note(
            "chapters.metadata-not-written",
            "\(unwritten.count) metadata field(s) have no place in JSON chapters and were not written: \(MetadataList.describe(unwritten))",
            format: .chapters))
    }
}
