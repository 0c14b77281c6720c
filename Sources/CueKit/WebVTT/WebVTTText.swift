/// WebVTT cue text rendering and escaping, shared by the caption and the
/// chapters writers.
enum WebVTTText {
    /// What rendering had to leave out, for the writer's warnings.
    struct Losses {
        /// Classes that cannot be written (empty, or with whitespace, `.` or `>`).
        var classes = 0
    }

    /// Appends spans as WebVTT cue text: text escaped, line breaks as line
    /// ends, elements as tags with their classes and annotations, every
    /// element closed.
    static func append(_ spans: [Span], to out: inout TextOutput, losses: inout Losses) {
        for span in spans {
            switch span {
            case .text(let text): appendEscaped(text, to: &out)
            case .lineBreak: out.newline()
            case .timestamp(let time):
                out.append(byte: UInt8(ascii: "<"))
                out.append(Timestamp(milliseconds: max(0, time.milliseconds)), style: .vtt)
                out.append(byte: UInt8(ascii: ">"))
            case .element(let element):
                let tag: StaticString
                var annotation: String?
                switch element.kind {
                case .italic: tag = "i"
                case .bold: tag = "b"
                case .underline: tag = "u"
                case .class: tag = "c"
                case .ruby: tag = "ruby"
                case .rubyText: tag = "rt"
                case .voice(let name): tag = "v"; annotation = name
                case .language(let code): tag = "lang"; annotation = code
                }
                appendStartTag(tag, classes: element.classes, annotation: annotation, to: &out, losses: &losses)
                append(element.children, to: &out, losses: &losses)
                out.append("</")
                out.append(tag)
                out.append(byte: UInt8(ascii: ">"))
            }
        }
    }

    /// Appends `<tag.class1.class2 annotation>`.
    static func appendStartTag(
        _ tag: StaticString, classes: [String], annotation: String?, to out: inout TextOutput, losses: inout Losses
    ) {
        out.append(byte: UInt8(ascii: "<"))
        out.append(tag)
        for name in classes {
            guard isWritableClass(name) else {
                losses.classes += 1
                continue
            }
            out.append(byte: UInt8(ascii: "."))
            out.append(name)
        }
        if let annotation {
            let text = self.annotation(annotation)
            if !text.isEmpty {
                out.append(byte: 0x20)
                out.append(text)
            }
        }
        // A class or name ending in `--` would make `-->` with the closing
        // `>`, which ends the cue: a space there is read as nothing.
        if out.byte(fromEnd: 0) == UInt8(ascii: "-"), out.byte(fromEnd: 1) == UInt8(ascii: "-") {
            out.append(byte: 0x20)
        }
        out.append(byte: UInt8(ascii: ">"))
    }

    /// Whether a class name survives a round trip: not empty, and without
    /// whitespace, `.` or `>`.
    static func isWritableClass(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains { byte in
            byte == UInt8(ascii: ".") || byte == UInt8(ascii: ">") || WebVTTParser.isASCIIWhitespace(byte)
        }
    }

    /// `spans` without what would write an empty line (which ends a cue):
    /// a line break with nothing written since the last one, a trailing line
    /// break, an empty text; and whether anything was removed. Lines of only
    /// spaces are kept: they do not end a WebVTT cue. `firstLineHasOutput` is
    /// true when something (a `<v Name>` tag) precedes the spans.
    static func withoutEmptyLines(_ spans: [Span], firstLineHasOutput: Bool) -> (spans: [Span], changed: Bool) {
        guard spans.mayWriteEmptyLine else { return (spans, false) }
        var lineHasOutput = firstLineHasOutput
        var changed = false
        var result = cleaned(spans, lineHasOutput: &lineHasOutput, changed: &changed)
        if result.last == .lineBreak {
            result.removeLast()
            changed = true
        }
        return (result, changed)
    }

    private static func cleaned(_ spans: [Span], lineHasOutput: inout Bool, changed: inout Bool) -> [Span] {
        var result: [Span] = []
        result.reserveCapacity(spans.count)
        for span in spans {
            switch span {
            case .lineBreak:
                if lineHasOutput {
                    result.append(.lineBreak)
                    lineHasOutput = false
                } else {
                    changed = true
                }
            case .text(let text) where text.isEmpty:
                changed = true
            case .text, .timestamp:
                result.append(span)
                lineHasOutput = true
            case .element(var element):
                lineHasOutput = true
                element.children = cleaned(element.children, lineHasOutput: &lineHasOutput, changed: &changed)
                lineHasOutput = true
                result.append(.element(element))
            }
        }
        return result
    }

    /// Escapes `&`, `<` and `>` (so `-->` cannot appear in cue text).
    static func appendEscaped(_ text: String, to out: inout TextOutput) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    /// Escapes `&`, `<` and `>` in UTF-8 `bytes`; with `keepingTags`,
    /// every `<` starts a tag, which is kept as it stands (SRT's `<i>`,
    /// `<b>` and `<u>` tags, see `SourceLines.hasTags`).
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, keepingTags: Bool = false, to out: inout TextOutput) {
        var runStart = 0
        while true {
            let index = ByteSearch.firstIndex(ofAny: UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), in: bytes, from: runStart, to: bytes.count)
            if keepingTags && index < bytes.count && bytes[index] == UInt8(ascii: "<") {
                let tagEnd = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index, to: bytes.count) + 1
                out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<tagEnd]))
                runStart = tagEnd
                continue
            }
            out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            guard index < bytes.count else { return }
            switch bytes[index] {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "<"): out.append("&lt;")
            default: out.append("&gt;")
            }
            runStart = index + 1
        }
    }

    /// A voice or language annotation as the parser will read it back:
    /// whitespace runs collapsed to one space, trimmed, `&`, `<` and `>` escaped.
    static func annotation(_ text: String) -> String {
        if isPlainAnnotation(text) { return text }
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isASCII, let byte = character.asciiValue, WebVTTParser.isASCIIWhitespace(byte) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result += " "
                pendingSpace = false
            }
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Whether an annotation reads back as written: no `&`, `<`, `>`, no
    /// whitespace but single spaces between words.
    private static func isPlainAnnotation(_ text: String) -> Bool {
        var previousWasSpace = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x09, 0x0A, 0x0C, 0x0D:
                return false
            case 0x20:
                if previousWasSpace { return false }
                previousWasSpace = true
            default:
                previousWasSpace = false
            }
        }
        return !previousWasSpace
    }

    /// A cue identifier on one line, without `-->` (which would make the
    /// identifier line a timing line).
    static func identifier(_ id: String) -> String {
        if !id.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: ">") }) { return id }
        var result = ""
        for character in id {
            if character == "\n" || character == "\r" || character == "\r\n" {
                result += " "
            } else if character == ">", result.hasSuffix("--") {
                result += " >"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension Array where Element == Span {
    /// Whether writing the spans could give an empty line: they hold a line
    /// break or an empty text somewhere.
    var mayWriteEmptyLine: Bool {
        contains { span in
            switch span {
            case .lineBreak: return true
            case .text(let text): return text.isEmpty
            case .timestamp: return false
            case .element(let element): return element.children.mayWriteEmptyLine
            }
        }
    }
}
