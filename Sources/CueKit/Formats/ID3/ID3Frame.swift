/// One frame of an ID3v2 tag, or one sub-frame of a `CHAP` or `CTOC`: a
/// ten-byte header (four-character id, size, two flag bytes) and its body.
struct ID3Frame {
    /// Four capital letters or digits.
    var id: String
    var flags: ID3FrameFlags
    /// Where the header starts in `storage`.
    var headerStart: Int
    /// The body as stored: the extra header bytes some flags add, then the
    /// data (unsynchronised when the frame is).
    var body: Range<Int>
    var storage: ID3Bytes

    /// The file offset of the frame's first byte.
    var fileOffset: Int { storage.fileOffset(of: headerStart) }

    /// The frame's data as a reader uses it: after the extra header bytes,
    /// with unsynchronisation undone (`tagUnsynchronised` is the v2.4 tag
    /// flag that says every frame is). Nil for a compressed or encrypted
    /// frame, which cues does not read; throws when the body is too short
    /// for the bytes its flags announce.
    func content(
        tagUnsynchronised: Bool, location: (Int) -> SourceLocation
    ) throws(Diagnostic) -> (storage: ID3Bytes, range: Range<Int>)? {
        guard !flags.isCompressed, !flags.isEncrypted else { return nil }
        let extra = flags.extraHeaderLength
        guard extra <= body.count else {
            throw .error(
                "id3.frame-flags",
                "expected the \(extra) byte(s) its flags announce after the header of frame '\(id)', found a body of \(body.count)",
                at: location(storage.fileOffset(of: body.lowerBound)), format: .id3)
        }
        let data = (body.lowerBound + extra)..<body.upperBound
        guard flags.version == 4, flags.isUnsynchronised || tagUnsynchronised else { return (storage, data) }
        let decoded = ID3Bytes(resynchronising: data, of: storage)
        return (decoded, 0..<decoded.bytes.count)
    }

    /// Whether four bytes are a frame id: capital letters A–Z and digits.
    static func isFrameID(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count == 4 && bytes.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }
}

/// The two flag bytes of a frame header, by version: v2.3 `%abc00000
/// %ijk00000`, v2.4 `%0abc0000 %0h00kmnp` (tag alter and file alter
/// preservation, read only; grouping, compression, encryption,
/// unsynchronisation, data length indicator).
struct ID3FrameFlags: Equatable {
    var version: UInt8
    var raw: UInt16

    /// "Frame should be discarded" when the tag is altered and the frame unknown.
    var discardsOnTagAlteration: Bool { raw & (version == 4 ? 0x4000 : 0x8000) != 0 }
    var isCompressed: Bool { raw & (version == 4 ? 0x0008 : 0x0080) != 0 }
    var isEncrypted: Bool { raw & (version == 4 ? 0x0004 : 0x0040) != 0 }
    var isGrouped: Bool { raw & (version == 4 ? 0x0040 : 0x0020) != 0 }
    /// v2.4 only: the frame's data is unsynchronised.
    var isUnsynchronised: Bool { version == 4 && raw & 0x0002 != 0 }
    /// v2.4 only: four sync-safe bytes of data length follow the header.
    var hasDataLength: Bool { version == 4 && raw & 0x0001 != 0 }

    /// The bytes the flags add after the header, in the order of the flags
    /// (v2.3: decompressed size 4, encryption method 1, group 1; v2.4:
    /// group 1, encryption method 1, data length 4).
    var extraHeaderLength: Int {
        (isCompressed && version == 3 ? 4 : 0) + (isEncrypted ? 1 : 0) + (isGrouped ? 1 : 0) + (hasDataLength ? 4 : 0)
    }

    /// The flags with the v2.4 unsynchronisation bit set.
    var unsynchronised: ID3FrameFlags { ID3FrameFlags(version: version, raw: raw | (version == 4 ? 0x0002 : 0)) }
}
