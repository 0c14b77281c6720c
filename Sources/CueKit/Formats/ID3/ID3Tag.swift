/// An ID3v2.3 or v2.4 tag at the start of a file, taken apart as far as
/// its frames: the header checked, the tag's bytes bounded, v2.3
/// unsynchronisation undone, the extended header skipped.
///
/// Every error is located by file offset (see `ID3Location`), and nothing
/// past the tag is looked at: `bytes` may hold the whole file or the tag
/// alone.
struct ID3Tag {
    let header: ID3TagHeader
    /// The bytes the frames are in (the file's, or the v2.3 tag body
    /// resynchronised), and the range of the frames and padding.
    let storage: ID3Bytes
    let frames: Range<Int>
    /// Where the extended header is in the file, when there is one.
    let extendedHeader: Range<Int>?
    let location: ID3Location

    var version: UInt8 { header.majorVersion }
    /// Whether a v2.4 tag says every frame is unsynchronised.
    var framesUnsynchronised: Bool { version == 4 && header.isUnsynchronised }

    init(_ bytes: [UInt8], location: ID3Location, diagnostics: inout Diagnostics) throws(Diagnostic) {
        self.location = location
        header = try Self.header(bytes, location: location, diagnostics: &diagnostics)
        guard bytes.count >= header.totalLength else {
            throw .error(
                "id3.truncated",
                "expected a tag of \(header.totalLength) bytes (the size its header gives), found the file ends after \(bytes.count) bytes",
                at: location.at(bytes.count), format: .id3)
        }
        let body = ID3TagHeader.length..<(ID3TagHeader.length + header.size)
        let file = ID3Bytes(file: bytes)
        if header.hasFooter {
            let footer = bytes[body.upperBound..<(body.upperBound + ID3TagHeader.length)]
            let expected = [0x33, 0x44, 0x49] + bytes[3..<ID3TagHeader.length]
            if !footer.elementsEqual(expected) {
                try diagnostics.repair(.warning(
                    "id3.footer",
                    "expected the footer its header announces ('3DI' and a copy of the header), found \(ID3FrameWalk.describe(footer)); ignored",
                    at: location.at(body.upperBound), format: .id3))
            }
        }
        // v2.3 unsynchronises the whole tag after the header, frame headers included.
        let area: Range<Int>
        if header.majorVersion == 3 && header.isUnsynchronised {
            storage = ID3Bytes(resynchronising: body, of: file)
            area = 0..<storage.bytes.count
        } else {
            storage = file
            area = body
        }
        guard header.hasExtendedHeader else {
            frames = area
            extendedHeader = nil
            return
        }
        let length = try Self.extendedHeaderLength(storage, area, version: header.majorVersion, location: location)
        frames = (area.lowerBound + length)..<area.upperBound
        extendedHeader = storage.fileOffset(of: area.lowerBound)..<storage.fileOffset(of: frames.lowerBound)
    }

    /// The header, checked: `ID3`, a version cues reads, a sync-safe size.
    private static func header(
        _ bytes: [UInt8], location: ID3Location, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> ID3TagHeader {
        let head = bytes.prefix(ID3TagHeader.length)
        guard ID3TagHeader.startsWithMagic(head) else {
            let found = bytes.isEmpty ? "an empty file" : ID3FrameWalk.describe(bytes.prefix(4))
            throw .error(
                "id3.no-tag",
                "expected an ID3v2 tag ('ID3') at the start of the file, found \(found): the file holds no ID3v2 chapters",
                at: location.at(0), format: .id3)
        }
        guard head.count == ID3TagHeader.length else {
            throw .error(
                "id3.truncated", "expected a ten-byte ID3v2 header, found the file ends after \(head.count) bytes",
                at: location.at(head.count), format: .id3)
        }
        if let bad = head[6..<10].firstIndex(where: { $0 >= 0x80 }) {
            throw .error(
                "id3.tag-size",
                "expected a sync-safe tag size (four bytes below $80), found \(ID3FrameWalk.describe(head[6..<10]))",
                at: location.at(bad), format: .id3)
        }
        guard let header = ID3TagHeader(head) else {
            throw .error(
                "id3.version", "expected an ID3v2.3 or v2.4 version, found the bytes \(ID3FrameWalk.describe(head[3..<5]))",
                at: location.at(3), format: .id3)
        }
        guard header.majorVersion == 3 || header.majorVersion == 4 else {
            let why = header.majorVersion == 2 ? ", whose three-letter frames cues does not read" : ""
            throw .error(
                "id3.version", "expected an ID3v2.3 or v2.4 tag, found ID3v2.\(header.majorVersion)\(why)",
                at: location.at(3), format: .id3)
        }
        if header.undefinedFlags != 0 {
            try diagnostics.repair(.warning(
                "id3.tag-flags",
                "expected only the flags ID3v2.\(header.majorVersion) defines in the tag header, found the flags byte \(ID3FrameWalk.describe([header.flags])); the undefined ones are ignored",
                at: location.at(5), format: .id3))
        }
        return header
    }

    /// The bytes the extended header takes at the start of `area`: v2.3
    /// a plain size of 6 or 10 that excludes its four bytes; v2.4 a
    /// sync-safe size of at least 6 that includes them.
    private static func extendedHeaderLength(
        _ storage: ID3Bytes, _ area: Range<Int>, version: UInt8, location: ID3Location
    ) throws(Diagnostic) -> Int {
        let at = location.at(storage.fileOffset(of: area.lowerBound))
        guard area.count >= 6 else {
            throw .error(
                "id3.extended-header", "expected the extended header the tag header announces, found \(area.count) byte(s) of tag",
                at: at, format: .id3)
        }
        let sizeBytes = storage.bytes[area.lowerBound..<(area.lowerBound + 4)]
        let length: Int?
        if version == 3 {
            let size = ID3Integer.plain(sizeBytes)
            length = size == 6 || size == 10 ? size + 4 : nil
        } else {
            length = ID3Integer.syncSafe(sizeBytes).flatMap { $0 >= 6 ? $0 : nil }
        }
        guard let length, length <= area.count else {
            let rule = version == 3 ? "a size of 6 or 10" : "a sync-safe size of at least 6"
            throw .error(
                "id3.extended-header",
                "expected an extended header of \(rule) within the \(area.count) bytes of the tag, found the size bytes \(ID3FrameWalk.describe(sizeBytes))",
                at: at, format: .id3)
        }
        return length
    }

    /// A walk over this tag's frames.
    func walk() -> ID3FrameWalk {
        ID3FrameWalk(version: version, location: location.at)
    }
}

/// Where a place in a binary ID3 input is: line 1, and the byte offset from
/// the start of the file plus one as the column (`episode.mp3:1:4107` is
/// the byte at offset 4106). Offsets are the file's, also inside an
/// unsynchronised tag.
struct ID3Location {
    let name: String?

    func at(_ offset: Int) -> SourceLocation {
        SourceLocation(file: name, line: 1, column: offset + 1)
    }
}
