/// Reads SubRip leniently, in one pass over the UTF-8 bytes.
///
/// A cue is an optional number line, a timing line (see `SRTTiming`) and text
/// lines up to a blank line. Accepted without comment: missing numbers, extra
/// blank lines, CR LF or CR line ends, no final line end, display coordinates.
/// Repairs (warnings through `Diagnostics.repair`, errors with `--strict`): a
/// timing line straight after text starts a new cue (a number line just before
/// it is its number); text after a blank line inside a cue stays with the cue;
/// lines before the first cue, and a number with no timing line, are skipped; a
/// line other than a number before a timing line becomes the cue's id.
/// Errors: a timing line that cannot be read, a cue number followed by text
/// instead of a timing line, and a file with text but no cue.
/// Warnings with the line: a cue ending before it starts, a cue starting
/// before the one above ends.
///
/// Cue text markup is read by `SRTMarkup`; with `speakerLabels`, a leading
/// `Name:` is the speaker (see `SRTSpeakerLabel`), and a cue without a label
/// keeps the speaker of the cue before it.
public struct SRTReader: CueStreamReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        Timeline(cues: try parse(source, options: options, diagnostics: &diagnostics, consumer: nil))
    }

    func stream(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics, to consumer: any CueReceiver
    ) throws(Diagnostic) -> Timeline {
        _ = try parse(source, options: options, diagnostics: &diagnostics, consumer: consumer)
        return Timeline()
    }

    /// The cues, or none when they went to `consumer`.
    private func parse(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics, consumer: (any CueReceiver)?
    ) throws(Diagnostic) -> [Cue] {
        try source.input.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            var parser = SRTParser(bytes: buffer, source: source, options: options, diagnostics: diagnostics)
            parser.consumer = consumer
            defer { diagnostics = parser.diagnostics }
            return try parser.parse()
        }
    }
}

/// The state of one read.
private struct SRTParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: SourceText
    let options: ReadOptions
    var diagnostics: Diagnostics
    private var lines: TextLines
    private var cues: [Cue] = []
    /// When set, cues go here as they are read instead of into `cues`.
    var consumer: (any CueReceiver)?
    private var cueCount = 0

    private enum State { case beforeFirstCue, afterBlank, inText }
    private var state = State.beforeFirstCue

    /// The cue being read: its times, where what followed them on the
    /// timing line is, that line, and the line that is its identifier (its
    /// text lines are `textLines`). Nothing here is reference-counted.
    private struct PendingCue {
        var start: Timestamp
        var end: Timestamp
        var tail: Range<Int>?
        var timingLine: TextLine
        var idLine: TextLine?
    }
    private var pending: PendingCue?
    /// The text lines of the pending cue (one buffer, reused for every cue).
    private var textLines: [TextLine] = []
    /// The repairs the last timing line read needed (one buffer, reused).
    private var timingRepairs: [Diagnostic] = []

    /// Lines before the first cue: the first of them and how many.
    private var skipped: (first: TextLine, count: Int)?
    private var previousSpeaker: String?
    /// The end of the cue before, and its timing line.
    private var previousEnd: (time: Timestamp, line: Int)?
    /// The number of the cue before (as written, or as it would have been).
    private var lastNumber: Int?
    private var unnumbered: (first: SourceLocation, count: Int)?
    private var misnumbered: (first: SourceLocation, expected: Int, found: String, count: Int)?
    /// Warnings reported per code, to cap repeated ones.
    private var reported: [String: Int] = [:]
    private static let reportLimit = 10

    init(bytes: UnsafeBufferPointer<UInt8>, source: SourceText, options: ReadOptions, diagnostics: Diagnostics) {
        self.bytes = bytes
        self.source = source
        self.options = options
        self.diagnostics = diagnostics
        self.lines = TextLines(bytes)
    }

    mutating func parse() throws(Diagnostic) -> [Cue] {
        if consumer == nil { cues.reserveCapacity(bytes.count / 64) }
        while let line = lines.next() {
            if isBlank(line) {
                if state == .inText { state = .afterBlank }
                continue
            }
            switch state {
            case .inText:
                if SRTTiming.startsWithDigit(bytes, line) && SRTTiming.hasArrow(bytes, line) {
                    // A timing line straight after text: a new cue without a blank line.
                    let timing = try readTiming(line)
                    var numberLine: (line: TextLine, value: Int?)?
                    if let last = textLines.last, let value = number(last) {
                        textLines.removeLast()
                        numberLine = (last, value)
                    }
                    try repair(.warning(
                        "srt.missing-blank-line",
                        "expected a blank line before the timing line, found text on the line above; a new cue starts here",
                        at: location(line)))
                    try begin(timing, line: line, numberLine: numberLine)
                } else {
                    textLines.append(line)
                }
            case .beforeFirstCue, .afterBlank:
                try blockStart(line)
            }
        }
        try finishCue()
        try finishFile()
        return cues
    }

    /// A non-blank line where a cue may start.
    private mutating func blockStart(_ line: TextLine) throws(Diagnostic) {
        // Read once; a number line holds no arrow and is no broken timing line.
        let value = number(line)
        if value == nil, SRTTiming.hasArrow(bytes, line) {
            try begin(try readTiming(line), line: line, numberLine: nil)
            return
        }
        let next = lines.peek()
        if let next, !isBlank(next), SRTTiming.hasArrow(bytes, next) {
            _ = lines.next()
            try begin(try readTiming(next), line: next, numberLine: (line, value))
            return
        }
        if value == nil, SRTTiming.looksLikeBrokenTiming(bytes, line) {
            _ = try readTiming(line)  // throws what is wrong with it
        }
        if value != nil {
            if let next, !isBlank(next) {
                if SRTTiming.startsWithClock(bytes, next) { _ = try readTiming(next) }
                throw Diagnostic.error(
                    "srt.missing-timing",
                    "expected a timing line such as 00:00:01,000 --> 00:00:02,000 after cue number \(text(line)), found '\(excerpt(next))'",
                    at: location(next), format: .srt)
            }
            try repair(.warning(
                "srt.number-without-cue",
                "expected a timing line after cue number \(text(line)), found \(next == nil ? "the end of the file" : "a blank line"); the number is ignored",
                at: location(line)))
            return
        }
        if state == .beforeFirstCue {
            if let first = skipped { skipped = (first.first, first.count + 1) } else { skipped = (line, 1) }
            return
        }
        let cueLine = pending?.timingLine.number ?? line.number
        try repair(.warning(
            "srt.blank-line-in-text",
            "expected a cue number or a timing line after the blank line, found text; read as more text of the cue timed on line \(cueLine)",
            at: location(line)))
        textLines.append(line)
        state = .inText
    }

    /// Starts the cue timed on `line`; `numberLine` is the line above it
    /// when that line goes with the cue, with its value when it is a number.
    private mutating func begin(_ timing: SRTTiming, line: TextLine, numberLine: (line: TextLine, value: Int?)?) throws(Diagnostic) {
        try finishCue()
        if let skipped {
            try repair(.warning(
                "srt.text-before-first-cue",
                "expected a cue number or a timing line, found '\(excerpt(skipped.first))'; \(skipped.count) line(s) before the first cue skipped",
                at: location(skipped.first)))
            self.skipped = nil
        }
        for diagnostic in timingRepairs { try repair(diagnostic) }
        var idLine: TextLine?
        // A number too large for an Int reads as Int.max; the next stays there.
        let expected = lastNumber.map { $0 < .max ? $0 + 1 : .max } ?? 1
        lastNumber = expected
        if let (numberLine, value) = numberLine {
            if let number = value {
                lastNumber = number
                if number != expected {
                    if let first = misnumbered {
                        misnumbered = (first.first, first.expected, first.found, first.count + 1)
                    } else {
                        misnumbered = (location(numberLine), expected, text(numberLine), 1)
                    }
                }
            } else {
                idLine = numberLine
                try repair(.warning(
                    "srt.not-a-number",
                    "expected a cue number before the timing line, found '\(excerpt(numberLine))'; kept as the cue's identifier",
                    at: location(numberLine)))
            }
        } else if let first = unnumbered {
            unnumbered = (first.first, first.count + 1)
        } else {
            unnumbered = (location(line), 1)
        }
        if timing.end < timing.start {
            warn(.warning(
                "srt.end-before-start",
                "expected the end time after the start time, found \(ClockFormat.string(timing.end, style: .srt)) before \(ClockFormat.string(timing.start, style: .srt)); kept as written",
                at: source.location(line: line.number, column: bytes.scalarColumn(ofByte: timing.endOffset, lineStart: line.start)), format: .srt))
        }
        if let previousEnd, timing.start < previousEnd.time {
            warn(.warning(
                "srt.overlap",
                "expected the cue to start at or after \(ClockFormat.string(previousEnd.time, style: .srt)), when the cue timed on line \(previousEnd.line) ends; found \(ClockFormat.string(timing.start, style: .srt)): the cues overlap",
                at: location(line)))
        }
        if let tail = timing.tail, !timing.tailIsCoordinates {
            warn(.warning(
                "srt.timing-text",
                "expected the end of the line or X1: X2: Y1: Y2: coordinates after the end time, found '\(bytes.utf8String(tail.lowerBound, tail.upperBound))'; kept for SRT output",
                at: location(line)))
        }
        previousEnd = (timing.end, line.number)
        pending = PendingCue(start: timing.start, end: timing.end, tail: timing.tail, timingLine: line, idLine: idLine)
        state = .inText
    }

    /// Turns the pending cue into a `Cue`.
    private mutating func finishCue() throws(Diagnostic) {
        guard let pending = pending.take() else { return }
        var extras = Fields()
        if let tail = pending.tail { extras.append(SRTExtras.timing, .string(bytes.utf8String(tail.lowerBound, tail.upperBound))) }
        // One or two lines as a rule: cheaper than `removeAll(keepingCapacity:)`.
        defer { while !textLines.isEmpty { textLines.removeLast() } }
        var speaker: String?
        if options.speakerLabels {
            if let first = textLines.first, let label = SRTSpeakerLabel.find(bytes, from: first.start, to: first.end) {
                let written = bytes.utf8String(first.start, first.start + label.length)
                let canonical = label.name + (label.isAlone ? ":" : ": ")
                if written != canonical || label.name == previousSpeaker {
                    extras.append(SRTExtras.label, .string(written))
                }
                speaker = label.name
                textLines[0].start += label.length
                if label.isAlone && textLines.count == 1 { textLines.removeAll() }
            } else {
                speaker = previousSpeaker
            }
            previousSpeaker = speaker
        }
        let text: Cue.TextStorage
        var settings: [Field] = []
        // Not `self.bytes` in the closure: capturing `self` copies the whole
        // parser state, some 550 bytes.
        let bytes = self.bytes
        let hasMarkup = textLines.contains { SRTMarkup.mayHaveMarkup(bytes, from: $0.start, to: $0.end) }
        if consumer != nil, !hasMarkup || PlainTags.accept(bytes, textLines), var lines = sourceLines() {
            lines.hasTags = hasMarkup
            text = .source(lines)
        } else if !hasMarkup {
            var spans: [Span] = []
            spans.reserveCapacity(textLines.count * 2)
            for (position, line) in textLines.enumerated() {
                if position > 0 { spans.append(.lineBreak) }
                if !line.isEmpty { spans.append(.text(bytes.utf8String(line.start, line.end))) }
            }
            text = .spans(spans)
        } else {
            var payload: [UInt8] = []
            for (position, line) in textLines.enumerated() {
                if position > 0 { payload.append(0x0A) }
                payload.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]))
            }
            let parsed = payload.withUnsafeBufferPointer { SRTMarkup.parse($0) }
            if let tooDeep = parsed.tooDeep {
                try repair(.warning(
                    "srt.nesting-too-deep",
                    "expected tags nested at most \(SpanBuilder.maximumDepth) deep, found \(tooDeep.count) tag(s) deeper; they are ignored, their text is kept",
                    at: location(inPayloadOf: textLines, offset: tooDeep.firstOffset)))
            }
            text = .spans(parsed.spans)
            if let alignment = parsed.alignment { settings = NumpadPosition.settings(forAlignment: alignment) }
            if !parsed.rendersAsWritten && SRTText.render(parsed.spans, alignment: parsed.alignment) != payload {
                extras.append(SRTExtras.markup, .string(String(decoding: payload, as: UTF8.self)))
            }
        }
        var formatExtras = FormatExtras()
        if !extras.isEmpty { formatExtras[.srt] = extras }
        var id: String?
        if let idLine = pending.idLine { id = self.text(idLine) }
        let cue = Cue(
            id: id, start: pending.start, end: pending.end, speaker: speaker, textStorage: text,
            settings: settings, extras: formatExtras, location: cueLocation(pending.timingLine))
        cueCount += 1
        if let consumer {
            if cueCount == 1 { try consumer.begin(Timeline(), input: source.input) }
            try consumer.consume(consume cue)
        } else {
            cues.append(consume cue)
        }
    }

    /// The text lines as they stand in the input, when none is blank and
    /// only LF or CR LF separates them.
    ///
    /// The helpers called at every cue or line are inlined: a call to a
    /// non-mutating method from a mutating one copies the whole parser
    /// state, some 550 bytes.
    @inline(__always)
    private func sourceLines() -> SourceLines? {
        // Only the first can be blank: what a speaker label left of it.
        guard let first = textLines.first, !isBlank(first) else { return nil }
        for (line, next) in zip(textLines, textLines.dropFirst()) {
            let gap = next.start - line.end
            guard gap == 1 && bytes[line.end] == 0x0A || gap == 2 && bytes[line.end] == 0x0D && bytes[line.end + 1] == 0x0A else { return nil }
        }
        let last = textLines[textLines.count - 1]
        return SourceLines(text: UnsafeBufferPointer(rebasing: bytes[first.start..<last.end]), lineCount: textLines.count)
    }

    private mutating func finishFile() throws(Diagnostic) {
        if cueCount == 0 {
            if let skipped {
                throw Diagnostic.error(
                    "srt.no-cues",
                    "expected a timing line such as 00:00:01,000 --> 00:00:02,000, found '\(excerpt(skipped.first))'; the file has no cue",
                    at: location(skipped.first), format: .srt)
            }
            diagnostics.report(.warning("srt.empty", "expected at least one cue, found none: the file is empty", at: source.location(line: 1), format: .srt))
            return
        }
        if let unnumbered {
            diagnostics.report(.note(
                "srt.no-number",
                "\(unnumbered.count) cue(s) have no cue number, first here; numbers are written 1, 2, 3, …",
                at: unnumbered.first, format: .srt))
        }
        if let misnumbered {
            diagnostics.report(.note(
                "srt.numbering",
                "expected cue number \(misnumbered.expected), found \(misnumbered.found) (\(misnumbered.count) cue number(s) out of sequence, first here); numbers are written 1, 2, 3, …",
                at: misnumbered.first, format: .srt))
        }
        for (code, count) in reported.sorted(by: { $0.key < $1.key }) where count > Self.reportLimit {
            diagnostics.report(.warning(
                code, "\(count - Self.reportLimit) more like the '\(code)' warnings above (\(count) in all)",
                format: .srt))
        }
    }

    // MARK: Helpers

    /// Reads a timing line, its repairs into `timingRepairs`.
    private mutating func readTiming(_ line: TextLine) throws(Diagnostic) -> SRTTiming {
        if !timingRepairs.isEmpty { timingRepairs.removeAll(keepingCapacity: true) }
        return try SRTTiming.parse(bytes, line, source: source, repairs: &timingRepairs)
    }

    /// A repair (an error when strict), shown for the first few of a code.
    private mutating func repair(_ diagnostic: Diagnostic) throws(Diagnostic) {
        let count = (reported[diagnostic.code] ?? 0) + 1
        reported[diagnostic.code] = count
        if count <= Self.reportLimit || diagnostics.isStrict { try diagnostics.repair(diagnostic) }
    }

    /// A warning, shown for the first few of a code.
    private mutating func warn(_ diagnostic: Diagnostic) {
        let count = (reported[diagnostic.code] ?? 0) + 1
        reported[diagnostic.code] = count
        if count <= Self.reportLimit { diagnostics.report(diagnostic) }
    }

    /// The place in the file of byte `offset` of cue text made of `lines`
    /// joined by LF.
    private func location(inPayloadOf lines: [TextLine], offset: Int) -> SourceLocation {
        var lineStart = 0
        for line in lines {
            let length = line.end - line.start
            if offset <= lineStart + length {
                let byte = line.start + (offset - lineStart)
                return source.location(line: line.number, column: bytes.scalarColumn(ofByte: byte, lineStart: line.start))
            }
            lineStart += length + 1
        }
        return location(lines.last ?? TextLine(start: 0, end: 0, number: 1))
    }

    @inline(__always)
    private func isBlank(_ line: TextLine) -> Bool {
        SRTTiming.skipSpaces(bytes, from: line.start, to: line.end) == line.end
    }

    /// The value of a number line (nil when it is not one; `Int.max` when too large).
    @inline(__always)
    private func number(_ line: TextLine) -> Int? {
        var index = SRTTiming.skipSpaces(bytes, from: line.start, to: line.end)
        let digits = index
        var value = 0
        while index < line.end, case let digit = bytes[index] &- 0x30, digit < 10 {
            let (scaled, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = scaled.addingReportingOverflow(Int(digit))
            value = overflow1 || overflow2 || value == .max ? .max : sum
            index += 1
        }
        guard index > digits, SRTTiming.skipSpaces(bytes, from: index, to: line.end) == line.end else { return nil }
        return value
    }

    /// The line without surrounding spaces.
    private func text(_ line: TextLine) -> String {
        let start = SRTTiming.skipSpaces(bytes, from: line.start, to: line.end)
        var end = line.end
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return bytes.utf8String(start, end)
    }

    /// The line, shortened for a message.
    private func excerpt(_ line: TextLine) -> String {
        let text = text(line)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    private func location(_ line: TextLine) -> SourceLocation {
        source.location(line: line.number, column: 1)
    }

    /// A cue's location: without the file when streaming (see `CueReceiver`).
    private func cueLocation(_ line: TextLine) -> SourceLocation {
        SourceLocation(file: consumer == nil ? source.name : nil, line: line.number, column: 1)
    }
}
