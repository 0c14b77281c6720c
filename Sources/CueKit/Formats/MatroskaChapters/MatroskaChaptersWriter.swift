/// Writes Matroska chapters XML for `mkvmerge --chapters` (the layout
/// mkvextract writes): one `<EditionEntry>` with one `<ChapterAtom>` per
/// chapter in ascending order of start (FFmpeg's Matroska reader skips a
/// chapter that starts before the one above it).
///
/// Per atom: `ChapterUID` (kept, else made from the chapter's position, so
/// the same input gives the same file), `ChapterTimeStart` as
/// `HH:MM:SS.nnnnnnnnn`, `ChapterTimeEnd` when the chapter has an end of
/// its own, `ChapterFlagHidden` 1 for a silent chapter, then the elements a
/// Matroska source kept (`ChapterFlagEnabled`, every `ChapterDisplay`, …)
/// with the first display's string set to the title; a chapter from
/// elsewhere gets one `ChapterDisplay` with its title (none when untitled:
/// Matroska allows it; mkvmerge adds its default language). Chapters read
/// from nested atoms are nested again, and the other editions of a Matroska
/// source are written after this one as they were. Urls and images are left out with a
/// warning, metadata with a note.
public struct MatroskaChaptersWriter: FormatWriter {
    public init() {}

    /// False: the writer places header chapters itself and needs no cue times.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let timing = WritableChapters(timeline, fillEnds: false, diagnostics: &diagnostics)
        var untimed = 0, links = 0
        var chapters: [Chapter] = []
        chapters.reserveCapacity(timing.chapters.count)
        for chapter in timing.chapters {
            guard chapter.start != nil else { untimed += 1; continue }
            if chapter.url != nil || chapter.image != nil { links += 1 }
            chapters.append(chapter)
        }
        if zip(chapters, chapters.dropFirst()).contains(where: { $0.1.start! < $0.0.start! }) {
            diagnostics.report(.warning(
                "matroska-chapters.reordered", "chapters were not in ascending order of start time; written sorted",
                format: .matroskaChapters))
            chapters = chapters.enumerated().sorted { lhs, rhs in
                lhs.element.start! != rhs.element.start! ? lhs.element.start! < rhs.element.start! : lhs.offset < rhs.offset
            }.map(\.element)
        }
        var uids = MatroskaUIDs(chapters)
        var xml = XMLWriter(options: options, capacity: 256 + chapters.count * 300)
        xml.comment(" <!DOCTYPE Chapters SYSTEM \"\(MatroskaChaptersReader.dtd)\"> ")
        xml.start("Chapters")
        xml.start("EditionEntry")
        let edition = timeline.extras[.matroskaChapters] ?? Fields()
        if edition["EditionUID"] == nil { xml.element("EditionUID", text: String(MatroskaUIDs.generated(0))) }
        for field in edition where field.key != MatroskaExtras.otherEditions { Self.write(field, to: &xml) }

        var open = 0
        for (index, chapter) in chapters.enumerated() {
            let fields = chapter.extras[.matroskaChapters] ?? Fields()
            var level = fields[MatroskaExtras.level]?.text.flatMap { Int($0) } ?? 0
            level = max(0, min(level, open))
            while open > level {
                xml.end()
                open -= 1
            }
            xml.start("ChapterAtom")
            open += 1
            xml.element("ChapterUID", text: uids.uid(for: index, kept: fields[MatroskaExtras.uid]?.text))
            xml.element("ChapterTimeStart", text: ChapterClock.string(chapter.start!))
            if let end = chapter.end, end >= chapter.start! { xml.element("ChapterTimeEnd", text: ChapterClock.string(end)) }
            if !chapter.isInTableOfContents { xml.element("ChapterFlagHidden", text: "1") }
            var wroteDisplay = false
            for field in fields where field.key != MatroskaExtras.uid && field.key != MatroskaExtras.level {
                guard field.key == MatroskaExtras.display, case .list(let displays) = field.value else {
                    Self.write(field, to: &xml)
                    continue
                }
                for (position, display) in displays.enumerated() {
                    guard case .map(var parts) = display else { continue }
                    if position == 0 {
                        wroteDisplay = true
                        Self.setTitle(chapter.title, in: &parts)
                        if parts.isEmpty { continue }
                    }
                    Self.write(Field(MatroskaExtras.display, .map(parts)), to: &xml)
                }
            }
            if !wroteDisplay, let title = chapter.title {
                xml.start("ChapterDisplay")
                xml.element("ChapterString", text: title)
                xml.end()
            }
        }
        while open > 0 {
            xml.end()
            open -= 1
        }
        xml.end()
        // The editions a Matroska source held besides the one read, as they were.
        if case .list(let others)? = edition[MatroskaExtras.otherEditions] {
            for other in others { Self.write(Field("EditionEntry", other), to: &xml) }
        }
        xml.end()

        func warn(_ code: String, _ message: String) {
            diagnostics.report(.warning("matroska-chapters.\(code)", message, format: .matroskaChapters))
        }
        if chapters.isEmpty { warn("no-chapters", "the timeline has no chapters with a time; wrote an edition without chapters, which mkvmerge refuses") }
        if untimed > 0 { warn("untimed", "\(untimed) chapter(s) without a start time left out") }
        if links > 0 { warn("links-dropped", "\(links) chapter(s) have a url or an image, which Matroska chapters cannot hold; left out") }
        if xml.removedCharacters > 0 {
            diagnostics.report(.warning(
                "xml.invalid-character",
                "\(xml.removedCharacters) character(s) that XML 1.0 does not allow (control characters) were left out"))
        }
        let metadata = timeline.metadata.map(\.key)
        if !metadata.isEmpty {
            diagnostics.report(.note(
                "matroska-chapters.metadata-not-written",
                "Matroska chapters hold no metadata; \(metadata.count) field(s) not written: \(MetadataList.describe(metadata))",
                format: .matroskaChapters))
        }
        return xml.finish()
    }

    /// The display's title element set to `title` (removed when nil), or
    /// added first.
    private static func setTitle(_ title: String?, in parts: inout Fields) {
        if let index = parts.entries.firstIndex(where: { MatroskaElements.titles.contains($0.key) }) {
            if let title { parts.entries[index].value = .string(title) } else { parts.entries.remove(at: index) }
        } else if let title {
            parts.entries.insert(Field("ChapterString", .string(title)), at: 0)
        }
        // A display of languages alone says nothing.
        if !parts.contains(where: { MatroskaElements.titles.contains($0.key) }) { parts = [] }
    }

    /// A kept element: text, children, or attributes and text.
    private static func write(_ field: Field, to xml: inout XMLWriter) {
        switch field.value {
        case .string(let text), .scalar(let text):
            xml.element(field.key, text: text)
        case .map(let parts):
            let attributes = parts.filter { $0.key.hasPrefix("@") }.map { (name: String($0.key.dropFirst()), value: $0.value.text ?? "") }
            if let text = parts[MatroskaExtras.text]?.text {
                xml.element(field.key, attributes, text: text)
                return
            }
            xml.start(field.key, attributes)
            for part in parts where !part.key.hasPrefix("@") { write(part, to: &xml) }
            xml.end()
        case .list(let values):
            for value in values { write(Field(field.key, value), to: &xml) }
        }
    }
}

/// Chapter UIDs for the writer: each kept one as it was, the others made
/// from the chapter's position by a fixed mixing function, so the same
/// chapters always get the same UIDs, never 0 and never one already used.
struct MatroskaUIDs {
    private var used: Set<String>

    init(_ chapters: [Chapter]) {
        used = Set(chapters.compactMap { $0.extras[.matroskaChapters]?[MatroskaExtras.uid]?.text })
    }

    mutating func uid(for index: Int, kept: String?) -> String {
        if let kept { return kept }
        var seed = UInt64(index) + 1
        while true {
            let candidate = String(Self.generated(seed))
            if used.insert(candidate).inserted { return candidate }
            seed &+= 0x1_0000_0000
        }
    }

    /// SplitMix64 of `seed`, never 0.
    static func generated(_ seed: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return z == 0 ? 1 : z
    }
}
