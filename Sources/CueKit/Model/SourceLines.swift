/// Plain cue text still in the input: `lineCount` lines `start..<end` of
/// `bytes`, separated by LF or CR LF, none of them empty or only spaces and
/// tabs, with no markup or character reference to read. A streaming reader
/// hands cue text over this way, so that a writer copies it straight from
/// the input without a `String` or a span per line.
struct SourceLines: Sendable {
    /// The whole input (shared, not copied).
    let bytes: [UInt8]
    let start: Int
    let end: Int
    let lineCount: Int

    /// Calls `body` with the bytes of each line, in order.
    @inline(__always)
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = start
            for _ in 1..<lineCount {
                let terminator = ByteSearch.firstIndex(of: 0x0A, in: buffer, from: lineStart, to: end)
                let lineEnd = buffer[terminator - 1] == 0x0D ? terminator - 1 : terminator
                body(UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd]))
                lineStart = terminator + 1
            }
            body(UnsafeBufferPointer(rebasing: buffer[lineStart..<end]))
        }
    }

    /// The lines as spans: a `.text` per line, `.lineBreak` between.
    var spans: [Span] {
        var spans: [Span] = []
        forEachLine { line in
            if !spans.isEmpty { spans.append(.lineBreak) }
            spans.append(.text(String(decoding: line, as: UTF8.self)))
        }
        return spans
    }
}
