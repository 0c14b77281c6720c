/// A cue is coded as an object with `id`, `start`, `end`, `speaker` (each
/// null when the cue has none) and `text` (the plain text, line breaks as
/// `\n`); `spans` when the text has markup, `settings` and `extras` when
/// there are some. Decoding reads `spans` when present, else `text`; the
/// location is where cues' decoder found the cue (see `location`).
extension Cue: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, start, end, speaker, text, spans, settings, extras
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orNull: id, forKey: .id)
        try container.encode(orNull: start, forKey: .start)
        try container.encode(orNull: end, forKey: .end)
        try container.encode(orNull: speaker, forKey: .speaker)
        let text = self.text
        try container.encode(text.plainText, forKey: .text)
        if text.hasMarkup { try container.encode(text, forKey: .spans) }
        if !settings.isEmpty { try container.encode(Fields(settings), forKey: .settings) }
        if !extras.isEmpty { try container.encode(extras, forKey: .extras) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.expecting("a cue object") { try decoder.container(keyedBy: CodingKeys.self) }
        let id = try container.decodeIfPresent(String.self, forKey: .id)
        let start = try container.decodeIfPresent(Timestamp.self, forKey: .start)
        let end = try container.decodeIfPresent(Timestamp.self, forKey: .end)
        let speaker = try container.decodeIfPresent(String.self, forKey: .speaker)
        let text: [Span]
        if container.contains(.spans) {
            text = try container.decode(SpanList.self, forKey: .spans).spans
        } else {
            text = Span.plain(try container.decodeIfPresent(String.self, forKey: .text) ?? "")
        }
        self.init(
            id: id, start: start, end: end, speaker: speaker, text: text,
            settings: container.contains(.settings) ? try container.decode(Fields.self, forKey: .settings).entries : [],
            extras: container.contains(.extras) ? try container.decode(FormatExtras.self, forKey: .extras) : FormatExtras(),
            location: (decoder as? JSONTreeDecoder)?.sourceLocation)
    }
}
