/// Reads Matroska chapters XML as mkvmerge takes it (`--chapters`) and
/// mkvextract writes it: a root `<Chapters>` holding `<EditionEntry>`
/// elements of `<ChapterAtom>`s (see Formats/matroska-chapters.md).
///
/// - One edition is read: the first with `EditionFlagDefault` 1, else the
///   first. The others are checked, kept whole in the timeline's extras
///   (written back by the Matroska writer, after the one read) and not read
///   as chapters, with one warning.
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
        // The default edition is read; every other one is checked as
        // mkvmerge would (on a walk of its own, whose notes are not given)
        // and kept as it is for writing Matroska chapters again.
        let chosen = editions.firstIndex { edition in
            edition.children.contains { $0.localName == "EditionFlagDefault" && $0.trimmedText == "1" }
        } ?? 0
        var others: [FieldValue] = []
        var otherChapters = 0
        for (index, edition) in editions.enumerated() where index != chosen {
            var scratch = Diagnostics(strict: diagnostics.isStrict)
            var check = MatroskaWalk(source: source, bytes: bytes)
            otherChapters += try check.edition(edition, diagnostics: &scratch).chapters.count
            others.append(MatroskaWalk.raw(edition))
        }
        let read = try walk.edition(editions[chosen], diagnostics: &diagnostics)
        var timeline = Timeline()
        timeline.chapters = read.chapters
        var fields = read.fields
        if !others.isEmpty {
            fields.append(MatroskaExtras.otherEditions, .list(others))
            let first = editions.indices.first { $0 != chosen }!
            diagnostics.report(.warning(
                "matroska-chapters.other-editions",
                "the file holds \(editions.count) editions; read the \(read.isDefault ? "default" : "first") one, and kept the \(others.count) other(s) with \(otherChapters) chapter(s) only for writing Matroska chapters again, first here",
                at: walk.location(editions[first]), format: .matroskaChapters))
        }
        if !fields.isEmpty { timeline.extras[.matroskaChapters] = fields }
        try ChapterOrder.sortByStart(&timeline.chapters, format: .matroskaChapters, diagnostics: &diagnostics)
        walk.report(&diagnostics)
        return timeline
    }
}
