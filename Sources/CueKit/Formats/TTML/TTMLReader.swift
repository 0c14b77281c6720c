/// Reads TTML, IMSC and DFXP documents: one cue per `<p>` (or per change of
/// its content, see `TTMLParagraph`), times resolved through time
/// containment (`TTMLBodyWalker`), `<br/>` as line breaks, italic, bold and
/// underline (inline or through `<style>`) as spans, `ttm:agent` as the
/// speaker, `xml:lang` as the `language` metadata; regions and other
/// styling kept in `extras[.ttml]` (see `TTMLExtras`). Cues come in start order.
public struct TTMLReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        var bytes = source.bytes
        try Self.blankLateDeclaration(&bytes, source: source, diagnostics: &diagnostics)
        let tree = try XMLTreeParser.parse(bytes, name: source.name, format: .ttml)
        try tree.reportProblems(source: source, diagnostics: &diagnostics)
        let root = tree.root
        guard root.isTTML("tt") else {
            let found = root.namespaceURI.map { "<\(root.qualifiedName)> in namespace \($0)" } ?? "<\(root.qualifiedName)>"
            throw .error(
                "ttml.root", "expected a root <tt> in the namespace \(TTMLNamespace.ttml), found \(found)",
                at: source.location(line: root.line), format: .ttml)
        }
        let parameters: TTMLTimingParameters
        switch TTMLTimingParameters.read(root) {
        case .success(let read): parameters = read
        case .failure(let problem):
            throw .error(
                "ttml.parameter", problem.message,
                at: XMLElementLocation.locate(path: [], attribute: problem.attribute, root: root, source: source)
                    ?? source.location(line: root.line),
                format: .ttml)
        }
        if let base = root.ttmlAttribute(.parameter, "timeBase")?.trimmingXMLWhitespace(), base != "media" {
            diagnostics.report(.warning(
                "ttml.time-base",
                "expected ttp:timeBase=\"media\", found '\(base)'; its times are read as media times",
                at: XMLElementLocation.locate(path: [], attribute: "ttp:timeBase", root: root, source: source), format: .ttml))
        }
        let language = root.xmlAttribute("lang")?.trimmingXMLWhitespace() ?? ""
        var walker = TTMLBodyWalker(tree: tree, source: source, parameters: parameters, head: TTMLHead(), language: language)
        walker.head = try TTMLHead.read(root) { (element, path) throws(Diagnostic) in try walker.times(element, path) }
        Self.reportStyleLoops(&walker.head, root: root, source: source, diagnostics: &diagnostics)
        let context = TTMLBodyWalker.Context(syncBase: 0, limit: nil, language: language)
        for (index, child) in root.children.enumerated() where child.isTTML("body") {
            _ = try walker.container(child, [index], context)
        }
        try walker.report(&diagnostics)
        return timeline(walker, root: root, language: language, diagnostics: &diagnostics)
    }

    private func timeline(
        _ walker: TTMLBodyWalker, root: XMLTree.Element, language: String, diagnostics: inout Diagnostics
    ) -> Timeline {
        var timeline = Timeline()
        // One language for every cue, other than the document's: the document's.
        let languages = Set(walker.cues.map(\.language))
        var documentLanguage = language
        if languages.count == 1, let only = languages.first, !only.isEmpty { documentLanguage = only }
        if !documentLanguage.isEmpty { timeline.metadata.append("language", .string(documentLanguage)) }
        timeline.metadata.entries += walker.head.metadata.entries
        var cues = walker.cues.map { item in
            var cue = item.cue
            if item.language != documentLanguage, !item.language.isEmpty {
                cue.text = [.element(SpanElement(.language(item.language), children: cue.text))]
            }
            return cue
        }
        // Stable: cues that start together keep document order.
        cues = cues.enumerated().sorted {
            ($0.element.start ?? .zero, $0.offset) < ($1.element.start ?? .zero, $1.offset)
        }.map(\.element)
        timeline.cues = cues
        if cues.isEmpty {
            diagnostics.report(.warning("ttml.no-cues", "expected at least one <p> with text, found none; the timeline has no cues", format: .ttml))
        }

        var extras = Fields()
        var rootFields = Fields()
        for attribute in root.attributes {
            let kind = TTMLNamespace.kind(of: attribute.namespaceURI)
            if kind == .styling {
                rootFields.append("tts:" + attribute.localName, .string(attribute.value))
            } else if kind == .parameter, attribute.localName == "cellResolution" || attribute.localName == "pixelAspectRatio" {
                rootFields.append("ttp:" + attribute.localName, .string(attribute.value))
            }
        }
        if !rootFields.isEmpty { extras.append(TTMLExtras.root, .map(rootFields)) }
        var styles: [FieldValue] = walker.head.styles.styles.map { style in
            var fields: Fields = [Field("xml:id", .string(style.id))]
            if !style.references.isEmpty { fields.append("style", .string(style.references.joined(separator: " "))) }
            fields.entries += style.own.fields.entries
            return .map(fields)
        }
        styles += walker.inlineStyles.map { .map(Fields([Field("xml:id", .string($0.id))] + $0.style.fields.entries)) }
        if !styles.isEmpty { extras.append(TTMLExtras.styles, .list(styles)) }
        // An empty list says the document declared no region (TTML's default
        // region then holds the text), so that a TTML writer adds none.
        let regions: [FieldValue] = walker.head.regions.map { .map(Fields([Field("xml:id", .string($0.id))] + $0.fields.entries)) }
        extras.append(TTMLExtras.regions, .list(regions))
        if !extras.isEmpty { timeline.extras[.ttml] = extras }
        return timeline
    }

    /// A style that references itself, through others or directly: the
    /// reference closing the loop is ignored, with a warning at the first
    /// style in it.
    static func reportStyleLoops(_ head: inout TTMLHead, root: XMLTree.Element, source: SourceText, diagnostics: inout Diagnostics) {
        var looping: [String] = []
        for style in head.styles.styles {
            _ = head.styles.resolved(style.id) { id in if !looping.contains(id) { looping.append(id) } }
        }
        guard let first = looping.first, let style = head.styles.styles.first(where: { $0.id == first }) else { return }
        diagnostics.report(.warning(
            "ttml.style-loop",
            "expected style references without a loop, found style(s) \(looping.map { "'\($0)'" }.joined(separator: ", ")) referencing themselves through others; the reference closing each loop is ignored",
            at: XMLElementLocation.locate(path: style.path, attribute: "style", root: root, source: source),
            format: .ttml))
    }

    /// Milliseconds from nanoseconds, rounded half away from zero.
    static func milliseconds(_ nanoseconds: Int64) -> Int64 {
        nanoseconds >= 0 ? (nanoseconds + 500_000) / 1_000_000 : -((-nanoseconds + 500_000) / 1_000_000)
    }

    /// An XML declaration after white space (`\n<?xml …?>`), which XML does
    /// not allow and pycaption's DFXP files have, is blanked out (its bytes
    /// made spaces, so lines and columns stay) as a repair.
    static func blankLateDeclaration(_ bytes: inout [UInt8], source: SourceText, diagnostics: inout Diagnostics) throws(Diagnostic) {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
        guard index > 0, index + 6 <= bytes.count, bytes[index..<index + 5].elementsEqual("<?xml".utf8),
              [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index + 5]) else { return }
        let (line, column) = TextDecoding.lineAndColumn(ofByte: index, in: bytes)
        try diagnostics.repair(.warning(
            "ttml.late-declaration",
            "expected the XML declaration at the very start of the file, found white space before it; read without the declaration (its encoding is not used: the bytes are read as decoded)",
            at: source.location(line: line, column: column), format: .ttml))
        var end = index + 5
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) { end += 1 }
        guard end + 1 < bytes.count else { return }
        for position in index...(end + 1) where bytes[position] != 0x0A && bytes[position] != 0x0D { bytes[position] = 0x20 }
    }
}

extension TTMLBodyWalker {
    /// Reports what the walk counted: short clock hours (a repair),
    /// references to undeclared ids, paragraphs never shown, open ends.
    func report(_ diagnostics: inout Diagnostics) throws(Diagnostic) {
        if let (count, first) = shortHours {
            try diagnostics.repair(.warning(
                "ttml.short-hours",
                "expected clock times with at least two digits of hours (00:00:02.070), found \(count) with one (first here); read as written",
                at: first, format: .ttml))
        }
        if head.recased > 0 {
            try diagnostics.repair(.warning(
                "ttml.style-case",
                "expected TTML style attribute names (tts:fontStyle), found \(head.recased) in another case (such as tts:fontstyle); read as the TTML names",
                format: .ttml))
        }
        if spacedStyleIDs > 0 {
            try diagnostics.repair(.warning(
                "ttml.style-id-space",
                "expected style references separated by spaces, found \(spacedStyleIDs) style attribute(s) naming one style whose id holds a space (such as style=\"My Italic\"); read as that style",
                format: .ttml))
        }
        for (key, seen) in unknownReferences.sorted(by: { $0.key < $1.key }) {
            diagnostics.report(.warning(
                "ttml.unknown-reference",
                "expected a declared \(key.split(separator: " ").first ?? ""), found a reference to \(key) that nothing declares (\(seen.count) time(s), first here); ignored",
                at: seen.first, format: .ttml))
        }
        if let (count, first) = neverShown {
            diagnostics.report(.note(
                "ttml.never-shown",
                "\(count) paragraph(s) with text are never shown (their time is empty after time containment, or tts:display is none; first here) and make no cue",
                at: first, format: .ttml))
        }
        if let (count, first) = openEnds {
            diagnostics.report(.warning(
                "ttml.open-end",
                "\(count) cue(s) have no end (no end or dur on them or around them; TTML shows them to the end of the document, first here); their ends are left to time inference",
                at: first, format: .ttml))
        }
    }
}
