/// The text of an LRC line after its time tags: plain text with enhanced
/// LRC word times, `<mm:ss.xx>` (the A2 extension) or `[mm:ss.xx]` inside
/// the text (foobar2000's dialect), as `Span.timestamp`.
///
/// Reading drops the blanks before the text and at the end of the line, and
/// one blank after a word time at a word boundary (opening the text, or
/// after a blank): that blank separates the time from its word, so
/// `<00:02.50> spark <00:03.00> light` is `<00:02.50>`, `spark `,
/// `<00:03.00>`, `light`, while `on<00:05.10>ward` is `on`, `<00:05.10>`,
/// `ward`. Writing puts that blank back, and one between the line's time
/// and a word time that opens the text.
enum LRCText {
    /// The spans of `bytes[start..<end]`, with `offset` subtracted from
    /// every word time (see `LRCReader`).
    static func spans(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, offset: Int64) -> [Span] {
        var index = start
        var last = end
        while index < last && isBlank(bytes[index]) { index += 1 }
        while last > index && isBlank(bytes[last - 1]) { last -= 1 }
        var spans: [Span] = []
        var pieceStart = index
        while index < last {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") || byte == UInt8(ascii: "["),
                  let tag = LRCTimeTag.parse(bytes, at: index, end: last, close: byte == UInt8(ascii: "<") ? UInt8(ascii: ">") : UInt8(ascii: "]"))
            else {
                index += 1
                continue
            }
            if index > pieceStart { spans.append(.text(bytes.utf8String(pieceStart, index))) }
            spans.append(.timestamp(tag.time.advanced(by: -offset)))
            // At a word boundary, the blank after the tag separates it from its word.
            let boundary = spans.count == 1 || isBlank(bytes[index - 1])
            index = tag.next
            if boundary && index < last && isBlank(bytes[index]) { index += 1 }
            pieceStart = index
        }
        if last > pieceStart { spans.append(.text(bytes.utf8String(pieceStart, last))) }
        return spans
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// What writing a cue's text had to change.
    struct Losses {
        var lineBreaks = false
        var styling = false
        var precision = false
    }

    /// Appends `spans` after a line's time tag: text, line breaks as spaces,
    /// word times as `<mm:ss.xx>`, styling as its text.
    static func append(_ spans: [Span], to out: inout TextOutput, losses: inout Losses) {
        var flat: [Span] = []
        flatten(spans, into: &flat, losses: &losses)
        // Whether the text so far is empty or ends with a blank: a word time
        // there is at a word boundary.
        var atBoundary = true
        for (index, span) in flat.enumerated() {
            switch span {
            case .text(let text):
                out.append(text)
                if let last = text.utf8.last { atBoundary = isBlank(last) }
            case .lineBreak:
                out.append(" ")
                atBoundary = true
            case .timestamp(let time):
                if index == 0 { out.append(" ") }
                if LRCTimeTag.losesPrecision(time) { losses.precision = true }
                LRCTimeTag.append(time, open: UInt8(ascii: "<"), close: UInt8(ascii: ">"), to: &out)
                if atBoundary, index + 1 < flat.count, case .text = flat[index + 1] { out.append(" ") }
            case .element:
                break
            }
        }
    }

    /// Text, line breaks and timestamps, with elements unwrapped (ruby text
    /// in parentheses) and line breaks reported.
    private static func flatten(_ spans: [Span], into flat: inout [Span], losses: inout Losses) {
        for span in spans {
            switch span {
            case .text, .timestamp:
                flat.append(span)
            case .lineBreak:
                losses.lineBreaks = true
                flat.append(span)
            case .element(let element):
                losses.styling = true
                if element.kind == .rubyText { flat.append(.text("(")) }
                flatten(element.children, into: &flat, losses: &losses)
                if element.kind == .rubyText { flat.append(.text(")")) }
            }
        }
    }
}
