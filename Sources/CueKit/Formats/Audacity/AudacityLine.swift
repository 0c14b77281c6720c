/// One line of an Audacity label track, as byte ranges into the buffer.
///
/// A label line is `start<TAB>end<TAB>label` (seconds as decimals; the label
/// may be missing or empty). A line opening with `\` continues the label
/// above: Audacity writes a spectral label's frequencies as
/// `\<TAB>low<TAB>high` and keeps `\` for any later addition; a line
/// opening with a tab is taken the same way.
enum AudacityLine {
    /// Only spaces and tabs.
    case blank
    /// A continuation line, such as a spectral label's `\<TAB>low<TAB>high`.
    case frequencies
    /// A label line; `end` is nil when no tab follows the start, `label`
    /// when no tab follows the end.
    case label(start: Range<Int>, end: Range<Int>?, label: Range<Int>?)

    /// The line `bytes[start..<end]`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> AudacityLine {
        var index = start
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if index == end { return .blank }
        if bytes[start] == 0x09 || bytes[start] == UInt8(ascii: "\\") {
            return .frequencies
        }
        guard let firstTab = tab(in: bytes, from: start, to: end) else {
            return .label(start: start..<end, end: nil, label: nil)
        }
        guard let secondTab = tab(in: bytes, from: firstTab + 1, to: end) else {
            return .label(start: start..<firstTab, end: (firstTab + 1)..<end, label: nil)
        }
        return .label(start: start..<firstTab, end: (firstTab + 1)..<secondTab, label: (secondTab + 1)..<end)
    }

    private static func tab(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == 0x09 { return index }
            index += 1
        }
        return nil
    }

    /// The seconds in `bytes[range]` as milliseconds (see `DecimalSeconds`).
    static func seconds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Result<DecimalSeconds.Reading, DecimalSeconds.Failure> {
        DecimalSeconds.milliseconds(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Whether `bytes[range]` is a number with a decimal comma (`12,5`),
    /// which Audacity reads as well as a point; the number with a point.
    static func commaDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8]? {
        var copy = Array(UnsafeBufferPointer(rebasing: bytes[range]))
        guard let comma = copy.firstIndex(of: UInt8(ascii: ",")), !copy.contains(UInt8(ascii: ".")) else { return nil }
        copy[comma] = UInt8(ascii: ".")
        return copy
    }
}
