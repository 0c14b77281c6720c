/// A timeline is coded as the `timeline` format's object (see
/// Formats/timeline.md): `duration` (null when unknown), `metadata`,
/// `extras` when there are some, `cues` and `chapters`. At the top of a
/// document it starts with the format's marker, `"cuesTimeline": 1`, so
/// that `JSONEncoder().encode(timeline)` is a timeline file; decoding
/// ignores the marker.
///
/// Times are whole milliseconds and everything the model holds is kept,
/// except where each cue and chapter was read (`location`), which only
/// cues' own decoder sets. Foundation's coders keep no order of an
/// object's keys: metadata and extras come back in another order.
extension Timeline: Codable {
    private enum CodingKeys: String, CodingKey {
        case cuesTimeline, duration, metadata, extras, cues, chapters
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if encoder.codingPath.isEmpty { try container.encode(TimelineDocument.version, forKey: .cuesTimeline) }
        try container.encode(orNull: duration, forKey: .duration)
        try container.encode(metadata, forKey: .metadata)
        if !extras.isEmpty { try container.encode(extras, forKey: .extras) }
        try container.encode(cues, forKey: .cues)
        try container.encode(chapters, forKey: .chapters)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.expecting("a timeline object") { try decoder.container(keyedBy: CodingKeys.self) }
        self.init()
        duration = try container.decodeIfPresent(Timestamp.self, forKey: .duration)
        if container.contains(.metadata) { metadata = try container.decode(Fields.self, forKey: .metadata) }
        if container.contains(.extras) { extras = try container.decode(FormatExtras.self, forKey: .extras) }
        if container.contains(.cues) { cues = try container.decode([Cue].self, forKey: .cues) }
        if container.contains(.chapters) { chapters = try container.decode([Chapter].self, forKey: .chapters) }
    }
}
