/// One chapter line of a video description, as people paste them:
/// `0:00 Intro`, `Intro - 1:23`, `(01:02:03) Title`, `1. 0:00 Intro`,
/// `[12:00] Title`, `0:00 - 2:15 Title` (a start and an end).
///
/// A timestamp is `M:SS`, `MM:SS` or `H:MM:SS` (seconds and, with hours,
/// minutes as two digits below 60), optionally with a `.` fraction, standing
/// alone: not inside a longer run of digits, letters or colons (`10:30am` and
/// `1:02:03:04` are not timestamps). The chapter's time is the timestamp that
/// opens the line (after a list marker or an opening bracket), else the one
/// that closes it, else the first one. The rest of the line, without list
/// marker, brackets and separators around the time, is the title.
struct YouTubeChapterLine: Equatable {
    var start: Timestamp
    /// The second time of a range such as `0:00 - 2:15`.
    var end: Timestamp?
    /// The title; empty when the line holds only a time.
    var title: String
    /// The 1-based column (in Unicode scalars) where the time starts.
    var column: Int
    /// Whether the time opens the line (after an optional list marker).
    var isLeading: Bool

    /// The chapter on `line` (UTF-8, no line break), or nil without a timestamp.
    init?(_ line: ArraySlice<UInt8>) {
        let bytes = Array(line)
        let stamps = Self.timestamps(in: bytes)
        guard !stamps.isEmpty else { return nil }
        let groups = Self.groups(stamps, in: bytes)
        let chosen: Group
        if let leading = groups.first(where: { Self.isListMarker(bytes[..<$0.lower]) }) {
            chosen = leading
            isLeading = true
        } else if let last = groups.last, Self.isClosing(bytes[last.upper...]) {
            chosen = last
            isLeading = false
        } else {
            chosen = groups[0]
            isLeading = false
        }
        start = chosen.start
        end = chosen.end
        column = String(decoding: bytes[..<chosen.lower], as: UTF8.self).unicodeScalars.count + 1
        let before = String(decoding: bytes[..<chosen.lower], as: UTF8.self)
        let after = String(decoding: bytes[chosen.upper...], as: UTF8.self)
        title = Self.title(before: before, after: after, leading: isLeading)
    }

    // MARK: Timestamps

    private struct Stamp {
        var lower: Int
        var upper: Int
        var time: Timestamp
    }

    private struct Group {
        var lower: Int
        var upper: Int
        var start: Timestamp
        var end: Timestamp?
    }

    /// Every standalone timestamp on the line, in order.
    private static func timestamps(in bytes: [UInt8]) -> [Stamp] {
        var stamps: [Stamp] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                guard byte &- 0x30 < 10, index == 0 || !isWordByte(buffer[index - 1]) else {
                    index += 1
                    continue
                }
                var end = index
                guard var time = ClockTime.scan(buffer, at: &end) else {
                    index += 1
                    continue
                }
                if time.fractionSeparator == UInt8(ascii: ",") {
                    // `1:23,45` is not a fraction here: give the comma back.
                    end -= time.fractionDigits + 1
                    time.fractionDigits = 0
                    time.fractionValue = 0
                    time.fractionSeparator = nil
                }
                let standsAlone = end == buffer.count || !isWordByte(buffer[end])
                if standsAlone, isChapterTime(time), let milliseconds = time.milliseconds {
                    stamps.append(Stamp(lower: index, upper: end, time: Timestamp(milliseconds: milliseconds)))
                    index = end
                } else {
                    // Skip the rest of this run of digits and colons.
                    index += 1
                    while index < buffer.count, buffer[index] &- 0x30 < 10 || buffer[index] == UInt8(ascii: ":") { index += 1 }
                }
            }
        }
        return stamps
    }

    /// `M:SS`, `MM:SS`, `MMM:SS` or `H:MM:SS`, fields in range.
    private static func isChapterTime(_ time: ClockTime) -> Bool {
        guard time.fieldCount >= 2, time.fieldDigits(time.fieldCount - 1) == 2, time.isNormalized else { return false }
        if time.fieldCount == 3 { return time.fieldDigits(1) == 2 && time.fieldDigits(0) <= 3 }
        return time.fieldDigits(0) <= 3
    }

    /// Bytes that make a digit part of a longer word or number.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: ":"), UInt8(ascii: "_"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: ","):
            return false
        default:
            return false
        }
    }

    /// Timestamps joined by a dash (`0:00 - 2:15`) form one range.
    private static func groups(_ stamps: [Stamp], in bytes: [UInt8]) -> [Group] {
        var groups: [Group] = []
        var index = 0
        while index < stamps.count {
            let stamp = stamps[index]
            if index + 1 < stamps.count, isRangeJoint(bytes[stamp.upper..<stamps[index + 1].lower]) {
                let next = stamps[index + 1]
                groups.append(Group(lower: stamp.lower, upper: next.upper, start: stamp.time, end: next.time))
                index += 2
            } else {
                groups.append(Group(lower: stamp.lower, upper: stamp.upper, start: stamp.time, end: nil))
                index += 1
            }
        }
        return groups
    }

    /// Whitespace around one dash (`-`, `–`, `—`) or `~`.
    private static func isRangeJoint(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0 != " " && $0 != "\t" }
        return text.count == 1 && ["-", "\u{2013}", "\u{2014}", "~"].contains(text.first!)
    }

    // MARK: Title

    private static let separators: Set<Unicode.Scalar> = [
        " ", "\t", "\u{A0}", "-", "\u{2013}", "\u{2014}", ":", "|", "\u{2022}", "\u{B7}", "~", "=", ">",
    ]
    private static let bullets: Set<Unicode.Scalar> = [
        "-", "*", "+", "\u{2022}", "\u{B7}", "\u{25BA}", "\u{25B6}", "\u{2192}", "#",
    ]

    /// Whether `bytes` (before a time) hold only a list marker such as `1.`,
    /// `2)`, `-`, `•` and an opening bracket.
    private static func isListMarker(_ bytes: ArraySlice<UInt8>) -> Bool {
        var scalars = Substring(String(decoding: bytes, as: UTF8.self)).unicodeScalars[...]
        func dropSpaces() { while let first = scalars.first, first == " " || first == "\t" || first == "\u{A0}" { scalars.removeFirst() } }
        dropSpaces()
        var digits = 0
        while let first = scalars.first, first.properties.numericType == .decimal, digits < 3 {
            scalars.removeFirst()
            digits += 1
        }
        if digits > 0 {
            guard let first = scalars.first, first == "." || first == ")" else { return false }
            scalars.removeFirst()
        } else if let first = scalars.first, bullets.contains(first) {
            scalars.removeFirst()
        }
        dropSpaces()
        if let first = scalars.first, first == "(" || first == "[" { scalars.removeFirst() }
        return scalars.isEmpty
    }

    /// Whether `bytes` (after a time) hold only a closing bracket, separators
    /// and punctuation.
    private static func isClosing(_ bytes: ArraySlice<UInt8>) -> Bool {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy {
            separators.contains($0) || $0 == ")" || $0 == "]" || $0 == "." || $0 == ","
        }
    }

    private static func title(before: String, after: String, leading: Bool) -> String {
        var head = Substring(leading ? "" : before).unicodeScalars[...]
        var tail = Substring(after).unicodeScalars[...]
        func trim(_ scalars: inout Substring.UnicodeScalarView) {
            while let first = scalars.first, separators.contains(first) { scalars.removeFirst() }
            while let last = scalars.last, separators.contains(last) { scalars.removeLast() }
        }
        /// Only spaces leave the far end of the text after the time: a title
        /// may end in a separator (`Q&A —`, `Part 1 >`).
        func trimAfterTime(_ scalars: inout Substring.UnicodeScalarView) {
            while let first = scalars.first, separators.contains(first) { scalars.removeFirst() }
            while let last = scalars.last, last == " " || last == "\t" || last == "\u{A0}" { scalars.removeLast() }
        }
        // A bracket opened before the time and closed after it.
        trim(&head)
        var opened = leading && (before.unicodeScalars.contains("(") || before.unicodeScalars.contains("["))
        if !leading, let last = head.last, last == "(" || last == "[" {
            head.removeLast()
            opened = true
        }
        while let first = tail.first, first == " " || first == "\t" { tail.removeFirst() }
        if opened, let first = tail.first, first == ")" || first == "]" { tail.removeFirst() }
        trim(&head)
        trimAfterTime(&tail)
        return [String(Substring(head)), String(Substring(tail))].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
