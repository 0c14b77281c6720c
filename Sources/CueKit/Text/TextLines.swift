/// One line of a byte buffer: `start..<end` excludes the line terminator.
struct TextLine {
    /// Offset of the line's first byte.
    var start: Int
    /// Offset just past the line's last byte (before CR, LF or CR LF).
    var end: Int
    /// 1-based line number.
    var number: Int

    var isEmpty: Bool { start == end }
}

/// Walks the lines of UTF-8 bytes in one pass, ending lines at LF, CR LF or a
/// lone CR, with one line of look-ahead. The last line may lack a terminator;
/// an empty buffer has no lines.
struct TextLines {
    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var lineNumber = 0
    private var peeked: (line: TextLine, next: Int)?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The next line, or nil at the end of the input.
    mutating func next() -> TextLine? {
        if let peeked {
            self.peeked = nil
            position = peeked.next
            lineNumber = peeked.line.number
            return peeked.line
        }
        guard let (line, next) = scan(from: position, number: lineNumber + 1) else { return nil }
        position = next
        lineNumber = line.number
        return line
    }

    /// The line `next()` would return, without consuming it.
    mutating func peek() -> TextLine? {
        if let peeked { return peeked.line }
        guard let found = scan(from: position, number: lineNumber + 1) else { return nil }
        peeked = found
        return found.line
    }

    private func scan(from start: Int, number: Int) -> (line: TextLine, next: Int)? {
        let count = bytes.count
        guard start < count else { return nil }
        let index = ByteSearch.firstIndex(ofAny: 0x0A, 0x0D, in: bytes, from: start, to: count)
        let line = TextLine(start: start, end: index, number: number)
        if index == count { return (line, count) }
        if bytes[index] == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A { return (line, index + 2) }
        return (line, index + 1)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The 1-based column, in Unicode scalars, of byte `offset` on a line
    /// starting at `lineStart`.
    func scalarColumn(ofByte offset: Int, lineStart: Int) -> Int {
        var column = 1
        var index = lineStart
        while index < offset {
            if self[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    /// The bytes `start..<end` as a string.
    func utf8String(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[start..<end]), as: UTF8.self)
    }
}
