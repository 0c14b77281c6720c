/// Reads a Podlove Simple Chapters file: a root `<psc:chapters>` (any
/// prefix; the namespace is matched by URI, with its variants) holding
/// `<psc:chapter start title href image>` elements.
public struct PSCReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let tree = try XMLTreeParser.parse(source.bytes, name: source.name, format: .psc)
        try tree.reportProblems(source: source, diagnostics: &diagnostics)
        let root = tree.root
        guard root.is(.psc, "chapters") else {
            let found = root.namespaceURI.map { "<\(root.qualifiedName)> in namespace \($0)" } ?? "<\(root.qualifiedName)>"
            throw .error(
                "psc.root",
                "expected a root <psc:chapters> in the namespace \(FeedNamespace.psc.uri), found \(found)",
                at: source.location(line: root.line), format: .psc)
        }
        var timeline = Timeline()
        let (chapters, version) = try PSCChapters.read(root, source: source, diagnostics: &diagnostics)
        timeline.chapters = chapters
        if let version { timeline.extras[.psc] = [Field(PSCChapters.versionKey, .string(version))] }
        return timeline
    }
}
