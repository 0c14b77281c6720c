/// Gives a reader the files its input links to by a relative name (an RSS
/// item's `podcast:chapters` and `podcast:transcript` beside the feed).
///
/// CueKit opens no file on its own: a reader that meets such a link asks the
/// resolver in `ReadOptions.linkedFiles`, which the caller chose.
/// `DirectoryFiles` is one that opens files beneath a directory and follows
/// no symbolic link; an app may bring its own (a bundle, an archive, memory).
public protocol LinkedFileResolver: Sendable {
    /// The file at `components`: plain names, none empty, `.` or `..`, and
    /// none holding `/` or NUL, from the input's location down. Nil when no
    /// such file exists; throws when one exists but may not or cannot be read.
    func file(at components: [String]) throws(LinkedFileError) -> LinkedFile?
}

/// A file a resolver found.
public struct LinkedFile: Sendable {
    /// How diagnostics name the file (a path, for `DirectoryFiles`).
    public var name: String
    public var bytes: [UInt8]
    /// The media type it was served as (a download's `Content-Type`), when known.
    public var mediaType: String?

    public init(name: String, bytes: [UInt8], mediaType: String? = nil) {
        self.name = name
        self.bytes = bytes
        self.mediaType = mediaType
    }
}

/// Why a linked file that exists was not read.
public struct LinkedFileError: Error, Sendable {
    /// How diagnostics name the file.
    public var name: String
    /// Why, as a clause: "it is a symbolic link, which is not followed".
    public var reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}
