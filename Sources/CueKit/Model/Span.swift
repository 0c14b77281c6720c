/// One piece of cue text: plain text, a line break, an inline timestamp, or a
/// styled element holding more spans.
///
/// Invariant kept by every reader: a `.text` never contains a line feed; line
/// breaks are always `.lineBreak`.
public enum Span: Hashable, Sendable {
    case text(String)
    case lineBreak
    /// A karaoke-style timestamp inside the cue (WebVTT `<00:01.500>`).
    case timestamp(Timestamp)
    indirect case element(SpanElement)
}

/// A styled run of spans, such as WebVTT `<i.loud>…</i>`.
public struct SpanElement: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case italic
        case bold
        case underline
        /// A `<c>` span: classes only.
        case `class`
        /// A speaker; the name is the annotation.
        case voice(String)
        /// A BCP 47 language tag.
        case language(String)
        case ruby
        /// Ruby text (`<rt>`) inside a `.ruby` element.
        case rubyText
    }

    public var kind: Kind
    /// CSS-like classes (`<c.yellow.big>` has `["yellow", "big"]`).
    public var classes: [String]
    public var children: [Span]

    public init(_ kind: Kind, classes: [String] = [], children: [Span]) {
        self.kind = kind
        self.classes = classes
        self.children = children
    }
}

extension Span {
    /// Spans for plain text, turning each line feed into `.lineBreak`.
    public static func plain(_ text: String) -> [Span] {
        let hasLineBreak = text.utf8.withContiguousStorageIfAvailable {
            ByteSearch.firstIndex(of: 0x0A, in: $0, from: 0, to: $0.count) < $0.count
        } ?? text.utf8.contains(0x0A)
        guard hasLineBreak else { return text.isEmpty ? [] : [.text(text)] }
        var spans: [Span] = []
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { spans.append(.lineBreak) }
            first = false
            if !line.isEmpty { spans.append(.text(String(line))) }
        }
        return spans
    }
}

extension Array where Element == Span {
    /// The text without markup; line breaks become `\n`, timestamps vanish.
    public var plainText: String {
        if count == 1, case .text(let text) = self[0] { return text }
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    /// Whether any span is more than plain text and line breaks.
    public var hasMarkup: Bool {
        contains { span in
            switch span {
            case .text, .lineBreak: return false
            case .timestamp, .element: return true
            }
        }
    }

    func appendPlainText(to out: inout String) {
        for span in self {
            switch span {
            case .text(let text): out += text
            case .lineBreak: out += "\n"
            case .timestamp: break
            case .element(let element): element.children.appendPlainText(to: &out)
            }
        }
    }
}
