/// Reads Matroska chapters XML as mkvmerge takes it (`--chapters`) and
/// mkvextract writes it: a root `<Chapters>` holding `<EditionEntry>`
/// elements of `<ChapterAtom>`s (see Formats/matroska-chapters.md).
///
/// - One edition is read: the first with `EditionFlagDefault` 1, else the
///   first; the others are left out with one warning.
/// - `ChapterTimeStart` (required) and `ChapterTimeEnd` are
///   `HH:MM:SS.nnnnnnnnn` clocks, rounded to the millisecond with one note
///   when finer. A bare number of nanoseconds (some converters write it;
///   mkvmerge refuses it) is read with a repair warning.
/// - The first `ChapterDisplay`'s `ChapterString` (or `ChapString`) is the
///   title; `ChapterFlagHidden` 1 makes a silent chapter.
/// - Nested atoms are flattened, parent first, with one warning; their
///   depth is kept (`MatroskaExtras.level`) so that writing Matroska again
///   nests them again.
/// - UIDs, flags, every display and the other known elements are kept in
///   the `matroska-chapters` extras; `EBMLVoid` is skipped; an unknown
///   element, a malformed value or an atom without a start is an error, as
///   in mkvmerge.
/// - The `<!DOCTYPE Chapters SYSTEM "matroskachapters.dtd">` mkvmerge's
///   files carry is accepted without a warning; no DTD is ever loaded.
public struct MatroskaChaptersReader: FormatReader {
    public init() {}

    /// The system identifier of mkvmerge's DOCTYPE.
    static let dtd = "matroskachapters.dtd"

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let bytes = source.bytes
        var tree = try XMLTreeParser.parse(bytes, name: source.name, format: .matroskaChapters)
        if tree.externalDTD == Self.dtd { tree.externalDTD = nil }
        try tree.reportProblems(source: source, diagnostics: &diagnostics)
        var walk = MatroskaWalk(source: source, bytes: bytes)
        let root = tree.root
        guard root.localName == "Chapters", root.prefix == nil, root.namespaceURI == nil else {
            throw .error(
                "matroska-chapters.root", "expected a root element <Chapters>, found <\(root.qualifiedName)>",
                at: walk.location(root), format: .matroskaChapters)
        }
        var editions: [XMLTree.Element] = []
        for child in root.children {
            if child.localName == MatroskaElements.void { continue }
            guard child.localName == "EditionEntry" else { throw walk.unknown(child, in: root) }
            editions.append(child)
        }
        guard !editions.isEmpty else {
            throw .error(
                "matroska-chapters.no-edition", "expected an <EditionEntry> inside <Chapters>, found none",
                at: walk.location(root), format: .matroskaChapters)
        }
        // Every edition is checked as mkvmerge would; one is kept.
        var read: [(element: XMLTree.Element, edition: MatroskaWalk.Edition)] = []
        for edition in editions {
            read.append((edition, try walk.edition(edition, diagnostics: &diagnostics)))
        }
        let chosen = read.firstIndex { $0.edition.isDefault } ?? 0
        let others = read.indices.filter { $0 != chosen }
        if let first = others.first {
            let count = others.reduce(0) { $0 + read[$1].edition.chapters.count }
            diagnostics.report(.warning(
                "matroska-chapters.other-editions",
                "the file holds \(read.count) editions; read the \(read[chosen].edition.isDefault ? "default" : "first") one and left out \(others.count) other(s) with \(count) chapter(s), first here",
                at: walk.location(read[first].element), format: .matroskaChapters))
        }
        var timeline = Timeline()
        timeline.chapters = read[chosen].edition.chapters
        if !read[chosen].edition.fields.isEmpty { timeline.extras[.matroskaChapters] = read[chosen].edition.fields }
        try ChapterOrder.sortByStart(&timeline.chapters, format: .matroskaChapters, diagnostics: &diagnostics)
        walk.report(&diagnostics)
        return timeline
    }
}
