/// The byte buffer a text writer appends to, with the chosen line ending
/// and an optional UTF-8 byte order mark.
struct TextOutput {
    private(set) var bytes: [UInt8] = []
    private let crlf: Bool

    init(options: WriteOptions, capacity: Int = 0) {
        crlf = options.crlf
        bytes.reserveCapacity(capacity)
        if options.byteOrderMark { bytes.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    /// Forgets what was written, keeping the buffer (a streaming writer
    /// empties it this way after handing `bytes` on).
    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes.append(contentsOf: bytes)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ time: Timestamp, style: ClockFormat.Style) {
        ClockFormat.append(time, style: style, to: &bytes)
    }

    /// Appends `value` in decimal.
    mutating func append(decimal value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        ClockFormat.appendDigits(UInt64(value.magnitude), width: 1, to: &bytes)
    }

    /// Appends `start --> end` in `style` (`.webVTT` or `.srt`).
    mutating func appendRange(_ start: Timestamp, _ end: Timestamp, style: ClockFormat.Style) {
        ClockFormat.appendRange(start, end, style: style, to: &bytes)
    }

    /// Ends the line.
    mutating func newline() {
        if crlf { bytes.append(0x0D) }
        bytes.append(0x0A)
    }
}
