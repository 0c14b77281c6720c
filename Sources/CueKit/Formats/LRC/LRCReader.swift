/// Reads LRC lyrics: lines of one or more time tags and text
/// (`[00:21.10][00:45.10]Chorus` is two cues), ID tags, and enhanced LRC
/// word times (see `LRCText`). Cues are sorted by time (lines with several
/// tags put theirs out of order); lines with the same time keep file order.
///
/// An LRC line has no end: it lasts until the next line begins, so cues are
/// read without an end and time inference gives it (the last one ends at
/// `[length:]`, the timeline's duration). A line with a time and no text
/// (an instrumental break) is no cue: it ends the cue before it, which then
/// has that end; one with no cue before it, or right after another, ends
/// nothing and is dropped.
///
/// `[ti:]`, `[ar:]`, `[al:]`, `[au:]`, `[by:]`, `[re:]`, `[ve:]` become the
/// metadata `title`, `author`, `podcastName`, `songwriter`, `creator`,
/// `encoder`, `encoder_version` (see `LRCTags`); `[length:]` the duration. `[offset:±n]` is applied:
/// a positive offset shows lyrics earlier, so every time is the tag's minus
/// the offset (a time before zero becomes zero, with a warning). Other tags,
/// and those whose value cannot be read (with a repair warning), are kept as
/// written for LRC output (`LRCExtras.tags`).
///
/// A line without a time tag is skipped, with a repair warning. A file
/// without any timed line is an error.
public struct LRCReader: FormatReader, InPlaceReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try source.input.withUnsafeBufferPointer { (bytes) throws(Diagnostic) -> Timeline in
            var parser = LRCParser(bytes: bytes, source: source)
            return try parser.parse(diagnostics: &diagnostics)
        }
    }
}

/// The state of one read.
private struct LRCParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: SourceText

    /// A timed line, one per time tag: its tag's time (before the offset),
    /// where the text lies, and the tag's place.
    private struct Entry {
        var time: Timestamp
        var textStart: Int
        var textEnd: Int
        var line: Int
        var column: Int
    }

    private var entries: [Entry] = []
    private var timeline = Timeline()
    private var keptTags: [FieldValue] = []
    private var offset: (value: Int64, line: Int)?
    private var untimed: (count: Int, line: TextLine)?
    private var badTimes: (count: Int, line: TextLine)?
    private var otherTags: (count: Int, line: TextLine)?
    /// Repairs, reported in file order after the pass.
    private var repairs: [(line: Int, diagnostic: Diagnostic)] = []

    init(bytes: UnsafeBufferPointer<UInt8>, source: SourceText) {
        self.bytes = bytes
        self.source = source
    }

    mutating func parse(diagnostics: inout Diagnostics) throws(Diagnostic) -> Timeline {
        var lines = TextLines(bytes)
        while let line = lines.next() { try read(line) }
        if let untimed {
            repairs.append((untimed.line.number, .warning(
                "lrc.untimed",
                "expected a time tag such as [00:12.00] before the text, found '\(excerpt(untimed.line))'; \(untimed.count) line(s) without a time skipped, first here",
                at: location(untimed.line), format: .lrc)))
        }
        if let badTimes {
            repairs.append((badTimes.line.number, .warning(
                "lrc.bad-time",
                "expected a time tag such as [00:12.00] or [00:12.345], found '\(excerpt(badTimes.line))'; \(badTimes.count) line(s) skipped, first here",
                at: location(badTimes.line), format: .lrc)))
        }
        guard !entries.isEmpty else {
            let first = untimed?.line ?? badTimes?.line
            throw .error(
                "lrc.no-lyrics",
                first.map { "expected a line with a time tag such as [00:12.00], found '\(excerpt($0))'; the file has no timed line" }
                    ?? "expected a line with a time tag such as [00:12.00], found none",
                at: first.map(location) ?? source.location(line: 1), format: .lrc)
        }
        for repair in repairs.sorted(by: { $0.line < $1.line }) { try diagnostics.repair(repair.diagnostic) }
        if let otherTags {
            diagnostics.report(.note(
                "lrc.tags-kept",
                "\(otherTags.count) bracketed line(s) that are neither a time tag nor an ID tag, such as '\(excerpt(otherTags.line))', kept for LRC output only",
                at: location(otherTags.line), format: .lrc))
        }
        if let offset, offset.value != 0 {
            diagnostics.report(.note(
                "lrc.offset",
                "[offset:\(offset.value)] applied: every time is \(offset.value.magnitude) ms \(offset.value > 0 ? "earlier" : "later") than its tag; written without an offset",
                at: source.location(line: offset.line), format: .lrc))
        }
        buildCues(diagnostics: &diagnostics)
        if !keptTags.isEmpty { timeline.extras[.lrc] = [Field(LRCExtras.tags, .list(keptTags))] }
        return timeline
    }

    private mutating func read(_ line: TextLine) throws(Diagnostic) {
        var start = line.start
        while start < line.end && LRCText.isBlank(bytes[start]) { start += 1 }
        guard start < line.end else { return }
        guard bytes[start] == UInt8(ascii: "[") else {
            Self.count(&untimed, line)
            return
        }
        var index = start
        var stamps: [(time: Timestamp, column: Int)] = []
        // Columns counted on from the last tag: a line of many tags stays linear.
        var counted = (offset: line.start, column: 1)
        while index < line.end, bytes[index] == UInt8(ascii: "["),
              let tag = LRCTimeTag.parse(bytes, at: index, end: line.end, close: UInt8(ascii: "]")) {
            counted = (index, counted.column + bytes.scalarColumn(ofByte: index, lineStart: counted.offset) - 1)
            stamps.append((tag.time, counted.column))
            index = tag.next
        }
        if !stamps.isEmpty {
            for stamp in stamps {
                entries.append(Entry(time: stamp.time, textStart: index, textEnd: line.end, line: line.number, column: stamp.column))
            }
            return
        }
        if let (key, value) = LRCTags.parse(bytes, from: start, to: line.end) {
            readTag(key: key, value: value, line: line)
            return
        }
        if start + 1 < line.end, bytes[start + 1] &- 0x30 < 10 || bytes[start + 1] == UInt8(ascii: "-") {
            Self.count(&badTimes, line)
            return
        }
        Self.count(&otherTags, line)
        keptTags.append(.string(trimmed(line)))
    }

    private mutating func readTag(key: String, value: String, line: TextLine) {
        let lowered = key.lowercased()
        if lowered == "offset" {
            if let milliseconds = LRCTags.offset(value) {
                offset = (milliseconds, line.number)
            } else {
                keptTags.append(.string(trimmed(line)))
                repairs.append((line.number, .warning(
                    "lrc.offset-not-a-number",
                    "expected [offset:] to be a number of milliseconds such as +500 or -250, found '\(Self.shortened(value))'; ignored",
                    at: location(line), format: .lrc)))
            }
            return
        }
        if lowered == "length", !value.isEmpty {
            if let length = LRCTags.length(value) {
                timeline.duration = length
            } else {
                keptTags.append(.string(trimmed(line)))
                repairs.append((line.number, .warning(
                    "lrc.length-not-a-time",
                    "expected [length:] to be a time such as 3:20, found '\(Self.shortened(value))'; ignored",
                    at: location(line), format: .lrc)))
            }
            return
        }
        if let metadataKey = LRCTags.metadataKey(forTag: key), !value.isEmpty {
            timeline.metadata.append(metadataKey, .string(value))
            return
        }
        keptTags.append(.string(trimmed(line)))
    }

    /// The cues from the timed lines, in time order.
    private mutating func buildCues(diagnostics: inout Diagnostics) {
        let offset = self.offset?.value ?? 0
        // Stable: lines with the same time keep file order.
        let order = entries.indices.sorted { a, b in
            entries[a].time != entries[b].time ? entries[a].time < entries[b].time : a < b
        }
        var cues: [Cue] = []
        cues.reserveCapacity(entries.count)
        var clamped: (count: Int, location: SourceLocation)?
        for position in order {
            let entry = entries[position]
            let location = source.location(line: entry.line, column: entry.column)
            var time = entry.time.advanced(by: -offset)
            if time < .zero {
                clamped = clamped.map { ($0.count + 1, $0.location) } ?? (1, location)
                time = .zero
            }
            let spans = LRCText.spans(bytes, from: entry.textStart, to: entry.textEnd, offset: offset)
            if spans.isEmpty {
                // A break: ends the line before it, when that one is still open.
                if let last = cues.indices.last, cues[last].end == nil, cues[last].start! < time {
                    cues[last].end = time
                }
                continue
            }
            cues.append(Cue(start: time, text: spans, location: location))
        }
        // An end where the next line begins anyway (or the media ends) is
        // what inference gives: left to it.
        for index in cues.indices {
            guard let end = cues[index].end else { continue }
            let next = index + 1 < cues.count ? cues[index + 1].start : timeline.duration
            if end == next { cues[index].end = nil }
        }
        if let clamped {
            diagnostics.report(.warning(
                "lrc.before-zero",
                "\(clamped.count) time(s) fall before zero once the offset is applied; read as 0:00, first here",
                at: clamped.location, format: .lrc))
        }
        timeline.cues = cues
    }

    /// One more in `tally`, which keeps the first line.
    private static func count(_ tally: inout (count: Int, line: TextLine)?, _ line: TextLine) {
        if let current = tally { tally = (current.count + 1, current.line) } else { tally = (1, line) }
    }

    private func trimmed(_ line: TextLine) -> String {
        var start = line.start, end = line.end
        while start < end && LRCText.isBlank(bytes[start]) { start += 1 }
        while end > start && LRCText.isBlank(bytes[end - 1]) { end -= 1 }
        return bytes.utf8String(start, end)
    }

    private func excerpt(_ line: TextLine) -> String {
        Self.shortened(trimmed(line))
    }

    private static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    private func location(_ line: TextLine) -> SourceLocation {
        var start = line.start
        while start < line.end && LRCText.isBlank(bytes[start]) { start += 1 }
        return source.location(line: line.number, column: bytes.scalarColumn(ofByte: start, lineStart: line.start))
    }
}
