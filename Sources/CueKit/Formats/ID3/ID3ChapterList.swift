/// The timeline's chapters from a tag's `CHAP` and `CTOC` frames.
///
/// - With a top-level `CTOC`, the chapters it lists (through nested
///   `CTOC`s too, flattened in order with a warning) are the table of
///   contents; a `CHAP` it does not list is a silent chapter (`toc: false`),
///   as the addendum allows ("these might be used to provide images").
///   Without one, every chapter is in the table of contents.
/// - Chapters are in ascending order of start time, ties in the order the
///   table of contents gives, then in frame order. An ordered table of
///   contents that lists a chapter before an earlier one is a repair
///   warning; the frames' own order says nothing and is not reported.
enum ID3ChapterList {
    struct Result {
        var chapters: [Chapter]
        /// The table of contents read, for the timeline's extras.
        var topLevel: ID3TOCElement?
    }

    static func make(
        _ elements: [ID3ChapterElement], tocs: [ID3TOCElement], diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Result {
        var byID: [String: Int] = [:]
        var repeated: ID3ChapterElement?
        for (index, element) in elements.enumerated() {
            if byID[element.elementID] == nil { byID[element.elementID] = index } else if repeated == nil { repeated = element }
        }
        if let repeated {
            try diagnostics.repair(.warning(
                "id3.repeated-id",
                "expected a different element id in every CHAP frame, found '\(repeated.elementID)' again; a table of contents lists the first",
                at: repeated.location, format: .id3))
        }
        let topLevel = try self.topLevel(tocs, hasChapters: !elements.isEmpty, diagnostics: &diagnostics)
        var positions: [Int?]?
        if let topLevel { positions = try listed(topLevel, tocs: tocs, chapters: byID, count: elements.count, diagnostics: &diagnostics) }

        var chapters: [Chapter] = []
        var reversed: ID3ChapterElement?, reversedCount = 0
        for (index, element) in elements.enumerated() {
            var end: Timestamp? = Timestamp(milliseconds: element.end)
            if element.end < element.start {
                reversedCount += 1
                if reversed == nil { reversed = element }
                end = nil
            }
            var extras = Fields([Field(ID3Extras.elementID, .string(element.elementID))])
            if !element.pictures.isEmpty { extras.append(ID3Extras.pictures, .list(element.pictures)) }
            if !element.kept.isEmpty { extras.append(ID3Extras.subframes, .list(element.kept)) }
            var chapter = Chapter(
                start: Timestamp(milliseconds: element.start), end: end, title: element.title, url: element.url,
                image: element.image, isInTableOfContents: positions.map { $0[index] != nil } ?? true,
                location: element.location)
            chapter.extras[.id3] = extras
            chapters.append(chapter)
        }
        if let reversed {
            try diagnostics.repair(.warning(
                "id3.end-before-start",
                "expected every chapter to end after it starts, found \(reversedCount) that end before, first '\(reversed.elementID)' (\(reversed.start) ms to \(reversed.end) ms); their ends are left out",
                at: reversed.location, format: .id3))
        }
        if let topLevel, topLevel.isOrdered, let positions {
            try checkOrder(elements, positions: positions, diagnostics: &diagnostics)
        }
        let order = chapters.indices.sorted { a, b in
            let (left, right) = (elements[a].start, elements[b].start)
            if left != right { return left < right }
            let (first, second) = (positions?[a] ?? nil, positions?[b] ?? nil)
            if first != second { return (first ?? .max) < (second ?? .max) }
            return a < b
        }
        if elements.contains(where: \.hasOffsets) {
            diagnostics.report(.note(
                "id3.offsets-ignored",
                "\(elements.filter(\.hasOffsets).count) chapter(s) give byte offsets besides their times; the times are read",
                at: elements.first(where: \.hasOffsets)?.location, format: .id3))
        }
        return Result(chapters: order.map { chapters[$0] }, topLevel: topLevel)
    }

    /// The top-level `CTOC`: the first with the top-level flag.
    private static func topLevel(
        _ tocs: [ID3TOCElement], hasChapters: Bool, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> ID3TOCElement? {
        let flagged = tocs.filter(\.isTopLevel)
        if flagged.count > 1 {
            try diagnostics.repair(.warning(
                "id3.toc-top-level",
                "expected one top-level CTOC, found \(flagged.count); the first, '\(flagged[0].elementID)', is the table of contents",
                at: flagged[1].location, format: .id3))
        }
        guard let top = flagged.first else {
            if let first = tocs.first {
                try diagnostics.repair(.warning(
                    "id3.toc-top-level",
                    "expected one of the \(tocs.count) CTOC frame(s) to be flagged top-level, found none; every chapter is read as listed",
                    at: first.location, format: .id3))
            }
            return nil
        }
        guard !top.children.isEmpty || !hasChapters else {
            try diagnostics.repair(.warning(
                "id3.toc-empty",
                "expected the top-level CTOC '\(top.elementID)' to list chapters, found none; every chapter is read as listed",
                at: top.location, format: .id3))
            return nil
        }
        return top
    }

    /// For each chapter, its position in the table of contents under
    /// `top`, or nil when it is not listed. Nested `CTOC`s are expanded in
    /// place, each once, so that a cycle ends.
    private static func listed(
        _ top: ID3TOCElement, tocs: [ID3TOCElement], chapters: [String: Int], count: Int, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [Int?] {
        var tocByID: [String: ID3TOCElement] = [:]
        for toc in tocs where tocByID[toc.elementID] == nil { tocByID[toc.elementID] = toc }
        var positions = [Int?](repeating: nil, count: count)
        var next = 0
        var visited: Set<String> = [top.elementID]
        var unknown: [String] = []
        var nested: ID3TOCElement?
        // Children still to visit, the last first.
        var stack = Array(top.children.reversed())
        while let child = stack.popLast() {
            if let index = chapters[child] {
                if positions[index] == nil {
                    positions[index] = next
                    next += 1
                }
            } else if let toc = tocByID[child] {
                guard visited.insert(child).inserted else { continue }
                if nested == nil { nested = toc }
                stack.append(contentsOf: toc.children.reversed())
            } else {
                unknown.append(child)
            }
        }
        if let nested {
            diagnostics.report(.warning(
                "id3.toc-nested",
                "the table of contents has levels (CTOC '\(nested.elementID)' inside '\(top.elementID)'); read as one list of chapters in its order",
                at: nested.location, format: .id3))
        }
        if let first = unknown.first {
            try diagnostics.repair(.warning(
                "id3.toc-unknown-child",
                "expected the table of contents to list element ids of CHAP or CTOC frames, found \(unknown.count) that none has, first '\(first)'; left out",
                at: top.location, format: .id3))
        }
        return positions
    }

    /// A repair warning when an ordered table of contents lists a chapter
    /// before one that starts earlier.
    private static func checkOrder(
        _ elements: [ID3ChapterElement], positions: [Int?], diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        let listed = elements.indices.filter { positions[$0] != nil }.sorted { positions[$0]! < positions[$1]! }
        for (earlier, later) in zip(listed, listed.dropFirst()) where elements[later].start < elements[earlier].start {
            try diagnostics.repair(.warning(
                "id3.toc-order",
                "expected the ordered table of contents to list chapters in order of start time, found '\(elements[later].elementID)' (\(elements[later].start) ms) after '\(elements[earlier].elementID)' (\(elements[earlier].start) ms); sorted by start time",
                at: elements[later].location, format: .id3))
            return
        }
    }
}
