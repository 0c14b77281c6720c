/// The WebVTT parser algorithm (W3C WebVTT, "WebVTT file parsing") over
/// UTF-8 bytes, producing a timeline.
///
/// The input is first normalised as the spec says (CR LF and CR become LF,
/// NUL becomes U+FFFD); line and column numbers are unchanged by this, so
/// diagnostics point into the file as the user sees it. Then the signature
/// is checked (the only error), the header lines are kept, and blocks are
/// collected one by one: cues, STYLE and REGION blocks (before the first
/// cue), NOTE blocks; anything else the spec discards is reported.
struct WebVTTParser {
    /// Individual warnings of one kind before they are only counted.
    static let individualWarningLimit = 50

    private let bytes: UnsafeBufferPointer<UInt8>
    private let name: String?
    private let format: FormatID
    private(set) var diagnostics: Diagnostics

    private var position = 0
    /// The line number of the byte at `position`.
    private var line = 1
    private var seenCue = false
    private var regionIDs: Set<String> = []
    private var signature = ""
    private var header: String?
    private var blocksBeforeCues: [FieldValue] = []
    private var pendingNotes: [FieldValue] = []
    private var cues: [Cue] = []
    /// When set, cues go here as they are read (after the header) instead of into `cues`.
    private var consumer: (any CueReceiver)?
    /// What `bytes` points into, when streaming: plain cue text is
    /// handed on as lines of it (`SourceLines`), and the consumer keeps it.
    private var input = InputBytes([])
    private var sentHeader = false
    private var textParser = WebVTTCueTextParser()
    private var issues = IssueCollector()
    private var markupLocation: SourceLocation?
    private var nestingLocation: SourceLocation?
    /// What was wrong with the last timing line that could not be read
    /// (see `collectTimings`); set on failure only, taken by its block.
    private var lastTimingFailure: Diagnostic?
    /// The last few speakers read from plain cues' `<v Name>`, with the
    /// names as written: a transcript has a few speakers, and a cue by one
    /// of them shares the string instead of making it again.
    private var recentVoices: [(written: UnsafeBufferPointer<UInt8>, speaker: String)] = []
    private static let recentVoiceLimit = 8
    /// Where the first NUL byte was, when normalisation replaced any.
    var firstNUL: (line: Int, column: Int)?
    /// Whether to do exactly what the W3C parser does (`ReadOptions.w3cWebVTT`)
    /// instead of also reading timings and settings it skips (see
    /// `WebVTTTimingRepair`, `WebVTTCueSettings.middleAsCenter`).
    var w3c = false

    /// A parser over normalised bytes (see `normalized(_:)`).
    init(bytes: UnsafeBufferPointer<UInt8>, name: String?, format: FormatID, diagnostics: Diagnostics) {
        self.bytes = bytes
        self.name = name
        self.format = format
        self.diagnostics = diagnostics
    }

    /// Sends cues to `consumer` as they are read; `input` is what `bytes` points into.
    mutating func stream(to consumer: any CueReceiver, input: InputBytes) {
        self.consumer = consumer
        self.input = input
    }

    // MARK: Normalisation

    /// `bytes` with CR LF and lone CR turned into LF and NUL into U+FFFD, or
    /// nil when there is nothing to change; with the location of the first NUL.
    static func normalized(_ bytes: InputBytes) -> (bytes: [UInt8], firstNUL: (line: Int, column: Int)?)? {
        guard bytes.mayHoldCarriageReturnOrNUL else { return nil }
        return bytes.withUnsafeBufferPointer { input -> ([UInt8], (line: Int, column: Int)?)? in
            let count = input.count
            var nextCR = ByteSearch.firstIndex(of: 0x0D, in: input, from: 0, to: count)
            var nextNUL = ByteSearch.firstIndex(of: 0x00, in: input, from: 0, to: count)
            guard nextCR < count || nextNUL < count else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(count + 16)
            var firstNULOffset: Int?
            var index = 0
            while index < count {
                if nextCR < index { nextCR = ByteSearch.firstIndex(of: 0x0D, in: input, from: index, to: count) }
                if nextNUL < index { nextNUL = ByteSearch.firstIndex(of: 0x00, in: input, from: index, to: count) }
                let stop = min(nextCR, nextNUL)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<stop]))
                if stop == count { break }
                if input[stop] == 0x0D {
                    out.append(0x0A)
                    index = stop + 1
                    if index < count, input[index] == 0x0A { index += 1 }
                } else {
                    if firstNULOffset == nil { firstNULOffset = out.count }
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    index = stop + 1
                }
            }
            let location = firstNULOffset.map { TextDecoding.lineAndColumn(ofByte: $0, in: out) }
            return (out, location)
        }
    }

    // MARK: File

    /// Runs the parser; `timeline.extras[format]` gets the header and blocks.
    mutating func parse() throws(Diagnostic) -> Timeline {
        try signatureLine()
        if consumer == nil { cues.reserveCapacity(arrowCount()) }
        if position < bytes.count {
            if bytes[position] != 0x0A {
                try collectBlock(inHeader: true)
            } else {
                advancePastLineFeed()
            }
            skipLineFeeds()
            while position < bytes.count {
                try collectBlock(inHeader: false)
                skipLineFeeds()
            }
        }
        try finishIssues()

        var timeline = headerTimeline()
        timeline.cues = cues
        if !pendingNotes.isEmpty {
            timeline.extras[format, default: Fields()].append(WebVTTExtras.trailingNotes, .list(pendingNotes))
        }
        return timeline
    }

    /// The file's data before its cues: signature text, header lines, blocks.
    private func headerTimeline() -> Timeline {
        var timeline = Timeline()
        var extras = Fields()
        if !signature.isEmpty { extras.append(WebVTTExtras.signature, .string(signature)) }
        if let header { extras.append(WebVTTExtras.header, .string(header)) }
        if !blocksBeforeCues.isEmpty { extras.append(WebVTTExtras.blocks, .list(blocksBeforeCues)) }
        if !extras.isEmpty { timeline.extras[format] = extras }
        return timeline
    }

    /// Checks `WEBVTT` and keeps the rest of its line; leaves `position` at
    /// the start of line 2 (or at the end).
    private mutating func signatureLine() throws(Diagnostic) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: start, to: bytes.count)
        let magic: [UInt8] = Array("WEBVTT".utf8)
        var column = 1
        var ok = bytes.count - start >= 6
        if ok {
            for offset in 0..<6 where bytes[start + offset] != magic[offset] {
                ok = false
                column = offset + 1
                break
            }
        } else {
            column = bytes.count - start + 1
        }
        if ok, bytes.count - start > 6 {
            let seventh = bytes[start + 6]
            if seventh != 0x20 && seventh != 0x09 && seventh != 0x0A {
                ok = false
                column = 7
            }
        }
        guard ok else {
            let found = bytes.count == start ? "an empty file" : "'\(Self.excerpt(bytes, start..<lineEnd))'"
            throw .error(
                "vtt.no-signature",
                "expected the file to start with 'WEBVTT' followed by a space, a tab or a line break, found \(found); this is not a WebVTT file",
                at: location(line: 1, column: column), format: format)
        }
        signature = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 6)..<lineEnd]), as: UTF8.self)
        position = lineEnd
        if position < bytes.count { advancePastLineFeed() }
    }

    private mutating func advancePastLineFeed() {
        position += 1
        line += 1
    }

    private mutating func skipLineFeeds() {
        while position < bytes.count, bytes[position] == 0x0A {
            advancePastLineFeed()
        }
    }

    // MARK: Blocks

    private enum BlockKind { case other, style, region }

    /// "Collect a WebVTT block": reads lines up to a blank line, the end, or
    /// an arrow line that starts the next block, and keeps or reports what
    /// they were.
    private mutating func collectBlock(inHeader: Bool) throws(Diagnostic) {
        let blockStart = position
        let blockLine = line
        var lineCount = 0
        var previous = (position: position, line: line)
        var seenArrow = false
        var bufferStart = -1, bufferEnd = -1, bufferLine = 0
        var kind = BlockKind.other
        var timing: Timing?
        var idRange: Range<Int>?
        var timingLine = 0
        var timingFailed = false
        var contentEnd = position
        var bufferShape = TextShape()

        readLines: while true {
            let lineStart = position
            let lineNumber = line
            let (lineEnd, marks) = ByteSearch.lineEnd(in: bytes, from: position, to: bytes.count)
            lineCount += 1
            let seenEOF = lineEnd == bytes.count
            position = lineEnd
            if !seenEOF { advancePastLineFeed() }
            if marks.contains(.greaterThan) && containsArrow(lineStart, lineEnd) {
                guard !inHeader, lineCount == 1 || (lineCount == 2 && !seenArrow) else {
                    (position, line) = previous
                    break readLines
                }
                seenArrow = true
                previous = (position, line)
                contentEnd = lineEnd
                timingLine = lineNumber
                timing = collectTimings(lineStart, lineEnd, lineNumber: lineNumber)
                timingFailed = timing == nil
                if timing != nil {
                    idRange = bufferStart >= 0 ? bufferStart..<bufferEnd : nil
                    bufferStart = -1
                    seenCue = true
                }
            } else if lineStart == lineEnd {
                break readLines
            } else {
                if !inHeader, lineCount == 2, !seenCue, bufferStart >= 0 {
                    if isKeywordLine(bufferStart, bufferEnd, "STYLE") {
                        kind = .style
                        bufferStart = -1
                    } else if isKeywordLine(bufferStart, bufferEnd, "REGION") {
                        kind = .region
                        bufferStart = -1
                    }
                }
                if bufferStart < 0 {
                    bufferStart = lineStart
                    bufferLine = lineNumber
                    bufferShape = TextShape()
                }
                bufferShape.add(marks, firstByte: bytes[lineStart])
                bufferEnd = lineEnd
                contentEnd = lineEnd
                previous = (position, line)
            }
            if seenEOF { break readLines }
        }

        if let timing {
            let textRange = bufferStart >= 0 ? bufferStart..<bufferEnd : contentEnd..<contentEnd
            try addCue(timing, id: idRange, text: textRange, textLine: bufferLine, timingLine: timingLine, shape: bufferShape)
            return
        }
        let text = string(blockStart..<contentEnd)
        if inHeader {
            if !text.isEmpty { header = text }
            return
        }
        switch kind {
        case .style:
            blocksBeforeCues.append(.string(text))
            return
        case .region:
            blocksBeforeCues.append(.string(text))
            regionIDs.insert(WebVTTRegion(block: text).id)
            return
        case .other:
            break
        }
        if timingFailed, let failure = lastTimingFailure.take() {
            individual(failure)
            return
        }
        if isKeywordLine(blockStart, contentEnd, "NOTE", allowingText: true) {
            if seenCue { pendingNotes.append(.string(text)) } else { blocksBeforeCues.append(.string(text)) }
            return
        }
        if isWhitespace(blockStart..<contentEnd) { return }
        let firstLineEnd = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: blockStart, to: contentEnd)
        let lines = countLines(blockStart..<contentEnd)
        let found = "'\(Self.excerpt(bytes, blockStart..<firstLineEnd))'"
        if seenCue, isKeywordLine(blockStart, firstLineEnd, "STYLE") || isKeywordLine(blockStart, firstLineEnd, "REGION") {
            individual(.warning(
                "vtt.block-after-cue",
                "expected STYLE and REGION blocks before the first cue, found \(found) after it; the block is ignored, as a WebVTT parser does",
                at: location(line: blockLine, column: 1), format: format))
            return
        }
        individual(.warning(
            "vtt.no-timing",
            "expected a cue timing line such as '00:01.000 --> 00:04.000' on the first or second line of the block, found \(found); \(lines) line(s) skipped, as a WebVTT parser does",
            at: location(line: blockLine, column: 1), format: format))
    }

    /// How many `-->` the file holds: at most one per cue, so the cue list
    /// can be allocated once.
    private func arrowCount() -> Int {
        var count = 0
        var index = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: position, to: bytes.count)
        while index < bytes.count {
            if index >= 2, bytes[index - 1] == UInt8(ascii: "-"), bytes[index - 2] == UInt8(ascii: "-") { count += 1 }
            index = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index + 1, to: bytes.count)
        }
        return count
    }

    /// Whether `bytes[start..<end]` holds `-->`.
    private func containsArrow(_ start: Int, _ end: Int) -> Bool {
        ByteSearch.containsArrow(in: bytes, from: start, to: end)
    }

    /// Whether the text at `start` is `keyword` followed by only ASCII
    /// whitespace up to `end` (STYLE, REGION), or, with `allowingText`, by a
    /// space, a tab, a line feed or the end (NOTE).
    private func isKeywordLine(_ start: Int, _ end: Int, _ keyword: StaticString, allowingText: Bool = false) -> Bool {
        let length = keyword.utf8CodeUnitCount
        guard end - start >= length else { return false }
        let matches = keyword.withUTF8Buffer { word in
            for offset in 0..<length where bytes[start + offset] != word[offset] { return false }
            return true
        }
        guard matches else { return false }
        if allowingText {
            guard start + length < end else { return true }
            let next = bytes[start + length]
            return next == 0x20 || next == 0x09 || next == 0x0A
        }
        return isWhitespace((start + length)..<end)
    }

    private func isWhitespace(_ range: Range<Int>) -> Bool {
        for index in range where !Self.isASCIIWhitespace(bytes[index]) { return false }
        return true
    }

    private func countLines(_ range: Range<Int>) -> Int {
        var count = 1
        var index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: range.lowerBound, to: range.upperBound)
        while index < range.upperBound {
            count += 1
            index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: index + 1, to: range.upperBound)
        }
        return count
    }

    // MARK: Cues

    private struct Timing {
        var start: Timestamp
        var end: Timestamp
        var settings: [Field]
    }

    /// "Collect WebVTT cue timings and settings" from one line; nil, with
    /// what is wrong in `lastTimingFailure`, when the line has none. (Not a
    /// `Result`, nor a local optional: one that can hold a diagnostic is
    /// copied about and destroyed at every cue.) A time that breaks the W3C
    /// rules goes to `collectRepairedTimings` unless `w3c`.
    private mutating func collectTimings(_ start: Int, _ end: Int, lineNumber: Int) -> Timing? {
        if let common = WebVTTCommonTiming.read(bytes, from: start, to: end) {
            return finishTimings(common.start, common.end, settingsFrom: start + WebVTTCommonTiming.length, start, end, lineNumber: lineNumber)
        }
        var index = start
        skipWhitespace(&index, end)
        let startTime: Timestamp
        switch WebVTTTimestamp.collect(bytes, at: &index) {
        case .time(let time): startTime = time
        case .failure(let why):
            if !w3c { return collectRepairedTimings(start, end, lineNumber: lineNumber) }
            lastTimingFailure = timingProblem(start, end, index, lineNumber, "the start time is not valid: \(why)")
            return nil
        }
        skipWhitespace(&index, end)
        guard index + 3 <= end, bytes[index] == 0x2D, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x3E else {
            lastTimingFailure = arrowProblem(start, end, index, lineNumber)
            return nil
        }
        index += 3
        skipWhitespace(&index, end)
        let endTime: Timestamp
        switch WebVTTTimestamp.collect(bytes, at: &index) {
        case .time(let time): endTime = time
        case .failure(let why):
            if !w3c { return collectRepairedTimings(start, end, lineNumber: lineNumber) }
            lastTimingFailure = timingProblem(start, end, index, lineNumber, "the end time is not valid: \(why)")
            return nil
        }
        return finishTimings(startTime, endTime, settingsFrom: index, start, end, lineNumber: lineNumber)
    }

    /// `collectTimings` again for a line whose start or end time broke the
    /// W3C rules, reading such a time leniently (`WebVTTTimingRepair`), with
    /// one warning for the line at its first repaired time. Only a failure
    /// gets here: a line that follows the spec never does.
    @inline(never)
    private mutating func collectRepairedTimings(_ start: Int, _ end: Int, lineNumber: Int) -> Timing? {
        var index = start
        skipWhitespace(&index, end)
        var times: [Timestamp] = []
        var problems: [[String]] = []
        var firstColumn: Int?
        for role in ["start", "end"] {
            if role == "end" {
                skipWhitespace(&index, end)
                guard index + 3 <= end, bytes[index] == 0x2D, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x3E else {
                    lastTimingFailure = arrowProblem(start, end, index, lineNumber)
                    return nil
                }
                index += 3
                skipWhitespace(&index, end)
            }
            let timeStart = index
            switch WebVTTTimestamp.collect(bytes, at: &index) {
            case .time(let time):
                times.append(time)
                problems.append([])
            case .failure(let why):
                guard let lenient = WebVTTTimingRepair.collect(bytes, at: &index, end: end, isStart: role == "start") else {
                    lastTimingFailure = timingProblem(start, end, index, lineNumber, "the \(role) time is not valid: \(why)")
                    return nil
                }
                times.append(lenient.time)
                problems.append(lenient.problems)
                if firstColumn == nil { firstColumn = column(of: timeStart, lineStart: start) }
            }
        }
        individual(WebVTTTimingRepair.warning(
            line: Self.excerpt(bytes, start..<end), start: times[0], end: times[1],
            startProblems: problems[0], endProblems: problems[1],
            at: location(line: lineNumber, column: firstColumn ?? 1), format: format))
        return finishTimings(times[0], times[1], settingsFrom: index, start, end, lineNumber: lineNumber)
    }

    /// The end of "collect WebVTT cue timings and settings" once both times
    /// are read: the settings from `index`, and a warning when the cue ends
    /// before it starts.
    @inline(__always)
    private mutating func finishTimings(
        _ startTime: Timestamp, _ endTime: Timestamp, settingsFrom index: Int, _ start: Int, _ end: Int, lineNumber: Int
    ) -> Timing {
        if endTime < startTime, !issues.countAgain("end-before-start") {
            issues.add(key: "end-before-start", .warning(
                "vtt.end-before-start",
                "expected a cue to end after it starts, found one ending at \(ClockFormat.string(endTime, style: .vtt)) before its start \(ClockFormat.string(startTime, style: .vtt)); kept as written (players never show it)",
                at: location(line: lineNumber, column: 1), format: format), isRepair: false)
        }
        // Most timing lines end with the end time: no call for no settings.
        let settings = index < end ? cueSettings(index, end, lineStart: start, lineNumber: lineNumber) : []
        return Timing(start: startTime, end: endTime, settings: settings)
    }

    /// The failure of a line whose arrow breaks off at `index`, reported
    /// past the `-` or `--` that match.
    private func arrowProblem(_ start: Int, _ end: Int, _ index: Int, _ lineNumber: Int) -> Diagnostic {
        var index = index
        var matched = 0
        while matched < 2, index < end, bytes[index] == 0x2D {
            index += 1
            matched += 1
        }
        return timingProblem(start, end, index, lineNumber, "expected '-->' after the start time")
    }

    private func timingProblem(_ start: Int, _ end: Int, _ index: Int, _ lineNumber: Int, _ why: String) -> Diagnostic {
        .warning(
            "vtt.bad-timing",
            "expected a cue timing line such as '00:01.000 --> 00:04.000', found '\(Self.excerpt(bytes, start..<end))': \(why); the cue is skipped, as a WebVTT parser does",
            at: location(line: lineNumber, column: column(of: min(index, end), lineStart: start)), format: format)
    }

    private func skipWhitespace(_ index: inout Int, _ end: Int) {
        while index < end, Self.isASCIIWhitespace(bytes[index]) { index += 1 }
    }

    /// "Parse the WebVTT cue settings": the settings a parser applies, as
    /// written and in order; the others are reported.
    private mutating func cueSettings(_ start: Int, _ end: Int, lineStart: Int, lineNumber: Int) -> [Field] {
        var settings: [Field] = []
        var index = start
        while true {
            skipWhitespace(&index, end)
            guard index < end else { break }
            let tokenStart = index
            while index < end, !Self.isASCIIWhitespace(bytes[index]) { index += 1 }
            let token = tokenStart..<index
            let colon = ByteSearch.firstIndex(of: UInt8(ascii: ":"), in: bytes, from: token.lowerBound, to: token.upperBound)
            guard colon < token.upperBound, colon != token.lowerBound, colon != token.upperBound - 1 else {
                if !issues.countAgain("malformed") {
                    let message = "expected cue settings as name:value, found '\(Self.excerpt(bytes, token))'; ignored, as a WebVTT parser does"
                    let here = location(line: lineNumber, column: column(of: tokenStart, lineStart: lineStart))
                    issues.add(key: "malformed", .warning("vtt.bad-setting", message, at: here, format: format), isRepair: true)
                }
                continue
            }
            let name = string(token.lowerBound..<colon)
            let value = string((colon + 1)..<token.upperBound)
            if name == "region", !regionIDs.contains(value) {
                if !issues.countAgain("region") {
                    let message = "expected 'region:\(value)' to name a REGION defined before the first cue, found none; kept as written (a player shows the cue outside any region)"
                    let here = location(line: lineNumber, column: column(of: tokenStart, lineStart: lineStart))
                    issues.add(key: "region", .warning("vtt.unknown-region", message, at: here, format: format), isRepair: false)
                }
            } else if let problem = WebVTTCueSettings.problem(name: name, value: value) {
                if !w3c, let center = WebVTTCueSettings.middleAsCenter(name: name, value: value) {
                    if !issues.countAgain("middle-" + name) {
                        let message = "expected '\(name):\(center)', found '\(Self.excerpt(bytes, token))' (the name of center in early WebVTT drafts); read as '\(name):\(center)' (a WebVTT parser ignores the setting)"
                        let here = location(line: lineNumber, column: column(of: tokenStart, lineStart: lineStart))
                        issues.add(key: "middle-" + name, .warning("vtt.middle-alignment", message, at: here, format: format), isRepair: true)
                    }
                    settings.append(Field(name, .string(center)))
                    continue
                }
                let key = WebVTTCueSettings.names.contains(name) ? name : "unknown"
                if !issues.countAgain(key) {
                    let message = "cue setting '\(Self.excerpt(bytes, token))' is not valid (\(problem)); ignored, as a WebVTT parser does"
                    let here = location(line: lineNumber, column: column(of: tokenStart, lineStart: lineStart))
                    issues.add(key: key, .warning("vtt.bad-setting", message, at: here, format: format), isRepair: true)
                }
                continue
            }
            settings.append(Field(name, .string(value)))
        }
        return settings
    }

    /// Makes the cue of a block; `shape` is what reading the block learned
    /// of the lines of `text`.
    private mutating func addCue(
        _ timing: Timing, id: Range<Int>?, text: Range<Int>, textLine: Int, timingLine: Int, shape: TextShape
    ) throws(Diagnostic) {
        var spans: [Span] = []
        var speaker: String?
        var extras = FormatExtras()
        var fields = Fields()
        // Streamed plain text, after an optional `<v Name>`, stays in the input.
        let plain = consumer == nil ? nil : plainText(text, shape: shape)
        if let plain {
            speaker = plain.speaker
        } else {
            let hadIgnored = textParser.ignored.first != nil
            let hadTooDeep = textParser.tooDeep.first != nil
            spans = textParser.parse(UnsafeBufferPointer(rebasing: bytes[text]))
            if !hadIgnored, let first = textParser.ignored.first {
                markupLocation = location(ofOffset: text.lowerBound + first.offset, from: text.lowerBound, line: textLine)
            }
            if !hadTooDeep, let first = textParser.tooDeep.first {
                nestingLocation = location(ofOffset: text.lowerBound + first.offset, from: text.lowerBound, line: textLine)
            }
            if spans.count == 1, case .element(let element) = spans[0], case .voice(let name) = element.kind, !name.isEmpty {
                speaker = name
                spans = element.children
                if !element.classes.isEmpty {
                    fields.append(WebVTTExtras.voiceClasses, .list(element.classes.map { .string($0) }))
                }
            }
        }
        if !pendingNotes.isEmpty {
            fields.append(WebVTTExtras.notes, .list(pendingNotes))
            pendingNotes.removeAll()
        }
        if !fields.isEmpty { extras[format] = fields }
        let cue = Cue(
            id: id.map { string($0) },
            start: timing.start,
            end: timing.end,
            speaker: speaker,
            textStorage: plain.map { .source($0.lines) } ?? .spans(spans),
            settings: timing.settings,
            extras: extras,
            // Without the file when streaming (see `CueReceiver`).
            location: SourceLocation(file: consumer == nil ? name : nil, line: timingLine, column: 1))
        if let consumer {
            if !sentHeader {
                sentHeader = true
                try consumer.begin(headerTimeline(), input: input)
            }
            try consumer.consume(consume cue)
        } else {
            cues.append(cue)
        }
    }

    /// The cue text as plain lines of the input, all of it or all after a
    /// leading `<v Name>` (without classes or character references: the
    /// name is the speaker), when the rest has no character reference or
    /// NUL, no markup but the tags `PlainTags` accepts, and no line of it is
    /// empty or only spaces and tabs. `shape` spares the lines a second
    /// look when it tells all that (see `TextShape`).
    private mutating func plainText(_ text: Range<Int>, shape: TextShape) -> (lines: SourceLines, speaker: String?)? {
        var start = text.lowerBound
        var name: UnsafeBufferPointer<UInt8>?
        if start + 3 < text.upperBound && bytes[start] == UInt8(ascii: "<") && bytes[start + 1] == UInt8(ascii: "v")
            && (bytes[start + 2] == 0x20 || bytes[start + 2] == 0x09) {
            let close = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: start + 3, to: text.upperBound)
            guard close < text.upperBound else { return nil }
            name = UnsafeBufferPointer(rebasing: bytes[(start + 3)..<close])
            guard name?.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") || $0 == 0x0A }) == false
            else { return nil }
            start = close + 1
        }
        guard start < text.upperBound else { return nil }
        let rest = UnsafeBufferPointer(rebasing: bytes[start..<text.upperBound])
        let hasTags = shape.marks.contains(.markup) && !WebVTTCueTextParser.isPlain(rest)
        if hasTags, ByteSearch.firstIndex(ofAny: UInt8(ascii: "&"), 0, in: rest, from: 0, to: rest.count) < rest.count { return nil }
        // No tags and no line that may be blank: the lines need no second
        // look (what follows `<v Name>` is the one line not seen yet).
        if !hasTags, !shape.hasLineStartingWithSpaceOrTab,
           name == nil || (rest[0] != 0x0A && rest[0] != 0x20 && rest[0] != 0x09) {
            let speaker = name.map { speakerName(written: $0) }
            guard speaker?.isEmpty != true else { return nil }  // `<v>` without a name is not a speaker
            return (SourceLines(text: rest, lineCount: shape.lineCount, hasTags: false), speaker)
        }
        var tags = PlainTags()
        var lineCount = 0
        var lineStart = start
        while true {
            let lineEnd = ByteSearch.lineEnd(in: bytes, from: lineStart, to: text.upperBound).end
            var index = lineStart
            while index < lineEnd && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
            guard index < lineEnd else { return nil }  // empty, or spaces and tabs only
            if hasTags, !tags.read(bytes, from: lineStart, to: lineEnd, isLast: lineEnd == text.upperBound) { return nil }
            lineCount += 1
            if lineEnd == text.upperBound { break }
            lineStart = lineEnd + 1
        }
        let speaker = name.map { speakerName(written: $0) }
        guard speaker?.isEmpty != true else { return nil }  // `<v>` without a name is not a speaker
        return (SourceLines(text: rest, lineCount: lineCount, hasTags: hasTags), speaker)
    }

    /// What reading a block learned of its text lines, none of which is
    /// empty (an empty line ends the block).
    struct TextShape {
        private(set) var lineCount = 0
        /// What the lines may hold (see `ByteSearch.lineEnd`).
        private(set) var marks = ByteSearch.LineMarks()
        /// Whether a line starts with a space or a tab, and may be only those.
        private(set) var hasLineStartingWithSpaceOrTab = false

        mutating func add(_ lineMarks: ByteSearch.LineMarks, firstByte: UInt8) {
            lineCount += 1
            marks.formUnion(lineMarks)
            if firstByte == 0x20 || firstByte == 0x09 { hasLineStartingWithSpaceOrTab = true }
        }
    }

    /// The speaker a `<v …>` annotation written as `written` names.
    private mutating func speakerName(written: UnsafeBufferPointer<UInt8>) -> String {
        if let known = recentVoices.first(where: { $0.written.elementsEqual(written) }) { return known.speaker }
        let speaker = WebVTTCueTextParser.annotationText(written)
        if recentVoices.count == Self.recentVoiceLimit { recentVoices.removeFirst() }
        recentVoices.append((written, speaker))
        return speaker
    }

    // MARK: Diagnostics

    /// Keeps a warning of its own (a repair), or only counts it past the limit for its code.
    private mutating func individual(_ diagnostic: Diagnostic) {
        issues.addIndividual(diagnostic, isRepair: true, limit: Self.individualWarningLimit)
    }

    private mutating func finishIssues() throws(Diagnostic) {
        if let firstNUL {
            issues.add(key: "nul", .warning(
                "vtt.nul", "expected text, found a NUL byte; replaced with U+FFFD, as a WebVTT parser does",
                at: location(line: firstNUL.line, column: firstNUL.column), format: format), isRepair: true)
        }
        if let location = markupLocation {
            let ignored = textParser.ignored
            issues.add(key: "markup", .warning(
                "vtt.ignored-markup",
                "expected WebVTT cue markup, found \(ignored.first?.what ?? "markup") that a WebVTT parser ignores; the text around it is kept",
                at: location, format: format), isRepair: true, count: ignored.count)
        }
        if let location = nestingLocation {
            let tooDeep = textParser.tooDeep
            issues.add(key: "nesting", .warning(
                "vtt.nesting-too-deep",
                "expected tags nested at most \(WebVTTCueTextParser.maximumDepth) deep, found \(tooDeep.first?.what ?? "a tag") deeper; such tags are ignored, their text is kept",
                at: location, format: format), isRepair: true, count: tooDeep.count)
        }
        try issues.emit(to: &diagnostics, format: format, limit: Self.individualWarningLimit)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: name, line: line, column: column)
    }

    /// The location of byte `offset`, counting lines from `start` on `line`.
    private func location(ofOffset offset: Int, from start: Int, line: Int) -> SourceLocation {
        var lineNumber = line
        var lineStart = start
        var index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: start, to: offset)
        while index < offset {
            lineNumber += 1
            lineStart = index + 1
            index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: lineStart, to: offset)
        }
        return location(line: lineNumber, column: column(of: offset, lineStart: lineStart))
    }

    /// The 1-based column (in Unicode scalars) of byte `offset` on the line starting at `lineStart`.
    private func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// Up to 60 characters of `range` for a message, control characters shown
    /// as `\u{…}`.
    static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let limit = min(range.upperBound, range.lowerBound + 240)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<limit]), as: UTF8.self)
        var out = ""
        var shown = 0
        for scalar in text.unicodeScalars {
            if shown == 60 {
                out += "…"
                return out
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            shown += 1
        }
        if limit < range.upperBound { out += "…" }
        return out
    }
}

/// The warnings of one file, emitted at the end in file order. Warnings of
/// one kind under a key are counted so that a file with thousands of the same
/// problem gives one diagnostic (at the first place, with the count);
/// individual warnings of one code are listed up to a limit, then counted.
struct IssueCollector {
    struct Issue {
        var diagnostic: Diagnostic
        var isRepair: Bool
        var count: Int
    }

    private(set) var collected: [Issue] = []
    private var index: [String: Int] = [:]
    private var individualCounts: [String: Int] = [:]
    private var individualOrder: [String] = []
    /// Where the first warning of a code past the limit was.
    private var firstUnlisted: [String: SourceLocation] = [:]

    /// Counts one more issue under `key` if one was added before; returns
    /// false when the caller must `add` the first.
    mutating func countAgain(_ key: String) -> Bool {
        guard let existing = index[key] else { return false }
        collected[existing].count += 1
        return true
    }

    /// Adds the first issue under `key` (or counts it when there is one).
    mutating func add(key: String, _ diagnostic: Diagnostic, isRepair: Bool, count: Int = 1) {
        if let existing = index[key] {
            collected[existing].count += count
            return
        }
        index[key] = collected.count
        collected.append(Issue(diagnostic: diagnostic, isRepair: isRepair, count: count))
    }

    /// Adds one warning of its own, unless its code passed `limit`.
    mutating func addIndividual(_ diagnostic: Diagnostic, isRepair: Bool, limit: Int) {
        if individualCounts[diagnostic.code] == nil { individualOrder.append(diagnostic.code) }
        individualCounts[diagnostic.code, default: 0] += 1
        if individualCounts[diagnostic.code]! <= limit {
            collected.append(Issue(diagnostic: diagnostic, isRepair: isRepair, count: 1))
        } else if firstUnlisted[diagnostic.code] == nil {
            firstUnlisted[diagnostic.code] = diagnostic.location
        }
    }

    /// Reports everything in file order (counts added to messages); repairs
    /// go through `repair`, so strict mode throws the first in the file.
    func emit(to diagnostics: inout Diagnostics, format: FormatID, limit: Int) throws(Diagnostic) {
        let ordered = collected.enumerated().sorted { a, b in
            let (la, lb) = (a.element.diagnostic.location, b.element.diagnostic.location)
            let ka = (la?.line ?? 0, la?.column ?? 0), kb = (lb?.line ?? 0, lb?.column ?? 0)
            return ka != kb ? ka < kb : a.offset < b.offset
        }
        for (_, issue) in ordered {
            var diagnostic = issue.diagnostic
            if issue.count > 1 { diagnostic.message += " (\(issue.count) times; the first is here)" }
            if issue.isRepair { try diagnostics.repair(diagnostic) } else { diagnostics.report(diagnostic) }
        }
        for code in individualOrder where individualCounts[code]! > limit {
            diagnostics.report(.warning(
                code, "\(individualCounts[code]! - limit) more '\(code)' warning(s) like the ones above were not listed; the first is here",
                at: firstUnlisted[code], format: format))
        }
    }
}
