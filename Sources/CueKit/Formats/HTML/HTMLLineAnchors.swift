/// The fragment of each transcript line: `t=` and its start as the page
/// shows it (`t=1:17`, `t=1:02:03`), so `page.html#t=1:17` opens the page at
/// the line that starts at 1:17, with or without JavaScript. Ids are unique:
/// a later line that starts in a second already taken adds its milliseconds
/// (`t=1:17.480`), and, when those are taken too, a count (`t=1:17.480-2`).
/// The script of the page reads any `#t=` time, and goes to the line spoken
/// then.
struct HTMLLineAnchors {
    private var ids = UniqueIDs()

    /// The fragment of the next line, which starts at `start`.
    mutating func next(start: Timestamp) -> String {
        let second = "t=" + ClockFormat.string(start, style: .minutesSeconds)
        if ids.claim(second) { return second }
        return ids.unique(second + "." + Self.threeDigits(start.milliseconds))
    }

    /// The milliseconds of `milliseconds` past the second, as three digits.
    private static func threeDigits(_ milliseconds: Int64) -> String {
        let part = Int(milliseconds.magnitude % 1000)
        return part < 10 ? "00\(part)" : part < 100 ? "0\(part)" : "\(part)"
    }
}

/// Ids for chapter headings: `chapter-` and the title's slug
/// (`chapter-the-keepers`), `chapter-N` for a title with no ASCII letter or
/// digit, and a count after a slug already taken (`chapter-intro-2`).
struct HTMLChapterAnchors {
    private var ids = UniqueIDs()

    mutating func next(title: String?, number: Int) -> String {
        ids.unique("chapter-" + (FileNameSlug.make(title) ?? String(number)))
    }
}

/// Ids given out once each.
private struct UniqueIDs {
    private var taken = Set<String>()
    /// The count to try next after each base already taken, so that many
    /// lines of one start get their ids in linear time.
    private var nextCount: [String: Int] = [:]

    /// Takes `id`; false when it was taken.
    mutating func claim(_ id: String) -> Bool {
        taken.insert(id).inserted
    }

    /// `base` when free, else `base-2`, `base-3`, … (the first free one).
    mutating func unique(_ base: String) -> String {
        if claim(base) { return base }
        var count = nextCount[base, default: 2]
        while !claim("\(base)-\(count)") { count += 1 }
        nextCount[base] = count + 1
        return "\(base)-\(count)"
    }
}
