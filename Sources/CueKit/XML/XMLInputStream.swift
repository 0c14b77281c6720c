@preconcurrency internal import CLibXML2

/// A document's bytes handed to libxml2 a few kilobytes at a time, as the
/// parser asks for them, so that libxml2 holds only the part it is reading
/// instead of a copy of the whole document (its memory input copies the
/// bytes into a buffer grown by doubling: up to twice the input, for the
/// whole parse).
///
/// libxml2 reads a stream and memory alike except where a single token
/// runs past its limits on long tokens and on look-ahead (10 MB): then a
/// stream reports the error at another column. Only a document in which
/// every run of bytes without a `<` is shorter than `maximumRun` is
/// streamed (every token then lies far within those limits); any other is
/// read from memory, as before.
final class XMLInputStream {
    /// The longest run of bytes without a `<` a streamed document may hold.
    static let maximumRun = 1_000_000

    private var next: UnsafePointer<CChar>?
    private var left: Int

    /// A stream of `characters`, which must stay valid while it is read.
    init(_ characters: UnsafeBufferPointer<CChar>) {
        next = characters.baseAddress
        left = characters.count
    }

    /// Whether `characters` may be streamed: no run without a `<` longer
    /// than `maximumRun`.
    static func streams(_ characters: UnsafeBufferPointer<CChar>) -> Bool {
        var last = 0
        var index = 0
        let count = characters.count
        while index < count {
            if characters[index] == 0x3C {
                if index - last > maximumRun { return false }
                last = index
            }
            index += 1
        }
        return count - last <= maximumRun
    }

    /// A libxml2 input buffer that reads this stream; the stream must
    /// outlive it.
    func inputBuffer() -> xmlParserInputBufferPtr? {
        let read: xmlInputReadCallback = { context, buffer, length in
            guard let context, let buffer, length > 0 else { return 0 }
            let stream = Unmanaged<XMLInputStream>.fromOpaque(context).takeUnretainedValue()
            return stream.read(into: buffer, length: Int(length))
        }
        return xmlParserInputBufferCreateIO(read, nil, Unmanaged.passUnretained(self).toOpaque(), XML_CHAR_ENCODING_NONE)
    }

    /// Copies up to `length` bytes to `buffer`; returns how many (0 at the end).
    private func read(into buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
        guard let next, left > 0 else { return 0 }
        let count = min(length, left)
        buffer.update(from: next, count: count)
        self.next = next + count
        left -= count
        return Int32(count)
    }
}
