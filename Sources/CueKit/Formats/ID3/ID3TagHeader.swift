/// The ten bytes that start an ID3v2 tag (ID3v2.3.0 section 3.1, ID3v2.4.0
/// structure section 3.1): `ID3`, the major version and revision, the flags
/// and the size of what follows as a sync-safe integer.
///
/// A caller that reads an MP3 file hands the library its first bytes and
/// learns how many bytes the tag takes (`tagLength(atStartOf:)`): the tag is
/// read, the audio after it never is.
package struct ID3TagHeader: Sendable, Equatable {
    /// The length of the header (and of a v2.4 footer).
    package static let length = 10

    /// 2, 3 or 4 for ID3v2.2, v2.3, v2.4.
    package var majorVersion: UInt8
    package var revision: UInt8
    package var flags: UInt8
    /// The size field: the bytes after the header (extended header, frames,
    /// padding), without a v2.4 footer.
    package var size: Int

    /// Whether the whole tag (v2.3) or every frame (v2.4) is unsynchronised.
    package var isUnsynchronised: Bool { flags & 0x80 != 0 }
    package var hasExtendedHeader: Bool { flags & 0x40 != 0 }
    /// Whether a ten-byte footer (`3DI`…) follows the tag: v2.4 only.
    package var hasFooter: Bool { majorVersion == 4 && flags & 0x10 != 0 }
    /// The flag bits the tag's version does not define.
    var undefinedFlags: UInt8 { flags & (majorVersion == 4 ? 0x0F : 0x1F) }

    /// The bytes the tag takes in the file: header, body and footer.
    package var totalLength: Int { Self.length + size + (hasFooter ? Self.length : 0) }

    /// The header at the start of `bytes`, or nil when they do not start
    /// with one: `ID3`, version and revision bytes below `$FF`, and four
    /// size bytes below `$80` (the pattern of ID3v2.4.0 structure section 3.1).
    package init?(_ bytes: ArraySlice<UInt8>) {
        guard bytes.count >= Self.length, Self.startsWithMagic(bytes) else { return nil }
        let base = bytes.startIndex
        guard bytes[base + 3] != 0xFF, bytes[base + 4] != 0xFF,
              let size = ID3Integer.syncSafe(bytes[(base + 6)..<(base + 10)]) else { return nil }
        majorVersion = bytes[base + 3]
        revision = bytes[base + 4]
        flags = bytes[base + 5]
        self.size = size
    }

    /// How many bytes at the start of a file belong to its ID3v2 tag, given
    /// the file's first `length` bytes (or all of a shorter file): the
    /// tag's `totalLength`; `length` for bytes that start with `ID3` but
    /// not with a valid header (the reader and writer then say what is
    /// wrong with it); 0 when the file does not start with `ID3`.
    package static func tagLength(atStartOf head: ArraySlice<UInt8>) -> Int {
        if let header = ID3TagHeader(head) { return header.totalLength }
        return startsWithMagic(head) ? length : 0
    }

    /// Whether `bytes` start with `ID3`.
    static func startsWithMagic(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: [0x49, 0x44, 0x33])
    }
}

/// The integers of ID3v2: big-endian, plain or sync-safe (seven bits a
/// byte, the top bit always 0, so that no `$FF` appears in them).
enum ID3Integer {
    /// Four bytes as a sync-safe integer, nil when a byte has its top bit set.
    static func syncSafe(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            value = value << 7 | Int(byte)
        }
        return value
    }

    /// Four bytes as a plain big-endian unsigned integer.
    static func plain(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    /// `value` (below 2^28) as four sync-safe bytes.
    static func syncSafeBytes(_ value: Int) -> [UInt8] {
        [UInt8(value >> 21 & 0x7F), UInt8(value >> 14 & 0x7F), UInt8(value >> 7 & 0x7F), UInt8(value & 0x7F)]
    }

    /// `value` (below 2^32) as four big-endian bytes.
    static func plainBytes(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// The largest sync-safe value: a tag or v2.4 frame of 256 MB less a byte.
    static let syncSafeLimit = (1 << 28) - 1
}
