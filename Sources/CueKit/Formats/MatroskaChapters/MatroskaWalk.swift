/// The walk over the editions and atoms of one Matroska chapters file.
struct MatroskaWalk {
    let source: SourceText
    private let bytes: [UInt8]
    /// The offset of each line's first byte.
    private let lineStarts: [Int]
    private var rounded: (count: Int, first: SourceLocation?) = (0, nil)
    private var bare: (count: Int, first: SourceLocation?) = (0, nil)
    private var nested: (count: Int, first: SourceLocation?) = (0, nil)

    init(source: SourceText, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// One edition read: its chapters, flattened in document order, and its
    /// other elements as fields.
    struct Edition {
        var chapters: [Chapter] = []
        var fields = Fields()
        var isDefault = false
    }

    mutating func edition(_ element: XMLTree.Element, diagnostics: inout Diagnostics) throws(Diagnostic) -> Edition {
        var edition = Edition()
        for child in element.children {
            let name = child.localName
            if name == MatroskaElements.void { continue }
            guard MatroskaElements.edition.contains(name) else { throw unknown(child, in: element) }
            if name == "ChapterAtom" {
                try atom(child, level: 0, into: &edition.chapters, diagnostics: &diagnostics)
                continue
            }
            let value = try self.value(child)
            if name == "EditionFlagDefault", value.text == "1" { edition.isDefault = true }
            edition.fields.append(name, value)
        }
        return edition
    }

    private mutating func atom(
        _ element: XMLTree.Element, level: Int, into chapters: inout [Chapter], diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        var chapter = Chapter(location: location(element))
        var fields = Fields()
        var displays: [FieldValue] = []
        var displayAt: Int?
        var start: (time: Timestamp, element: XMLTree.Element)?
        var end: (time: Timestamp, element: XMLTree.Element)?
        var children: [XMLTree.Element] = []
        for child in element.children {
            let name = child.localName
            if name == MatroskaElements.void { continue }
            guard MatroskaElements.atom.contains(name) else { throw unknown(child, in: element) }
            switch name {
            case "ChapterAtom":
                children.append(child)
            case "ChapterTimeStart", "ChapterTimeEnd":
                guard (name == "ChapterTimeStart" ? start : end) == nil else { throw repeated(child, in: element) }
                let time = try self.time(child, diagnostics: &diagnostics)
                if name == "ChapterTimeStart" { start = (time, child) } else { end = (time, child) }
            case "ChapterFlagHidden":
                chapter.isInTableOfContents = try value(child).text != "1"
            case "ChapterDisplay":
                let display = try value(child)
                if displays.isEmpty {
                    displayAt = fields.count
                    if case .map(let parts) = display {
                        chapter.title = parts.first { MatroskaElements.titles.contains($0.key) }?.value.text
                    }
                }
                displays.append(display)
            default:
                if name == "ChapterUID", fields[MatroskaExtras.uid] != nil { throw repeated(child, in: element) }
                fields.append(name, try value(child))
            }
        }
        guard let start else {
            throw .error(
                "matroska-chapters.no-start",
                "expected a <ChapterTimeStart> in every <ChapterAtom>, found none in the chapter '\(chapter.title ?? "")'",
                at: location(element), format: .matroskaChapters)
        }
        chapter.start = start.time
        if let end {
            if end.time < start.time {
                try diagnostics.repair(.warning(
                    "matroska-chapters.end-before-start",
                    "expected <ChapterTimeEnd> at or after the start \(ChapterClock.string(start.time)), found \(ChapterClock.string(end.time)); the end is left out",
                    at: location(end.element), format: .matroskaChapters))
            } else {
                chapter.end = end.time
            }
        }
        if let displayAt { fields.entries.insert(Field(MatroskaExtras.display, .list(displays)), at: displayAt) }
        if level > 0 {
            fields.append(MatroskaExtras.level, .scalar(String(level)))
            nested.count += 1
            if nested.first == nil { nested.first = chapter.location }
        }
        if !fields.isEmpty { chapter.extras[.matroskaChapters] = fields }
        chapters.append(chapter)
        for child in children {
            try atom(child, level: level + 1, into: &chapters, diagnostics: &diagnostics)
        }
    }

    /// A chapter time, or a located error.
    private mutating func time(_ element: XMLTree.Element, diagnostics: inout Diagnostics) throws(Diagnostic) -> Timestamp {
        guard element.children.isEmpty else { throw malformed(element, expected: "a time such as 00:01:02.500000000") }
        switch ChapterClock.read(element.text) {
        case .clock(let milliseconds, let isRounded):
            if isRounded { count(&rounded, element) }
            return Timestamp(milliseconds: milliseconds)
        case .nanoseconds(let milliseconds, let isRounded):
            if isRounded { count(&rounded, element) }
            if bare.count == 0 {
                try diagnostics.repair(.warning(
                    "matroska-chapters.bare-nanoseconds",
                    "expected a time such as 00:01:02.500000000 in <\(element.localName)>, found the number '\(element.trimmedText.prefix(40))'; read as nanoseconds (mkvmerge refuses such times)",
                    at: location(element), format: .matroskaChapters))
            }
            count(&bare, element)
            return Timestamp(milliseconds: milliseconds)
        case .invalid:
            throw malformed(element, expected: "a time such as 00:01:02.500000000 (HH:MM:SS.nnnnnnnnn)")
        }
    }

    /// An element's value as a field value: the text of a leaf (checked for
    /// flags and UIDs), a map of the children of an element that has them.
    private func value(_ element: XMLTree.Element) throws(Diagnostic) -> FieldValue {
        let name = element.localName
        if let allowed = MatroskaElements.children[name] {
            var fields = Fields()
            for child in element.children {
                if child.localName == MatroskaElements.void { continue }
                guard allowed.contains(child.localName) else { throw unknown(child, in: element) }
                fields.append(child.localName, try value(child))
            }
            return .map(fields)
        }
        guard element.children.isEmpty else { throw unknown(element.children[0], in: element) }
        let text = element.trimmedText
        if MatroskaElements.flags.contains(name), text != "0", text != "1" {
            throw malformed(element, expected: "0 or 1")
        }
        if MatroskaElements.uids.contains(name), element.attributes.isEmpty, (UInt64(text) ?? 0) == 0 {
            throw malformed(element, expected: "a UID, a whole number from 1 to 18446744073709551615")
        }
        guard !element.attributes.isEmpty else { return .string(text) }
        var fields = Fields()
        for attribute in element.attributes { fields.append("@" + attribute.qualifiedName, .string(attribute.value)) }
        fields.append(MatroskaExtras.text, .string(text))
        return .map(fields)
    }

    /// `element` as it is, for keeping: a map of its children (in order, a
    /// name repeated as often as it is), a leaf's text, attributes as `@name`
    /// with the text as `#text`. `EBMLVoid` is left out.
    static func raw(_ element: XMLTree.Element) -> FieldValue {
        guard element.children.isEmpty else {
            var fields = Fields()
            for attribute in element.attributes { fields.append("@" + attribute.qualifiedName, .string(attribute.value)) }
            for child in element.children where child.localName != MatroskaElements.void {
                fields.append(child.localName, raw(child))
            }
            return .map(fields)
        }
        let text = element.trimmedText
        guard !element.attributes.isEmpty else { return .string(text) }
        var fields = Fields()
        for attribute in element.attributes { fields.append("@" + attribute.qualifiedName, .string(attribute.value)) }
        fields.append(MatroskaExtras.text, .string(text))
        return .map(fields)
    }

    private func count(_ counter: inout (count: Int, first: SourceLocation?), _ element: XMLTree.Element) {
        counter.count += 1
        if counter.first == nil { counter.first = location(element) }
    }

    /// The notes and warnings gathered on the way.
    func report(_ diagnostics: inout Diagnostics) {
        if nested.count > 0 {
            diagnostics.report(.warning(
                "matroska-chapters.nested",
                "\(nested.count) chapter(s) are nested in another chapter; read as chapters of their own after their parent, first here (writing Matroska chapters nests them again)",
                at: nested.first, format: .matroskaChapters))
        }
        if bare.count > 1 {
            diagnostics.report(.note(
                "matroska-chapters.bare-nanoseconds-count", "\(bare.count) times in all were bare numbers of nanoseconds",
                at: bare.first, format: .matroskaChapters))
        }
        if rounded.count > 0 {
            diagnostics.report(.note(
                "matroska-chapters.sub-millisecond",
                "\(rounded.count) time(s) are finer than a millisecond; rounded to the nearest millisecond, first here",
                at: rounded.first, format: .matroskaChapters))
        }
    }

    // MARK: Errors and locations

    func unknown(_ element: XMLTree.Element, in parent: XMLTree.Element) -> Diagnostic {
        .error(
            "matroska-chapters.unknown-element",
            "expected only Matroska chapter elements inside <\(parent.qualifiedName)>, found <\(element.qualifiedName)>",
            at: location(element), format: .matroskaChapters)
    }

    private func repeated(_ element: XMLTree.Element, in parent: XMLTree.Element) -> Diagnostic {
        .error(
            "matroska-chapters.repeated-element",
            "expected one <\(element.localName)> in <\(parent.localName)>, found another",
            at: location(element), format: .matroskaChapters)
    }

    private func malformed(_ element: XMLTree.Element, expected: String) -> Diagnostic {
        .error(
            "matroska-chapters.malformed",
            "expected \(expected) in <\(element.localName)>, found '\(element.trimmedText.prefix(40))'",
            at: location(element), format: .matroskaChapters)
    }

    /// Where `element`'s start tag is: its line, and the column of the
    /// first `<name` on that line (1 when not found there).
    func location(_ element: XMLTree.Element) -> SourceLocation {
        guard element.line >= 1, element.line <= lineStarts.count else { return source.location(line: element.line) }
        let lineStart = lineStarts[element.line - 1]
        let lineEnd = element.line < lineStarts.count ? lineStarts[element.line] : bytes.count
        let tag = Array(("<" + element.qualifiedName).utf8)
        var column = 1
        // On a very long line (a file without line breaks) the first match
        // need not be this element: the column is left at 1.
        if lineEnd - lineStart <= 1 << 16, let range = bytes[lineStart..<lineEnd].firstRange(of: tag) {
            column = String(decoding: bytes[lineStart..<range.lowerBound], as: UTF8.self).unicodeScalars.count + 1
        }
        return source.location(line: element.line, column: column)
    }
}
