/// The MP3 file the `id3` writer puts chapters into, as the caller read it:
/// the library opens no file.
///
/// The writer returns a new tag: the file to write is that tag followed by
/// the media file's bytes from `tag.count` on (its audio), copied
/// unchanged. Without a media file the writer writes a tag alone.
public struct ID3Media: Sendable {
    /// The media file's name, for diagnostics about it.
    public var name: String?
    /// The file's first bytes through the end of its ID3v2 tag
    /// (`ID3TagHeader.tagLength(atStartOf:)` of them); empty for a file
    /// that starts without a tag. Its frames other than chapters are kept.
    public var tag: [UInt8]
    /// The first bytes of the audio after the tag (`audioHeadLength` are
    /// plenty), to check that it is MPEG audio and to learn its duration.
    public var audioHead: [UInt8]
    /// The number of bytes after the tag, when known (a regular file's size
    /// less the tag's), for the duration of audio of a constant bitrate.
    public var audioLength: Int?

    /// How many bytes of audio `audioHead` should hold.
    public static let audioHeadLength = 4096

    public init(name: String?, tag: [UInt8], audioHead: [UInt8], audioLength: Int?) {
        self.name = name
        self.tag = tag
        self.audioHead = audioHead
        self.audioLength = audioLength
    }
}
