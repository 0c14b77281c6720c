/// The scalars of `EpisodeFrontMatterScanner`: plain, single- and
/// double-quoted (escapes included), each on one line or folded over
/// several exactly as libyaml folds them.
extension EpisodeFrontMatterScanner {
    /// The scalar at `pos`, whose block collection is indented `parentIndent`;
    /// leaves `pos` at the next content.
    mutating func scalar(parentIndent: Int) throws(Diagnostic) -> EpisodeYAMLNode {
        let mark = self.mark(at: pos)
        let byte = bytes[pos]
        let node: EpisodeYAMLNode
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
            let single = byte == UInt8(ascii: "'")
            let text = try quoted(single: single)
            node = EpisodeYAMLNode(kind: .scalar(text, single ? .singleQuoted : .doubleQuoted), mark: mark)
            // After the closing quote: the end of the line, or spaces and
            // then a comment or the end of the line.
            if pos < end, bytes[pos] != 0x0A, bytes[pos] != 0x0D {
                guard bytes[pos] == 0x20 else { throw declined("text right after a quoted scalar") }
                skipSpaces()
                guard atLineEnd else { throw declined("text after a quoted scalar") }
            }
        } else {
            guard Self.startsPlain(byte, next: pos + 1 < end ? bytes[pos + 1] : 0x0A) else {
                throw declined("an indicator where a value starts")
            }
            // A plain scalar ends at a comment, at a line indented less than
            // its own lines must be, or at the end: never before other text
            // on its last line.
            let text = try plain(indent: parentIndent + 1)
            node = EpisodeYAMLNode(kind: .scalar(text, .plain), mark: mark)
        }
        try skipToContent()
        return node
    }

    /// Whether a plain scalar may start with `byte` (followed by `next`) in
    /// the block context (libyaml `yaml_parser_fetch_next_token`).
    private static func startsPlain(_ byte: UInt8, next: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            return !isBlankOrBreak(next)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"):
            return false
        default:
            return byte > 0x20
        }
    }

    /// A plain scalar (libyaml `yaml_parser_scan_plain_scalar`): words on
    /// lines indented at least `indent`, joined by single spaces within a
    /// line as written, lines folded into one space, blank lines into line
    /// breaks. Ends at a comment, at a less indented line or at the end.
    private mutating func plain(indent: Int) throws(Diagnostic) -> String {
        let start = pos
        var segmentStart = pos
        var contentEnd = pos
        var folded = false
        buffer.removeAll(keepingCapacity: true)
        scan: while true {
            // At the start of a word.
            if bytes[pos] == UInt8(ascii: "#") { break }
            while pos < end {
                let byte = bytes[pos]
                if byte > 0x20 && byte < 0x7F {
                    if byte == UInt8(ascii: ":") {
                        let next = pos + 1 < end ? bytes[pos + 1] : 0x0A
                        if Self.isBlankOrBreak(next) { throw declined("': ' in a plain scalar") }
                    }
                    pos += 1
                } else if byte >= 0x80 {
                    try checkNonASCII(at: pos)
                    pos += 1
                } else if byte == 0x20 || byte == 0x0A || byte == 0x0D {
                    break
                } else {
                    throw declined("a control character or tab")
                }
            }
            contentEnd = pos
            if pos == end { break }
            // Blanks and line breaks.
            var breaks = 0
            while pos < end {
                let byte = bytes[pos]
                if byte == 0x20 {
                    pos += 1
                } else if byte == 0x0A {
                    pos += 1
                    newLine()
                    breaks += 1
                } else if byte == 0x0D {
                    try lineBreakCR()
                    breaks += 1
                } else if byte == 0x09 {
                    throw declined("a tab")
                } else {
                    break
                }
            }
            if breaks == 0 {
                // Spaces within the line: the next word continues the scalar
                // unless it starts a comment.
                if pos == end || bytes[pos] == UInt8(ascii: "#") { break }
                continue
            }
            // `indent` is at least 1, so the document markers at column 0
            // that libyaml checks here always end the scalar first.
            if pos == end || pos - lineStart < indent { break }
            if bytes[pos] == UInt8(ascii: "#") { break }
            if !folded {
                folded = true
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<contentEnd]))
            } else {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<contentEnd]))
            }
            if breaks == 1 {
                buffer.append(0x20)
            } else {
                for _ in 1..<breaks { buffer.append(0x0A) }
            }
            segmentStart = pos
        }
        if !folded { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<contentEnd]), as: UTF8.self) }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<contentEnd]))
        return String(decoding: buffer, as: UTF8.self)
    }

    /// A single- or double-quoted scalar (libyaml `yaml_parser_scan_flow_scalar`);
    /// leaves `pos` after the closing quote.
    private mutating func quoted(single: Bool) throws(Diagnostic) -> String {
        let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        pos += 1
        let start = pos
        // Most quoted scalars are one line without escapes: their bytes as they are.
        var index = pos
        while index < end {
            let byte = bytes[index]
            if byte >= 0x80 {
                try checkNonASCII(at: index)
            } else if byte == quote || byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F {
                break
            }
            index += 1
        }
        if index < end, bytes[index] == quote, single ? (index + 1 == end || bytes[index + 1] != quote) : true {
            pos = index + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        buffer.removeAll(keepingCapacity: true)
        while true {
            if pos - lineStart == 0, isDocumentMarker(at: pos) { throw declined("a document marker in a quoted scalar") }
            if pos == end { throw declined("an unclosed quoted scalar") }
            var leadingBlanks = false
            while pos < end {
                let byte = bytes[pos]
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { break }
                if single, byte == quote, pos + 1 < end, bytes[pos + 1] == quote {
                    buffer.append(quote)
                    pos += 2
                } else if byte == quote {
                    break
                } else if !single, byte == UInt8(ascii: "\\"), pos + 1 < end, bytes[pos + 1] == 0x0A || bytes[pos + 1] == 0x0D {
                    pos += 1
                    if bytes[pos] == 0x0A {
                        pos += 1
                        newLine()
                    } else {
                        try lineBreakCR()
                    }
                    leadingBlanks = true
                    break
                } else if !single, byte == UInt8(ascii: "\\") {
                    try escape()
                } else if byte >= 0x80 {
                    try checkNonASCII(at: pos)
                    buffer.append(byte)
                    pos += 1
                } else if byte < 0x20 || byte == 0x7F {
                    throw declined("a control character")
                } else {
                    buffer.append(byte)
                    pos += 1
                }
            }
            if pos < end, bytes[pos] == quote { break }
            // Blanks and line breaks.
            var spaces = 0
            var leadingBreak = false
            var trailingBreaks = 0
            while pos < end {
                let byte = bytes[pos]
                if byte == 0x20 {
                    if !leadingBlanks { spaces += 1 }
                    pos += 1
                } else if byte == 0x0A || byte == 0x0D {
                    if byte == 0x0A {
                        pos += 1
                        newLine()
                    } else {
                        try lineBreakCR()
                    }
                    if !leadingBlanks {
                        spaces = 0
                        leadingBreak = true
                        leadingBlanks = true
                    } else {
                        trailingBreaks += 1
                    }
                } else if byte == 0x09 {
                    throw declined("a tab")
                } else {
                    break
                }
            }
            if leadingBlanks {
                if leadingBreak && trailingBreaks == 0 {
                    buffer.append(0x20)
                } else {
                    for _ in 0..<trailingBreaks { buffer.append(0x0A) }
                }
            } else {
                for _ in 0..<spaces { buffer.append(0x20) }
            }
        }
        pos += 1
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The escape sequence at `pos` (a backslash) in a double-quoted scalar.
    private mutating func escape() throws(Diagnostic) {
        guard pos + 1 < end else { throw declined("an unclosed quoted scalar") }
        var length = 0
        switch bytes[pos + 1] {
        case UInt8(ascii: "0"): buffer.append(0x00)
        case UInt8(ascii: "a"): buffer.append(0x07)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "t"), 0x09: buffer.append(0x09)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "v"): buffer.append(0x0B)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "e"): buffer.append(0x1B)
        case UInt8(ascii: " "): buffer.append(0x20)
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "N"): buffer.append(contentsOf: [0xC2, 0x85])
        case UInt8(ascii: "_"): buffer.append(contentsOf: [0xC2, 0xA0])
        case UInt8(ascii: "L"): buffer.append(contentsOf: [0xE2, 0x80, 0xA8])
        case UInt8(ascii: "P"): buffer.append(contentsOf: [0xE2, 0x80, 0xA9])
        case UInt8(ascii: "x"): length = 2
        case UInt8(ascii: "u"): length = 4
        case UInt8(ascii: "U"): length = 8
        default: throw declined("an unknown escape")
        }
        pos += 2
        guard length > 0 else { return }
        guard pos + length <= end else { throw declined("a short escape") }
        var value: UInt32 = 0
        for offset in 0..<length {
            let byte = bytes[pos + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw declined("an escape without hexadecimal digits")
            }
            value = value << 4 + UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else { throw declined("an escape of no Unicode scalar") }
        buffer.append(contentsOf: UTF8.encode(scalar)!)
        pos += length
    }
}
