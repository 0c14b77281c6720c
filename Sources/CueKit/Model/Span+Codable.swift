/// A span is coded as a string (its text; `"\n"` alone is a line break),
/// `{"timestamp": milliseconds}`, or an element
/// `{"span": kind, "classes": [...], "children": [...]}` whose kind is
/// `italic`, `bold`, `underline`, `class`, `ruby`, `rubyText`, `voice`
/// (with `"name"`) or `language` (with `"tag"`).
extension Span: Codable {
    private enum CodingKeys: String, CodingKey {
        case timestamp
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .lineBreak:
            var container = encoder.singleValueContainer()
            try container.encode("\n")
        case .timestamp(let time):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(time, forKey: .timestamp)
        case .element(let element):
            try element.encode(to: encoder)
        }
    }

    /// A string decodes to one `.text` span as it is; a list of spans
    /// (`Cue.text`, `SpanElement.children`) also splits text at its line
    /// breaks and leaves out empty text, so that no `.text` holds a line feed.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = text == "\n" ? .lineBreak : .text(text)
            return
        }
        let container = try decoder.expecting("text or a span object") { try decoder.container(keyedBy: CodingKeys.self) }
        if container.contains(.timestamp) {
            self = .timestamp(try container.decode(Timestamp.self, forKey: .timestamp))
        } else {
            self = .element(try SpanElement(from: decoder))
        }
    }
}

extension SpanElement: Codable {
    private enum CodingKeys: String, CodingKey {
        case span, name, tag, classes, children
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch kind {
        case .italic: try container.encode("italic", forKey: .span)
        case .bold: try container.encode("bold", forKey: .span)
        case .underline: try container.encode("underline", forKey: .span)
        case .class: try container.encode("class", forKey: .span)
        case .ruby: try container.encode("ruby", forKey: .span)
        case .rubyText: try container.encode("rubyText", forKey: .span)
        case .voice(let name):
            try container.encode("voice", forKey: .span)
            try container.encode(name, forKey: .name)
        case .language(let tag):
            try container.encode("language", forKey: .span)
            try container.encode(tag, forKey: .tag)
        }
        if !classes.isEmpty { try container.encode(classes, forKey: .classes) }
        try container.encode(children, forKey: .children)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let name = try container.decodeIfPresent(String.self, forKey: .span) else {
            throw DecodingError.typeMismatch(SpanElement.self, .init(
                codingPath: decoder.codingPath, debugDescription: "expected a span object with a \"span\" kind"))
        }
        let kind: Kind
        switch name {
        case "italic": kind = .italic
        case "bold": kind = .bold
        case "underline": kind = .underline
        case "class": kind = .class
        case "ruby": kind = .ruby
        case "rubyText": kind = .rubyText
        case "voice": kind = .voice(try container.decodeIfPresent(String.self, forKey: .name) ?? "")
        case "language": kind = .language(try container.decodeIfPresent(String.self, forKey: .tag) ?? "")
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .span, in: container,
                debugDescription: "expected a span kind (italic, bold, underline, class, voice, language, ruby, rubyText), found '\(name)'")
        }
        let classes = container.contains(.classes) ? try container.decode([String].self, forKey: .classes) : []
        let children = container.contains(.children) ? try container.decode(SpanList.self, forKey: .children).spans : []
        self.init(kind, classes: classes, children: children)
    }
}

/// Spans decoded as a list: text split at its line breaks, empty text left
/// out (the model's invariant: no `.text` holds a line feed).
struct SpanList: Decodable {
    var spans: [Span] = []

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        while !container.isAtEnd {
            let span = try container.decode(Span.self)
            if case .text(let text) = span {
                spans.append(contentsOf: Span.plain(text))
            } else {
                spans.append(span)
            }
        }
    }
}
