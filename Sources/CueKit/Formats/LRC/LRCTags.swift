/// LRC's ID tags, `[key:value]` lines before the lyrics, and the timeline
/// metadata they map to.
enum LRCTags {
    /// ID tags mapped to metadata keys. The artist and the album are the
    /// model's `author` and `podcastName`, as FFmpeg metadata's `artist` and
    /// `album` are (ID3 and MP4 hold a podcast's author and name there), so
    /// LRC to `ffmetadata` keeps them; the other names are FFmpeg's.
    static let metadataKeys: [(tag: String, key: String)] = [
        ("ti", "title"), ("ar", "author"), ("al", "podcastName"), ("au", "songwriter"),
        ("by", "creator"), ("re", "encoder"), ("ve", "encoder_version"),
    ]

    /// The tag for metadata `key`, or nil.
    static func tag(forMetadataKey key: String) -> String? {
        metadataKeys.first { $0.key == key }?.tag
    }

    /// The metadata key for `tag` (compared without case), or nil.
    static func metadataKey(forTag tag: String) -> String? {
        let lowered = tag.lowercased()
        return metadataKeys.first { $0.tag == lowered }?.key
    }

    /// An ID tag line: `[key:value]` and nothing but blanks after it, the
    /// key a letter then letters, digits, `_` or `-`. The value is what lies
    /// between the first `:` and the last `]`, without surrounding blanks.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (key: String, value: String)? {
        guard start < end, bytes[start] == UInt8(ascii: "[") else { return nil }
        var index = start + 1
        guard index < end, isLetter(bytes[index]) else { return nil }
        while index < end, isLetter(bytes[index]) || bytes[index] &- 0x30 < 10 || bytes[index] == 0x5F || bytes[index] == 0x2D {
            index += 1
        }
        guard index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
        let key = bytes.utf8String(start + 1, index)
        var close = end
        while close > index && LRCText.isBlank(bytes[close - 1]) { close -= 1 }
        guard close > index + 1, bytes[close - 1] == UInt8(ascii: "]") else { return nil }
        var valueStart = index + 1, valueEnd = close - 1
        while valueStart < valueEnd && LRCText.isBlank(bytes[valueStart]) { valueStart += 1 }
        while valueEnd > valueStart && LRCText.isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
        return (key, bytes.utf8String(valueStart, valueEnd))
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// `[offset:]`'s value in milliseconds: an optional sign and digits.
    static func offset(_ value: String) -> Int64? {
        var digits = Substring(value)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let magnitude = Int64(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `[length:]`'s value: `m:ss`, `mm:ss.xx` or `h:mm:ss`, or seconds.
    static func length(_ value: String) -> Timestamp? {
        guard let time = ClockTime.parse(value), time.fractionSeparator != UInt8(ascii: ","),
              let milliseconds = time.milliseconds else { return nil }
        return Timestamp(milliseconds: milliseconds)
    }
}
