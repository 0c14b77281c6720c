/// Turns a file's bytes into UTF-8 for the readers: a UTF-8, UTF-16 or UTF-32
/// byte order mark is honoured and removed; bytes that are not valid UTF-8 are
/// read as Windows-1252 with a warning.
public enum TextDecoding {
    /// The encoding that was detected.
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case utf16LE = "UTF-16LE"
        case utf16BE = "UTF-16BE"
        case utf32LE = "UTF-32LE"
        case utf32BE = "UTF-32BE"
        case windows1252 = "Windows-1252"
    }

    /// The input as UTF-8 without a byte order mark, and the encoding found.
    public static func utf8(
        from bytes: [UInt8], name: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (bytes: [UInt8], encoding: Encoding) {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return (try decodeUTF32(bytes.dropFirst(4), bigEndian: true, name: name), .utf32BE)
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return (try decodeUTF32(bytes.dropFirst(4), bigEndian: false, name: name), .utf32LE)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            if isValidUTF8(rest) { return (rest, .utf8WithBOM) }
            return (try fallback(rest, name: name, diagnostics: &diagnostics), .windows1252)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try decodeUTF16(bytes.dropFirst(2), bigEndian: true, name: name), .utf16BE)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try decodeUTF16(bytes.dropFirst(2), bigEndian: false, name: name), .utf16LE)
        }
        if isValidUTF8(bytes) { return (bytes, .utf8) }
        return (try fallback(bytes, name: name, diagnostics: &diagnostics), .windows1252)
    }

    /// Whether `bytes` are well-formed UTF-8.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // Fast path: pure ASCII needs no decoding.
        let isASCII = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var index = 0
            let count = buffer.count
            while index + 8 <= count {
                let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
            while index < count {
                if buffer[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
        if isASCII { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    private static func fallback(
        _ bytes: [UInt8], name: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let offset = firstInvalidUTF8Offset(bytes)
        let (line, column) = lineAndColumn(ofByte: offset, in: bytes)
        try diagnostics.repair(.warning(
            "text.not-utf8",
            "expected UTF-8 text, found byte 0x\(String(bytes[offset], radix: 16, uppercase: true)); read the file as Windows-1252 (pass --encoding to choose another)",
            at: SourceLocation(file: name, line: line, column: column)))
        return decodeWindows1252(bytes)
    }

    /// Decodes Windows-1252 (Latin-1 with printable characters in 0x80–0x9F).
    public static func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar: UInt32 = (0x80...0x9F).contains(byte)
                ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
        }
        return out
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { out.append(unit) }
    }

    private static func decodeUTF16(
        _ bytes: ArraySlice<UInt8>, bigEndian: Bool, name: String?
    ) throws(Diagnostic) -> [UInt8] {
        if bytes.count % 2 != 0 {
            throw .error(
                "text.truncated-utf16",
                "expected UTF-16 (by its byte order mark), found an odd number of bytes",
                at: SourceLocation(file: name, line: 1, column: 1))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): appendUTF8(scalar, to: &out)
            case .emptyInput: break loop
            case .error: appendUTF8("\u{FFFD}", to: &out)
            }
        }
        return out
    }

    private static func decodeUTF32(
        _ bytes: ArraySlice<UInt8>, bigEndian: Bool, name: String?
    ) throws(Diagnostic) -> [UInt8] {
        if bytes.count % 4 != 0 {
            throw .error(
                "text.truncated-utf32",
                "expected UTF-32 (by its byte order mark), found a length that is not a multiple of 4",
                at: SourceLocation(file: name, line: 1, column: 1))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b = (UInt32(bytes[index]), UInt32(bytes[index + 1]), UInt32(bytes[index + 2]), UInt32(bytes[index + 3]))
            let value = bigEndian ? b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3 : b.3 << 24 | b.2 << 16 | b.1 << 8 | b.0
            appendUTF8(Unicode.Scalar(value) ?? "\u{FFFD}", to: &out)
            index += 4
        }
        return out
    }

    /// The offset of the first byte that breaks UTF-8 (bytes.count when none).
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            if index + length > bytes.count { return index }
            for next in 1..<length where bytes[index + next] & 0xC0 != 0x80 { return index }
            // Reject overlong and surrogate forms the lead byte alone allows.
            if length == 3 {
                let second = bytes[index + 1]
                if byte == 0xE0 && second < 0xA0 { return index }
                if byte == 0xED && second > 0x9F { return index }
            }
            if length == 4 {
                let second = bytes[index + 1]
                if byte == 0xF0 && second < 0x90 { return index }
                if byte == 0xF4 && second > 0x8F { return index }
            }
            index += length
        }
        return bytes.count
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    public static func lineAndColumn(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (line, column)
    }
}
