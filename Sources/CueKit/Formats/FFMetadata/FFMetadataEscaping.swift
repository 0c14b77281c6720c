/// The escaping of FFmpeg metadata text (`doc/metadata.texi`): `=`, `;`,
/// `#`, `\` and a line break are written after a backslash; reading drops
/// each escaping backslash and keeps the byte after it.
enum FFMetadataEscaping {
    /// What writing a text had to change.
    struct Changes: OptionSet {
        let rawValue: Int
        /// NUL characters, which end a line for FFmpeg, were removed.
        static let removedNUL = Changes(rawValue: 1)
        /// Trailing backslashes were removed: FFmpeg's line reader takes the
        /// line break after an escaped backslash as escaped and joins the next
        /// line to the value.
        static let removedTrailingBackslash = Changes(rawValue: 2)
    }

    /// Appends `text` escaped. `isKey` also escapes a leading `[`, so a key
    /// cannot read as a `[CHAPTER]` or `[STREAM]` header.
    static func append(_ text: String, isKey: Bool = false, to bytes: inout [UInt8]) -> Changes {
        var changes: Changes = []
        var utf8 = Array(text.utf8)
        if utf8.contains(0) {
            utf8.removeAll { $0 == 0 }
            changes.insert(.removedNUL)
        }
        if !isKey {
            while utf8.last == UInt8(ascii: "\\") {
                utf8.removeLast()
                changes.insert(.removedTrailingBackslash)
            }
        }
        for (index, byte) in utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "="), UInt8(ascii: ";"), UInt8(ascii: "#"), UInt8(ascii: "\\"), 0x0A, 0x0D:
                bytes.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "[") where isKey && index == 0:
                bytes.append(UInt8(ascii: "\\"))
            default:
                break
            }
            bytes.append(byte)
        }
        return changes
    }

    /// `raw` without its escaping backslashes.
    static func unescape(_ raw: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == UInt8(ascii: "\\") {
                index += 1
                guard index < raw.endIndex else { break }
            }
            out.append(raw[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index of the first `=` not escaped by a backslash, if any.
    static func firstUnescapedEquals(in raw: ArraySlice<UInt8>) -> Int? {
        var index = raw.startIndex
        while index < raw.endIndex {
            switch raw[index] {
            case UInt8(ascii: "="): return index
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }
}
