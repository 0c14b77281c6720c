/// The shape of a readable caption: how many lines of how many characters,
/// how long on screen, how fast to read. Presets follow the published style
/// guides (see Formats/captions.md).
public struct CaptionStyle: Hashable, Sendable {
    /// Characters per line (grapheme clusters, spaces included).
    public var maxCharactersPerLine: Int
    public var maxLines: Int
    /// Shortest time on screen, in milliseconds.
    public var minDuration: Int64
    /// Longest time on screen, in milliseconds.
    public var maxDuration: Int64
    /// Reading speed aimed at, in characters per second.
    public var targetCharactersPerSecond: Double
    /// Reading speed above which a cue is reported, in characters per second.
    public var maxCharactersPerSecond: Double
    /// Smallest gap between consecutive cues that is not a flicker, in
    /// milliseconds (2 frames at 24 fps); 0 allows cues to touch.
    public var minGap: Int64
    /// Whether the segmenter leaves `minGap` before the next cue.
    public var keepsGap: Bool
    /// How long a caption cut at word times stays after its last word ends
    /// (less when the next caption starts sooner), in milliseconds.
    public var wordLeadOut: Int64

    public init(
        maxCharactersPerLine: Int = 42, maxLines: Int = 2, minDuration: Int64 = 833, maxDuration: Int64 = 7000,
        targetCharactersPerSecond: Double = 17, maxCharactersPerSecond: Double = 20, minGap: Int64 = 83,
        keepsGap: Bool = false, wordLeadOut: Int64 = 500
    ) {
        self.maxCharactersPerLine = max(1, maxCharactersPerLine)
        self.maxLines = max(1, maxLines)
        self.minDuration = max(0, minDuration)
        self.maxDuration = max(self.minDuration + 1, maxDuration)
        self.targetCharactersPerSecond = targetCharactersPerSecond
        self.maxCharactersPerSecond = maxCharactersPerSecond
        self.minGap = max(0, minGap)
        self.keepsGap = keepsGap
        self.wordLeadOut = max(0, wordLeadOut)
    }

    /// YouTube and general video upload: 2 lines of 42, 5/6 s to 7 s, 17 cps
    /// aimed at and 20 at most (Netflix English numbers, which YouTube's own
    /// guidance lacks); cues may touch.
    public static let youtube = CaptionStyle()

    /// Netflix English timed-text style: as `youtube`, and consecutive cues are
    /// kept at least 2 frames apart.
    public static let netflix = CaptionStyle(keepsGap: true)

    /// Podcasting 2.0 SRT transcripts: 2 lines of 32 characters.
    public static let podcastSRT = CaptionStyle(maxCharactersPerLine: 32)

    /// The presets by name.
    public static let presets: [(name: String, style: CaptionStyle)] = [
        ("youtube", .youtube), ("netflix", .netflix), ("podcast-srt", .podcastSRT),
    ]

    /// The characters a cue can hold.
    var capacity: Int { maxCharactersPerLine * maxLines }
}
