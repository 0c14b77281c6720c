/// Walks the frames of a region of a tag (its frames area, or the sub-frames
/// of a `CHAP` or `CTOC`) one at a time, never past the region's end.
///
/// - A `$00` where a frame id should start begins the padding, which runs
///   to the end of the region; non-zero bytes in it are a repair warning.
/// - A frame id that is not four capital letters or digits, a header cut
///   off by the end of the region, or a size past it is a located error.
/// - v2.3 sizes are plain 32-bit integers, v2.4 sizes sync-safe. FFmpeg
///   writes the sizes of its v2.4 `CHAP` and `CTOC` frames plain, and
///   iTunes once wrote every size so: a v2.4 size whose sync-safe reading
///   is impossible (a byte of `$80` or more), or leads nowhere while the
///   plain reading leads to the next frame, the padding or the end, is
///   read plain, with a repair warning (once per tag).
final class ID3FrameWalk {
    let version: UInt8
    let location: (Int) -> SourceLocation
    /// The v2.4 frames read by a plain size, and the first one's file offset.
    private(set) var plainSizes = (count: 0, first: 0)
    private var paddingReported = false

    init(version: UInt8, location: @escaping (Int) -> SourceLocation) {
        self.version = version
        self.location = location
    }

    /// Calls `visit` with each frame of `range` in `storage`, in order;
    /// `region` names the region in messages ("the tag", "CHAP 'chp0'").
    func walk(
        _ storage: ID3Bytes, _ range: Range<Int>, region: String, diagnostics: inout Diagnostics,
        visit: (ID3Frame, inout Diagnostics) throws(Diagnostic) -> Void
    ) throws(Diagnostic) {
        let bytes = storage.bytes
        let end = range.upperBound
        var position = range.lowerBound
        while position < end {
            if bytes[position] == 0 {
                try checkPadding(storage, position..<end, region: region, diagnostics: &diagnostics)
                return
            }
            guard end - position >= ID3TagHeader.length else {
                throw .error(
                    "id3.frame-header",
                    "expected a ten-byte frame header or zero padding, found \(end - position) byte(s) (\(Self.describe(bytes[position..<end]))) before the end of \(region)",
                    at: location(storage.fileOffset(of: position)), format: .id3)
            }
            let idBytes = bytes[position..<(position + 4)]
            guard ID3Frame.isFrameID(idBytes) else {
                throw .error(
                    "id3.frame-id",
                    "expected a frame id of four capital letters or digits in \(region), found \(Self.describe(idBytes))",
                    at: location(storage.fileOffset(of: position)), format: .id3)
            }
            let id = String(decoding: idBytes, as: UTF8.self)
            let dataStart = position + ID3TagHeader.length
            let size = try frameSize(storage, at: position, id: id, dataStart: dataStart, end: end, diagnostics: &diagnostics)
            guard size <= end - dataStart else {
                throw .error(
                    "id3.frame-size",
                    "expected frame '\(id)' to end within \(region) (at most \(end - dataStart) bytes of data), found the size \(size)",
                    at: location(storage.fileOffset(of: position + 4)), format: .id3)
            }
            let flags = ID3FrameFlags(version: version, raw: UInt16(bytes[position + 8]) << 8 | UInt16(bytes[position + 9]))
            try visit(ID3Frame(id: id, flags: flags, headerStart: position, body: dataStart..<(dataStart + size), storage: storage), &diagnostics)
            position = dataStart + size
        }
    }

    /// The size of the frame whose header starts at `position`.
    private func frameSize(
        _ storage: ID3Bytes, at position: Int, id: String, dataStart: Int, end: Int, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Int {
        let sizeBytes = storage.bytes[(position + 4)..<(position + 8)]
        let plain = ID3Integer.plain(sizeBytes)
        guard version == 4 else { return plain }
        let syncSafe = ID3Integer.syncSafe(sizeBytes)
        if syncSafe == plain { return plain }
        if let syncSafe, leadsOn(storage, dataStart + syncSafe, end: end) || !leadsOn(storage, dataStart + plain, end: end) {
            return syncSafe
        }
        plainSizes.count += 1
        if plainSizes.count == 1 {
            plainSizes.first = storage.fileOffset(of: position + 4)
            try diagnostics.repair(.warning(
                "id3.plain-frame-size",
                "expected a sync-safe size in the ID3v2.4 frame '\(id)', found a plain one (\(Self.describe(sizeBytes)), as FFmpeg writes CHAP and CTOC frames); read as \(plain) bytes, as the next frame shows",
                at: location(plainSizes.first), format: .id3))
        }
        return plain
    }

    /// Whether a frame ending at `next` is followed by the end of the
    /// region, padding, or another frame header.
    private func leadsOn(_ storage: ID3Bytes, _ next: Int, end: Int) -> Bool {
        if next == end { return true }
        guard next < end else { return false }
        if storage.bytes[next] == 0 { return true }
        return end - next >= ID3TagHeader.length && ID3Frame.isFrameID(storage.bytes[next..<(next + 4)])
    }

    private func checkPadding(
        _ storage: ID3Bytes, _ range: Range<Int>, region: String, diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        guard !paddingReported, let junk = storage.bytes[range].firstIndex(where: { $0 != 0 }) else { return }
        paddingReported = true
        try diagnostics.repair(.warning(
            "id3.padding",
            "expected zero bytes of padding to the end of \(region), found \(Self.describe(storage.bytes[junk..<min(junk + 4, range.upperBound)])); the rest of \(region) is ignored",
            at: location(storage.fileOffset(of: junk)), format: .id3))
    }

    /// Bytes as hex, with their ASCII text when they are printable:
    /// `43 48 41 50 ('CHAP')`.
    static func describe(_ bytes: ArraySlice<UInt8>) -> String {
        let shown = bytes.prefix(8)
        let digits = Array("0123456789ABCDEF")
        let hex = shown.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]) }.joined(separator: " ")
        let more = bytes.count > shown.count ? " …" : ""
        guard shown.allSatisfy({ (0x20..<0x7F).contains($0) }) else { return hex + more }
        return "\(hex)\(more) ('\(String(decoding: shown, as: UTF8.self))')"
    }
}
