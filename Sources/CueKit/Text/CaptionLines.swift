/// Cue text split into caption lines, the shape SRT and WebVTT payloads
/// need: no empty line inside a cue (an empty line ends the cue in both).
enum CaptionLines {
    /// `spans` with empty lines removed (leading, trailing and repeated line
    /// breaks), and whether anything was removed.
    static func withoutEmptyLines(_ spans: [Span]) -> (spans: [Span], changed: Bool) {
        var result: [Span] = []
        result.reserveCapacity(spans.count)
        var lineHasContent = false
        var changed = false
        for span in spans {
            switch span {
            case .lineBreak:
                if lineHasContent {
                    result.append(.lineBreak)
                    lineHasContent = false
                } else {
                    changed = true
                }
            case .text(let text) where text.allSatisfy({ $0 == " " || $0 == "\t" }) && !lineHasContent:
                changed = changed || !text.isEmpty
            case .element(var element):
                let inner = withoutEmptyLines(element.children)
                element.children = inner.spans
                changed = changed || inner.changed
                result.append(.element(element))
                lineHasContent = true
            default:
                result.append(span)
                lineHasContent = true
            }
        }
        if result.last == .lineBreak {
            result.removeLast()
            changed = true
        }
        return (result, changed)
    }
}
