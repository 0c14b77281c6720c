/// The chapters a plain chapter list (one start and one title a chapter:
/// OGM and mp4chaps lists) writes, and one warning per kind of loss.
///
/// From `WritableChapters` (header chapters placed, repeats left out):
/// silent chapters and chapters without a start are left out, the rest
/// sorted by start; line breaks in titles become spaces; an end of a
/// chapter's own that is not where the next chapter starts is lost; urls
/// and images are lost unless the format keeps urls (then images only).
struct ChapterListEntries {
    struct Entry {
        var start: Timestamp
        var title: String?
        var url: String?
    }

    var entries: [Entry] = []

    init(_ timeline: Timeline, format: FormatID, keepsURLs: Bool = false, diagnostics: inout Diagnostics) {
        let chapters = WritableChapters(timeline, fillEnds: false, diagnostics: &diagnostics).chapters
        var silent = 0, untimed = 0, links = 0, multiline = 0, ends = 0
        var kept: [Chapter] = []
        for chapter in chapters {
            guard chapter.isInTableOfContents else { silent += 1; continue }
            guard chapter.start != nil else { untimed += 1; continue }
            kept.append(chapter)
        }
        let sorted = kept.enumerated().sorted { lhs, rhs in
            lhs.element.start! != rhs.element.start! ? lhs.element.start! < rhs.element.start! : lhs.offset < rhs.offset
        }.map(\.element)
        let reordered = zip(kept, sorted).contains { $0.0.start != $0.1.start || $0.0.title != $0.1.title }
        for (index, chapter) in sorted.enumerated() {
            if let end = chapter.end, index + 1 < sorted.count ? end != sorted[index + 1].start : true {
                ends += 1
            }
            if chapter.image != nil || (chapter.url != nil && !keepsURLs) { links += 1 }
            var title = chapter.title
            if let text = title, text.contains(where: \.isNewline) {
                multiline += 1
                title = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            }
            entries.append(Entry(start: chapter.start!, title: title, url: keepsURLs ? chapter.url : nil))
        }
        func warn(_ code: String, _ message: String) {
            diagnostics.report(.warning("\(format.rawValue).\(code)", message, format: format))
        }
        if reordered { warn("reordered", "chapters were not in ascending order of start time; written sorted") }
        if silent > 0 { warn("silent-left-out", "\(silent) silent chapter(s) (toc: false) left out: players show every chapter of the list") }
        if untimed > 0 { warn("untimed", "\(untimed) chapter(s) without a start time left out") }
        if multiline > 0 { warn("title-line-breaks", "\(multiline) chapter title(s) had line breaks; written on one line") }
        if ends > 0 { warn("end-times-dropped", "the list has no end times; \(ends) chapter(s) end elsewhere than where the next one starts, and that end is lost") }
        if links > 0 {
            warn("links-dropped", keepsURLs
                ? "\(links) chapter(s) have an image, which the list cannot hold; left out"
                : "\(links) chapter(s) have a url or an image, which the list cannot hold; left out")
        }
        let metadata = timeline.metadata.map(\.key)
        if !metadata.isEmpty {
            diagnostics.report(.note(
                "\(format.rawValue).metadata-not-written",
                "a chapter list holds no metadata; \(metadata.count) field(s) not written: \(MetadataList.describe(metadata))",
                format: format))
        }
    }
}
