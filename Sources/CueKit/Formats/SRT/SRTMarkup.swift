/// Reads SRT cue text markup into spans, the way players read it.
///
/// - `<i>`, `<b>`, `<u>` (any case) and the `{i}`/`{b}`/`{u}` variants become
///   italic, bold and underline spans; `<br>` a line break.
/// - `<font color=…>` becomes a class span (see `ColorClass`); its other
///   attributes (`size`, `face`) and a `<font>` without a colour map to nothing.
/// - The first `{\anN}` (N 1–9) is the cue's position (see `NumpadPosition`).
/// - Tags that map to nothing (`<s>`, unknown tags, closing tags that close
///   nothing, further `{\anN}`, other `{\…}` override blocks and MicroDVD
///   `{y:…}` codes) are removed from the text, as FFmpeg does; the reader keeps
///   the cue's text as written for SRT output (see `SRTReader`).
/// - A `<` or `{` that does not start a tag is text (`2<3`, `{normal text}`).
/// - A closing tag closes the innermost open tag of its name and any open
///   inside it; tags still open at the end of the cue close there.
/// - Tags nested deeper than `SpanBuilder.maximumDepth` are ignored (their
///   text is kept), so hostile input cannot build spans nested thousands deep.
enum SRTMarkup {
    /// Cue text read from markup.
    struct Parsed: Equatable {
        var spans: [Span]
        /// The `{\anN}` number, when one was given.
        var alignment: Int?
        /// Opening tags ignored for being nested too deep: how many, and the
        /// offset of the first.
        var tooDeep: (count: Int, firstOffset: Int)?
        /// Whether the only tags were `<i>`, `<b>` and `<u>` as `SRTText`
        /// writes them, each closed in order: then the text renders back
        /// exactly as written, and need not be rendered to find out.
        var rendersAsWritten = false

        static func == (lhs: Parsed, rhs: Parsed) -> Bool {
            lhs.spans == rhs.spans && lhs.alignment == rhs.alignment
                && lhs.tooDeep?.count == rhs.tooDeep?.count && lhs.tooDeep?.firstOffset == rhs.tooDeep?.firstOffset
        }
    }

    /// Whether `bytes[start..<end]` holds a `<` or `{`, the bytes that can
    /// start markup. Text without them is plain.
    static func mayHaveMarkup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        ByteSearch.firstIndex(ofAny: 0x3C, 0x7B, in: bytes, from: start, to: end) < end
    }

    /// Parses cue text whose lines are separated by LF.
    static func parse(_ text: String) -> Parsed {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Parses cue text whose lines are separated by LF.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        var builder = SpanBuilder()
        var alignment: Int?
        var rendersAsWritten = true
        var textStart = 0
        var index = 0
        let count = bytes.count
        func flush(_ end: Int) {
            if end > textStart { builder.text(bytes.utf8String(textStart, end)) }
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                flush(index)
                builder.lineBreak()
                index += 1
                textStart = index
            } else if byte == 0x3C, let tag = Tag.scanAngle(bytes, at: index) {
                flush(index)
                if rendersAsWritten {
                    rendersAsWritten = tag.isWrittenAsRendered && !(tag.isClosing && builder.innermostName != tag.name)
                }
                apply(tag, at: index, to: &builder)
                index = tag.end
                textStart = index
            } else if byte == 0x7B, let tag = Tag.scanBrace(bytes, at: index) {
                flush(index)
                rendersAsWritten = false
                if case .alignment(let number) = tag.kind {
                    if alignment == nil { alignment = number }
                } else {
                    apply(tag, at: index, to: &builder)
                }
                index = tag.end
                textStart = index
            } else {
                index += 1
            }
        }
        flush(count)
        rendersAsWritten = rendersAsWritten && builder.innermostName == nil && builder.tooDeep == nil
        var parsed = Parsed(spans: builder.finish(), alignment: alignment, tooDeep: builder.tooDeep)
        parsed.rendersAsWritten = rendersAsWritten
        return parsed
    }

    private static func apply(_ tag: Tag, at offset: Int, to builder: inout SpanBuilder) {
        switch tag.kind {
        case .open(let name, let colour):
            guard builder.canOpen else {
                builder.ignoreTooDeep(at: offset)
                return
            }
            switch name {
            case "i": builder.open(name, SpanElement(.italic, children: []))
            case "b": builder.open(name, SpanElement(.bold, children: []))
            case "u": builder.open(name, SpanElement(.underline, children: []))
            case "font": builder.open(name, colour.map { SpanElement(.class, classes: [$0], children: []) })
            case "br": builder.lineBreak()
            default: builder.open(name, nil)
            }
        case .close(let name):
            builder.close(name)
        case .alignment, .ignored:
            break
        }
    }
}

/// One tag found in cue text.
private struct Tag {
    enum Kind {
        /// An opening tag; for `font`, the colour class.
        case open(String, colour: String?)
        case close(String)
        case alignment(Int)
        /// Markup that maps to nothing and is removed.
        case ignored
    }

    var kind: Kind
    /// Offset just past the tag.
    var end: Int
    /// Whether the tag is `<i>`, `</i>`, `<b>`, `</b>`, `<u>` or `</u>`
    /// exactly, as `SRTText` writes it.
    var isWrittenAsRendered = false

    var isClosing: Bool {
        if case .close = kind { return true }
        return false
    }

    /// The name of an opening or closing tag.
    var name: String? {
        switch kind {
        case .open(let name, _), .close(let name): return name
        case .alignment, .ignored: return nil
        }
    }

    /// `<name …>` or `</name>` on one line, the name starting with a letter.
    static func scanAngle(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Tag? {
        var index = start + 1
        let count = bytes.count
        var closing = false
        if index < count && bytes[index] == 0x2F {
            closing = true
            index += 1
        }
        guard index < count, isLetter(bytes[index]) else { return nil }
        let nameStart = index
        while index < count, isNameByte(bytes[index]) { index += 1 }
        let nameEnd = index
        while index < count && bytes[index] != 0x3E {
            if bytes[index] == 0x0A || bytes[index] == 0x3C { return nil }
            index += 1
        }
        guard index < count else { return nil }
        let name = knownName(bytes, from: nameStart, to: nameEnd) ?? bytes.utf8String(nameStart, nameEnd).lowercased()
        // `<i>`: a lowercase one-letter name, nothing after it.
        let isWrittenAsRendered = nameEnd - nameStart == 1 && index == nameEnd && bytes[nameStart] >= 0x61
            && (name == "i" || name == "b" || name == "u")
        if closing { return Tag(kind: .close(name), end: index + 1, isWrittenAsRendered: isWrittenAsRendered) }
        var colour: String?
        if name == "font" {
            colour = attribute("color", in: bytes, from: nameEnd, to: index).flatMap(ColorClass.className(forFontColor:))
        }
        return Tag(kind: .open(name, colour: colour), end: index + 1, isWrittenAsRendered: isWrittenAsRendered)
    }

    /// The lowercase name of a tag `SRTMarkup` reads, in any case, without
    /// making a string; nil for another name.
    private static func knownName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        func lowercase(_ offset: Int) -> UInt8 { bytes[start + offset] | 0x20 }
        switch end - start {
        case 1:
            switch lowercase(0) {
            case 0x69: return "i"
            case 0x62: return "b"
            case 0x75: return "u"
            default: return nil
            }
        case 2:
            return lowercase(0) == 0x62 && lowercase(1) == 0x72 ? "br" : nil
        case 4:
            return lowercase(0) == 0x66 && lowercase(1) == 0x6F && lowercase(2) == 0x6E && lowercase(3) == 0x74 ? "font" : nil
        default:
            return nil
        }
    }

    /// `{\anN}`, `{\…}`, `{b}` `{/b}` `{i}` `{/i}` `{u}` `{/u}`, or a MicroDVD
    /// `{x:…}` code, on one line.
    static func scanBrace(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Tag? {
        let count = bytes.count
        var close = start + 1
        while close < count && bytes[close] != 0x7D {
            if bytes[close] == 0x0A || bytes[close] == 0x7B { return nil }
            close += 1
        }
        guard close < count else { return nil }
        let inner = start + 1
        let length = close - inner
        guard length > 0 else { return nil }
        let first = bytes[inner]
        if first == 0x5C {  // backslash: an ASS override block
            if length == 4, bytes[inner + 1] == 0x61, bytes[inner + 2] == 0x6E, bytes[inner + 3] &- 0x31 < 9 {
                return Tag(kind: .alignment(Int(bytes[inner + 3] &- 0x30)), end: close + 1)
            }
            return Tag(kind: .ignored, end: close + 1)
        }
        if length == 1 || (length == 2 && first == 0x2F) {
            let letter = bytes[close - 1] | 0x20
            guard letter == 0x62 || letter == 0x69 || letter == 0x75 else { return nil }
            let name = String(UnicodeScalar(letter))
            return Tag(kind: length == 1 ? .open(name, colour: nil) : .close(name), end: close + 1)
        }
        if length >= 2, isLetter(first), bytes[inner + 1] == 0x3A {
            return Tag(kind: .ignored, end: close + 1)
        }
        return nil
    }

    /// The value of attribute `name` in `bytes[start..<end]` (quoted or not).
    private static func attribute(_ name: String, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String? {
        let text = bytes.utf8String(start, end)
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].split(whereSeparator: { $0 == " " || $0 == "\t" }).last.map { $0.lowercased() }
            var value = rest[rest.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            var found: Substring
            if let quote = value.first, quote == "\"" || quote == "'" {
                value = value.dropFirst()
                let close = value.firstIndex(of: quote) ?? value.endIndex
                found = value[..<close]
                rest = close < value.endIndex ? value[value.index(after: close)...] : value[close...]
            } else {
                let stop = value.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? value.endIndex
                found = value[..<stop]
                rest = value[stop...]
            }
            if key == name { return String(found) }
            if found.isEmpty && rest.isEmpty { break }
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte &- 0x30 < 10 || byte == 0x5F || byte == 0x2D
    }
}
