/// The stable name of a format, as given to `--from` and `--to`.
public struct FormatID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: FormatID, rhs: FormatID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Jekyll episode markdown with a YAML transcript in its front matter.
    public static let episode = FormatID("episode")
    /// The canonical model as JSON.
    public static let timeline = FormatID("timeline")
    /// WebVTT captions.
    public static let vtt = FormatID("vtt")
    /// A WebVTT chapters track: one cue per chapter.
    public static let vttChapters = FormatID("vtt-chapters")
    /// SubRip captions.
    public static let srt = FormatID("srt")
    /// Podcasting 2.0 JSON chapters.
    public static let chapters = FormatID("chapters")
    /// Podcasting 2.0 JSON transcript.
    public static let transcript = FormatID("transcript")
    /// Chapter lines for a YouTube video description.
    public static let youtubeChapters = FormatID("youtube-chapters")
    /// FFmpeg's metadata text file (FFMETADATA1).
    public static let ffmetadata = FormatID("ffmetadata")
    /// RSS 2.0 podcast feeds (one timeline per item).
    public static let rss = FormatID("rss")
    /// Podlove Simple Chapters (`psc:chapters` XML).
    public static let psc = FormatID("psc")
    /// YouTube's SBV captions.
    public static let sbv = FormatID("sbv")
    /// LRC lyrics, plain or with word times (enhanced LRC).
    public static let lrc = FormatID("lrc")
    /// Audacity label tracks (tab-separated seconds and label).
    public static let audacity = FormatID("audacity")
    /// Matroska chapters XML as mkvmerge reads and mkvextract writes it.
    public static let matroskaChapters = FormatID("matroska-chapters")
    /// mp4chaps/Nero-style chapter lists (`00:00:00.000 Title`).
    public static let mp4chaps = FormatID("mp4chaps")
    /// OGM-style chapter lists (`CHAPTER01=…`, `CHAPTER01NAME=…`).
    public static let ogmChapters = FormatID("ogm-chapters")
    /// TTML, IMSC 1.1 Text and DFXP captions.
    public static let ttml = FormatID("ttml")
    /// Advanced SubStation Alpha and SubStation Alpha scripts (`.ass`, `.ssa`).
    public static let ass = FormatID("ass")
    /// Whisper-family speech-recognition JSON (OpenAI Whisper, whisper.cpp, WhisperX).
    public static let whisper = FormatID("whisper")
    /// ID3v2 chapters (`CHAP`, `CTOC`) in an MP3 file's tag.
    public static let id3 = FormatID("id3")
    /// A transcript page: self-contained HTML5 with chapters, speakers and a player.
    public static let html = FormatID("html")
}
