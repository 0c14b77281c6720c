/// Renders spans as SRT cue text: `<i>`, `<b>`, `<u>`, colour classes as
/// `<font color="…">` (see `ColorClass`), line breaks as line ends. SRT has no
/// escaping, so text is written as it is.
enum SRTText {
    /// What rendering had to leave out.
    struct Losses {
        /// Classes other than colours, voices, languages, ruby or inline timestamps.
        var styling = false
    }

    /// Appends `{\anN}` for `alignment` (when given) and `spans`.
    static func append(_ spans: [Span], alignment: Int? = nil, to out: inout TextOutput, losses: inout Losses) {
        if let alignment {
            out.append("{\\an")
            out.append(byte: 0x30 + UInt8(alignment))
            out.append("}")
        }
        append(spans, to: &out, losses: &losses)
    }

    private static func append(_ spans: [Span], to out: inout TextOutput, losses: inout Losses) {
        for span in spans {
            switch span {
            case .text(let text): out.append(text)
            case .lineBreak: out.newline()
            case .timestamp: losses.styling = true
            case .element(let element):
                let open: String?
                let close: String?
                switch element.kind {
                case .italic: (open, close) = ("<i>", "</i>")
                case .bold: (open, close) = ("<b>", "</b>")
                case .underline: (open, close) = ("<u>", "</u>")
                case .class:
                    if let colour = element.classes.lazy.compactMap(ColorClass.fontColor(forClass:)).first {
                        (open, close) = ("<font color=\"\(colour)\">", "</font>")
                        if element.classes.count > 1 { losses.styling = true }
                    } else {
                        (open, close) = (nil, nil)
                        losses.styling = true
                    }
                case .rubyText:
                    // Ruby text annotates the base: keep it in parentheses.
                    out.append("(")
                    append(element.children, to: &out, losses: &losses)
                    out.append(")")
                    losses.styling = true
                    continue
                case .voice, .language, .ruby:
                    (open, close) = (nil, nil)
                    losses.styling = true
                }
                if !element.classes.isEmpty && element.kind != .class { losses.styling = true }
                if let open { out.append(open) }
                append(element.children, to: &out, losses: &losses)
                if let close { out.append(close) }
            }
        }
    }

    /// `spans` as SRT text with LF line ends.
    static func render(_ spans: [Span], alignment: Int?) -> [UInt8] {
        var out = TextOutput(options: WriteOptions())
        var losses = Losses()
        append(spans, alignment: alignment, to: &out, losses: &losses)
        return out.bytes
    }
}
