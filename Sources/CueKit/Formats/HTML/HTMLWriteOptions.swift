/// What the `html` transcript page plays.
public struct HTMLWriteOptions: Hashable, Sendable {
    /// The media the page's player plays, as a URL relative to the page or
    /// absolute; nil writes no player (the page is then a plain transcript
    /// whose timestamps link to their lines). A URL whose path ends in a
    /// video extension (`.mp4`, `.m4v`, `.mov`, `.webm`, `.mkv`, `.ogv`)
    /// gets a `<video>` player, any other an `<audio>` one. Characters a URL
    /// cannot hold are percent-encoded (see `HTMLMediaURL`).
    public var mediaURL: String?

    public init(mediaURL: String? = nil) {
        self.mediaURL = mediaURL
    }

    /// Whether `mediaURL` names a video, by the extension of its path.
    var isVideo: Bool {
        guard let mediaURL else { return false }
        let path = mediaURL.prefix { $0 != "?" && $0 != "#" }.lowercased()
        return ["mp4", "m4v", "mov", "webm", "mkv", "ogv"].contains { path.hasSuffix("." + $0) }
    }
}

/// A URL as a page's `src` takes it: the characters a URL cannot hold
/// (spaces, quotes, `<`, `>`, control characters, anything beyond ASCII,
/// a `%` that starts no escape) percent-encoded as UTF-8, everything else
/// kept, so `media/episode one.mp3` becomes `media/episode%20one.mp3` and a
/// URL that was already valid is unchanged.
enum HTMLMediaURL {
    static func valid(_ url: String) -> String {
        let bytes = Array(url.utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out.append(byte)
            } else if byte != UInt8(ascii: "%"), byte < 0x80, isURLCharacter(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    /// Letters, digits and the characters RFC 3986 gives a meaning or allows
    /// unescaped: `-._~:/?#[]@!$&'()*+,;=`.
    private static func isURLCharacter(_ byte: UInt8) -> Bool {
        if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { return true }
        return Array("-._~:/?#[]@!$&'()*+,;=".utf8).contains(byte)
    }
}
