/// Checks, line by line, that cue text's only markup is `<i>`, `<b>` and
/// `<u>` tags, lowercase, closed in the order they were opened by the last
/// line, at most 32 deep, around text that leaves no line or tag empty:
/// markup that SRT writes as it stands, and WebVTT with the text around it
/// escaped, so a streaming reader may leave such text in the input (see
/// `SourceLines.hasTags`). Both writers drop text of spaces alone, a line
/// break with nothing before it in the innermost tag, and a tag that ends
/// with a line break: such text is refused. So is any other `<`, and `{`
/// (SRT markup). `&` is left to the caller (a WebVTT character reference).
struct PlainTags {
    /// The open tags, two bits each (i 1, b 2, u 3), the innermost lowest.
    private var open: UInt64 = 0
    private var depth = 0
    /// Per level (0 the text, n the nth open tag): whether it holds
    /// something since it began or since its last line break.
    private var filled: UInt64 = 0

    /// Whether `lines` pass.
    static func accept(_ bytes: UnsafeBufferPointer<UInt8>, _ lines: [TextLine]) -> Bool {
        var check = PlainTags()
        for index in lines.indices where !check.read(bytes, from: lines[index].start, to: lines[index].end, isLast: index == lines.count - 1) {
            return false
        }
        return true
    }

    /// Reads the line `bytes[start..<end]`; false when the text is refused.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, isLast: Bool) -> Bool {
        var position = start
        while true {
            let next = ByteSearch.firstIndex(ofAny: 0x3C, 0x7B, in: bytes, from: position, to: end)
            if next > position {
                guard bytes[position..<next].contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
                filled |= 1 << depth
            }
            guard next < end else { break }
            guard bytes[next] == 0x3C else { return false }
            let closing = next + 1 < end && bytes[next + 1] == 0x2F
            let nameAt = closing ? next + 2 : next + 1
            guard nameAt + 1 < end, bytes[nameAt + 1] == 0x3E else { return false }
            let code: UInt64
            switch bytes[nameAt] {
            case 0x69: code = 1
            case 0x62: code = 2
            case 0x75: code = 3
            default: return false
            }
            if closing {
                guard depth > 0, open & 3 == code, filled & (1 << depth) != 0 else { return false }
                open >>= 2
                depth -= 1
                filled |= 1 << depth
            } else {
                guard depth < 32 else { return false }
                open = open << 2 | code
                depth += 1
                filled &= ~(1 << depth)
            }
            position = nameAt + 2
        }
        if isLast { return depth == 0 && filled & 1 != 0 }
        // The line break goes into the innermost open tag.
        guard filled & (1 << depth) != 0 else { return false }
        filled &= ~(1 << depth)
        return true
    }

    /// The spans of text that `accept` passed, lines separated by LF: text,
    /// line breaks and italic, bold and underline elements.
    static func spans(_ bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var builder = SpanBuilder()
        var textStart = 0
        var index = 0
        func flush(_ end: Int) {
            if end > textStart { builder.text(bytes.utf8String(textStart, end)) }
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A:
                flush(index)
                builder.lineBreak()
                index += 1
            case 0x3C:
                flush(index)
                let closing = bytes[index + 1] == 0x2F
                let letter = bytes[closing ? index + 2 : index + 1]
                let name = letter == 0x69 ? "i" : letter == 0x62 ? "b" : "u"
                if closing {
                    builder.close(name)
                } else {
                    builder.open(name, SpanElement(letter == 0x69 ? .italic : letter == 0x62 ? .bold : .underline, children: []))
                }
                index += closing ? 4 : 3
            default:
                index += 1
                continue
            }
            textStart = index
        }
        flush(bytes.count)
        return builder.finish()
    }
}
