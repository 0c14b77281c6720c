/// Reads an Audacity label track: one label per line, `start<TAB>end<TAB>label`,
/// times in seconds as decimals (Audacity writes six decimals).
///
/// - A point label (start equal to end) is a chapter start: its end is left
///   to the next chapter. A region label keeps its end.
/// - A missing label column (`4<TAB>7`) or an empty label is an untitled chapter.
/// - A line without an end (`12.5<TAB>Intro`, or `12.5` alone) is a point
///   label, as Audacity reads it, with one note; so is a decimal comma
///   (`12,5`), which Audacity reads too.
/// - Times convert exactly (decimal digits, never a binary float); digits finer than a
///   millisecond are rounded half away from zero, with one note.
/// - A continuation line (`\<TAB>low<TAB>high`, a spectral label's
///   frequencies) is skipped, with one note.
/// - An end before its start is a repair: read as a point label.
/// - Labels are sorted by start (a repair when they were not); labels that
///   overlap are all kept, with one warning.
public struct AudacityReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let bytes = source.bytes
        var state = State()
        try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            var lines = TextLines(buffer)
            while let line = lines.next() {
                try state.take(line, in: buffer, source: source, diagnostics: &diagnostics)
            }
        }
        guard !state.chapters.isEmpty else {
            throw .error(
                "audacity.none",
                "expected label lines 'start<TAB>end<TAB>label' with times in seconds, found none",
                at: source.location(line: 1), format: .audacity)
        }
        var timeline = Timeline()
        timeline.chapters = state.chapters
        try ChapterOrder.sortByStart(&timeline.chapters, format: .audacity, diagnostics: &diagnostics)
        if state.frequencies.count > 0 {
            diagnostics.report(.note(
                "audacity.frequencies-skipped",
                "\(state.frequencies.count) continuation line(s) opening with a backslash (the low and high frequency of spectral labels) are not kept, first here",
                at: state.frequencies.first, format: .audacity))
        }
        if state.rounded.count > 0 {
            diagnostics.report(.note(
                "audacity.sub-millisecond",
                "\(state.rounded.count) time(s) have digits finer than a millisecond; rounded to the nearest millisecond, first here",
                at: state.rounded.first, format: .audacity))
        }
        if state.oneSided.count > 0 {
            diagnostics.report(.note(
                "audacity.no-end-column",
                "\(state.oneSided.count) label line(s) have no end time (a start and a label, or a start alone); read as point labels, as Audacity does, first here",
                at: state.oneSided.first, format: .audacity))
        }
        if state.commas.count > 0 {
            diagnostics.report(.note(
                "audacity.decimal-comma",
                "\(state.commas.count) time(s) are written with a decimal comma; read as Audacity does, first here",
                at: state.commas.first, format: .audacity))
        }
        reportOverlaps(timeline.chapters, diagnostics: &diagnostics)
        return timeline
    }

    /// One warning for region labels that run past the start of a later label.
    private func reportOverlaps(_ chapters: [Chapter], diagnostics: inout Diagnostics) {
        var overlapping = 0
        var first: Chapter?
        var latestEnd: Timestamp?
        for chapter in chapters {
            if let latestEnd, let start = chapter.start, start < latestEnd {
                overlapping += 1
                if first == nil { first = chapter }
            }
            if let end = chapter.end { latestEnd = max(latestEnd ?? end, end) }
        }
        guard overlapping > 0, let first else { return }
        diagnostics.report(.warning(
            "audacity.overlap",
            "\(overlapping) label(s) start before an earlier region label ends, first '\(first.title ?? "")' at \(ClockFormat.string(first.start!, style: .clock)); all are kept as chapters, which overlap",
            at: first.location, format: .audacity))
    }
}

/// The walk over the lines of one file.
private struct State {
    var chapters: [Chapter] = []
    var frequencies = Counted()
    var rounded = Counted()
    var oneSided = Counted()
    var commas = Counted()

    struct Counted {
        var count = 0
        var first: SourceLocation?

        mutating func add(_ location: SourceLocation) {
            count += 1
            if first == nil { first = location }
        }
    }

    mutating func take(
        _ line: TextLine, in buffer: UnsafeBufferPointer<UInt8>, source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        func location(_ offset: Int) -> SourceLocation {
            source.location(line: line.number, column: buffer.scalarColumn(ofByte: offset, lineStart: line.start))
        }
        switch AudacityLine.parse(buffer, start: line.start, end: line.end) {
        case .blank:
            return
        case .frequencies:
            frequencies.add(location(line.start))
        case .label(let startRange, let endRange, let labelRange):
            let start = try time(startRange, what: "a start time", in: buffer, at: location(startRange.lowerBound))
            var end: Timestamp?
            var titleRange = labelRange
            if let endRange {
                if labelRange == nil, !endRange.isEmpty, !isNumber(endRange, in: buffer) {
                    // `start<TAB>label`: a one-sided label, as Audacity reads it.
                    oneSided.add(location(endRange.lowerBound))
                    titleRange = endRange
                } else {
                    end = try time(endRange, what: "an end time", in: buffer, at: location(endRange.lowerBound))
                }
            } else {
                oneSided.add(location(startRange.upperBound))
            }
            if let given = end, given < start {
                try diagnostics.repair(.warning(
                    "audacity.end-before-start",
                    "expected the end at or after the start \(DecimalSeconds.string(start.milliseconds)), found \(DecimalSeconds.string(given.milliseconds)); read as a point label",
                    at: location(endRange!.lowerBound), format: .audacity))
                end = start
            }
            if end == start { end = nil }
            let label = titleRange.map { buffer.utf8String($0.lowerBound, $0.upperBound) } ?? ""
            chapters.append(Chapter(start: start, end: end, title: label.isEmpty ? nil : label, location: location(line.start)))
        }
    }

    private func isNumber(_ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if case .success = AudacityLine.seconds(buffer, range) { return true }
        return AudacityLine.commaDecimal(buffer, range) != nil
    }

    private mutating func time(
        _ range: Range<Int>, what: String, in buffer: UnsafeBufferPointer<UInt8>, at location: SourceLocation
    ) throws(Diagnostic) -> Timestamp {
        var result = AudacityLine.seconds(buffer, range)
        if case .failure(.notANumber) = result, let pointed = AudacityLine.commaDecimal(buffer, range) {
            // Audacity reads a decimal comma as well as a point.
            result = pointed.withUnsafeBufferPointer { DecimalSeconds.milliseconds($0) }
            if case .success = result { commas.add(location) }
        }
        switch result {
        case .success(let reading):
            if reading.isRounded { rounded.add(location) }
            return Timestamp(milliseconds: reading.milliseconds)
        case .failure(let failure):
            let found = buffer.utf8String(range.lowerBound, min(range.upperBound, range.lowerBound + 40))
            let expected = failure == .outOfRange ? "\(what) in seconds within the range of milliseconds in 64 bits" : "\(what) in seconds such as 12.345000"
            throw .error("audacity.bad-time", "expected \(expected), found '\(found)'", at: location, format: .audacity)
        }
    }
}
