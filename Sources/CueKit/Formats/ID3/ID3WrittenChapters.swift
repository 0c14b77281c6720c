/// The chapters the ID3 writer writes, each with a start, an end and an
/// element id: `WritableChapters` with ends filled, untimed ones left out,
/// sorted by start, times checked against the 32 bits of milliseconds a
/// `CHAP` holds.
struct ID3WrittenChapters {
    var chapters: [Chapter] = []
    /// The element id of each chapter.
    var ids: [String] = []
    /// The element id of the `CTOC`.
    var tocID = "toc"

    init(_ timeline: Timeline, audioEnd: Timestamp?, diagnostics: inout Diagnostics) throws(Diagnostic) {
        let writable = WritableChapters(timeline, fillEnds: true, diagnostics: &diagnostics)
        var untimed = 0, unknownEnd = 0, nul = 0
        var pastEnd: Chapter?, pastEndCount = 0
        for var chapter in writable.chapters {
            guard let start = chapter.start else { untimed += 1; continue }
            if chapter.end == nil || chapter.end! < start {
                unknownEnd += 1
                chapter.end = start
            }
            for time in [start, chapter.end!] where time < .zero || time.milliseconds > 0xFFFF_FFFF {
                throw .error(
                    "id3.time-range",
                    "expected chapter times from 0 to 4294967295 ms (49 days) in a CHAP frame, found \(time) in chapter '\(chapter.title ?? "")'",
                    at: chapter.location, format: .id3)
            }
            if let audioEnd, start > audioEnd {
                pastEndCount += 1
                if pastEnd == nil { pastEnd = chapter }
            }
            if let title = chapter.title, title.contains("\u{0}") {
                nul += 1
                chapter.title = title.replacingNUL()
            }
            chapters.append(chapter)
        }
        let order = chapters.indices.sorted { a, b in
            chapters[a].start! != chapters[b].start! ? chapters[a].start! < chapters[b].start! : a < b
        }
        if order != Array(chapters.indices) {
            diagnostics.report(.warning(
                "id3.reordered", "chapters were not in ascending order of start time; written sorted", format: .id3))
            chapters = order.map { chapters[$0] }
        }
        let visible = chapters.filter(\.isInTableOfContents).count
        guard visible <= ID3Writer.tableLimit else {
            throw .error(
                "id3.too-many-chapters",
                "expected at most \(ID3Writer.tableLimit) chapters in the table of contents (a CTOC counts them in one byte), found \(visible)",
                format: .id3)
        }
        assignIDs(tocID: timeline.extras[.id3]?[ID3Extras.tocID]?.text)

        func warn(_ code: String, _ message: String, at location: SourceLocation? = nil) {
            diagnostics.report(.warning("id3.\(code)", message, at: location, format: .id3))
        }
        if untimed > 0 { warn("untimed", "\(untimed) chapter(s) without a start time left out") }
        if unknownEnd > 0 {
            warn("unknown-end", "\(unknownEnd) chapter(s) have no known end (no later chapter, and the end of the audio is unknown or before them); written with the end equal to the start")
        }
        if let pastEnd {
            warn("past-end", "\(pastEndCount) chapter(s) start after the end of the audio (\(audioEnd!)), first '\(pastEnd.title ?? "")' at \(pastEnd.start!): are these the chapters of this file?", at: pastEnd.location)
        }
        if nul > 0 { warn("nul-removed", "\(nul) title(s) held NUL characters, which end a string in ID3; removed") }
        if chapters.isEmpty { warn("no-chapters", "the timeline has no chapters with a time; wrote a tag without chapters") }
        if !chapters.isEmpty && visible == 0 {
            warn("all-silent", "every chapter is silent (toc: false), and a CTOC cannot list none; written without a table of contents, so readers list them all")
        }
    }

    /// Element ids: each chapter's kept one when it is usable (non-empty
    /// ISO-8859-1 without NUL) and not taken, else the first free `chpN`
    /// from its position; the `CTOC` keeps its id the same way, else `toc`.
    private mutating func assignIDs(tocID kept: String?) {
        func usable(_ id: String?) -> String? {
            guard let id, !id.isEmpty, !id.contains("\u{0}"), ID3Text.isLatin1(id) else { return nil }
            return id
        }
        var used = Set<String>()
        var wanted: [String?] = chapters.map { chapter in
            guard let id = usable(chapter.extras[.id3]?[ID3Extras.elementID]?.text), used.insert(id).inserted else { return nil }
            return id
        }
        if let kept = usable(kept), used.insert(kept).inserted {
            tocID = kept
        } else {
            var number = 0
            while !used.insert(number == 0 ? "toc" : "toc\(number)").inserted { number += 1 }
            tocID = number == 0 ? "toc" : "toc\(number)"
        }
        for index in wanted.indices where wanted[index] == nil {
            var number = index
            while !used.insert("chp\(number)").inserted { number += 1 }
            wanted[index] = "chp\(number)"
        }
        ids = wanted.map { $0! }
    }
}

extension String {
    /// The string without NUL characters.
    fileprivate func replacingNUL() -> String {
        String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "\u{0}" }))
    }
}
