/// Turns a file's bytes into UTF-8 for the readers; every text reader gets
/// its input through here.
///
/// Without a named encoding: a UTF-8, UTF-16 or UTF-32 byte order mark is
/// honoured and removed; UTF-16 or UTF-32 without a byte order mark is
/// recognised by its zero bytes (a repair). Text that is not valid UTF-8 is
/// decided as a whole: when it is mostly UTF-8 (see `UTF8Repair.isMostlyUTF8`;
/// always after a UTF-8 byte order mark), the valid UTF-8 is kept and each
/// byte that breaks it is read as Windows-1252 (a repair, `text.bad-utf8`,
/// naming the first place and counting them); otherwise the whole file is
/// read as Windows-1252 (a repair, `text.not-utf8`, naming the first bad
/// byte).
/// With a named encoding (`ReadOptions.encoding`), the bytes are converted by iconv, and
/// bytes that are not valid in that encoding are a located error.
package enum TextDecoding {
    /// The input as UTF-8 without a byte order mark, and the encoding it was
    /// read in: `encoding` when named, else detected.
    package static func utf8(
        from bytes: [UInt8], name: String?, encoding: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (bytes: [UInt8], encoding: TextEncoding) {
        guard let encoding else { return try utf8(from: bytes, name: name, diagnostics: &diagnostics) }
        return (try decode(bytes, named: encoding, name: name), TextEncoding(encoding))
    }

    /// `utf8(from:name:encoding:diagnostics:)` without copying input that
    /// is UTF-8 already, without a byte order mark.
    package static func utf8(
        from input: InputBytes, name: String?, encoding: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (bytes: InputBytes, encoding: TextEncoding) {
        if encoding == nil, let verdict = input.withUnsafeBufferPointer({ plainUTF8($0) }), verdict.isValid {
            var input = input
            input.mayHoldCarriageReturnOrNUL = verdict.mayHoldCarriageReturnOrNUL
            return (input, .utf8)
        }
        let (bytes, found) = try utf8(from: input.array, name: name, encoding: encoding, diagnostics: &diagnostics)
        return (InputBytes(bytes), found)
    }

    /// The check of `bytes` as UTF-8, or nil when they are not read as
    /// they are: a byte order mark, or zero bytes of UTF-16 or UTF-32 at
    /// the start.
    private static func plainUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Validation.Verdict? {
        let head = Array(bytes.prefix(4))
        let marks: [[UInt8]] = [[0x00, 0x00, 0xFE, 0xFF], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF]]
        guard !marks.contains(where: { head.starts(with: $0) }), unmarkedWideEncoding(head) == nil else { return nil }
        return UTF8Validation.checkInParallel(bytes)
    }

    /// The input as UTF-8 without a byte order mark, and the encoding found.
    package static func utf8(
        from bytes: [UInt8], name: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (bytes: [UInt8], encoding: TextEncoding) {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return (try decodeUTF32(bytes.dropFirst(4), bigEndian: true, name: name, diagnostics: &diagnostics), .utf32BE)
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return (try decodeUTF32(bytes.dropFirst(4), bigEndian: false, name: name, diagnostics: &diagnostics), .utf32LE)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            if isValidUTF8(rest) { return (rest, .utf8WithBOM) }
            // The mark says UTF-8: keep it, whatever the counts.
            let repair = rest.withUnsafeBufferPointer { UTF8Repair($0) }
            return (try repaired(repair, in: rest, name: name, diagnostics: &diagnostics), .utf8WithBOM)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try decodeUTF16(bytes.dropFirst(2), bigEndian: true, name: name, diagnostics: &diagnostics), .utf16BE)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try decodeUTF16(bytes.dropFirst(2), bigEndian: false, name: name, diagnostics: &diagnostics), .utf16LE)
        }
        if let unmarked = unmarkedWideEncoding(bytes) {
            try diagnostics.repair(.warning(
                "text.no-bom",
                "expected UTF-8 or a byte order mark, found the zero bytes of \(unmarked) text without one; read as \(unmarked)",
                at: SourceLocation(file: name, line: 1, column: 1)))
            let wide = bytes[...]
            switch unmarked {
            case .utf32LE: return (try decodeUTF32(wide, bigEndian: false, name: name, diagnostics: &diagnostics), unmarked)
            case .utf32BE: return (try decodeUTF32(wide, bigEndian: true, name: name, diagnostics: &diagnostics), unmarked)
            case .utf16LE: return (try decodeUTF16(wide, bigEndian: false, name: name, diagnostics: &diagnostics), unmarked)
            default: return (try decodeUTF16(wide, bigEndian: true, name: name, diagnostics: &diagnostics), unmarked)
            }
        }
        if isValidUTF8(bytes) { return (bytes, .utf8) }
        let repair = bytes.withUnsafeBufferPointer { UTF8Repair($0) }
        if repair.isMostlyUTF8 { return (try repaired(repair, in: bytes, name: name, diagnostics: &diagnostics), .utf8) }
        // Without a valid multi-byte character, every byte the repair read
        // as Windows-1252 was all there was to read so.
        let decoded = repair.multiByteCharacters == 0 ? repair.bytes : nil
        return (try fallback(bytes, decoded: decoded, name: name, diagnostics: &diagnostics), .windows1252)
    }

    /// UTF-16 or UTF-32 recognised by the zero bytes of ASCII characters in
    /// the first four bytes (text that is valid UTF-8 has no zero bytes there).
    private static func unmarkedWideEncoding(_ bytes: [UInt8]) -> TextEncoding? {
        guard bytes.count >= 4 else { return nil }
        let zero = (bytes[0] == 0, bytes[1] == 0, bytes[2] == 0, bytes[3] == 0)
        switch zero {
        case (false, true, true, true): return .utf32LE
        case (true, true, true, false): return .utf32BE
        case (false, true, false, true): return .utf16LE
        case (true, false, true, false): return .utf16BE
        default: return nil
        }
    }

    /// `bytes` in the encoding named `encoding` (UTF-8 is checked here,
    /// anything else goes through iconv), without a leading byte order mark.
    package static func decode(_ bytes: [UInt8], named encoding: String, name: String?) throws(Diagnostic) -> [UInt8] {
        let key = encoding.uppercased().filter { $0 != "-" && $0 != "_" }
        if key == "UTF8" {
            let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if isValidUTF8(text) { return text }
            let offset = firstInvalidUTF8Offset(text)
            let (line, column) = lineAndColumn(ofByte: offset, in: text)
            throw .error(
                "text.invalid-bytes",
                "expected text in \(encoding), the encoding named, found \(describeBytes(text, at: offset)), which is not valid in it",
                at: SourceLocation(file: name, line: line, column: column))
        }
        switch IconvDecoding.decode(bytes, from: encoding) {
        case .success(let text):
            return text.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(text.dropFirst(3)) : text
        case .failure(.unknownEncoding):
            throw .error(
                "text.unknown-encoding",
                "expected an encoding name iconv knows, such as UTF-8, Windows-1252, GB2312, Big5 or Windows-1250, found '\(encoding)'")
        case .failure(.invalid(let offset, let decoded)):
            let (line, column) = lineAndColumn(ofByte: decoded.count, in: decoded)
            throw .error(
                "text.invalid-bytes",
                "expected text in \(encoding), the encoding named, found \(describeBytes(bytes, at: offset)), which is not valid in it",
                at: SourceLocation(file: name, line: line, column: column))
        case .failure(.incomplete(let offset, let decoded)):
            let (line, column) = lineAndColumn(ofByte: decoded.count, in: decoded)
            throw .error(
                "text.invalid-bytes",
                "expected text in \(encoding), the encoding named, found \(describeBytes(bytes, at: offset)) at the end of the file, an incomplete character",
                at: SourceLocation(file: name, line: line, column: column))
        }
    }

    /// `byte 0xE9` or `bytes 0xA1 0xFF …` at `offset`.
    private static func describeBytes(_ bytes: [UInt8], at offset: Int) -> String {
        let shown = bytes[offset..<min(bytes.count, offset + 2)].map { "0x" + hex($0) }
        return (shown.count == 1 ? "byte " : "bytes ") + shown.joined(separator: " ")
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// Whether `bytes` are well-formed UTF-8.
    package static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isValidInParallel($0) }
    }

    /// The text of `repair`, made of `bytes`, after the warning that says
    /// where the first bytes that are not UTF-8 are and how many places hold some.
    private static func repaired(
        _ repair: UTF8Repair, in bytes: [UInt8], name: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let first = repair.firstPlace
        let (line, column) = lineAndColumn(ofByte: first.lowerBound, in: bytes)
        let shown = bytes[first.lowerBound..<min(first.upperBound, first.lowerBound + 4)]
        let found = (shown.count == 1 ? "byte " : "bytes ") + shown.map { "0x" + hex($0) }.joined(separator: " ")
            + (first.count > shown.count ? " …" : "")
        let places = repair.places == 1 ? "1 place" : "\(repair.places) places"
        try diagnostics.repair(.warning(
            "text.bad-utf8",
            "expected UTF-8 text, found \(found), which is not UTF-8 (\(places), first here; the rest of the file is UTF-8); each such byte read as Windows-1252: '\(visible(decodeWindows1252(Array(shown))))'",
            at: SourceLocation(file: name, line: line, column: column)))
        return repair.bytes
    }

    /// `utf8` as text for a message, control characters as `\u{…}`.
    private static func visible(_ utf8: [UInt8]) -> String {
        var out = ""
        for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
            if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `bytes` read as Windows-1252 (`decoded`, when already done), after the warning.
    private static func fallback(
        _ bytes: [UInt8], decoded: [UInt8]? = nil, name: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let offset = firstInvalidUTF8Offset(bytes)
        let (line, column) = lineAndColumn(ofByte: offset, in: bytes)
        try diagnostics.repair(.warning(
            "text.not-utf8",
            "expected UTF-8 text, found byte 0x\(hex(bytes[offset])); read the file as Windows-1252",
            at: SourceLocation(file: name, line: line, column: column), hint: .encoding))
        return decoded ?? decodeWindows1252(bytes)
    }

    /// Decodes Windows-1252 (Latin-1 with printable characters in 0x80–0x9F;
    /// the five bytes it leaves undefined become the C1 controls of the same
    /// value, as the WHATWG Encoding standard does, so nothing is lost).
    package static func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            appendWindows1252(byte, to: &out)
        }
        return out
    }

    /// Appends the character Windows-1252 gives `byte` (see `decodeWindows1252`) as UTF-8.
    static func appendWindows1252(_ byte: UInt8, to out: inout [UInt8]) {
        let scalar: UInt32 = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
        appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { out.append(unit) }
    }

    private static func decodeUTF16(
        _ bytes: ArraySlice<UInt8>, bigEndian: Bool, name: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        if bytes.count % 2 != 0 {
            throw .error(
                "text.truncated-utf16",
                "expected UTF-16 (by its byte order mark), found an odd number of bytes",
                at: SourceLocation(file: name, line: 1, column: 1))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 + bytes.count / 8)
        var replaced = 0
        var firstReplaced = 0
        var index = bytes.startIndex
        func unit(_ at: Int) -> UInt32 {
            let a = UInt32(bytes[at]), b = UInt32(bytes[at + 1])
            return bigEndian ? a << 8 | b : b << 8 | a
        }
        while index < bytes.endIndex {
            let first = unit(index)
            index += 2
            if first < 0x80 {
                out.append(UInt8(first))
                continue
            }
            var scalar: UInt32 = first
            if first & 0xFC00 == 0xD800, index < bytes.endIndex, unit(index) & 0xFC00 == 0xDC00 {
                scalar = 0x10000 + ((first - 0xD800) << 10) + (unit(index) - 0xDC00)
                index += 2
            } else if first & 0xF800 == 0xD800 {
                if replaced == 0 { firstReplaced = out.count }
                replaced += 1
                scalar = 0xFFFD
            }
            appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
        }
        if replaced > 0 {
            let (line, column) = lineAndColumn(ofByte: firstReplaced, in: out)
            try diagnostics.repair(.warning(
                "text.bad-utf16",
                "expected UTF-16 text, found \(replaced) unpaired surrogate(s), first here; each replaced with U+FFFD",
                at: SourceLocation(file: name, line: line, column: column)))
        }
        return out
    }

    private static func decodeUTF32(
        _ bytes: ArraySlice<UInt8>, bigEndian: Bool, name: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        if bytes.count % 4 != 0 {
            throw .error(
                "text.truncated-utf32",
                "expected UTF-32 (by its byte order mark), found a length that is not a multiple of 4",
                at: SourceLocation(file: name, line: 1, column: 1))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 + bytes.count / 16)
        var replaced = 0
        var firstReplaced = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b = (UInt32(bytes[index]), UInt32(bytes[index + 1]), UInt32(bytes[index + 2]), UInt32(bytes[index + 3]))
            let value = bigEndian ? b.0 << 24 | b.1 << 16 | b.2 << 8 | b.3 : b.3 << 24 | b.2 << 16 | b.1 << 8 | b.0
            if let scalar = Unicode.Scalar(value) {
                appendUTF8(scalar, to: &out)
            } else {
                if replaced == 0 { firstReplaced = out.count }
                replaced += 1
                appendUTF8("\u{FFFD}", to: &out)
            }
            index += 4
        }
        if replaced > 0 {
            let (line, column) = lineAndColumn(ofByte: firstReplaced, in: out)
            try diagnostics.repair(.warning(
                "text.bad-utf32",
                "expected UTF-32 text, found \(replaced) value(s) that are not Unicode scalars, first here; each replaced with U+FFFD",
                at: SourceLocation(file: name, line: line, column: column)))
        }
        return out
    }

    /// The offset of the first byte that breaks UTF-8 (bytes.count when none).
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
    }

    /// The 1-based line and column (in characters) of byte `offset`; LF,
    /// CR LF and a lone CR each end a line, as the readers count them.
    package static func lineAndColumn(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
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
