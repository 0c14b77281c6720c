/// A chapter is coded as an object with `start`, `end` and `title` (each
/// null when the chapter has none) and `toc` (whether it is in the table
/// of contents); `url`, `image`, `cueIndex` and `extras` when it has them.
extension Chapter: Codable {
    private enum CodingKeys: String, CodingKey {
        case start, end, title, url, image, toc, cueIndex, extras
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orNull: start, forKey: .start)
        try container.encode(orNull: end, forKey: .end)
        try container.encode(orNull: title, forKey: .title)
        if let url { try container.encode(url, forKey: .url) }
        if let image { try container.encode(image, forKey: .image) }
        try container.encode(isInTableOfContents, forKey: .toc)
        if let cueIndex { try container.encode(cueIndex, forKey: .cueIndex) }
        if !extras.isEmpty { try container.encode(extras, forKey: .extras) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.expecting("a chapter object") { try decoder.container(keyedBy: CodingKeys.self) }
        self.init(location: (decoder as? JSONTreeDecoder)?.sourceLocation)
        start = try container.decodeIfPresent(Timestamp.self, forKey: .start)
        end = try container.decodeIfPresent(Timestamp.self, forKey: .end)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        image = try container.decodeIfPresent(String.self, forKey: .image)
        if container.contains(.toc) { isInTableOfContents = try container.decode(Bool.self, forKey: .toc) }
        if container.contains(.cueIndex) {
            let index = try container.decode(Int.self, forKey: .cueIndex, expecting: "a cue index")
            guard index >= 0 else {
                throw DecodingError.typeMismatch(Int.self, .init(
                    codingPath: container.codingPath + [CodingKeys.cueIndex], debugDescription: "expected a cue index"))
            }
            cueIndex = index
        }
        if container.contains(.extras) { extras = try container.decode(FormatExtras.self, forKey: .extras) }
    }
}
