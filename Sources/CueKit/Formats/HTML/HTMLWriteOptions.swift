/// What the `html` transcript page plays.
public struct HTMLWriteOptions: Hashable, Sendable {
    /// The media the page's player plays, as a URL relative to the page or
    /// absolute; nil writes no player (the page is then a plain transcript
    /// whose timestamps link to their lines). A URL whose path ends in a
    /// video extension (`.mp4`, `.m4v`, `.mov`, `.webm`, `.mkv`, `.ogv`)
    /// gets a `<video>` player, any other an `<audio>` one.
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
