/// A `CHAP` frame as read (ID3v2 Chapter Frame Addendum 1.0): element id,
/// times in milliseconds, and what its sub-frames say.
struct ID3ChapterElement {
    var elementID: String
    var start: Int64
    var end: Int64
    /// Whether the byte offsets are given (not `$FFFFFFFF`); they are not read.
    var hasOffsets: Bool
    var title: String?
    var url: String?
    /// A picture given by URL (`APIC` with the MIME type `-->`).
    var image: String?
    /// The sub-frames not read into the fields above, as they were (a
    /// `TIT3` description): see `ID3Extras`.
    var kept: [FieldValue]
    /// Embedded pictures (`APIC` sub-frames), as they were.
    var pictures: [FieldValue]
    var location: SourceLocation
}

/// A `CTOC` frame as read: element id, flags, child element ids, sub-frames.
struct ID3TOCElement {
    var elementID: String
    var isTopLevel: Bool
    var isOrdered: Bool
    var children: [String]
    var kept: [FieldValue]
    var location: SourceLocation
}

/// Reads the frames cues understands from one tag: chapters, tables of
/// contents, text, URLs and pictures. Problems that recur are counted and
/// reported once (`report`).
final class ID3FrameReader {
    let tag: ID3Tag
    let walk: ID3FrameWalk
    private var text = ID3Text.Problems()
    private var firstTextProblem: Int?
    /// Compressed or encrypted frames cues cannot read, by id.
    private var unreadable: [String] = []
    private var laterEncodings = 0
    private var severalValues = 0

    init(tag: ID3Tag) {
        self.tag = tag
        walk = tag.walk()
    }

    func location(_ storage: ID3Bytes, _ index: Int) -> SourceLocation {
        tag.location.at(storage.fileOffset(of: index))
    }

    /// The data of `frame`, or nil (counted) when it is compressed or encrypted.
    func content(_ frame: ID3Frame) throws(Diagnostic) -> (storage: ID3Bytes, range: Range<Int>)? {
        let found = try frame.content(tagUnsynchronised: tag.framesUnsynchronised, location: tag.location.at)
        if found == nil { unreadable.append(frame.id) }
        return found
    }

    // MARK: Chapters

    /// A `CHAP` frame; nil when it cannot be read (compressed or encrypted).
    func chapter(_ frame: ID3Frame, diagnostics: inout Diagnostics) throws(Diagnostic) -> ID3ChapterElement? {
        guard let (storage, range) = try content(frame) else { return nil }
        let (elementID, afterID) = try self.elementID(storage, range, frame: "CHAP")
        let fixed = afterID..<(afterID + 16)
        guard fixed.upperBound <= range.upperBound else {
            throw .error(
                "id3.chap",
                "expected start and end times and offsets (16 bytes) after the element id '\(elementID)' of a CHAP frame, found \(range.upperBound - afterID) byte(s)",
                at: location(storage, afterID), format: .id3)
        }
        let numbers = (0..<4).map { ID3Integer.plain(storage.bytes[(afterID + $0 * 4)..<(afterID + $0 * 4 + 4)]) }
        var chapter = ID3ChapterElement(
            elementID: elementID, start: Int64(numbers[0]), end: Int64(numbers[1]),
            hasOffsets: numbers[2] != 0xFFFF_FFFF || numbers[3] != 0xFFFF_FFFF,
            kept: [], pictures: [], location: tag.location.at(frame.fileOffset))
        // A URL frame other than WXXX is the url when there is no WXXX.
        var otherURL: (url: String, kept: Int)?
        try walk.walk(storage, fixed.upperBound..<range.upperBound, region: "CHAP '\(elementID)'", diagnostics: &diagnostics) {
            (sub, diagnostics) throws(Diagnostic) in
            guard let (subStorage, data) = try content(sub) else { return }
            switch sub.id {
            case "TIT2" where chapter.title == nil:
                chapter.title = try textValues(subStorage, data, frame: "TIT2 of chapter '\(elementID)'").first ?? ""
            case "WXXX" where chapter.url == nil:
                chapter.url = try userURL(subStorage, data, frame: "WXXX of chapter '\(elementID)'")
            case "APIC":
                if chapter.image == nil, let link = pictureLink(subStorage.bytes[data]) {
                    chapter.image = link
                } else {
                    chapter.pictures.append(ID3Extras.subframe(sub.id, subStorage.bytes[data]))
                }
            case let id where id.hasPrefix("W") && id != "WXXX":
                if otherURL == nil { otherURL = (Self.trimmedLatin1(subStorage.bytes[data]), chapter.kept.count) }
                chapter.kept.append(ID3Extras.subframe(sub.id, subStorage.bytes[data]))
            default:
                chapter.kept.append(ID3Extras.subframe(sub.id, subStorage.bytes[data]))
            }
        }
        if chapter.url == nil, let otherURL {
            chapter.url = otherURL.url
            // Read as the url, it is written back as a WXXX.
            chapter.kept.remove(at: otherURL.kept)
        }
        return chapter
    }

    /// A `CTOC` frame; nil when it cannot be read.
    func tableOfContents(_ frame: ID3Frame, diagnostics: inout Diagnostics) throws(Diagnostic) -> ID3TOCElement? {
        guard let (storage, range) = try content(frame) else { return nil }
        let bytes = storage.bytes
        let (elementID, afterID) = try self.elementID(storage, range, frame: "CTOC")
        guard afterID + 2 <= range.upperBound else {
            throw .error(
                "id3.ctoc", "expected a flags byte and an entry count after the element id '\(elementID)' of a CTOC frame, found \(range.upperBound - afterID) byte(s)",
                at: location(storage, afterID), format: .id3)
        }
        let flags = bytes[afterID], count = Int(bytes[afterID + 1])
        var toc = ID3TOCElement(
            elementID: elementID, isTopLevel: flags & 0x02 != 0, isOrdered: flags & 0x01 != 0, children: [], kept: [],
            location: tag.location.at(frame.fileOffset))
        var position = afterID + 2
        for index in 0..<count {
            guard position < range.upperBound, let end = bytes[position..<range.upperBound].firstIndex(of: 0) else {
                throw .error(
                    "id3.ctoc",
                    "expected \(count) child element ids ending with $00 in CTOC '\(elementID)', found \(index)",
                    at: location(storage, position), format: .id3)
            }
            toc.children.append(ID3Text.latin1(bytes[position..<end]))
            position = end + 1
        }
        // FFmpeg writes the count in one byte whatever the number of
        // chapters: ids that follow the count, where a sub-frame would
        // start, are children too.
        let counted = toc.children.count
        while position < range.upperBound, bytes[position] != 0,
              !(range.upperBound - position >= ID3TagHeader.length && ID3Frame.isFrameID(bytes[position..<(position + 4)])),
              let end = bytes[position..<range.upperBound].firstIndex(of: 0) {
            toc.children.append(ID3Text.latin1(bytes[position..<end]))
            position = end + 1
        }
        if toc.children.count > counted {
            try diagnostics.repair(.warning(
                "id3.toc-count",
                "expected \(counted) child element id(s) in CTOC '\(elementID)' (its entry count), found \(toc.children.count) (FFmpeg counts in one byte); read them all",
                at: location(storage, afterID + 1), format: .id3))
        }
        try walk.walk(storage, position..<range.upperBound, region: "CTOC '\(elementID)'", diagnostics: &diagnostics) {
            (sub, _) throws(Diagnostic) in
            guard let (subStorage, data) = try content(sub) else { return }
            toc.kept.append(ID3Extras.subframe(sub.id, subStorage.bytes[data]))
        }
        return toc
    }

    /// The element id that starts a `CHAP` or `CTOC` frame, and where the
    /// fields after its `$00` start.
    private func elementID(_ storage: ID3Bytes, _ range: Range<Int>, frame: String) throws(Diagnostic) -> (String, Int) {
        guard let end = storage.bytes[range].firstIndex(of: 0) else {
            throw .error(
                "id3.\(frame.lowercased())",
                "expected the element id of a \(frame) frame to end with a $00 byte, found none in its \(range.count) byte(s)",
                at: location(storage, range.lowerBound), format: .id3)
        }
        return (ID3Text.latin1(storage.bytes[range.lowerBound..<end]), end + 1)
    }

    // MARK: Text, URLs, pictures

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
    private func pictureLink(_ data: ArraySlice<UInt8>) -> String? {
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
