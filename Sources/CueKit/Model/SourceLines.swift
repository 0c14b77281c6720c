/// Cue text still in the input: `lineCount` lines, separated by LF or CR
/// LF, none of them empty or only spaces and tabs, with no markup or
/// character reference to read, or with SRT's `<i>`, `<b>` and `<u>` tags
/// as both writers write them (`hasTags`, see `PlainTags`).
/// A streaming reader hands cue text over this way, so that a writer copies
/// it straight from the input without a `String` or a span per line.
///
/// It points into the input and holds no reference to it (a cue handed
/// from one thread to another touches no reference count): it is valid
/// while the bytes a streaming reader passes to `CueConsumer.begin` are.
struct SourceLines: @unchecked Sendable {
    /// The lines with what separates them.
    let text: UnsafeBufferPointer<UInt8>
    let lineCount: Int
    /// Whether the lines hold `<i>`, `<b>` or `<u>` tags.
    var hasTags = false

    /// Calls `body` with the bytes of each line, in order.
    @inline(__always)
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var lineStart = 0
        for _ in 1..<lineCount {
            let terminator = ByteSearch.firstIndex(of: 0x0A, in: text, from: lineStart, to: text.count)
            let lineEnd = text[terminator - 1] == 0x0D ? terminator - 1 : terminator
            body(UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd]))
            lineStart = terminator + 1
        }
        body(UnsafeBufferPointer(rebasing: text[lineStart...]))
    }

    /// The lines as spans: a `.text` per line, `.lineBreak` between (the
    /// tags read by `PlainTags`).
    var spans: [Span] {
        if hasTags {
            var payload: [UInt8] = []
            forEachLine { line in
                if !payload.isEmpty { payload.append(0x0A) }
                payload.append(contentsOf: line)
            }
            return payload.withUnsafeBufferPointer { PlainTags.spans($0) }
        }
        var spans: [Span] = []
        forEachLine { line in
            if !spans.isEmpty { spans.append(.lineBreak) }
            spans.append(.text(String(decoding: line, as: UTF8.self)))
        }
        return spans
    }
}
