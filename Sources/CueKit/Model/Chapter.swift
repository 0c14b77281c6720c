/// A named section of the media.
public struct Chapter: Sendable {
    /// Start time; nil when the chapter is placed by `cueIndex` and its time
    /// is left to inference.
    public var start: Timestamp?
    public var end: Timestamp?
    public var title: String?
    public var url: String?
    public var image: String?
    /// False for a silent chapter: metadata only, not shown in a table of
    /// contents, and it does not end the visible chapter before it.
    public var isInTableOfContents: Bool
    /// The index in `Timeline.cues` of the first cue of this chapter, when the
    /// source placed the chapter in the transcript (an episode `header`).
    /// Equal to `cues.count` for a chapter after the last cue.
    public var cueIndex: Int?
    public var extras: FormatExtras
    /// Where the chapter was read. Provenance only: not part of equality.
    public var location: SourceLocation?

    public init(
        start: Timestamp? = nil,
        end: Timestamp? = nil,
        title: String? = nil,
        url: String? = nil,
        image: String? = nil,
        isInTableOfContents: Bool = true,
        cueIndex: Int? = nil,
        extras: FormatExtras = FormatExtras(),
        location: SourceLocation? = nil
    ) {
        self.start = start
        self.end = end
        self.title = title
        self.url = url
        self.image = image
        self.isInTableOfContents = isInTableOfContents
        self.cueIndex = cueIndex
        self.extras = extras
        self.location = location
    }
}

extension Chapter: Equatable {
    public static func == (lhs: Chapter, rhs: Chapter) -> Bool {
        lhs.start == rhs.start && lhs.end == rhs.end && lhs.title == rhs.title
            && lhs.url == rhs.url && lhs.image == rhs.image
            && lhs.isInTableOfContents == rhs.isInTableOfContents
            && lhs.cueIndex == rhs.cueIndex && lhs.extras == rhs.extras
    }
}
