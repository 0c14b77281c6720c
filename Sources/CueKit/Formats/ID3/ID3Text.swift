/// The text encodings of ID3v2 (ID3v2.4.0 structure section 4): the byte
/// that starts a text-bearing frame names one, strings end with a
/// terminator one or two bytes wide.
enum ID3TextEncoding: UInt8, Sendable {
    /// `$00` ISO-8859-1, terminated by `$00`.
    case latin1 = 0
    /// `$01` UTF-16 with a byte order mark, terminated by `$00 00`.
    case utf16 = 1
    /// `$02` UTF-16BE without a byte order mark (v2.4), terminated by `$00 00`.
    case utf16BE = 2
    /// `$03` UTF-8 (v2.4), terminated by `$00`.
    case utf8 = 3

    var terminatorWidth: Int { self == .utf16 || self == .utf16BE ? 2 : 1 }

    var name: String {
        switch self {
        case .latin1: "ISO-8859-1"
        case .utf16: "UTF-16 with a byte order mark"
        case .utf16BE: "UTF-16BE"
        case .utf8: "UTF-8"
        }
    }
}

/// Reading and writing ID3v2 strings.
enum ID3Text {
    /// What was wrong with the text read, for one warning per kind.
    struct Problems {
        /// UTF-16 strings without a byte order mark (read by guessing the order).
        var missingBOM = 0
        /// Strings with bytes that are not valid in their encoding (read with U+FFFD).
        var invalid = 0
    }

    /// The index of the terminator of the string that starts at
    /// `range.lowerBound`, or nil when the string runs to the end of
    /// `range`. UTF-16 terminators are looked for at even distances only.
    static func terminator(in bytes: [UInt8], _ range: Range<Int>, encoding: ID3TextEncoding) -> Int? {
        if encoding.terminatorWidth == 1 { return bytes[range].firstIndex(of: 0) }
        var index = range.lowerBound
        while index + 1 < range.upperBound {
            if bytes[index] == 0 && bytes[index + 1] == 0 { return index }
            index += 2
        }
        return nil
    }

    /// The strings of `range`, split at terminators; a terminator at the
    /// very end ends the last string and starts none.
    static func strings(
        in bytes: [UInt8], _ range: Range<Int>, encoding: ID3TextEncoding, problems: inout Problems
    ) -> [String] {
        var values: [String] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let end = terminator(in: bytes, start..<range.upperBound, encoding: encoding) ?? range.upperBound
            values.append(decode(bytes[start..<end], encoding: encoding, problems: &problems))
            start = end + encoding.terminatorWidth
        }
        return values
    }

    /// One string without its terminator.
    static func decode(_ bytes: ArraySlice<UInt8>, encoding: ID3TextEncoding, problems: inout Problems) -> String {
        switch encoding {
        case .latin1:
            return latin1(bytes)
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            problems.invalid += 1
            return String(decoding: bytes, as: UTF8.self)
        case .utf16:
            if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), bigEndian: false, problems: &problems) }
            if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), bigEndian: true, problems: &problems) }
            if bytes.isEmpty { return "" }
            problems.missingBOM += 1
            return utf16(bytes, bigEndian: looksBigEndian(bytes), problems: &problems)
        case .utf16BE:
            return utf16(bytes, bigEndian: true, problems: &problems)
        }
    }

    /// ISO-8859-1: each byte is the code point of its value.
    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool, problems: inout Problems) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        if let text = String(validating: units, as: UTF16.self), bytes.count % 2 == 0 { return text }
        problems.invalid += 1
        return String(decoding: units, as: UTF16.self)
    }

    /// The byte order of UTF-16 without a mark, guessed from where its zero
    /// bytes are: the high bytes of Latin letters are zero.
    private static func looksBigEndian(_ bytes: ArraySlice<UInt8>) -> Bool {
        var evenZeros = 0, oddZeros = 0
        for (position, byte) in bytes.enumerated() where byte == 0 {
            if position % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        return evenZeros > oddZeros
    }

    // MARK: Writing

    /// `text` in `encoding`, without a terminator (UTF-16 little-endian
    /// after its byte order mark, as FFmpeg writes it).
    static func encode(_ text: String, as encoding: ID3TextEncoding) -> [UInt8] {
        switch encoding {
        case .latin1:
            return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        case .utf8:
            return Array(text.utf8)
        case .utf16:
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return bytes
        case .utf16BE:
            var bytes: [UInt8] = []
            for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            return bytes
        }
    }

    /// Whether every character of `text` is in ISO-8859-1.
    static func isLatin1(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value <= 0xFF }
    }

    /// `url` as ISO-8859-1, the encoding of URLs in ID3: characters past
    /// U+00FF are written as percent escapes of their UTF-8 bytes.
    static func urlBytes(_ url: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let digits = Array("0123456789ABCDEF".utf8)
        for scalar in url.unicodeScalars {
            if scalar.value <= 0xFF {
                bytes.append(UInt8(scalar.value))
                continue
            }
            for byte in String(scalar).utf8 { bytes += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        }
        return bytes
    }
}
