/// Options every reader understands.
public struct ReadOptions: Sendable {
    /// Treat every repair of bad input as an error.
    public var strict: Bool
    /// Read a leading `Name:` in caption text as the cue's speaker.
    public var speakerLabels: Bool
    /// The input's character encoding by name (`GB2312`, `Big5`,
    /// `Windows-1250`, any name iconv knows); nil to detect it (see `TextDecoding`).
    public var encoding: String?

    public init(strict: Bool = false, speakerLabels: Bool = false, encoding: String? = nil) {
        self.strict = strict
        self.speakerLabels = speakerLabels
        self.encoding = encoding
    }
}

/// Options every writer understands.
public struct WriteOptions: Sendable {
    /// End lines with CR LF instead of LF.
    public var crlf: Bool
    /// Start the output with a UTF-8 byte order mark.
    public var byteOrderMark: Bool

    public init(crlf: Bool = false, byteOrderMark: Bool = false) {
        self.crlf = crlf
        self.byteOrderMark = byteOrderMark
    }
}

/// Input text for a reader: UTF-8 bytes (already decoded from the file's
/// encoding, without a byte order mark) and the name used in locations.
public struct SourceText: Sendable {
    public var bytes: [UInt8]
    public var name: String?

    public init(bytes: [UInt8], name: String? = nil) {
        self.bytes = bytes
        self.name = name
    }

    public init(_ string: String, name: String? = nil) {
        self.bytes = Array(string.utf8)
        self.name = name
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
}

extension FormatWriter {
    public var writesSpeakerLabels: Bool { false }
}
