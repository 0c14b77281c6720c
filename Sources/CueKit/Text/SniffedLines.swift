/// The line-list test that text sniffers share: whether every non-blank line
/// of the first bytes of a file passes `accept` (given the line's bytes and
/// how many lines passed before it), and at least one does. A last line cut
/// off at the 4,096-byte sniffing limit is not judged.
enum SniffedLines {
    static func all(
        _ head: ArraySlice<UInt8>, _ accept: (UnsafeBufferPointer<UInt8>, TextLine, Int) -> Bool
    ) -> Bool {
        let bytes = Array(head)
        return bytes.withUnsafeBufferPointer { buffer in
            var lines = TextLines(buffer)
            var count = 0
            while let line = lines.next() {
                if line.end == buffer.count, buffer.count >= 4096, count > 0 { break }
                if TextBlank.isBlank(buffer, line.start, line.end) { continue }
                guard accept(buffer, line, count) else { return false }
                count += 1
            }
            return count > 0
        }
    }
}
