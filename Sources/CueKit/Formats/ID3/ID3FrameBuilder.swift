/// Frames as the writer writes them, for one tag version: sizes sync-safe
/// in v2.4 and plain in v2.3, text in UTF-8 (v2.4), or in ISO-8859-1 when
/// it fits and else UTF-16 with a byte order mark (v2.3, which has no
/// UTF-8).
struct ID3FrameBuilder {
    let version: UInt8

    /// A frame: its ten-byte header, then `data`. Throws when `data` is
    /// longer than a frame can be.
    func frame(_ id: String, flags: UInt16 = 0, _ data: [UInt8]) throws(Diagnostic) -> [UInt8] {
        guard data.count <= ID3Integer.syncSafeLimit else {
            throw .error(
                "id3.too-large", "expected a frame of at most \(ID3Integer.syncSafeLimit) bytes, found \(data.count) bytes of '\(id)'",
                format: .id3)
        }
        var bytes = Array(id.utf8)
        bytes += version == 4 ? ID3Integer.syncSafeBytes(data.count) : ID3Integer.plainBytes(data.count)
        bytes += [UInt8(flags >> 8), UInt8(flags & 0xFF)]
        bytes += data
        return bytes
    }

    /// The encoding text is written in.
    func encoding(for text: String) -> ID3TextEncoding {
        if version == 4 { return .utf8 }
        return ID3Text.isLatin1(text) ? .latin1 : .utf16
    }

    /// A text frame (`TIT2`): the encoding byte and the text, unterminated.
    func textFrame(_ id: String, _ text: String) throws(Diagnostic) -> [UInt8] {
        let encoding = encoding(for: text)
        return try frame(id, [encoding.rawValue] + ID3Text.encode(text, as: encoding))
    }

    /// A `WXXX` frame: ISO-8859-1, an empty description, the URL.
    func urlFrame(_ url: String) throws(Diagnostic) -> [UInt8] {
        try frame("WXXX", [ID3TextEncoding.latin1.rawValue, 0] + ID3Text.urlBytes(url))
    }

    /// An `APIC` frame that links a picture: MIME type `-->`, picture
    /// type `$00` (other), an empty description, the URL as the data.
    func pictureLinkFrame(_ url: String) throws(Diagnostic) -> [UInt8] {
        try frame("APIC", [ID3TextEncoding.latin1.rawValue] + Array("-->".utf8) + [0, 0, 0] + ID3Text.urlBytes(url))
    }

    /// Kept sub-frames, written back with their data.
    func keptFrames(_ values: [FieldValue]) throws(Diagnostic) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in values {
            guard let (id, data) = ID3Extras.decoded(value) else { continue }
            bytes += try frame(id, data)
        }
        return bytes
    }

    /// An element id (`chp0`) with its terminator.
    static func elementID(_ id: String) -> [UInt8] {
        ID3Text.encode(id, as: .latin1) + [0]
    }
}
