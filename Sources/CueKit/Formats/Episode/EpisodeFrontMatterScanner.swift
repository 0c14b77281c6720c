import Yams

/// Reads the common shape of episode front matter straight from its UTF-8
/// bytes, in one pass, giving the nodes Yams would compose, with the same
/// marks, without building a tree.
///
/// The shape it takes: block mappings of simple keys and block sequences,
/// nested by indentation with spaces; plain scalars, single- and
/// double-quoted scalars (escapes included), each on one line or folded
/// over several exactly as libyaml folds them; `#` comments; LF or CRLF
/// line breaks. Anything else (a tab, an anchor, alias or tag, a flow
/// collection, a block scalar, a quoted or complex key, a duplicate key, a
/// character libyaml refuses, odd indentation, any syntax error) throws
/// `declined`: the reader then reads the whole file again with Yams, so
/// what Yams says about such input (every error message and location) is
/// what the user gets.
///
/// Each method mirrors the libyaml (0.2.5, as Yams bundles it) code it
/// stands for; comments name the differences that matter. This file holds
/// the collections and the bytes between nodes; the scalars are in
/// `EpisodeFrontMatterScanner+Scalars.swift`.
struct EpisodeFrontMatterScanner: EpisodeYAMLEvents {
    /// The code of the error thrown for input outside the shape; the reader
    /// never shows it.
    static let declinedCode = "episode.fast-path-declined"

    private struct Frame {
        var isMapping: Bool
        /// The column of the keys, or of the `-` of the entries.
        var indent: Int
        /// A sequence whose `-` stand in the column of its mapping's keys.
        var indentless: Bool
        /// Where this mapping's keys start in `keys`.
        var firstKey: Int
        /// The keys, once there are many of them.
        var keySet: Set<String>?
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var pos: Int
    /// The line of `pos`, 1-based, counted from the start of the front matter.
    var line = 1
    var lineStart: Int
    private var frames: [Frame] = []
    /// The keys of the open mappings, to find a key given twice (Yams fails on those).
    private var keys: [String] = []
    /// Whether the innermost mapping gave a key whose value comes next.
    private var awaitingValue = false
    /// Bytes of a scalar that does not stand as it is in the input.
    var buffer: [UInt8] = []

    /// Scans `bytes[range]`, valid while the scanner is used.
    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        end = range.upperBound
        pos = range.lowerBound
        lineStart = range.lowerBound
        frames.reserveCapacity(8)
        keys.reserveCapacity(64)
    }

    // MARK: Events

    mutating func root() throws(Diagnostic) -> EpisodeYAMLNode? {
        guard UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[pos..<end])) else {
            throw declined("not valid UTF-8")
        }
        try skipToContent()
        if pos == end { return nil }
        guard column == 0 else { throw declined("the root is indented") }
        guard keyEnd(at: pos) != nil else { throw declined("the root is not a mapping of simple keys") }
        return openMapping()
    }

    mutating func next() throws(Diagnostic) -> EpisodeYAMLNode? {
        guard let frame = frames.last else { return nil }
        if frame.isMapping {
            return awaitingValue ? try mappingValue(frame) : try mappingKey(frame)
        }
        return try sequenceEntry(frame)
    }

    mutating func itemCountHint() -> Int {
        // Lines that start with this sequence's `-`, from here to the end:
        // a sequence that ends early makes this a little more than needed.
        guard let frame = frames.last, !frame.isMapping else { return 0 }
        var count = 1
        var index = pos
        while true {
            index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: index, to: end) + 1
            guard index + frame.indent < end else { break }
            var dashAt = index
            while dashAt < index + frame.indent, bytes[dashAt] == 0x20 { dashAt += 1 }
            if dashAt == index + frame.indent, bytes[dashAt] == UInt8(ascii: "-") { count += 1 }
        }
        return count
    }

    // MARK: Collections

    private mutating func mappingKey(_ frame: Frame) throws(Diagnostic) -> EpisodeYAMLNode? {
        if pos == end || column < frame.indent {
            closeFrame()
            return nil
        }
        guard column == frame.indent else { throw declined("a key indented more than the keys before it") }
        guard let keyEnd = keyEnd(at: pos) else { throw declined("expected a simple key") }
        let mark = self.mark(at: pos)
        let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<keyEnd]), as: UTF8.self)
        try remember(key)
        pos = keyEnd + 1  // past the ':'
        awaitingValue = true
        return EpisodeYAMLNode(kind: .scalar(key, .plain), mark: mark)
    }

    private mutating func mappingValue(_ frame: Frame) throws(Diagnostic) -> EpisodeYAMLNode {
        awaitingValue = false
        // An empty value is an empty plain scalar at the end of the ':'.
        let colonEnd = mark(at: pos)
        skipSpaces()
        if atLineEnd {
            try skipToContent()
            if pos < end {
                if column > frame.indent { return try nodeOnItsOwnLine(parentIndent: frame.indent) }
                if column == frame.indent, isEntry(at: pos) {
                    // A sequence as the value of a key, its `-` in the key's column.
                    return openSequence(indentless: true)
                }
            }
            return EpisodeYAMLNode(kind: .scalar("", .plain), mark: colonEnd)
        }
        if keyEnd(at: pos) != nil { throw declined("a mapping on the line of its key") }
        return try scalar(parentIndent: frame.indent)
    }

    private mutating func sequenceEntry(_ frame: Frame) throws(Diagnostic) -> EpisodeYAMLNode? {
        if pos == end || column < frame.indent {
            closeFrame()
            return nil
        }
        guard column == frame.indent else { throw declined("an entry indented more than the entries before it") }
        guard isEntry(at: pos) else {
            if frame.indentless {
                // A key of the mapping whose value this sequence was.
                closeFrame()
                return nil
            }
            throw declined("expected '-' for the next entry")
        }
        pos += 1
        let dashEnd = mark(at: pos)
        skipSpaces()
        if atLineEnd {
            try skipToContent()
            if pos < end, column > frame.indent { return try nodeOnItsOwnLine(parentIndent: frame.indent) }
            return EpisodeYAMLNode(kind: .scalar("", .plain), mark: dashEnd)
        }
        if keyEnd(at: pos) != nil { return openMapping() }
        if isEntry(at: pos) { throw declined("a sequence on the line of an entry") }
        return try scalar(parentIndent: frame.indent)
    }

    /// The node that starts at `pos`, the first content of a line indented
    /// deeper than `parentIndent`.
    private mutating func nodeOnItsOwnLine(parentIndent: Int) throws(Diagnostic) -> EpisodeYAMLNode {
        if isEntry(at: pos) { return openSequence(indentless: false) }
        if keyEnd(at: pos) != nil { return openMapping() }
        return try scalar(parentIndent: parentIndent)
    }

    /// Opens the mapping whose first key is at `pos`; the key comes next.
    private mutating func openMapping() -> EpisodeYAMLNode {
        let mark = self.mark(at: pos)
        frames.append(Frame(isMapping: true, indent: column, indentless: false, firstKey: keys.count, keySet: nil))
        return EpisodeYAMLNode(kind: .mapping, mark: mark)
    }

    /// Opens the sequence whose first `-` is at `pos`.
    private mutating func openSequence(indentless: Bool) -> EpisodeYAMLNode {
        let mark = self.mark(at: pos)
        frames.append(Frame(isMapping: false, indent: column, indentless: indentless, firstKey: keys.count, keySet: nil))
        return EpisodeYAMLNode(kind: .sequence, mark: mark)
    }

    private mutating func closeFrame() {
        let frame = frames.removeLast()
        if frame.isMapping { keys.removeSubrange(frame.firstKey...) }
    }

    /// Notes a key of the innermost mapping; a key given twice is Yams's error.
    private mutating func remember(_ key: String) throws(Diagnostic) {
        let index = frames.count - 1
        let first = frames[index].firstKey
        if frames[index].keySet != nil {
            guard frames[index].keySet!.insert(key).inserted else { throw declined("a duplicate key") }
        } else {
            for other in keys[first...] where other == key { throw declined("a duplicate key") }
            // Past a few keys, a set finds a repeated one in constant time.
            if keys.count - first >= 16 { frames[index].keySet = Set(keys[first...]).union([key]) }
        }
        keys.append(key)
    }

    // Scalars: `scalar(parentIndent:)` and what it reads, in
    // EpisodeFrontMatterScanner+Scalars.swift.

    // MARK: Bytes

    /// The column of `pos`, 0-based in bytes: only spaces stand before
    /// content that starts a line here, so bytes are columns.
    var column: Int { pos - lineStart }

    /// Whether `pos` is at the end, a line break or a comment (after spaces).
    var atLineEnd: Bool {
        pos == end || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == UInt8(ascii: "#")
    }

    /// Where `index` is, as libyaml marks it (columns in Unicode scalars).
    func mark(at index: Int) -> EpisodeMark {
        var column = 1
        var i = lineStart
        while i < index {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return EpisodeMark(line: line, column: column)
    }

    mutating func newLine() {
        line += 1
        lineStart = pos
    }

    /// Past a CR, which must start a CRLF (a CR alone is a line break libyaml
    /// counts its own way).
    mutating func lineBreakCR() throws(Diagnostic) {
        guard pos + 1 < end, bytes[pos + 1] == 0x0A else { throw declined("a CR without LF") }
        pos += 2
        newLine()
    }

    mutating func skipSpaces() {
        while pos < end, bytes[pos] == 0x20 { pos += 1 }
    }

    /// Skips spaces, comments and line breaks up to the next content or the end.
    mutating func skipToContent() throws(Diagnostic) {
        while pos < end {
            let byte = bytes[pos]
            if byte == 0x20 {
                pos += 1
            } else if byte == 0x0A {
                pos += 1
                newLine()
            } else if byte == 0x0D {
                try lineBreakCR()
            } else if byte == UInt8(ascii: "#") {
                pos += 1
                while pos < end, bytes[pos] != 0x0A, bytes[pos] != 0x0D {
                    let byte = bytes[pos]
                    if byte >= 0x80 {
                        try checkNonASCII(at: pos)
                    } else if byte < 0x20 || byte == 0x7F {
                        throw declined("a control character or tab in a comment")
                    }
                    pos += 1
                }
            } else if byte == 0x09 {
                throw declined("a tab")
            } else {
                if column == 0, isDocumentMarker(at: pos) || byte == UInt8(ascii: "%") {
                    throw declined("a document marker or directive")
                }
                return
            }
        }
    }

    /// A space, tab, LF or CR.
    static func isBlankOrBreak(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Whether `index` starts `---` or `...` followed by a blank or the end.
    func isDocumentMarker(at index: Int) -> Bool {
        guard index + 3 <= end else { return false }
        let first = bytes[index]
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        guard bytes[index + 1] == first, bytes[index + 2] == first else { return false }
        return index + 3 == end || Self.isBlankOrBreak(bytes[index + 3])
    }

    /// Whether a sequence entry (`-` then a blank or the end) starts at `index`.
    private func isEntry(at index: Int) -> Bool {
        guard bytes[index] == UInt8(ascii: "-") else { return false }
        return index + 1 == end || Self.isBlankOrBreak(bytes[index + 1])
    }

    /// Where the ':' of a simple key starting at `index` is: a word of ASCII
    /// letters, digits and `_-./` (starting with a letter, digit or `_`), at
    /// most 512 bytes, then ':' and a blank or the end. Nil for anything else.
    private func keyEnd(at index: Int) -> Int? {
        var i = index
        let limit = min(end, index + 512)
        while i < limit {
            let byte = bytes[i]
            let isWordStart = (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "_")
            if isWordStart || (i > index && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/"))) {
                i += 1
                continue
            }
            guard i > index, byte == UInt8(ascii: ":") else { return nil }
            return i + 1 == end || Self.isBlankOrBreak(bytes[i + 1]) ? i : nil
        }
        return nil
    }

    /// Declines the characters libyaml refuses or reads otherwise than as
    /// text: C1 controls and NEL (C2 80-9F), the line and paragraph
    /// separators (E2 80 A8-A9), the byte order mark (EF BB BF) and the
    /// non-characters U+FFFE and U+FFFF (EF BF BE-BF).
    func checkNonASCII(at index: Int) throws(Diagnostic) {
        let byte = bytes[index]
        guard byte == 0xC2 || byte == 0xE2 || byte == 0xEF else { return }
        let second = index + 1 < end ? bytes[index + 1] : 0
        let third = index + 2 < end ? bytes[index + 2] : 0
        switch byte {
        case 0xC2 where second < 0xA0,
             0xE2 where second == 0x80 && (third == 0xA8 || third == 0xA9),
             0xEF where second == 0xBB && third == 0xBF,
             0xEF where second == 0xBF && (third == 0xBE || third == 0xBF):
            throw declined("a character libyaml refuses or reads as a line break")
        default:
            return
        }
    }

    func declined(_ reason: String) -> Diagnostic {
        .error(Self.declinedCode, "the fast front matter scanner does not take this input: \(reason) (line \(line))")
    }
}
