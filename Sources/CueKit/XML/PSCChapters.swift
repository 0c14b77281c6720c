/// Podlove Simple Chapters as XML: reading a `<psc:chapters>` element into
/// chapters, and writing chapters as one. Shared by the PSC file format and
/// the RSS reader and writer (inline chapters in an `<item>`).
///
/// Mapping: `start` (Normal Play Time) → `Chapter.start`, `title` → `title`,
/// `href` → `url`, `image` → `image`; any other attribute goes to the
/// chapter's `psc` extras and is written back. PSC has no end times and no
/// silent chapters.
enum PSCChapters {
    /// The version a writer declares.
    static let version = "1.2"
    /// The key of the `version` attribute kept in a timeline's `psc` extras.
    static let versionKey = "version"

    /// The chapters of `element` (a `psc:chapters`), sorted by start, and its
    /// `version` attribute. Chapters without a usable start are reported and
    /// left out; everything else questionable is reported and kept.
    static func read(
        _ element: XMLTree.Element, source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (chapters: [Chapter], version: String?) {
        var chapters: [Chapter] = []
        var ignored: [XMLTree.Element] = []
        for child in element.children {
            guard child.is(.psc, "chapter") else {
                ignored.append(child)
                continue
            }
            if let chapter = try chapter(child, source: source, diagnostics: &diagnostics) {
                chapters.append(chapter)
            }
        }
        if let first = ignored.first {
            diagnostics.report(.warning(
                "psc.unexpected-element",
                "expected only <psc:chapter> inside <\(element.qualifiedName)>, found \(ignored.count) other element(s), first <\(first.qualifiedName)>; ignored",
                at: source.location(line: first.line)))
        }
        if element.children.isEmpty {
            diagnostics.report(.warning(
                "psc.no-chapters",
                "expected one or more <psc:chapter> elements inside <\(element.qualifiedName)>, found none",
                at: source.location(line: element.line)))
        }
        if let disorder = zip(chapters, chapters.dropFirst()).first(where: { $0.1.start! < $0.0.start! }) {
            try diagnostics.repair(.warning(
                "psc.unsorted",
                "expected chapters in order of their start time, found '\(disorder.1.title ?? "")' at \(NormalPlayTime.string(disorder.1.start!)) after \(NormalPlayTime.string(disorder.0.start!)); sorted by start as the specification asks clients to",
                at: disorder.1.location))
            chapters = stableSorted(chapters)
        }
        return (chapters, element.attribute("version"))
    }

    private static func chapter(
        _ element: XMLTree.Element, source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Chapter? {
        let location = source.location(line: element.line)
        guard let startText = element.attribute("start") else {
            diagnostics.report(.warning(
                "psc.missing-start",
                "expected a 'start' attribute (a Normal Play Time such as 01:02:03.400) on <\(element.qualifiedName)>, found none; chapter '\(element.attribute("title") ?? "")' left out",
                at: location))
            return nil
        }
        let start: Timestamp
        switch NormalPlayTime.read(startText) {
        case .time(let time):
            start = time
        case .unnormalized(let time):
            try diagnostics.repair(.warning(
                "psc.time-not-normalized",
                "expected minutes and seconds below 60 in start '\(startText)', found more; read as \(NormalPlayTime.string(time))",
                at: location))
            start = time
        case .invalid:
            diagnostics.report(.warning(
                "psc.bad-time",
                "expected a Normal Play Time such as 37, 03:07 or 01:02:03.400 in start, found '\(startText)'; chapter '\(element.attribute("title") ?? "")' left out",
                at: location))
            return nil
        }
        var chapter = Chapter(start: start, location: location)
        chapter.title = element.attribute("title")
        if chapter.title == nil {
            try diagnostics.repair(.warning(
                "psc.missing-title",
                "expected a 'title' attribute on the chapter at \(NormalPlayTime.string(start)), found none; kept without a title",
                at: location))
        }
        chapter.url = element.attribute("href")
        chapter.image = element.attribute("image")
        var extras = Fields()
        for attribute in element.attributes {
            if attribute.prefix == nil, ["start", "title", "href", "image"].contains(attribute.localName) { continue }
            extras.append(attribute.qualifiedName, .string(attribute.value))
        }
        if !extras.isEmpty { chapter.extras[.psc] = extras }
        return chapter
    }

    /// What `write` had to leave out or make up, for the caller to report.
    struct Losses {
        var silent = 0
        var untimed = 0
        var untitled = 0
        var endTimes = 0
    }

    /// Writes `chapters` as a `psc:chapters` element named with `prefix`,
    /// sorted by start, times as `HH:MM:SS.mmm`. `namespaceDeclaration`
    /// adds `xmlns:psc` (for a standalone file).
    static func write(
        _ chapters: [Chapter], version: String?, prefix: String = "psc", declaresNamespace: Bool,
        to writer: inout XMLWriter
    ) -> Losses {
        var losses = Losses()
        var written: [Chapter] = []
        for chapter in chapters {
            if !chapter.isInTableOfContents { losses.silent += 1; continue }
            if chapter.start == nil { losses.untimed += 1; continue }
            written.append(chapter)
        }
        written = stableSorted(written)
        var attributes: [(name: String, value: String)] = [("version", version ?? Self.version)]
        if declaresNamespace { attributes.append(("xmlns:\(prefix)", FeedNamespace.psc.uri)) }
        writer.start("\(prefix):chapters", attributes)
        for (index, chapter) in written.enumerated() {
            let start = chapter.start!
            if let end = chapter.end, index + 1 < written.count, end != written[index + 1].start {
                losses.endTimes += 1
            }
            var title = chapter.title
            if title == nil {
                losses.untitled += 1
                title = "Chapter \(index + 1)"
            }
            var chapterAttributes: [(name: String, value: String)] = [
                ("start", NormalPlayTime.string(start)), ("title", title!),
            ]
            if let url = chapter.url { chapterAttributes.append(("href", url)) }
            if let image = chapter.image { chapterAttributes.append(("image", image)) }
            for field in chapter.extras[.psc] ?? Fields() where !field.key.contains(":") {
                if let value = field.value.text { chapterAttributes.append((field.key, value)) }
            }
            writer.element("\(prefix):chapter", chapterAttributes)
        }
        writer.end()
        return losses
    }

    /// Reports `losses` as counted warnings.
    static func report(_ losses: Losses, diagnostics: inout Diagnostics) {
        if losses.silent > 0 {
            diagnostics.report(.warning(
                "psc.silent-chapters-dropped",
                "Podlove Simple Chapters have no silent (toc: false) chapters; \(losses.silent) left out"))
        }
        if losses.untimed > 0 {
            diagnostics.report(.warning(
                "psc.untimed-chapters-dropped",
                "expected a start time on every chapter, found \(losses.untimed) without; left out"))
        }
        if losses.untitled > 0 {
            diagnostics.report(.warning(
                "psc.untitled-chapters",
                "Podlove Simple Chapters need a title; \(losses.untitled) chapter(s) without one were written as 'Chapter N'"))
        }
        if losses.endTimes > 0 {
            diagnostics.report(.warning(
                "psc.end-times-dropped",
                "Podlove Simple Chapters have no end times; \(losses.endTimes) chapter(s) ended before the next one started, and that gap is lost"))
        }
    }

    /// `chapters` sorted by start, equal starts keeping their order.
    static func stableSorted(_ chapters: [Chapter]) -> [Chapter] {
        chapters.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.start ?? .zero, rhs.element.start ?? .zero)
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
