/// Cue text as HTML phrasing content: italic, bold and underline as `<i>`,
/// `<b>` and `<u>`, a language span as `<span lang>`, ruby as `<ruby>` and
/// `<rt>`, a line break as `<br>`; text escaped. What HTML has no place for
/// is written as its text and counted, for one warning per kind: classes,
/// inline timestamps, and voices other than one opening the cue (whose name
/// is the line's speaker).
struct HTMLSpans {
    /// Spans with classes, written without them.
    var classes = 0
    /// Inline timestamps (word times), left out.
    var timestamps = 0
    /// Voice spans past the start of a cue, written as their text.
    var voices = 0
    /// Code points HTML cannot hold, written as U+FFFD.
    var replaced = 0
    /// How many `<ruby>` elements are open: ruby text outside one is
    /// written as plain text (HTML allows `<rt>` only in `<ruby>`).
    private var rubyDepth = 0

    /// The name of a voice span that opens `spans` (a cue written by a
    /// WebVTT reader as `<v Name>…`), when there is one.
    static func leadingVoice(_ spans: [Span]) -> String? {
        guard case .element(let element)? = spans.first, case .voice(let name) = element.kind, !name.isEmpty else { return nil }
        return name
    }

    /// Appends `spans`; a voice span first in them is the speaker's and
    /// written as its text without a count.
    mutating func append(_ spans: [Span], to out: inout TextOutput) {
        for (index, span) in spans.enumerated() {
            if index == 0, case .element(let element) = span, case .voice = element.kind {
                if !element.classes.isEmpty { classes += 1 }
                append(element.children, to: &out)
                continue
            }
            append(span, to: &out)
        }
    }

    private mutating func append(_ span: Span, to out: inout TextOutput) {
        switch span {
        case .text(let text):
            replaced += out.appendHTML(text: text)
        case .lineBreak:
            out.append("<br>")
        case .timestamp:
            timestamps += 1
        case .element(let element):
            if !element.classes.isEmpty { classes += 1 }
            switch element.kind {
            case .italic: wrap("i", element.children, &out)
            case .bold: wrap("b", element.children, &out)
            case .underline: wrap("u", element.children, &out)
            case .ruby:
                rubyDepth += 1
                wrap("ruby", element.children, &out)
                rubyDepth -= 1
            case .rubyText where rubyDepth > 0:
                rubyDepth -= 1
                wrap("rt", element.children, &out)
                rubyDepth += 1
            case .class, .rubyText:
                for child in element.children { append(child, to: &out) }
            case .voice:
                voices += 1
                for child in element.children { append(child, to: &out) }
            case .language(let tag):
                guard Self.isLanguageTag(tag) else {
                    for child in element.children { append(child, to: &out) }
                    return
                }
                out.append("<span")
                out.appendHTMLAttribute("lang", tag)
                out.append(">")
                for child in element.children { append(child, to: &out) }
                out.append("</span>")
            }
        }
    }

    private mutating func wrap(_ tag: StaticString, _ children: [Span], _ out: inout TextOutput) {
        out.append("<")
        out.append(tag)
        out.append(">")
        for child in children { append(child, to: &out) }
        out.append("</")
        out.append(tag)
        out.append(">")
    }

    /// Whether `tag` has the shape of a BCP 47 tag (letters, digits and
    /// hyphens, starting with a letter), which `lang` takes.
    static func isLanguageTag(_ tag: String) -> Bool {
        guard let first = tag.utf8.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A, tag.utf8.count <= 64 else { return false }
        return tag.utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
        }
    }
}
