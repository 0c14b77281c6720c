/// One caption or transcript line.
///
/// Times are optional: a transcript line may have no time until time
/// inference fills it in.
public struct Cue: Sendable {
    public var id: String?
    public var start: Timestamp?
    public var end: Timestamp?
    public var speaker: String?
    public var text: [Span]
    /// Presentation settings as name and value (WebVTT `align:start`,
    /// SRT `{\an8}` as `align`/`line`), in source order.
    public var settings: [Field]
    public var extras: FormatExtras
    /// Where the cue's time (or the cue itself, when untimed) was read.
    /// Provenance only: not part of equality.
    public var location: SourceLocation?

    public init(
        id: String? = nil,
        start: Timestamp? = nil,
        end: Timestamp? = nil,
        speaker: String? = nil,
        text: [Span],
        settings: [Field] = [],
        extras: FormatExtras = FormatExtras(),
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
        self.settings = settings
        self.extras = extras
        self.location = location
    }

    /// The cue's text without markup.
    public var plainText: String { text.plainText }
}

extension Cue: Equatable {
    public static func == (lhs: Cue, rhs: Cue) -> Bool {
        lhs.id == rhs.id && lhs.start == rhs.start && lhs.end == rhs.end
            && lhs.speaker == rhs.speaker && lhs.text == rhs.text
            && lhs.settings == rhs.settings && lhs.extras == rhs.extras
    }
}
