/// The canonical model every reader produces and every writer consumes:
/// metadata, cues and chapters.
public struct Timeline: Equatable, Sendable {
    /// Source fields in source order (`title`, `guests`, `duration`, ...).
    /// Well-known keys other formats map: `title`, `description`, `author`,
    /// `podcastName`, `duration`.
    public var metadata: Fields
    public var cues: [Cue]
    public var chapters: [Chapter]
    /// Length of the media, when the source states it.
    public var duration: Timestamp?
    /// Whole-file data only one format understands (an episode's markdown body,
    /// WebVTT STYLE blocks), kept for a same-format round trip.
    public var extras: FormatExtras

    public init(
        metadata: Fields = [],
        cues: [Cue] = [],
        chapters: [Chapter] = [],
        duration: Timestamp? = nil,
        extras: FormatExtras = FormatExtras()
    ) {
        self.metadata = metadata
        self.cues = cues
        self.chapters = chapters
        self.duration = duration
        self.extras = extras
    }

    /// The distinct speakers in order of first appearance.
    public var speakers: [String] {
        var seen = Set<String>()
        var ordered: [String] = []
        for cue in cues {
            if let speaker = cue.speaker, seen.insert(speaker).inserted {
                ordered.append(speaker)
            }
        }
        return ordered
    }
}
