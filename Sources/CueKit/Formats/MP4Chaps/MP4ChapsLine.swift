/// One line of an mp4chaps list: a time (`HH:MM:SS.mmm`), white space and a
/// title, which may end in a link written `<https://…>`.
struct MP4ChapsLine {
    /// The time's bytes.
    var time: Range<Int>
    /// The title's bytes (empty when the line holds only a time).
    var title: Range<Int>
    /// The link's bytes, inside the angle brackets.
    var url: Range<Int>?

    /// Splits `bytes[start..<end]` at the first space or tab; nil when the
    /// line does not open with a digit.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        guard start < end, bytes[start] &- 0x30 < 10 else { return nil }
        var index = start
        while index < end, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
        time = start..<index
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        var titleEnd = end
        while titleEnd > index, bytes[titleEnd - 1] == 0x20 || bytes[titleEnd - 1] == 0x09 { titleEnd -= 1 }
        title = index..<titleEnd
        url = nil
        // A trailing `<scheme://…>` after a space is the chapter's link.
        if titleEnd > index, bytes[titleEnd - 1] == UInt8(ascii: ">") {
            var open = titleEnd - 1
            while open > index, bytes[open] != UInt8(ascii: "<") { open -= 1 }
            // A title that is `>` alone, or `<>`, holds no link (found by fuzzing).
            if bytes[open] == UInt8(ascii: "<"), open < titleEnd - 1, Self.isLink(bytes, (open + 1)..<(titleEnd - 1)),
               open == index || bytes[open - 1] == 0x20 {
                let inner = (open + 1)..<(titleEnd - 1)
                url = inner
                var cut = open
                while cut > index, bytes[cut - 1] == 0x20 { cut -= 1 }
                title = index..<cut
            }
        }
    }

    private static func isLink(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let text = bytes.utf8String(range.lowerBound, range.upperBound)
        return (text.hasPrefix("http://") || text.hasPrefix("https://")) && !text.contains(" ")
    }

    /// Whether the time is exactly `HH:MM:SS.mmm` (two-digit hours or more),
    /// the shape the sniffer requires.
    static func isStrictTime(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let count = range.count
        guard count >= 12 else { return false }
        let hours = count - 10
        for offset in 0..<count {
            let byte = bytes[range.lowerBound + offset]
            let position = offset - hours
            switch position {
            case 0, 3: guard byte == UInt8(ascii: ":") else { return false }
            case 6: guard byte == UInt8(ascii: ".") else { return false }
            default: guard byte &- 0x30 < 10 else { return false }
            }
        }
        return bytes[range.lowerBound + hours + 1] < UInt8(ascii: "6") && bytes[range.lowerBound + hours + 4] < UInt8(ascii: "6")
    }
}
