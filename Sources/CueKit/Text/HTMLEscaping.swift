/// Text written into HTML that the HTML parser reads back as the same text,
/// never as markup: the one escaping writer of the HTML pages cues makes
/// (the `html` transcript page and the caption preview).
///
/// In character data `&`, `<` and `>` become character references; in a
/// double-quoted attribute value `&`, `"`, `<` and `>` do. What HTML forbids
/// in a document even as a character reference (the C0 controls but tab,
/// line feed, form feed and carriage return; DEL; the C1 controls; the
/// Unicode noncharacters) becomes U+FFFD, and is counted, so a writer can say so.
/// Everything else, bidirectional controls included, is written as it is:
/// the pages isolate every run of user text (`<bdi>`), so an override in a
/// speaker's name cannot reorder what follows it.
///
/// The text is scanned as UTF-8 bytes; runs that need nothing are copied whole.
extension TextOutput {
    /// Appends `text` as character data; returns how many code points were
    /// replaced by U+FFFD.
    @discardableResult
    mutating func appendHTML(text: String) -> Int {
        appendEscaped(text, quote: false)
    }

    /// Appends `value` as the content of a double-quoted attribute value;
    /// returns how many code points were replaced by U+FFFD.
    @discardableResult
    mutating func appendHTML(attribute value: String) -> Int {
        appendEscaped(value, quote: true)
    }

    /// Appends ` name="value"`, the value escaped.
    @discardableResult
    mutating func appendHTMLAttribute(_ name: StaticString, _ value: String) -> Int {
        append(" ")
        append(name)
        append("=\"")
        let replaced = appendHTML(attribute: value)
        append("\"")
        return replaced
    }

    private mutating func appendEscaped(_ text: String, quote: Bool) -> Int {
        var text = text
        return text.withUTF8 { appendEscaped(bytes: $0, quote: quote) }
    }

    private mutating func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, quote: Bool) -> Int {
        var replaced = 0
        var runStart = 0
        var index = 0
        let count = bytes.count
        func flush(to end: Int) {
            if end > runStart { append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<end])) }
        }
        while index < count {
            let byte = bytes[index]
            var length = 1
            var escape: StaticString?
            var forbidden = false
            switch byte {
            case UInt8(ascii: "&"): escape = "&amp;"
            case UInt8(ascii: "<"): escape = "&lt;"
            case UInt8(ascii: ">"): escape = "&gt;"
            case UInt8(ascii: "\"") where quote: escape = "&quot;"
            case 0x09, 0x0A, 0x0C, 0x0D: break
            case 0x00...0x1F, 0x7F: forbidden = true
            case 0x80...0xFF:
                length = HTMLForbiddenCodePoints.length(ofSequenceAt: index, in: bytes)
                forbidden = HTMLForbiddenCodePoints.isForbidden(sequenceAt: index, length: length, in: bytes)
            default: break
            }
            if forbidden {
                escape = "\u{FFFD}"
                replaced += 1
            }
            if let escape {
                flush(to: index)
                append(escape)
                runStart = index + length
            }
            index += length
        }
        flush(to: count)
        return replaced
    }
}

/// The code points above ASCII that an HTML document may not hold: the C1
/// controls (U+0080 to U+009F) and the noncharacters (U+FDD0 to U+FDEF, and
/// the last two code points of every plane).
enum HTMLForbiddenCodePoints {
    /// The length of the UTF-8 sequence whose lead byte is at `index` (the
    /// text is valid UTF-8: Swift strings are).
    static func length(ofSequenceAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return min(length, bytes.count - index)
    }

    static func isForbidden(sequenceAt index: Int, length: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch length {
        case 2:
            // U+0080 to U+009F: C2 80 to C2 9F.
            return bytes[index] == 0xC2 && bytes[index + 1] < 0xA0
        case 3:
            guard bytes[index] == 0xEF else { return false }
            let second = bytes[index + 1], third = bytes[index + 2]
            // U+FDD0 to U+FDEF: EF B7 90 to EF B7 AF; U+FFFE, U+FFFF: EF BF BE, EF BF BF.
            return (second == 0xB7 && third >= 0x90 && third <= 0xAF) || (second == 0xBF && third >= 0xBE)
        case 4:
            // U+nFFFE and U+nFFFF: the low sixteen bits all ones but the last.
            let low = (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
            let plane = UInt32(bytes[index + 1] & 0x0F)
            return plane == 0x0F && low >= 0xFFE
        default:
            return false
        }
    }
}
