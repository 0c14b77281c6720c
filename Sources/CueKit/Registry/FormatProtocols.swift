/// Options every reader understands.
public struct ReadOptions: Sendable {
    /// Treat every repair of bad input as an error.
    public var strict: Bool
    /// Read a leading `Name:` in caption text as the cue's speaker.
    public var speakerLabels: Bool
    /// Which timeline of an input that holds several (a feed's items) the
    /// converter keeps; nil keeps them all.
    public var item: ItemSelector?
    /// Where a reader finds the files the input links to by a name beside
    /// it (an RSS item's `podcast:chapters`), such as `DirectoryFiles` for
    /// the input's directory. Nil: no other file is read.
    public var linkedFiles: (any LinkedFileResolver)?
    /// Downloads the files the input links to by URL (a feed's chapters and
    /// transcripts); nil: nothing is ever downloaded.
    public var remoteFiles: RemoteFiles?
    /// The media types of transcript an RSS item may link to, most wanted
    /// first: of several `podcast:transcript` links, the first of these
    /// types that cues reads is used (see `defaultTranscriptTypes`).
    public var transcriptTypes: [String]
    /// The input's character encoding by name (`GB2312`, `Big5`,
    /// `Windows-1250`, any name iconv knows); nil to detect it (see `TextEncoding`).
    public var encoding: String?
    /// Read WebVTT exactly as the W3C parser (and so a browser) does: a cue
    /// whose timing line breaks the spec's syntax is skipped, and a setting
    /// the spec does not define (such as `align:middle`) is ignored, each
    /// with a warning. When false (the default), timings a person reads at a
    /// glance (`00:02:04.08`, `00:01:39`, `00:0:03.390`, `1:02.5`, a `,`
    /// before the milliseconds) are read, and `middle` is read as `center`,
    /// each with a warning naming what was read (a repair, so `strict`
    /// refuses it). See Formats/vtt.md.
    public var w3cWebVTT: Bool
    /// Names for the speaker labels a recogniser gives (`SPEAKER_00` to
    /// `Alexey`): a reader of speech-recognition output names each speaker
    /// so; a label not in the map stays as it is.
    public var speakerNames: [String: String]
    /// Whether a feed reader keeps what writing the feed back needs (each
    /// RSS item as written, the document around the items): the converter
    /// turns it off when no output is RSS or a timeline, which then holds
    /// none of it (a large feed written as chapters item by item).
    package var keepsFeed = true

    public init(
        strict: Bool = false, speakerLabels: Bool = false, encoding: String? = nil,
        item: ItemSelector? = nil, linkedFiles: (any LinkedFileResolver)? = nil, w3cWebVTT: Bool = false,
        remoteFiles: RemoteFiles? = nil, transcriptTypes: [String] = ReadOptions.defaultTranscriptTypes,
        speakerNames: [String: String] = [:]
    ) {
        self.remoteFiles = remoteFiles
        self.transcriptTypes = transcriptTypes
        self.strict = strict
        self.speakerLabels = speakerLabels
        self.encoding = encoding
        self.item = item
        self.linkedFiles = linkedFiles
        self.w3cWebVTT = w3cWebVTT
        self.speakerNames = speakerNames
    }
}

extension ReadOptions {
    /// Timed captions first (they carry the most: times, speakers, markup),
    /// then the Podcasting 2.0 JSON transcript, then SubRip.
    public static let defaultTranscriptTypes = ["text/vtt", "application/json", "application/x-subrip", "application/srt"]
}

/// Options every writer understands.
public struct WriteOptions: Sendable {
    /// End lines with CR LF instead of LF.
    public var crlf: Bool
    /// Start the output with a UTF-8 byte order mark.
    public var byteOrderMark: Bool
    /// The URL the output's sibling files are published under: an RSS feed
    /// then links each item's chapters and transcript files (see
    /// `RSSSiblingFiles`).
    public var baseURL: String?
    /// The names, without extension, of the files written beside the
    /// output, one per timeline (the `cues` tool's `<input name>` for an
    /// input of one timeline, `<feed>/<item name>` for a feed's items): an
    /// RSS feed links `<stem>.chapters.json` and `<stem>.vtt` for each item,
    /// the files the same run writes. Nil, or a count that differs from the
    /// timelines': a stem from each item's title (see `RSSSiblingFiles`).
    public var siblingStems: [String]?
    /// The TTML profile the `ttml` writer targets: IMSC 1.1 Text (the
    /// default) or plain DFXP/TTML 1 for older consumers.
    public var ttmlProfile: TTMLProfile

    /// The font, size and position of the captions in an ASS script the
    /// writer makes (see `ASSWriteOptions`).
    public var ass: ASSWriteOptions

    /// The MP3 file the `id3` writer puts chapters into: its tag and the
    /// start of its audio, as the caller read them (see `ID3Media`); nil
    /// writes a tag alone.
    public var id3Media: ID3Media?

    /// The media an `html` transcript page plays (see `HTMLWriteOptions`).
    public var html: HTMLWriteOptions

    public init(
        crlf: Bool = false, byteOrderMark: Bool = false, baseURL: String? = nil, siblingStems: [String]? = nil,
        ttmlProfile: TTMLProfile = .imsc, ass: ASSWriteOptions = ASSWriteOptions(), id3Media: ID3Media? = nil,
        html: HTMLWriteOptions = HTMLWriteOptions()
    ) {
        self.crlf = crlf
        self.byteOrderMark = byteOrderMark
        self.baseURL = baseURL
        self.siblingStems = siblingStems
        self.ttmlProfile = ttmlProfile
        self.ass = ass
        self.id3Media = id3Media
        self.html = html
    }
}

/// Input text for a reader: UTF-8 bytes (already decoded from the file's
/// encoding, without a byte order mark) and the name used in locations.
public struct SourceText: Sendable {
    /// The bytes, where they are: the caption readers read them in place.
    package var input: InputBytes
    public var name: String?

    /// The bytes as an array: a copy when they are not an array's (a large
    /// file the `cues` tool maps), so a reader takes them once.
    public var bytes: [UInt8] {
        get { input.array }
        set { input = InputBytes(newValue) }
    }

    public init(bytes: [UInt8], name: String? = nil) {
        self.init(input: InputBytes(bytes), name: name)
    }

    public init(_ string: String, name: String? = nil) {
        self.init(bytes: Array(string.utf8), name: name)
    }

    package init(input: InputBytes, name: String?) {
        self.input = input
        self.name = name
    }

    /// Holds the bytes in an array (a copy of bytes held elsewhere), for a
    /// reader that takes `bytes`.
    package mutating func makeArray() {
        input = InputBytes(input.array)
    }

    /// A location in this text.
    public func location(line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: name, line: line, column: column)
    }
}

/// Reads one format into a timeline.
public protocol FormatReader: Sendable {
    /// Reads `source`; throws the first error, records warnings in `diagnostics`.
    func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline

    /// Every timeline `source` holds, in source order: one per item of a
    /// feed, one for most formats (the default wraps `read`).
    func readAll(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [Timeline]
}

extension FormatReader {
    public func readAll(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [Timeline] {
        [try read(source, options: options, diagnostics: &diagnostics)]
    }
}

/// Writes a timeline in one format.
public protocol FormatWriter: Sendable {
    /// Whether every cue needs a start and an end: the converter runs time
    /// inference before such a writer.
    var requiresTimes: Bool { get }

    /// Whether the writer shows the speaker as `Name: ` text at each change of
    /// speaker, so caption segmentation leaves room for it.
    var writesSpeakerLabels: Bool { get }

    /// The file's bytes; warnings about anything the format cannot carry go to
    /// `diagnostics`.
    func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8]

    /// Whether one file holds several timelines (a feed, one item each); the
    /// converter then hands the writer every timeline of the input.
    var writesManyTimelines: Bool { get }

    /// One file holding `timelines`. The default writes the first (an empty
    /// timeline when there is none) and warns when others are left out.
    func writeAll(
        _ timelines: [Timeline], options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8]
}

extension FormatWriter {
    public var writesSpeakerLabels: Bool { false }

    public var writesManyTimelines: Bool { false }

    public func writeAll(
        _ timelines: [Timeline], options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        if timelines.count > 1 {
            diagnostics.report(.warning(
                "format.one-timeline",
                "this format holds one timeline; wrote the first of \(timelines.count)"))
        }
        return try write(timelines.first ?? Timeline(), options: options, diagnostics: &diagnostics)
    }
}
