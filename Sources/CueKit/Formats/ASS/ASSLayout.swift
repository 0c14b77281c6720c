/// The field names of a `Format:` line, in order: what the `Style:` and
/// event lines that follow it hold. Names are compared without regard to
/// case; `Actor` is another name for `Name`.
struct ASSLayout: Equatable {
    /// The names as written, blanks trimmed.
    var names: [String]
    /// The same names in lower case, `actor` read as `name`.
    private var keys: [String]

    init(_ names: [String]) {
        self.names = names
        keys = names.map { name in
            let key = name.lowercased()
            return key == "actor" ? "name" : key
        }
    }

    /// The layout of `Format: a, b, c` given the text after the colon.
    init(line text: Substring) {
        self.init(text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks() })
    }

    var count: Int { names.count }

    /// The position of a field (`"Start"`, `"Text"`), or nil.
    func index(of name: String) -> Int? {
        let key = name.lowercased()
        return keys.firstIndex(of: key)
    }

    /// The field names as a `Format:` line writes them.
    var formatLine: String { names.joined(separator: ", ") }

    static let assEvents = ASSLayout(["Layer", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"])
    static let ssaEvents = ASSLayout(["Marked", "Start", "End", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect", "Text"])
    static let assStyles = ASSLayout([
        "Name", "Fontname", "Fontsize", "PrimaryColour", "SecondaryColour", "OutlineColour", "BackColour", "Bold",
        "Italic", "Underline", "StrikeOut", "ScaleX", "ScaleY", "Spacing", "Angle", "BorderStyle", "Outline", "Shadow",
        "Alignment", "MarginL", "MarginR", "MarginV", "Encoding",
    ])
    static let ssaStyles = ASSLayout([
        "Name", "Fontname", "Fontsize", "PrimaryColour", "SecondaryColour", "TertiaryColour", "BackColour", "Bold",
        "Italic", "BorderStyle", "Outline", "Shadow", "Alignment", "MarginL", "MarginR", "MarginV", "AlphaLevel",
        "Encoding",
    ])
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    func trimmingBlanks() -> String {
        var text = Substring(self)
        while let first = text.utf8.first, first == 0x20 || first == 0x09 { text = text.dropFirst() }
        while let last = text.utf8.last, last == 0x20 || last == 0x09 { text = text.dropLast() }
        return String(text)
    }
}

/// A line of the form `Descriptor: value` (`Style:`, `Dialogue:`, `Title:`).
enum ASSLine {
    /// The descriptor before the first `:` (blanks trimmed) and the offset
    /// of the value after it (leading blanks skipped), or nil when the line
    /// has no `:`.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> (descriptor: String, value: Int)? {
        guard let (descriptor, value) = splitBytes(bytes, line) else { return nil }
        return (bytes.utf8String(descriptor.lowerBound, descriptor.upperBound), value)
    }

    /// `split` without a string: the descriptor's bytes, blanks trimmed.
    static func splitBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> (descriptor: Range<Int>, value: Int)? {
        let colon = ByteSearch.firstIndex(of: UInt8(ascii: ":"), in: bytes, from: line.start, to: line.end)
        guard colon < line.end else { return nil }
        var value = colon + 1
        while value < line.end && (bytes[value] == 0x20 || bytes[value] == 0x09) { value += 1 }
        var start = line.start, end = colon
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return (start..<end, value)
    }

    /// Whether `bytes[descriptor]` is the ASCII `name`, ignoring ASCII case
    /// (what `matches` finds for an ASCII name, without a string).
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ descriptor: Range<Int>, _ name: StaticString) -> Bool {
        guard descriptor.count == name.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for (offset, byte) in expected.enumerated() {
            let found = bytes[descriptor.lowerBound + offset]
            let letter = (byte | 0x20) &- UInt8(ascii: "a") < 26
            if found != byte && !(letter && found | 0x20 == byte | 0x20) { return false }
        }
        return true
    }

    /// Whether `descriptor` is `name`, ignoring ASCII case.
    static func matches(_ descriptor: String, _ name: String) -> Bool {
        descriptor.utf8.count == name.utf8.count && descriptor.lowercased() == name.lowercased()
    }

    /// The ranges of the first `count` comma-separated fields of
    /// `bytes[start..<end]`; the last takes the rest of the line, commas
    /// included. Fewer come back when the line has fewer commas.
    static func fields(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, count: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(min(count, 32))
        var fieldStart = start
        var index = start
        while ranges.count < count - 1 {
            index = ByteSearch.firstIndex(of: UInt8(ascii: ","), in: bytes, from: index, to: end)
            if index == end { break }
            ranges.append(fieldStart..<index)
            index += 1
            fieldStart = index
        }
        ranges.append(fieldStart..<end)
        return ranges
    }
}
