/// The lines of FFmpeg metadata text as FFmpeg reads them: a line ends at a
/// line feed, a carriage return or CR LF that no backslash escapes; an
/// escaped line break belongs to the value. Escapes stay in the raw bytes.
struct FFMetadataLine {
    /// The line's bytes, escapes included, without its line break.
    var raw: ArraySlice<UInt8>
    /// The 1-based line number where it starts.
    var number: Int
    /// Whether the line ends with an escaped backslash (`\\`): FFmpeg's line
    /// reader then takes the line break as escaped too and joins the next
    /// line to this one.
    var endsWithEscapedBackslash: Bool

    /// Splits `bytes` into lines.
    static func split(_ bytes: [UInt8]) -> [FFMetadataLine] {
        var lines: [FFMetadataLine] = []
        var start = 0
        var number = 1
        var startNumber = 1
        var index = 0
        var lastWasEscapedBackslash = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                // An escaped CR before a LF: the LF still ends the line (and
                // counts the line break), as in FFmpeg.
                if next == 0x0A || (next == 0x0D && !(index + 2 < bytes.count && bytes[index + 2] == 0x0A)) {
                    number += 1
                }
                lastWasEscapedBackslash = next == UInt8(ascii: "\\")
                index += 2
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                lines.append(FFMetadataLine(
                    raw: bytes[start..<index], number: startNumber, endsWithEscapedBackslash: lastWasEscapedBackslash))
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                index += 1
                number += 1
                start = index
                startNumber = number
                lastWasEscapedBackslash = false
                continue
            }
            lastWasEscapedBackslash = false
            index += 1
        }
        if start < bytes.count {
            lines.append(FFMetadataLine(
                raw: bytes[start..<min(index, bytes.count)], number: startNumber, endsWithEscapedBackslash: false))
        }
        return lines
    }
}
