/// An SRT timing line, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, read leniently.
///
/// Accepted as written: `.` for `,`, any number of hour digits (and one),
/// spaces or tabs around the arrow (or none), text after the end time (kept
/// as `tail`; `X1:… X2:… Y1:… Y2:…` display coordinates are expected there).
/// Accepted as repairs (reported through `Diagnostics.repair`, so `--strict`
/// rejects them): a missing hours field, fewer or more than three fraction
/// digits (a decimal fraction: `,5` is 500 ms), no fraction, `:` instead of
/// `,` before three millisecond digits (`00:00:04:609`), one-digit minutes
/// or seconds, minutes or seconds above 59.
struct SRTTiming {
    var start: Timestamp
    var end: Timestamp
    /// Offset of the end time in the input, for warnings about it.
    var endOffset: Int
    /// Where the text after the end time is in the input, trimmed; nil
    /// when there is none.
    var tail: Range<Int>?
    /// Whether `tail` is `X1: X2: Y1: Y2:` display coordinates.
    var tailIsCoordinates: Bool

    /// Whether `line` contains `-->`.
    static func hasArrow(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        ByteSearch.containsArrow(in: bytes, from: line.start, to: line.end)
    }

    /// Whether the line, after leading spaces, starts with a digit.
    static func startsWithDigit(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        let index = skipSpaces(bytes, from: line.start, to: line.end)
        return index < line.end && bytes[index] &- 0x30 < 10
    }

    /// Whether the line, after leading spaces, starts with a clock time of two
    /// or three fields followed by a space, a tab, `-` or the end of the line.
    static func startsWithClock(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        var index = skipSpaces(bytes, from: line.start, to: line.end)
        guard let time = ClockTime.scan(bytes, at: &index), time.fieldCount >= 2, index <= line.end else { return false }
        return index == line.end || bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x2D
    }

    /// Whether the line starts and ends with a clock time (with something
    /// other than `-->` between): a timing line with a broken arrow.
    static func looksLikeBrokenTiming(_ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine) -> Bool {
        guard startsWithClock(bytes, line) else { return false }
        var end = line.end
        while end > line.start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        var tokenStart = end
        while tokenStart > line.start && bytes[tokenStart - 1] != 0x20 && bytes[tokenStart - 1] != 0x09 && bytes[tokenStart - 1] != 0x3E {
            tokenStart -= 1
        }
        guard tokenStart > skipSpaces(bytes, from: line.start, to: line.end) else { return false }
        var index = tokenStart
        guard let time = ClockTime.scan(bytes, at: &index), time.fieldCount >= 2 else { return false }
        return index == end
    }

    /// Reads a timing line, adding to `repairs` what it needed (to report
    /// once the line is taken as a timing line); the error says what was
    /// expected and found.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, _ line: TextLine, source: SourceText, repairs: inout [Diagnostic]
    ) throws(Diagnostic) -> SRTTiming {
        var index = skipSpaces(bytes, from: line.start, to: line.end)
        let start = try time(bytes, at: &index, line: line, role: .start, source: source, repairs: &repairs)
        index = skipSpaces(bytes, from: index, to: line.end)
        guard index + 3 <= line.end, bytes[index] == 0x2D, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x3E
        else {
            throw error(
                "expected '-->' after the start time, found \(describeToken(bytes, from: index, line: line))",
                bytes, at: index, line: line, source: source)
        }
        index = skipSpaces(bytes, from: index + 3, to: line.end)
        let endOffset = index
        let end = try time(bytes, at: &index, line: line, role: .end, source: source, repairs: &repairs)
        index = skipSpaces(bytes, from: index, to: line.end)
        var tailEnd = line.end
        while tailEnd > index && (bytes[tailEnd - 1] == 0x20 || bytes[tailEnd - 1] == 0x09) { tailEnd -= 1 }
        var tail: Range<Int>?
        var isCoordinates = false
        if index < tailEnd {
            tail = index..<tailEnd
            isCoordinates = areCoordinates(bytes, from: index, to: tailEnd)
        }
        return SRTTiming(start: start, end: end, endOffset: endOffset, tail: tail, tailIsCoordinates: isCoordinates)
    }

    // MARK: One time

    /// Which time of the line is read (named in messages).
    private enum Role: String { case start, end }

    /// One time of the line: the common form read in line, anything else by `uncommonTime`.
    @inline(__always)
    private static func time(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, line: TextLine, role: Role,
        source: SourceText, repairs: inout [Diagnostic]
    ) throws(Diagnostic) -> Timestamp {
        if let value = canonicalTime(bytes, at: &index, end: line.end, arrowMayFollow: role == .start) { return value }
        return try uncommonTime(bytes, at: &index, line: line, role: role, source: source, repairs: &repairs)
    }

    /// A time not in the common form: read by the scanner, repaired or rejected.
    @inline(never)
    private static func uncommonTime(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, line: TextLine, role: Role,
        source: SourceText, repairs: inout [Diagnostic]
    ) throws(Diagnostic) -> Timestamp {
        let tokenStart = index
        // Built only for an error.
        var expected: String { "expected \(role == .start ? "a start" : "an end") time such as 00:01:02,500" }
        var scanned = index
        guard let clock = ClockTime.scanAllowingColonMilliseconds(bytes, at: &scanned), scanned <= line.end, clock.fieldCount >= 2
        else {
            throw error(
                "\(expected), found \(describeToken(bytes, from: tokenStart, line: line))",
                bytes, at: tokenStart, line: line, source: source)
        }
        // The time must end at a space, the arrow, or the end of the line.
        if scanned < line.end {
            let next = bytes[scanned]
            let arrowNext = role == .start && next == 0x2D
            if next != 0x20 && next != 0x09 && !arrowNext {
                throw error(
                    "\(expected), found \(describeToken(bytes, from: tokenStart, line: line))",
                    bytes, at: tokenStart, line: line, source: source)
            }
        }
        // Minutes and seconds: one or two digits (more is not a time we can read).
        for field in 1..<clock.fieldCount where clock.fieldDigits(field) > 2 {
            throw error(
                "\(expected), found '\(bytes.utf8String(tokenStart, scanned))': minutes and seconds have two digits",
                bytes, at: tokenStart, line: line, source: source)
        }
        guard let milliseconds = clock.milliseconds else {
            throw error(
                "\(expected), found '\(bytes.utf8String(tokenStart, scanned))', which is too large",
                bytes, at: tokenStart, line: line, source: source)
        }
        let value = Timestamp(milliseconds: milliseconds)
        index = scanned
        let isCanonical = clock.fieldCount == 3 && clock.fractionDigits == 3 && clock.fractionSeparator != UInt8(ascii: ":")
            && clock.fieldDigits(1) == 2 && clock.fieldDigits(2) == 2 && clock.isNormalized
        if isCanonical { return value }
        // The text for messages is made only when something needs repair.
        let written = bytes.utf8String(tokenStart, scanned)
        let location = source.location(line: line.number, column: bytes.scalarColumn(ofByte: tokenStart, lineStart: line.start))
        let canonical = ClockFormat.string(value, style: .srt)
        func repair(_ code: String, _ message: String) {
            repairs.append(.warning(code, message, at: location, format: .srt))
        }
        if clock.fieldCount == 2 {
            repair("srt.missing-hours", "expected hours in the \(role.rawValue) time, found '\(written)' (minutes and seconds only); read as \(canonical)")
        }
        if clock.fractionSeparator == UInt8(ascii: ":") {
            repair("srt.colon-fraction", "expected ',' before the milliseconds in the \(role.rawValue) time, found '\(written)'; read as \(canonical)")
        }
        if clock.fractionDigits == 0 {
            repair("srt.missing-milliseconds", "expected milliseconds after the seconds in the \(role.rawValue) time, found '\(written)'; read as \(canonical)")
        } else if clock.fractionDigits < 3 {
            repair(
                "srt.short-fraction",
                "expected three millisecond digits in the \(role.rawValue) time, found '\(written)'; read as a decimal fraction, \(canonical) (some tools would read \(clock.fractionValue) ms)")
        } else if clock.fractionDigits > 3 {
            repair("srt.long-fraction", "expected three millisecond digits in the \(role.rawValue) time, found '\(written)'; read as \(canonical), digits after the third dropped")
        }
        if (1..<clock.fieldCount).contains(where: { clock.fieldDigits($0) < 2 }) {
            repair("srt.time-digits", "expected two-digit minutes and seconds in the \(role.rawValue) time, found '\(written)'; read as \(canonical)")
        }
        if !clock.isNormalized {
            repair("srt.time-out-of-range", "expected minutes and seconds below 60 in the \(role.rawValue) time, found '\(written)'; read as \(canonical)")
        }
        return value
    }

    /// The common form, `HH:MM:SS,mmm` (or `.`), ending where a time may
    /// end; `index` is past it.
    @inline(__always)
    private static func canonicalTime(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, end: Int, arrowMayFollow: Bool
    ) -> Timestamp? {
        var position = index
        guard let time = ClockTime.commonForm(bytes, at: &position, end: end, separators: (0x2C, 0x2E)) else { return nil }
        if position < end {
            let next = bytes[position]
            guard next == 0x20 || next == 0x09 || (arrowMayFollow && next == 0x2D) else { return nil }
        }
        index = position
        return time
    }

    // MARK: Helpers

    static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index < end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        return index
    }

    /// `'token'` up to the next space or arrow, or "the end of the line".
    private static func describeToken(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: TextLine) -> String {
        guard start < line.end else { return "the end of the line" }
        var end = start
        while end < line.end && bytes[end] != 0x20 && bytes[end] != 0x09 {
            if end > start && bytes[end] == 0x2D && end + 2 < line.end && bytes[end + 1] == 0x2D && bytes[end + 2] == 0x3E { break }
            end += 1
        }
        if end == start { end = min(line.end, start + 1) }
        var token = bytes.utf8String(start, end)
        if token.count > 40 { token = String(token.prefix(40)) + "…" }
        return "'\(token)'"
    }

    private static func error(
        _ message: String, _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, line: TextLine, source: SourceText
    ) -> Diagnostic {
        .error("srt.bad-timing", message,
               at: source.location(line: line.number, column: bytes.scalarColumn(ofByte: offset, lineStart: line.start)),
               format: .srt)
    }

    /// `X1:n X2:n Y1:n Y2:n`, case-insensitive, space-separated.
    private static func areCoordinates(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let names: [(UInt8, UInt8)] = [(0x58, 0x31), (0x58, 0x32), (0x59, 0x31), (0x59, 0x32)]
        var index = start
        for (position, name) in names.enumerated() {
            if position > 0 {
                let next = skipSpaces(bytes, from: index, to: end)
                guard next > index else { return false }
                index = next
            }
            guard index + 3 <= end, bytes[index] & 0xDF == name.0, bytes[index + 1] == name.1, bytes[index + 2] == 0x3A else { return false }
            index += 3
            if index < end && bytes[index] == 0x2D { index += 1 }
            let digits = index
            while index < end && bytes[index] &- 0x30 < 10 { index += 1 }
            guard index > digits else { return false }
        }
        return index == end
    }
}
