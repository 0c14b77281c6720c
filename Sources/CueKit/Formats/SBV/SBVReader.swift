/// Reads YouTube SBV: blocks of a timing line `H:MM:SS.mmm,H:MM:SS.mmm`,
/// text lines and a blank line. `[br]` inside a line is a line break
/// (SubViewer 2.0's, which YouTube reads); `>> NAME:` speaker changes stay
/// in the text, or with `ReadOptions.speakerLabels` become the speaker of
/// that cue and those after it (see `SBVSpeakerLabel`); `[music]` sound
/// labels stay in the text.
///
/// Forgiving, each time with a repair (refused in strict mode): timings with
/// one-digit minutes or seconds, one or two fraction digits or spaces; a
/// block without a timing line (skipped, with its first line named); a
/// timing line without text (a cue without text); a timing line right after
/// text (a missing blank line). An end before the start is kept as written,
/// with a warning. A file with no timing line at all is an error at its
/// first line.
public struct SBVReader: FormatReader, InPlaceReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try source.input.withUnsafeBufferPointer { (bytes) throws(Diagnostic) -> Timeline in
            var parser = SBVParser(bytes: bytes, source: source, speakerLabels: options.speakerLabels)
            let cues = try parser.parse(diagnostics: &diagnostics)
            return Timeline(cues: cues)
        }
    }
}

/// The state of one read.
private struct SBVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: SourceText
    /// Whether `>> NAME:` labels are read as speakers.
    let speakerLabels: Bool
    /// The speaker the last label named: cues after it are theirs.
    private var speaker: String?

    /// The cue being read: its timing line and text so far.
    private struct Pending {
        var timing: SBVTiming
        var line: TextLine
        var spans: [Span] = []
        /// Where the text lines lie, from the first's start to the last's end.
        var textRange: Range<Int>?
        var hasMarker = false
    }

    private var cues: [Cue] = []
    private var pending: Pending?
    /// Blocks without a timing line: how many, and the first one's line.
    private var skipped: (count: Int, first: TextLine)?
    private var inSkippedBlock = false
    private var untexted: (count: Int, first: TextLine)?
    private var unseparated: (count: Int, first: TextLine)?
    private var lenient: (count: Int, first: TextLine)?

    init(bytes: UnsafeBufferPointer<UInt8>, source: SourceText, speakerLabels: Bool) {
        self.bytes = bytes
        self.source = source
        self.speakerLabels = speakerLabels
    }

    mutating func parse(diagnostics: inout Diagnostics) throws(Diagnostic) -> [Cue] {
        var lines = TextLines(bytes)
        while let line = lines.next() {
            if isBlank(line) {
                finishCue(diagnostics: &diagnostics)
                inSkippedBlock = false
                continue
            }
            let timing = SBVTiming.parse(bytes, from: line.start, to: line.end)
            if pending != nil {
                if let timing {
                    if !pending!.spans.isEmpty { Self.count(&unseparated, line) }
                    finishCue(diagnostics: &diagnostics)
                    begin(timing, line, diagnostics: &diagnostics)
                } else {
                    addText(line)
                }
                continue
            }
            if inSkippedBlock { continue }
            if let timing {
                begin(timing, line, diagnostics: &diagnostics)
            } else {
                Self.count(&skipped, line)
                inSkippedBlock = true
            }
        }
        finishCue(diagnostics: &diagnostics)
        try finishFile(diagnostics: &diagnostics)
        return cues
    }

    private func isBlank(_ line: TextLine) -> Bool {
        var index = line.start
        while index < line.end && SBVTiming.isBlank(bytes[index]) { index += 1 }
        return index == line.end
    }

    /// One more in `tally`, which keeps the first line.
    private static func count(_ tally: inout (count: Int, first: TextLine)?, _ line: TextLine) {
        if let current = tally { tally = (current.count + 1, current.first) } else { tally = (1, line) }
    }

    private mutating func begin(_ timing: SBVTiming, _ line: TextLine, diagnostics: inout Diagnostics) {
        if !timing.isCanonical { Self.count(&lenient, line) }
        if timing.end < timing.start {
            diagnostics.report(.warning(
                "sbv.end-before-start",
                "expected the end time after the start time, found \(ClockFormat.string(timing.end, style: .clock)) before \(ClockFormat.string(timing.start, style: .clock)); kept as written",
                at: source.location(line: line.number, column: bytes.scalarColumn(ofByte: timing.endOffset, lineStart: line.start)),
                format: .sbv))
        }
        pending = Pending(timing: timing, line: line)
    }

    private mutating func addText(_ line: TextLine) {
        if !pending!.spans.isEmpty { pending!.spans.append(.lineBreak) }
        if SBVText.appendLine(bytes, from: line.start, to: line.end, to: &pending!.spans) { pending!.hasMarker = true }
        pending!.textRange = (pending!.textRange?.lowerBound ?? line.start)..<line.end
    }

    private mutating func finishCue(diagnostics: inout Diagnostics) {
        guard let cue = pending else { return }
        pending = nil
        if cue.textRange == nil { Self.count(&untexted, cue.line) }
        var extras = FormatExtras()
        var spans = cue.spans
        if speakerLabels, let labelled = SBVSpeakerLabel.split(spans) {
            speaker = labelled.speaker
            spans = labelled.rest
        } else if cue.hasMarker {
            extras[.sbv] = [Field(SBVExtras.text, .string(written(cue.textRange!)))]
        }
        cues.append(Cue(
            start: cue.timing.start, end: cue.timing.end, speaker: speakerLabels ? speaker : nil, text: spans, extras: extras,
            location: source.location(line: cue.line.number)))
    }

    /// The text lines in `range` joined by LF, as written.
    private func written(_ range: Range<Int>) -> String {
        var lines = TextLines(UnsafeBufferPointer(rebasing: bytes[range]))
        var text: [UInt8] = []
        while let line = lines.next() {
            if !text.isEmpty || line.number > 1 { text.append(0x0A) }
            text.append(contentsOf: bytes[(range.lowerBound + line.start)..<(range.lowerBound + line.end)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private func excerpt(_ line: TextLine) -> String {
        var start = line.start, end = line.end
        while start < end && SBVTiming.isBlank(bytes[start]) { start += 1 }
        while end > start && SBVTiming.isBlank(bytes[end - 1]) { end -= 1 }
        let text = bytes.utf8String(start, end)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    private func location(_ line: TextLine) -> SourceLocation {
        var start = line.start
        while start < line.end && SBVTiming.isBlank(bytes[start]) { start += 1 }
        return source.location(line: line.number, column: bytes.scalarColumn(ofByte: start, lineStart: line.start))
    }

    private func finishFile(diagnostics: inout Diagnostics) throws(Diagnostic) {
        guard !cues.isEmpty else {
            if let skipped {
                throw .error(
                    "sbv.no-cues",
                    "expected a timing line such as 0:00:01.000,0:00:02.500, found '\(excerpt(skipped.first))'; the file has no cue",
                    at: location(skipped.first), format: .sbv)
            }
            throw .error(
                "sbv.empty",
                "expected a timing line such as 0:00:01.000,0:00:02.500, found an empty file",
                at: source.location(line: 1), format: .sbv)
        }
        // In the order of the file, so strict mode stops at the first.
        var repairs: [(line: Int, Diagnostic)] = []
        if let skipped {
            repairs.append((skipped.first.number, .warning(
                "sbv.no-timing",
                "expected a timing line such as 0:00:01.000,0:00:02.500 to start the block, found '\(excerpt(skipped.first))'; \(skipped.count) block(s) without a timing line skipped, first here",
                at: location(skipped.first), format: .sbv)))
        }
        if let untexted {
            repairs.append((untexted.first.number, .warning(
                "sbv.no-text",
                "expected caption text after the timing line, found none; \(untexted.count) cue(s) read without text, first here",
                at: location(untexted.first), format: .sbv)))
        }
        if let unseparated {
            repairs.append((unseparated.first.number, .warning(
                "sbv.no-blank-line",
                "expected a blank line before the timing line, found it right after caption text; \(unseparated.count) timing line(s) read as the start of a new cue, first here",
                at: location(unseparated.first), format: .sbv)))
        }
        if let lenient {
            repairs.append((lenient.first.number, .warning(
                "sbv.timing-form",
                "expected a timing line written as H:MM:SS.mmm,H:MM:SS.mmm, found '\(excerpt(lenient.first))'; \(lenient.count) such timing line(s) read, first here",
                at: location(lenient.first), format: .sbv)))
        }
        for (_, repair) in repairs.sorted(by: { $0.line < $1.line }) { try diagnostics.repair(repair) }
    }
}
