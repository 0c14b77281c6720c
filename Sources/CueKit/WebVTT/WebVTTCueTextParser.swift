/// The WebVTT cue text parsing rules: cue text to the timeline's span tree.
///
/// Follows the spec's tokenizer (data, tag, start tag, class, annotation,
/// end tag and timestamp states, HTML character references) and tree
/// building (`c`, `i`, `b`, `u`, `ruby`, `rt` inside ruby, `v`, `lang`,
/// timestamp tags; mismatched end tags and unknown tags are ignored).
/// Line feeds in text become `.lineBreak`; adjacent text is merged.
///
/// One parser is reused for every cue of a file: its buffers keep their
/// capacity, so a cue costs little beyond the spans it returns.
struct WebVTTCueTextParser {
    /// Start tags nested deeper than this are ignored, so that hostile input
    /// cannot build a tree too deep to walk.
    static let maximumDepth = 64

    /// Markup the spec's parser ignores, counted for one diagnostic per file.
    struct Ignored {
        var count = 0
        /// Byte offset (in the parsed text) and description of the first.
        var first: (offset: Int, what: String)?
    }

    private struct Frame {
        /// Nil for the root list.
        var kind: SpanElement.Kind?
        var classes: [String]
        var children: [Span]
    }

    private enum Token {
        case startTag
        case endTag
        case timestamp
    }

    private var text: [UInt8] = []
    private var stack: [Frame] = []
    private var tagName: [UInt8] = []
    /// The bytes of the current tag's classes, one after another, and where each ends.
    private var classBuffer: [UInt8] = []
    private var classEnds: [Int] = []
    private var annotation: [UInt8] = []
    private var hasAnnotation = false
    private(set) var ignored = Ignored()
    private(set) var tooDeep = Ignored()

    init() {}

    /// Forgets the ignored-markup counts (between files).
    mutating func resetCounts() {
        ignored = Ignored()
        tooDeep = Ignored()
    }

    /// Whether `bytes` is plain text: no tag, no character reference, no NUL.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.firstIndex(ofAny: UInt8(ascii: "<"), UInt8(ascii: "&"), 0, in: bytes, from: 0, to: bytes.count) == bytes.count
    }

    /// Spans for plain text (see `isPlain`): lines as `.text`, `.lineBreak` between.
    static func plainSpans(_ bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        let firstBreak = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: 0, to: bytes.count)
        if firstBreak == bytes.count {
            return bytes.isEmpty ? [] : [.text(String(decoding: bytes, as: UTF8.self))]
        }
        var spans: [Span] = []
        appendPlainSpans(bytes, firstBreak: firstBreak, to: &spans)
        return spans
    }

    /// Appends the spans of plain text to `spans`; `firstBreak` is the index
    /// of the first line feed (or `bytes.count`).
    static func appendPlainSpans(_ bytes: UnsafeBufferPointer<UInt8>, firstBreak: Int, to spans: inout [Span]) {
        var breaks = 0
        var index = firstBreak
        while index < bytes.count {
            breaks += 1
            index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: index + 1, to: bytes.count)
        }
        spans.reserveCapacity(spans.count + 2 * breaks + 1)
        var lineStart = 0
        var lineEnd = firstBreak
        while true {
            if lineEnd > lineStart {
                spans.append(.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)))
            }
            if lineEnd == bytes.count { break }
            spans.append(.lineBreak)
            lineStart = lineEnd + 1
            lineEnd = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: lineStart, to: bytes.count)
        }
    }

    /// Parses cue text (line feeds as line terminators) into spans.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        if Self.isPlain(bytes) { return Self.plainSpans(bytes) }
        text.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        stack.append(Frame(kind: nil, classes: [], children: []))
        var index = 0
        let count = bytes.count
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "&"):
                index = WebVTTCharacterReference.consume(bytes, at: index + 1, additionalAllowed: nil, into: &text)
            case UInt8(ascii: "<"):
                // Text is flushed only when a tag changes the tree, so text
                // around an ignored tag stays one piece.
                let tagStart = index
                index = tag(bytes, at: index + 1, tagStart: tagStart)
            case 0:
                WebVTTCharacterReference.append("\u{FFFD}", to: &text)
                index += 1
            default:
                var end = index + 1
                while end < count {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == 0 { break }
                    end += 1
                }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
        }
        flushText()
        while stack.count > 1 { closeCurrent() }
        let result = stack[0].children
        stack[0].children = []
        return result
    }

    // MARK: Tokenizer

    /// Reads one tag from `bytes[index...]` (after its `<`) and applies it;
    /// returns the index after the tag.
    private mutating func tag(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, tagStart: Int) -> Int {
        enum State { case tag, startTag, startTagClass, annotation, endTag, timestamp }
        var state = State.tag
        tagName.removeAll(keepingCapacity: true)
        classBuffer.removeAll(keepingCapacity: true)
        classEnds.removeAll(keepingCapacity: true)
        annotation.removeAll(keepingCapacity: true)
        hasAnnotation = false
        var index = start
        let count = bytes.count
        var token = Token.startTag
        scan: while true {
            let byte: UInt8? = index < count ? bytes[index] : nil
            switch state {
            case .tag:
                switch byte {
                case 0x09, 0x0A, 0x0C, 0x20: state = .annotation
                case UInt8(ascii: "."): state = .startTagClass
                case UInt8(ascii: "/"): state = .endTag
                case .some(let digit) where digit &- 0x30 < 10:
                    tagName.append(digit)
                    state = .timestamp
                case UInt8(ascii: ">"):
                    index += 1
                    break scan
                case nil:
                    break scan
                case .some(let other):
                    Self.appendTagByte(other, to: &tagName)
                    state = .startTag
                }
            case .startTag:
                switch byte {
                case 0x09, 0x0C, 0x20: state = .annotation
                case 0x0A:
                    annotation.append(0x0A)
                    state = .annotation
                case UInt8(ascii: "."): state = .startTagClass
                case UInt8(ascii: ">"):
                    index += 1
                    break scan
                case nil:
                    break scan
                case .some(let other): Self.appendTagByte(other, to: &tagName)
                }
            case .startTagClass:
                switch byte {
                case 0x09, 0x0C, 0x20:
                    finishClass()
                    state = .annotation
                case 0x0A:
                    finishClass()
                    annotation.append(0x0A)
                    state = .annotation
                case UInt8(ascii: "."):
                    finishClass()
                case UInt8(ascii: ">"):
                    finishClass()
                    index += 1
                    break scan
                case nil:
                    finishClass()
                    break scan
                case .some(let other): Self.appendTagByte(other, to: &classBuffer)
                }
            case .annotation:
                hasAnnotation = true
                switch byte {
                case UInt8(ascii: "&"):
                    index = WebVTTCharacterReference.consume(bytes, at: index + 1, additionalAllowed: UInt8(ascii: ">"), into: &annotation)
                    continue scan
                case UInt8(ascii: ">"):
                    index += 1
                    break scan
                case nil:
                    break scan
                case .some(let other): Self.appendTagByte(other, to: &annotation)
                }
            case .endTag:
                token = .endTag
                switch byte {
                case UInt8(ascii: ">"):
                    index += 1
                    break scan
                case nil:
                    break scan
                case .some(let other): Self.appendTagByte(other, to: &tagName)
                }
            case .timestamp:
                token = .timestamp
                switch byte {
                case UInt8(ascii: ">"):
                    index += 1
                    break scan
                case nil:
                    break scan
                case .some(let other): tagName.append(other)
                }
            }
            index += 1
        }
        switch token {
        case .startTag: startTag(offset: tagStart)
        case .endTag: endTag()
        case .timestamp: timestampTag(offset: tagStart)
        }
        return index
    }

    private static func appendTagByte(_ byte: UInt8, to buffer: inout [UInt8]) {
        if byte == 0 {
            WebVTTCharacterReference.append("\u{FFFD}", to: &buffer)
        } else {
            buffer.append(byte)
        }
    }

    /// Ends the class being read (empty classes are left out, as the spec says).
    private mutating func finishClass() {
        if classBuffer.count > (classEnds.last ?? 0) { classEnds.append(classBuffer.count) }
    }

    /// The current tag's classes as strings.
    private func classStrings() -> [String] {
        guard !classEnds.isEmpty else { return [] }
        var result: [String] = []
        result.reserveCapacity(classEnds.count)
        var start = 0
        for end in classEnds {
            result.append(String(decoding: classBuffer[start..<end], as: UTF8.self))
            start = end
        }
        return result
    }

    private enum TagName { case c, i, b, u, ruby, rt, v, lang, other }

    /// The tag name read, without building a string.
    private var tagNameKind: TagName {
        switch tagName.count {
        case 1:
            switch tagName[0] {
            case UInt8(ascii: "c"): return .c
            case UInt8(ascii: "i"): return .i
            case UInt8(ascii: "b"): return .b
            case UInt8(ascii: "u"): return .u
            case UInt8(ascii: "v"): return .v
            default: return .other
            }
        case 2:
            return tagName[0] == UInt8(ascii: "r") && tagName[1] == UInt8(ascii: "t") ? .rt : .other
        case 4:
            if tagName.elementsEqual("ruby".utf8) { return .ruby }
            if tagName.elementsEqual("lang".utf8) { return .lang }
            return .other
        default:
            return .other
        }
    }

    /// The annotation with surrounding whitespace removed and inner runs
    /// collapsed to one space.
    private func annotationText() -> String {
        annotation.withUnsafeBufferPointer { Self.annotationText($0) }
    }

    /// `annotation` (the bytes of a tag's annotation, character references
    /// already decoded) with surrounding whitespace removed and inner runs
    /// collapsed to one space.
    static func annotationText(_ annotation: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(annotation.count)
        var pendingSpace = false
        for byte in annotation {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Tree building

    private mutating func startTag(offset: Int) {
        let kind: SpanElement.Kind
        var takesAnnotation = false
        switch tagNameKind {
        case .c: kind = .class
        case .i: kind = .italic
        case .b: kind = .bold
        case .u: kind = .underline
        case .ruby: kind = .ruby
        case .rt:
            guard case .ruby? = stack[stack.count - 1].kind else {
                noteIgnored(offset, describesIgnored ? "<rt> outside <ruby>" : "")
                return
            }
            kind = .rubyText
        case .v:
            kind = .voice(annotationText())
            takesAnnotation = true
        case .lang:
            kind = .language(annotationText())
            takesAnnotation = true
        case .other:
            noteIgnored(offset, !describesIgnored ? "" : tagName.isEmpty ? "an empty tag" : "the unknown tag <\(String(decoding: tagName, as: UTF8.self))>")
            return
        }
        if hasAnnotation && !takesAnnotation && !annotationText().isEmpty {
            noteIgnored(offset, describesIgnored ? "the annotation '\(annotationText())' on <\(String(decoding: tagName, as: UTF8.self))>" : "")
        }
        guard stack.count <= Self.maximumDepth else {
            tooDeep.count += 1
            if tooDeep.first == nil { tooDeep.first = (offset, "<\(String(decoding: tagName, as: UTF8.self))>") }
            return
        }
        flushText()
        stack.append(Frame(kind: kind, classes: classStrings(), children: []))
    }

    private mutating func endTag() {
        guard let current = stack[stack.count - 1].kind else { return }
        let name = tagNameKind
        let matches: Bool
        switch current {
        case .class: matches = name == .c
        case .italic: matches = name == .i
        case .bold: matches = name == .b
        case .underline: matches = name == .u
        case .voice: matches = name == .v
        case .ruby: matches = name == .ruby
        case .language: matches = name == .lang
        case .rubyText:
            if name == .ruby {
                flushText()
                closeCurrent()
                closeCurrent()
                return
            }
            matches = name == .rt
        }
        if matches {
            flushText()
            closeCurrent()
        }
    }

    private mutating func timestampTag(offset: Int) {
        let time = tagName.withUnsafeBufferPointer { WebVTTTimestamp.parseWhole($0) }
        guard let time else {
            noteIgnored(offset, describesIgnored ? "the timestamp tag <\(String(decoding: tagName, as: UTF8.self))>, which is not a WebVTT timestamp" : "")
            return
        }
        flushText()
        stack[stack.count - 1].children.append(.timestamp(time))
    }

    /// Counts ignored markup; `what` describes it (only the first is kept,
    /// so callers pass "" once one is recorded).
    private mutating func noteIgnored(_ offset: Int, _ what: String) {
        ignored.count += 1
        if ignored.first == nil { ignored.first = (offset, what) }
    }

    private var describesIgnored: Bool { ignored.first == nil }

    /// Ends the current element and appends it to its parent.
    private mutating func closeCurrent() {
        guard stack.count > 1 else { return }
        let frame = stack.removeLast()
        guard let kind = frame.kind else { return }
        stack[stack.count - 1].children.append(.element(SpanElement(kind, classes: frame.classes, children: frame.children)))
    }

    /// Appends the pending text to the current element, line feeds as
    /// `.lineBreak`, merged with a text just before it.
    private mutating func flushText() {
        guard !text.isEmpty else { return }
        var children = stack[stack.count - 1].children
        stack[stack.count - 1].children = []
        let before = children.count
        text.withUnsafeBufferPointer { bytes in
            let firstBreak = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: 0, to: bytes.count)
            Self.appendPlainSpans(bytes, firstBreak: firstBreak, to: &children)
        }
        if before > 0, children.count > before, case .text = children[before - 1], case .text(let added) = children[before] {
            children.remove(at: before)
            if case .text(var previous) = children.remove(at: before - 1) {
                previous += added
                children.insert(.text(previous), at: before - 1)
            }
        }
        text.removeAll(keepingCapacity: true)
        stack[stack.count - 1].children = children
    }
}
