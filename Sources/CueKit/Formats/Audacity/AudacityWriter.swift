/// Writes an Audacity label track (File > Import > Labels):
/// `start<TAB>end<TAB>label` per chapter, seconds with six decimals as
/// Audacity writes them (`12.345000`, exact from the milliseconds).
///
/// A chapter with an end of its own is a region label; one without is a
/// point label (end equal to start): Audacity shows where it starts, the
/// next label ends it. Chapters are written in ascending order of start.
/// What a label track cannot hold is reported once per kind: tabs and
/// line breaks in titles (written as spaces), urls and images (left out),
/// silent chapters (written as ordinary labels), chapters without a time
/// (left out), metadata (not written).
public struct AudacityWriter: FormatWriter {
    public init() {}

    /// False: the writer places header chapters itself and needs no cue times.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let timing = WritableChapters(timeline, fillEnds: false, diagnostics: &diagnostics)
        var untimed = 0, links = 0, silent = 0, flattened = 0, endBeforeStart = 0
        var chapters: [Chapter] = []
        chapters.reserveCapacity(timing.chapters.count)
        for chapter in timing.chapters {
            guard chapter.start != nil else { untimed += 1; continue }
            if chapter.url != nil || chapter.image != nil { links += 1 }
            if !chapter.isInTableOfContents { silent += 1 }
            chapters.append(chapter)
        }
        if zip(chapters, chapters.dropFirst()).contains(where: { $0.1.start! < $0.0.start! }) {
            diagnostics.report(.warning(
                "audacity.reordered", "chapters were not in ascending order of start time; written sorted", format: .audacity))
            chapters = chapters.enumerated().sorted { lhs, rhs in
                lhs.element.start! != rhs.element.start! ? lhs.element.start! < rhs.element.start! : lhs.offset < rhs.offset
            }.map(\.element)
        }
        var out = TextOutput(options: options, capacity: chapters.count * 40)
        for chapter in chapters {
            let start = chapter.start!
            var end = chapter.end ?? start
            if end < start {
                endBeforeStart += 1
                end = start
            }
            AudacitySeconds.append(start, to: &out)
            out.append(byte: 0x09)
            AudacitySeconds.append(end, to: &out)
            out.append(byte: 0x09)
            if let title = chapter.title {
                if title.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    flattened += 1
                    out.append(Self.oneLine(title))
                } else {
                    out.append(title)
                }
            }
            out.newline()
        }
        func warn(_ code: String, _ message: String) {
            diagnostics.report(.warning("audacity.\(code)", message, format: .audacity))
        }
        if untimed > 0 { warn("untimed", "\(untimed) chapter(s) without a start time left out") }
        if silent > 0 { warn("silent-written", "\(silent) silent chapter(s) (toc: false) written as ordinary labels: a label track has no hidden labels") }
        if links > 0 { warn("links-dropped", "\(links) chapter(s) have a url or an image, which a label track cannot hold; left out") }
        if flattened > 0 { warn("title-flattened", "\(flattened) title(s) held tabs or line breaks, which end an Audacity label; written as spaces") }
        if endBeforeStart > 0 { warn("end-before-start", "\(endBeforeStart) chapter(s) end before they start; written as point labels") }
        let metadata = timeline.metadata.map(\.key)
        if !metadata.isEmpty {
            diagnostics.report(.note(
                "audacity.metadata-not-written",
                "a label track holds no metadata; \(metadata.count) field(s) not written: \(MetadataList.describe(metadata))",
                format: .audacity))
        }
        return out.bytes
    }

    /// `title` with tabs and line breaks (CR LF as one) as single spaces.
    static func oneLine(_ title: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for scalar in title.unicodeScalars {
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            scalars.append(scalar == "\t" || scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        return String(scalars)
    }
}
