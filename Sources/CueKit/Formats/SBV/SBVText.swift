/// SBV caption text: plain lines, with SubViewer's `[br]` read as a line
/// break inside a line. SBV has no markup and no escapes.
enum SBVText {
    /// `[br]` in ASCII.
    private static let lineBreakMarker: [UInt8] = Array("[br]".utf8)

    /// Appends the spans of one text line (`[br]` as `.lineBreak`); returns
    /// whether the line held a `[br]`.
    static func appendLine(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, to spans: inout [Span]
    ) -> Bool {
        var pieceStart = start
        var index = start
        var found = false
        while index + 4 <= end {
            if bytes[index] == 0x5B, bytes[index + 1] | 0x20 == 0x62, bytes[index + 2] | 0x20 == 0x72, bytes[index + 3] == 0x5D {
                if index > pieceStart { spans.append(.text(bytes.utf8String(pieceStart, index))) }
                spans.append(.lineBreak)
                index += 4
                pieceStart = index
                found = true
            } else {
                index += 1
            }
        }
        if end > pieceStart { spans.append(.text(bytes.utf8String(pieceStart, end))) }
        return found
    }

    /// The spans of text kept as written (lines separated by LF).
    static func spans(ofWritten text: String) -> [Span] {
        var text = text
        return text.withUTF8 { bytes in
            var spans: [Span] = []
            var lineStart = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                if lineStart > 0 { spans.append(.lineBreak) }
                _ = appendLine(bytes, from: lineStart, to: index, to: &spans)
                lineStart = index + 1
            }
            return spans
        }
    }

    /// Whether `spans` hold more than text and line breaks.
    static func hasStyling(_ spans: [Span]) -> Bool {
        spans.contains { span in
            switch span {
            case .text, .lineBreak: return false
            case .timestamp, .element: return true
            }
        }
    }

    /// `spans` as lines of plain text (styling dropped, ruby text in
    /// parentheses), no line empty, and whether empty lines were left out
    /// of text that has others.
    static func lines(_ spans: [Span]) -> (lines: [String], removedEmpty: Bool) {
        var lines: [String] = [""]
        func add(_ spans: [Span]) {
            for span in spans {
                switch span {
                case .text(let text): lines[lines.count - 1] += text
                case .lineBreak: lines.append("")
                case .timestamp: break
                case .element(let element):
                    if element.kind == .rubyText {
                        lines[lines.count - 1] += "("
                        add(element.children)
                        lines[lines.count - 1] += ")"
                    } else {
                        add(element.children)
                    }
                }
            }
        }
        add(spans)
        let kept = lines.filter { line in line.contains { $0 != " " && $0 != "\t" } }
        return (kept, !kept.isEmpty && kept.count < lines.count)
    }
}
