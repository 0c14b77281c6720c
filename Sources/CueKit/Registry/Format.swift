/// What cues knows about one format: its names, how to recognise it, and its
/// reader and writer (either may be missing for a one-way format).
public struct Format: Sendable {
    /// What a format's files are for; decides, for example, whether a
    /// conversion segments lines into captions.
    public enum Kind: String, Sendable {
        /// Timed captions for video (SRT, WebVTT).
        case captions
        /// A transcript of paragraph-length lines (episode YAML, JSON transcript).
        case transcript
        /// Chapter lists.
        case chapters
        /// Podcast feeds.
        case feed
        /// The model itself (timeline JSON).
        case model
    }

    /// The two kinds of content a timeline holds.
    public struct Contents: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Captions or transcript lines.
        public static let cues = Contents(rawValue: 1)
        public static let chapters = Contents(rawValue: 2)
    }

    public var id: FormatID
    /// A human name such as "WebVTT".
    public var name: String
    public var kind: Kind
    /// What the format's files hold: a conversion that drops the other kind
    /// says so (see `Converter`).
    public var contents: Contents
    /// File name endings without the leading dot, most specific first
    /// (`chapters.json` before `json`).
    public var extensions: [String]
    public var mediaTypes: [String]
    public var reader: (any FormatReader)?
    public var writer: (any FormatWriter)?
    /// Whether the content, given its first bytes (UTF-8, no BOM), is this format.
    public var sniff: (@Sendable (ArraySlice<UInt8>) -> Bool)?
    /// A warning for writing a timeline with these extras as another format
    /// (the id given) that drops data kept in this format's extras, or nil
    /// when nothing is lost.
    public var extrasLoss: (@Sendable (ExtrasTally, FormatID) -> Diagnostic?)?
    /// Whether the format is speech-recognition output, whose cues are the
    /// recogniser's segments: a transcript writer gets them merged per
    /// speaker turn, one cue per speaker until another speaks.
    public var speechRecognition: Bool
    /// For a binary format (ID3 chapters in an MP3): its bytes are read as
    /// they are, never decoded as text, and only the part of the file it
    /// needs; nil for the text formats. A binary format's `sniff` gets the
    /// file's first bytes as they are.
    public var binary: BinaryExtent?

    public init(
        id: FormatID,
        name: String,
        kind: Kind,
        extensions: [String],
        mediaTypes: [String],
        reader: (any FormatReader)?,
        writer: (any FormatWriter)?,
        sniff: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil,
        extrasLoss: (@Sendable (ExtrasTally, FormatID) -> Diagnostic?)? = nil,
        contents: Contents? = nil,
        speechRecognition: Bool = false,
        binary: BinaryExtent? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        let byKind: Contents = switch kind {
        case .captions, .transcript: .cues
        case .chapters: .chapters
        case .feed, .model: [.cues, .chapters]
        }
        self.contents = contents ?? byKind
        self.extensions = extensions
        self.mediaTypes = mediaTypes
        self.reader = reader
        self.writer = writer
        self.sniff = sniff
        self.extrasLoss = extrasLoss
        self.speechRecognition = speechRecognition
        self.binary = binary
    }

    /// How much of a file a binary format's reader reads: the data it reads
    /// may sit in a larger file (an MP3's ID3 tag before its audio), and
    /// the rest of the file is never read.
    public struct BinaryExtent: Sendable {
        /// How many bytes at the start of a file `length` looks at.
        public var headerLength: Int
        /// How many bytes from the start of the file the reader reads,
        /// given its first `headerLength` bytes (fewer when the file is
        /// shorter); at least `headerLength`.
        public var length: @Sendable (ArraySlice<UInt8>) -> Int

        public init(headerLength: Int, length: @escaping @Sendable (ArraySlice<UInt8>) -> Int) {
            self.headerLength = headerLength
            self.length = length
        }
    }

    /// The extension an output file of this format gets.
    public var preferredExtension: String { extensions.first ?? id.rawValue }
}
