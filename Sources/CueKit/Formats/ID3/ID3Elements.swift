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
    // What recurs, counted for `report` (ID3FrameReader+Text.swift).
    var text = ID3Text.Problems()
    var firstTextProblem: Int?
    /// Compressed or encrypted frames cues cannot read, by id.
    var unreadable: [String] = []
    var laterEncodings = 0
    var severalValues = 0

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
}
