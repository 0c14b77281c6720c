/// Text made safe and readable as part of a file name: lower-case ASCII
/// letters and digits joined by single hyphens, at most 60 characters
/// (`Episode 2: Chapters & Captions` → `episode-2-chapters-captions`).
enum FileNameSlug {
    /// The slug of `text`; nil when nothing is left.
    static func make(_ text: String?) -> String? {
        guard let text else { return nil }
        var bytes: [UInt8] = []
        var pendingHyphen = false
        for byte in text.utf8 {
            let lowered = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
            if (lowered >= 0x61 && lowered <= 0x7A) || (lowered >= 0x30 && lowered <= 0x39) {
                if pendingHyphen && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                bytes.append(lowered)
                if bytes.count >= 60 { break }
            } else {
                pendingHyphen = true
            }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
