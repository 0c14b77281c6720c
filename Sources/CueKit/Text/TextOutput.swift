/// The byte buffer a text writer appends to, with the chosen line ending
/// and an optional UTF-8 byte order mark.
///
/// It owns its memory and writes into it directly (an array's append costs
/// a uniqueness and a capacity check and a generic copy per call, and a
/// caption writer appends a dozen times per cue), so it cannot be copied.
struct TextOutput: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes have been written.
    private(set) var count = 0
    private let crlf: Bool

    init(options: WriteOptions, capacity: Int = 0) {
        crlf = options.crlf
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        if options.byteOrderMark { append(bytes: [0xEF, 0xBB, 0xBF]) }
    }

    deinit {
        base.deallocate()
    }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Calls `body` with the bytes written, valid during the call only.
    func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The byte `offset` places before the end (0 is the last), or nil.
    func byte(fromEnd offset: Int) -> UInt8? {
        offset < count ? base[count - 1 - offset] : nil
    }

    /// Forgets what was written, keeping the buffer (a streaming writer
    /// empties it this way after handing the bytes on).
    mutating func clear() {
        count = 0
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(bytes: $0) }
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        room(for: bytes.count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(bytes: $0) }
    }

    mutating func append(byte: UInt8) {
        room(for: 1).pointee = byte
        count += 1
    }

    mutating func append(_ time: Timestamp, style: ClockFormat.Style) {
        var text: [UInt8] = []
        ClockFormat.append(time, style: style, to: &text)
        append(bytes: text)
    }

    /// Appends `value` in decimal.
    mutating func append(decimal value: Int) {
        if value < 0 { append(byte: UInt8(ascii: "-")) }
        let magnitude = UInt64(value.magnitude)
        count += ClockFormat.writeDigits(magnitude, width: 1, to: UnsafeMutableRawBufferPointer(start: room(for: 24), count: 24))
    }

    /// Appends `start --> end` in `style` (`.vtt` or `.srt`).
    mutating func appendRange(_ start: Timestamp, _ end: Timestamp, style: ClockFormat.Style) {
        let room = UnsafeMutableRawBufferPointer(start: room(for: ClockFormat.rangeRoom), count: ClockFormat.rangeRoom)
        if let written = ClockFormat.writeRange(start, end, style: style, to: room) {
            count += written
        } else {
            var text: [UInt8] = []
            ClockFormat.appendRange(start, end, style: style, to: &text)
            append(bytes: text)
        }
    }

    /// Appends `text`, each line feed in it written as the chosen line end.
    mutating func appendLines(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                let end = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: start, to: bytes.count)
                append(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if end < bytes.count { newline() }
                start = end + 1
            }
        }
    }

    /// Ends the line.
    mutating func newline() {
        if crlf { append(byte: 0x0D) }
        append(byte: 0x0A)
    }

    /// Where the next `needed` bytes go, growing the buffer when they do not fit.
    @inline(__always)
    private mutating func room(for needed: Int) -> UnsafeMutablePointer<UInt8> {
        if count + needed > capacity { grow(to: count + needed) }
        return base + count
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
