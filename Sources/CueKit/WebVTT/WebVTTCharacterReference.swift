/// HTML's "consume a character reference" as WebVTT cue text uses it (not in
/// an attribute): `&amp;`, legacy bare names such as `&amp` and `&not`,
/// `&#38;` and `&#x26;`.
enum WebVTTCharacterReference {
    /// Consumes a reference whose name starts at `bytes[index]` (just after
    /// the `&`) and appends its UTF-8 to `out`. When there is no reference,
    /// appends `&` and returns `index`, so the caller reads on from there.
    /// `additionalAllowed` is a byte that ends the reference attempt (`>` in
    /// a tag annotation).
    static func consume(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, additionalAllowed: UInt8?, into out: inout [UInt8]
    ) -> Int {
        guard index < bytes.count else {
            out.append(UInt8(ascii: "&"))
            return index
        }
        let first = bytes[index]
        switch first {
        case 0x09, 0x0A, 0x0C, 0x20, UInt8(ascii: "<"), UInt8(ascii: "&"):
            out.append(UInt8(ascii: "&"))
            return index
        case UInt8(ascii: "#"):
            return numeric(bytes, at: index, into: &out)
        default:
            if first == additionalAllowed {
                out.append(UInt8(ascii: "&"))
                return index
            }
            return named(bytes, at: index, into: &out)
        }
    }

    /// `#` then decimal digits, or `#x` then hexadecimal digits, then an optional `;`.
    private static func numeric(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into out: inout [UInt8]) -> Int {
        var position = index + 1
        var isHex = false
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "x") {
            isHex = true
            position += 1
        }
        var value: UInt32 = 0
        var digits = 0
        while position < bytes.count {
            let byte = bytes[position]
            let digit: UInt32
            if byte &- 0x30 < 10 {
                digit = UInt32(byte &- 0x30)
            } else if isHex, (byte | 0x20) &- UInt8(ascii: "a") < 6 {
                digit = UInt32((byte | 0x20) &- UInt8(ascii: "a")) + 10
            } else {
                break
            }
            // Saturate past the last code point; the value is replaced anyway.
            value = value > 0x10FFFF ? value : value * (isHex ? 16 : 10) + digit
            digits += 1
            position += 1
        }
        guard digits > 0 else {
            out.append(UInt8(ascii: "&"))
            return index
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ";") { position += 1 }
        append(scalar(forNumber: value), to: &out)
        return position
    }

    /// The longest name in the HTML table that the following characters spell.
    private static func named(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into out: inout [UInt8]) -> Int {
        var end = index
        let limit = min(bytes.count, index + HTMLNamedCharacterReferences.longestName)
        while end < limit, isAlphanumeric(bytes[end]) { end += 1 }
        guard end > index else {
            out.append(UInt8(ascii: "&"))
            return index
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: ";"),
           let replacement = lookUp(bytes, index..<(end + 1)) {
            out.append(contentsOf: replacement.utf8)
            return end + 1
        }
        var length = end - index
        while length > 0 {
            if let replacement = lookUp(bytes, index..<(index + length)) {
                out.append(contentsOf: replacement.utf8)
                return index + length
            }
            length -= 1
        }
        out.append(UInt8(ascii: "&"))
        return index
    }

    private static func lookUp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        HTMLNamedCharacterReferences.replacement(
            for: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    /// HTML's replacements for numeric references: NUL, surrogates and values
    /// past U+10FFFF become U+FFFD; 0x80–0x9F are read as Windows-1252.
    static func scalar(forNumber value: UInt32) -> Unicode.Scalar {
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return "\u{FFFD}" }
        if (0x80...0x9F).contains(value) {
            let mapped = windows1252[Int(value - 0x80)]
            return Unicode.Scalar(mapped == 0 ? value : mapped) ?? "\u{FFFD}"
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// HTML's table for numeric references 0x80–0x9F; 0 keeps the number.
    private static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }
}
