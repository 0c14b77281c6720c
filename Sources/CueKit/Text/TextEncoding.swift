/// The character encoding an input was read in: named by the caller
/// (`ReadOptions.encoding`) or found in its bytes (a byte order mark, the
/// zero bytes of UTF-16 or UTF-32, UTF-8 that is not valid and so read as
/// Windows-1252).
public struct TextEncoding: Hashable, Sendable, CustomStringConvertible {
    /// A name such as `UTF-8`, `Windows-1252`, or the name the caller gave.
    public var name: String

    /// The encoding called `name`.
    public init(_ name: String) {
        self.name = name
    }

    /// The name.
    public var description: String { name }

    /// UTF-8 without a byte order mark.
    public static let utf8 = TextEncoding("UTF-8")
    /// UTF-8 after a byte order mark (the mark is not part of the text).
    public static let utf8WithBOM = TextEncoding("UTF-8 with BOM")
    /// UTF-16, little-endian.
    public static let utf16LE = TextEncoding("UTF-16LE")
    /// UTF-16, big-endian.
    public static let utf16BE = TextEncoding("UTF-16BE")
    /// UTF-32, little-endian.
    public static let utf32LE = TextEncoding("UTF-32LE")
    /// UTF-32, big-endian.
    public static let utf32BE = TextEncoding("UTF-32BE")
    /// Windows-1252, the encoding of text that is not UTF-8.
    public static let windows1252 = TextEncoding("Windows-1252")
    /// Not text: a binary format's bytes (an MP3 file's ID3 tag), read as they are.
    public static let binary = TextEncoding("binary")
}
