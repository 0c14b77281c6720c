/// YouTube's rules for description chapters, and how the writer makes a list
/// follow them (YouTube Help 9884579): the first timestamp is 0:00, there are
/// at least three, in ascending order, each chapter at least ten seconds long.
///
/// What the writer changes, each reported as one warning:
/// - Silent chapters (`toc: false`), chapters without a time and chapters
///   without a title are left out: every line YouTube shows needs a title.
/// - Times are whole seconds (rounded down); chapters are sorted by time.
/// - The first chapter is moved to 0:00 when it starts later.
/// - A chapter shorter than ten seconds is left out, so the chapter before it
///   runs on; when the first one is too short, the next moves to 0:00. The
///   last chapter is checked against the media end when it is known.
/// - Line breaks in titles become spaces.
/// Fewer than three chapters cannot be fixed: the list is written with a
/// warning that YouTube will not show it.
enum YouTubeChapterRules {
    static let minimumCount = 3
    static let minimumSeconds: Int64 = 10

    /// A chapter line to write.
    struct Entry: Equatable {
        var seconds: Int64
        var title: String
    }

    /// The lines a writer writes for `chapters`, following the rules.
    static func entries(
        for chapters: [Chapter], mediaEnd: Timestamp?, diagnostics: inout Diagnostics
    ) -> [Entry] {
        var entries: [Entry] = []
        var silent = 0, untimed = 0, untitled = 0, multiline = 0
        for chapter in chapters {
            guard chapter.isInTableOfContents else { silent += 1; continue }
            guard let start = chapter.start else { untimed += 1; continue }
            var title = chapter.title ?? ""
            if title.contains(where: \.isNewline) {
                multiline += 1
                title = title.split(whereSeparator: \.isNewline).joined(separator: " ")
            }
            title = String(Substring(title).trimmingWhitespace())
            guard !title.isEmpty else { untitled += 1; continue }
            entries.append(Entry(seconds: max(0, start.milliseconds / 1000), title: title))
        }
        func warn(_ code: String, _ message: String) {
            diagnostics.report(.warning("youtube-chapters.\(code)", message, format: .youtubeChapters))
        }
        if silent > 0 { warn("silent-left-out", "\(silent) silent chapter(s) (toc: false) left out: YouTube shows every chapter line") }
        if untimed > 0 { warn("untimed", "\(untimed) chapter(s) without a start time left out") }
        if untitled > 0 { warn("untitled-left-out", "\(untitled) chapter(s) without a title left out: YouTube needs a title on every chapter line") }
        if multiline > 0 { warn("title-line-breaks", "\(multiline) chapter title(s) had line breaks; written on one line") }

        let order = entries.indices.sorted { a, b in
            entries[a].seconds != entries[b].seconds ? entries[a].seconds < entries[b].seconds : a < b
        }
        if order != Array(entries.indices) {
            warn("reordered", "chapters were not in ascending order of time; written sorted, as YouTube requires")
            entries = order.map { entries[$0] }
        }
        guard !entries.isEmpty else {
            warn("too-few", "no chapter to write: YouTube shows a chapter list only when it has at least \(minimumCount) chapters; wrote an empty list")
            return []
        }

        var moved: (title: String, from: Int64)?
        if entries[0].seconds > 0 {
            moved = (entries[0].title, entries[0].seconds)
            entries[0].seconds = 0
        }
        let endSeconds = mediaEnd.map { $0.milliseconds / 1000 }
        var dropped: [Entry] = []
        var index = 0
        while index < entries.count {
            let end = index + 1 < entries.count ? entries[index + 1].seconds : endSeconds
            guard let end, end - entries[index].seconds < minimumSeconds, entries.count > 1 else {
                index += 1
                continue
            }
            dropped.append(entries.remove(at: index))
            if index == 0 && entries[0].seconds > 0 {
                moved = (entries[0].title, entries[0].seconds)
                entries[0].seconds = 0
            }
            if index == entries.count, index > 0 {
                index -= 1  // the chapter before the dropped last one is checked again
            }
        }
        if let moved {
            warn("moved-to-zero", "the first chapter '\(moved.title)' was moved from \(clock(moved.from)) to 0:00: YouTube requires the first timestamp at 0:00")
        }
        if !dropped.isEmpty {
            let names = dropped.map { "'\($0.title)' at \(clock($0.seconds))" }
            warn("too-short", "\(dropped.count) chapter(s) shorter than \(minimumSeconds) seconds left out, the chapter before each runs on: \(MetadataList.describe(names, limit: 4))")
        }
        if entries.count < minimumCount {
            warn("too-few", "only \(entries.count) chapter(s): YouTube shows a chapter list only when it has at least \(minimumCount) chapters; written anyway")
        }
        return entries
    }

    static func clock(_ seconds: Int64) -> String {
        ClockFormat.string(Timestamp(seconds: seconds), style: .minutesSeconds)
    }
}
