/// Cue times that break the W3C syntax but that a person reads at a
/// glance, read leniently (unless `ReadOptions.w3cWebVTT`): the W3C parser,
/// and so every browser, skips such a cue.
///
/// Read, as SRT's reader reads its times: one-digit minutes or seconds
/// (`00:0:03.390`, `1:02.500`), no fraction (`00:01:39`), a fraction of one
/// or two digits read as a decimal (`00:02:04.08` is 80 ms) or of more than
/// three (digits after the third dropped), `,` or `:` before three
/// millisecond digits (`00:00:02,000`, `00:00:04:609`), minutes or seconds
/// above 59 (carried over: `00:00:90.740` is 00:01:30.740), and a first field
/// that is not two digits up to 59 in a time without hours (minutes: `75:00.000`
/// is 01:15:00.000). Not read: a single field, minutes or seconds of three or
/// more digits, one or two digits after a third colon (a frame count), and a
/// time followed by anything but whitespace (or, for the start, `-->`).
///
/// Only the failure path of the W3C timestamp rules gets here, so files that
/// follow the spec cost nothing more.
enum WebVTTTimingRepair {
    /// A time read leniently, with what was wrong with it.
    struct Repaired {
        var time: Timestamp
        /// Short phrases such as "one-digit minutes" or "a 2-digit fraction".
        var problems: [String]
    }

    /// Reads the time at `bytes[index...]` on a line ending at `end`; on
    /// success, `index` is past it. `isStart`: `-` may follow (the arrow).
    @inline(never)
    static func collect(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, end: Int, isStart: Bool) -> Repaired? {
        var scanned = index
        guard let clock = ClockTime.scanAllowingColonMilliseconds(bytes, at: &scanned), scanned <= end,
              clock.fieldCount >= 2 else { return nil }
        if scanned < end {
            let next = bytes[scanned]
            guard WebVTTParser.isASCIIWhitespace(next) || (isStart && next == UInt8(ascii: "-")) else { return nil }
        }
        for field in 1..<clock.fieldCount where clock.fieldDigits(field) > 2 { return nil }
        guard let milliseconds = clock.milliseconds else { return nil }
        index = scanned
        return Repaired(time: Timestamp(milliseconds: milliseconds), problems: problems(clock))
    }

    /// What keeps `clock` from being a WebVTT timestamp, in the order written.
    private static func problems(_ clock: ClockTime) -> [String] {
        var problems: [String] = []
        let minuteDigits = clock.fieldDigits(clock.fieldCount - 2)
        if minuteDigits == 1 {
            problems.append("one-digit minutes")
        } else if clock.minutes > 59 {
            problems.append("minutes above 59")
        } else if minuteDigits > 2 {
            problems.append("\(minuteDigits)-digit minutes")
        }
        if clock.fieldDigits(clock.fieldCount - 1) == 1 { problems.append("one-digit seconds") }
        if clock.seconds > 59 { problems.append("seconds above 59") }
        switch clock.fractionSeparator {
        case nil: problems.append("no milliseconds")
        case UInt8(ascii: ","): problems.append("',' before the milliseconds")
        case UInt8(ascii: ":"): problems.append("':' before the milliseconds")
        default: break
        }
        if clock.fractionSeparator != nil && clock.fractionDigits != 3 {
            problems.append("a \(clock.fractionDigits)-digit fraction")
        }
        return problems
    }

    /// The warning for a timing line whose start or end (or both) needed
    /// `problems`: what was expected, the line as found, what was wrong and
    /// what it was read as.
    static func warning(
        line: String, start: Timestamp, end: Timestamp, startProblems: [String], endProblems: [String],
        at location: SourceLocation, format: FormatID
    ) -> Diagnostic {
        let startText = phrase(startProblems), endText = phrase(endProblems)
        let what: String
        if startText == endText {
            what = "\(startText) in the start and end times"
        } else {
            what = [(startText, "start"), (endText, "end")].filter { !$0.0.isEmpty }
                .map { "\($0.0) in the \($0.1) time" }.joined(separator: ", ")
        }
        let readAs = ClockFormat.string(start, style: .vtt) + " --> " + ClockFormat.string(end, style: .vtt)
        return .warning(
            "vtt.repaired-timing",
            "expected a cue timing line such as '00:01.000 --> 00:04.000', found '\(line)': \(what); read as \(readAs) (a WebVTT parser skips this cue)",
            at: location, format: format)
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func phrase(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
