/// Writes WebVTT: the `WEBVTT` signature, then one block per cue with its
/// identifier, `HH:MM:SS.mmm` timings, settings and text. The speaker is a
/// `<v Name>` span on every cue; `&`, `<` and `>` are escaped.
public struct WebVTTWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var out = TextOutput(options: options, capacity: 16 + timeline.cues.count * 96)
        out.append("WEBVTT")
        out.newline()
        var untimed = 0, emptied = 0
        for cue in timeline.cues {
            guard let start = cue.start, let end = cue.end else {
                untimed += 1
                continue
            }
            out.newline()
            if let id = cue.id, !id.isEmpty {
                out.append(WebVTTText.identifier(id))
                out.newline()
            }
            out.append(start, style: .webVTT)
            out.append(" --> ")
            out.append(end, style: .webVTT)
            for setting in cue.settings {
                guard let value = setting.value.text else { continue }
                out.append(" \(setting.key):\(value)")
            }
            out.newline()
            let (spans, changed) = CaptionLines.withoutEmptyLines(cue.text)
            if changed { emptied += 1 }
            if let speaker = cue.speaker {
                out.append("<v ")
                out.append(WebVTTText.annotation(speaker))
                out.append(">")
            }
            WebVTTText.append(spans, to: &out)
            out.newline()
        }
        if untimed > 0 {
            diagnostics.report(.warning("vtt.untimed", "\(untimed) cue(s) without a start or end time were not written", format: .webVTT))
        }
        if emptied > 0 {
            diagnostics.report(.warning("vtt.empty-lines", "\(emptied) cue(s) had empty lines, which would end a WebVTT cue; removed", format: .webVTT))
        }
        return out.bytes
    }
}

/// WebVTT cue text rendering and escaping.
enum WebVTTText {
    /// Appends spans as WebVTT cue text.
    static func append(_ spans: [Span], to out: inout TextOutput) {
        for span in spans {
            switch span {
            case .text(let text): appendEscaped(text, to: &out)
            case .lineBreak: out.newline()
            case .timestamp(let time):
                out.append("<")
                out.append(time, style: .webVTT)
                out.append(">")
            case .element(let element):
                let tag: String
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
                out.append("<" + tag)
                for name in element.classes { out.append("." + name) }
                if let annotation {
                    out.append(" ")
                    out.append(Self.annotation(annotation))
                }
                out.append(">")
                append(element.children, to: &out)
                out.append("</" + tag + ">")
            }
        }
    }

    /// Escapes `&`, `<` and `>` (so `-->` cannot appear in cue text).
    static func appendEscaped(_ text: String, to out: inout TextOutput) {
        var needsEscaping = false
        for byte in text.utf8 where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
            needsEscaping = true
            break
        }
        guard needsEscaping else {
            out.append(text)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "<"): out.append("&lt;")
            case UInt8(ascii: ">"): out.append("&gt;")
            default: out.append(byte: byte)
            }
        }
    }

    /// A voice or language annotation: escaped, on one line.
    static func annotation(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// A cue identifier: one line, without `-->`.
    static func identifier(_ id: String) -> String {
        id.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "-->", with: "--")
    }
}
