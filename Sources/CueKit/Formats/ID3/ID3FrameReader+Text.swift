/// The strings, URLs and pictures of frames, and the warnings for what
/// recurred in a tag.
extension ID3FrameReader {
    /// The strings of a text frame (`T…`): an encoding byte, then strings.
    func textValues(_ storage: ID3Bytes, _ range: Range<Int>, frame: String) throws(Diagnostic) -> [String] {
        guard let first = range.first else { return [] }
        let encoding = try self.encoding(storage, at: first, frame: frame)
        let before = text
        let values = ID3Text.strings(in: storage.bytes, (first + 1)..<range.upperBound, encoding: encoding, problems: &text)
        noteTextProblems(since: before, at: storage.fileOffset(of: first))
        if values.count > 1 && values.dropFirst().contains(where: { !$0.isEmpty }) { severalValues += 1 }
        return values
    }

    /// The URL of a `WXXX` frame: encoding, description, then the URL in ISO-8859-1.
    func userURL(_ storage: ID3Bytes, _ range: Range<Int>, frame: String) throws(Diagnostic) -> String? {
        guard let first = range.first else { return nil }
        let encoding = try self.encoding(storage, at: first, frame: frame)
        let rest = (first + 1)..<range.upperBound
        guard let end = ID3Text.terminator(in: storage.bytes, rest, encoding: encoding) else { return nil }
        return Self.trimmedLatin1(storage.bytes[(end + encoding.terminatorWidth)..<range.upperBound])
    }

    /// The URL of an `APIC` whose MIME type is `-->` (the picture is a
    /// link, ID3v2.4.0 frames section 4.14); nil for an embedded picture.
    func pictureLink(_ data: ArraySlice<UInt8>) -> String? {
        guard let first = data.first, let encoding = ID3TextEncoding(rawValue: first),
              let mimeEnd = data.dropFirst().firstIndex(of: 0),
              ID3Text.latin1(data[(data.startIndex + 1)..<mimeEnd]) == "-->" else { return nil }
        // A link is short: its bytes are copied, an embedded picture's never.
        let bytes = Array(data[mimeEnd...])
        guard bytes.count >= 2, let end = ID3Text.terminator(in: bytes, 2..<bytes.count, encoding: encoding) else { return nil }
        return Self.trimmedLatin1(bytes[(end + encoding.terminatorWidth)...])
    }

    /// The text encoding byte at `index`, checked.
    private func encoding(_ storage: ID3Bytes, at index: Int, frame: String) throws(Diagnostic) -> ID3TextEncoding {
        let byte = storage.bytes[index]
        guard let encoding = ID3TextEncoding(rawValue: byte) else {
            throw .error(
                "id3.text-encoding", "expected a text encoding byte from $00 to $03 in \(frame), found \(ID3FrameWalk.describe([byte]))",
                at: location(storage, index), format: .id3)
        }
        if tag.version == 3 && byte > 1 { laterEncodings += 1 }
        return encoding
    }

    private func noteTextProblems(since before: ID3Text.Problems, at offset: Int) {
        if firstTextProblem == nil, text.invalid > before.invalid || text.missingBOM > before.missingBOM {
            firstTextProblem = offset
        }
    }

    /// ISO-8859-1 text without the `$00` bytes that may end it.
    static func trimmedLatin1(_ bytes: ArraySlice<UInt8>) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0 { end -= 1 }
        let text = bytes[bytes.startIndex..<end]
        return ID3Text.latin1(text.firstIndex(of: 0).map { text[..<$0] } ?? text)
    }

    /// The warnings for what recurred, once each.
    func report(_ diagnostics: inout Diagnostics) throws(Diagnostic) {
        if walk.plainSizes.count > 1 {
            diagnostics.report(.note(
                "id3.plain-frame-sizes", "\(walk.plainSizes.count) v2.4 frames in all gave a plain size",
                at: tag.location.at(walk.plainSizes.first), format: .id3))
        }
        let at = firstTextProblem.map { tag.location.at($0) }
        if text.missingBOM > 0 {
            try diagnostics.repair(.warning(
                "id3.no-bom",
                "expected a byte order mark in \(text.missingBOM) UTF-16 string(s), found none; read in the byte order their zero bytes suggest, first here",
                at: at, format: .id3))
        }
        if text.invalid > 0 {
            try diagnostics.repair(.warning(
                "id3.bad-text",
                "\(text.invalid) string(s) hold bytes that are not valid in their encoding; read with U+FFFD in their place, first here",
                at: at, format: .id3))
        }
        if laterEncodings > 0 {
            try diagnostics.repair(.warning(
                "id3.v24-encoding",
                "expected the text encodings of ID3v2.3 ($00 and $01), found UTF-16BE or UTF-8 (of ID3v2.4) in \(laterEncodings) frame(s); read as such",
                format: .id3))
        }
        if severalValues > 0 {
            diagnostics.report(.warning(
                "id3.several-values", "\(severalValues) text frame(s) hold several strings; the first of each is read", format: .id3))
        }
        if !unreadable.isEmpty {
            let chapterFrames = unreadable.filter { ["CHAP", "CTOC"].contains($0) }.count
            diagnostics.report(.warning(
                "id3.unreadable-frames",
                "\(unreadable.count) frame(s) are compressed or encrypted, which cues does not read (\(chapterFrames) of them CHAP or CTOC); left out",
                format: .id3))
        }
    }
}
