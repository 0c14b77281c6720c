/// One line of an OGM chapter list: `CHAPTERnn=HH:MM:SS.mmm` (a chapter's
/// start) or `CHAPTERnnNAME=Title` (its title), `nn` one or more digits.
struct OGMChapterLine {
    enum Kind: Equatable {
        case time
        case name
    }

    var kind: Kind
    /// The chapter number as written (`01`), compared as a number.
    var number: Int
    /// The bytes after `=`.
    var value: Range<Int>

    /// The line `bytes[start..<end]`, or nil when it is not an OGM line.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        let keyword = Array("CHAPTER".utf8)
        guard end - start > keyword.count else { return nil }
        for (offset, byte) in keyword.enumerated() where bytes[start + offset] != byte { return nil }
        var index = start + keyword.count
        var number = 0, digits = 0
        while index < end, bytes[index] &- 0x30 < 10 {
            if digits < 9 { number = number * 10 + Int(bytes[index] &- 0x30) }
            digits += 1
            index += 1
        }
        guard digits > 0, digits <= 9, index < end else { return nil }
        if bytes[index] == UInt8(ascii: "=") {
            kind = .time
        } else {
            let name = Array("NAME=".utf8)
            guard end - index >= name.count else { return nil }
            for (offset, byte) in name.enumerated() where bytes[index + offset] != byte { return nil }
            index += name.count - 1
            kind = .name
        }
        self.number = number
        value = (index + 1)..<end
    }
}
