/// Reads FFmpeg metadata text the way `libavformat/ffmetadec.c` does, and
/// says where FFmpeg's reading would surprise.
///
/// - The first line must start with `;FFMETADATA` (FFmpeg's probe).
/// - Empty lines and lines starting with `;` or `#` are comments.
/// - `key=value` lines split at the first `=` no backslash escapes; a
///   backslash escapes the next byte, a line break included. Whitespace
///   counts. Global tags come first; `[STREAM]` and `[CHAPTER]` open sections.
/// - A chapter has `TIMEBASE=num/den` (optional), `START=` and `END=`
///   (integers in that time base), then tags; `title` is the chapter title.
///   Times convert to milliseconds exactly (rounded to the nearest
///   millisecond, with a note, when the time base is finer).
/// - Without TIMEBASE, FFmpeg counts nanoseconds (1/1000000000), although its
///   documentation says milliseconds; this reader follows the code, with a
///   warning. `TIMEBASE=1` (no denominator) is 1/1000000000 too, as FFmpeg's
///   `sscanf` leaves the denominator at its default.
/// - A missing START takes the previous chapter's END (or 0), a missing END
///   leaves the end unknown, as in FFmpeg (repair warnings).
///
/// Global `title`, `artist`, `album` and `description` map to the metadata
/// `title`, `author`, `podcastName` and `description`; other global tags,
/// `[STREAM]` sections and other chapter tags are kept in the `ffmetadata`
/// extras, in order.
public struct FFMetadataReader: FormatReader {
    public init() {}

    /// Global tags and the metadata keys they map to.
    static let metadataKeys: [(tag: String, key: String)] = [
        ("title", "title"), ("artist", "author"), ("album", "podcastName"), ("description", "description"),
    ]

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let lines = FFMetadataLine.split(source.bytes)
        guard let first = lines.first, first.raw.starts(with: ";FFMETADATA".utf8) else {
            let found = lines.first.map { String(decoding: $0.raw.prefix(40), as: UTF8.self) } ?? ""
            throw .error(
                "ffmetadata.no-header",
                "expected the first line '\(FFMetadataFormat.header)', found '\(found)'",
                at: source.location(line: 1), format: .ffmetadata)
        }
        if !first.raw.elementsEqual(FFMetadataFormat.header.utf8) {
            diagnostics.report(.warning(
                "ffmetadata.version",
                "expected '\(FFMetadataFormat.header)', found '\(String(decoding: first.raw.prefix(40), as: UTF8.self))'; read as version 1",
                at: source.location(line: 1), format: .ffmetadata))
        }
        var parser = FFMetadataParser(source: source)
        for line in lines.dropFirst() { try parser.take(line, diagnostics: &diagnostics) }
        try parser.closeSection(diagnostics: &diagnostics)
        return try parser.timeline(diagnostics: &diagnostics)
    }
}

/// The walk over the lines of one file.
private struct FFMetadataParser {
    let source: SourceText

    private enum Section {
        case global
        case stream(Int)
        case chapter
    }

    private var section = Section.global
    private var global = TagList()
    private var streams: [TagList] = []
    private var chapter: PendingChapter?
    private var chapters: [Chapter] = []
    private var comments = 0
    private var inexact: (count: Int, first: SourceLocation?) = (0, nil)
    /// The previous chapter's end in milliseconds, FFmpeg's fallback for a missing START.
    private var previousEnd: Int64?

    init(source: SourceText) {
        self.source = source
    }

    private func location(_ line: FFMetadataLine, column: Int = 1) -> SourceLocation {
        source.location(line: line.number, column: column)
    }

    mutating func take(_ line: FFMetadataLine, diagnostics: inout Diagnostics) throws(Diagnostic) {
        guard let first = line.raw.first else { return }
        if first == UInt8(ascii: ";") || first == UInt8(ascii: "#") {
            comments += 1
            return
        }
        if line.endsWithEscapedBackslash {
            diagnostics.report(.warning(
                "ffmetadata.ffmpeg-joins-line",
                "this line ends with an escaped backslash; FFmpeg's reader takes the line break after it as escaped and joins the next line to this value (read here as two lines)",
                at: location(line), format: .ffmetadata))
        }
        // Sections are recognised by their first bytes, as FFmpeg does.
        if line.raw.starts(with: "[STREAM]".utf8) {
            try closeSection(diagnostics: &diagnostics)
            streams.append(TagList())
            section = .stream(streams.count - 1)
            return
        }
        if line.raw.starts(with: "[CHAPTER]".utf8) {
            try closeSection(diagnostics: &diagnostics)
            chapter = PendingChapter(line: line)
            section = .chapter
            return
        }
        if case .chapter = section, try chapter!.takeHeader(line, diagnostics: &diagnostics, location: location(line)) {
            return
        }
        guard let equals = FFMetadataEscaping.firstUnescapedEquals(in: line.raw) else {
            try diagnostics.repair(.warning(
                "ffmetadata.not-a-tag",
                "expected 'key=value', a '[CHAPTER]' or '[STREAM]' header or a comment, found '\(String(decoding: line.raw.prefix(40), as: UTF8.self))'; ignored, as FFmpeg does",
                at: location(line), format: .ffmetadata))
            return
        }
        let key = FFMetadataEscaping.unescape(line.raw[..<equals])
        let value = FFMetadataEscaping.unescape(line.raw[(equals + 1)...])
        let tag = Tag(key: key, value: value, location: location(line))
        switch section {
        case .global: try global.set(tag, diagnostics: &diagnostics)
        case .stream(let index): try streams[index].set(tag, diagnostics: &diagnostics)
        case .chapter: try chapter!.tags.set(tag, diagnostics: &diagnostics)
        }
    }

    /// Finishes the open chapter, if any.
    mutating func closeSection(diagnostics: inout Diagnostics) throws(Diagnostic) {
        guard let pending = chapter else { return }
        chapter = nil
        var result = Chapter(location: source.location(line: pending.line.number))
        let timeBase = pending.timeBase ?? .ffmpegDefault
        if pending.timeBase == nil {
            diagnostics.report(.warning(
                "ffmetadata.no-timebase",
                "chapter has no TIMEBASE; START and END read as nanoseconds (1/1000000000), as FFmpeg's code does, although its documentation says milliseconds; write TIMEBASE=1/1000 to be sure",
                at: result.location, format: .ffmetadata))
        }
        if pending.isOutOfOrder {
            try diagnostics.repair(.warning(
                "ffmetadata.header-order",
                "expected TIMEBASE, START and END as the first lines of the chapter, in that order; read as written here, but FFmpeg reads this chapter's times wrongly",
                at: result.location, format: .ffmetadata))
        }
        if let start = pending.start, let milliseconds = convert(start.ticks, timeBase, at: start.location, diagnostics: &diagnostics) {
            result.start = Timestamp(milliseconds: milliseconds)
        } else {
            let fallback = previousEnd ?? 0
            try diagnostics.repair(.warning(
                "ffmetadata.no-start",
                "expected 'START=' with an integer in the chapter, found none; the chapter starts at \(previousEnd == nil ? "0" : "the previous chapter's end"), as in FFmpeg",
                at: result.location, format: .ffmetadata))
            result.start = Timestamp(milliseconds: fallback)
        }
        if let end = pending.end, let milliseconds = convert(end.ticks, timeBase, at: end.location, diagnostics: &diagnostics) {
            if milliseconds < result.start!.milliseconds {
                try diagnostics.repair(.warning(
                    "ffmetadata.end-before-start",
                    "expected END at or after START, found END \(end.ticks) before it; the end is unknown",
                    at: end.location, format: .ffmetadata))
            } else {
                result.end = Timestamp(milliseconds: milliseconds)
            }
        } else {
            try diagnostics.repair(.warning(
                "ffmetadata.no-end",
                "expected 'END=' with an integer in the chapter, found none; the end is unknown (FFmpeg leaves it unset)",
                at: result.location, format: .ffmetadata))
        }
        previousEnd = result.end?.milliseconds
        var tags = Fields()
        for tag in pending.tags.tags {
            if tag.key == "title" { result.title = tag.value } else { tags.append(tag.key, .string(tag.value)) }
        }
        if !tags.isEmpty { result.extras[.ffmetadata] = tags }
        chapters.append(result)
    }

    private mutating func convert(
        _ ticks: Int64, _ timeBase: FFMetadataTimeBase, at location: SourceLocation, diagnostics: inout Diagnostics
    ) -> Int64? {
        guard let (milliseconds, isExact) = timeBase.milliseconds(ticks) else {
            diagnostics.report(.warning(
                "ffmetadata.time-range", "the time \(ticks) in \(timeBase) is too large for milliseconds in 64 bits; ignored",
                at: location, format: .ffmetadata))
            return nil
        }
        if !isExact {
            inexact.count += 1
            if inexact.first == nil { inexact.first = location }
        }
        return milliseconds
    }

    mutating func timeline(diagnostics: inout Diagnostics) throws(Diagnostic) -> Timeline {
        var timeline = Timeline()
        var extras = Fields()
        for tag in global.tags {
            if let mapped = FFMetadataReader.metadataKeys.first(where: { $0.tag == tag.key }) {
                timeline.metadata.append(mapped.key, .string(tag.value))
            } else {
                extras.append(tag.key, .string(tag.value))
            }
        }
        for stream in streams {
            extras.append(FFMetadataExtras.stream, .map(Fields(stream.tags.map { Field($0.key, .string($0.value)) })))
        }
        if !extras.isEmpty { timeline.extras[.ffmetadata] = extras }
        timeline.chapters = chapters
        try ChapterOrder.sortByStart(&timeline.chapters, format: .ffmetadata, diagnostics: &diagnostics)
        if inexact.count > 0 {
            diagnostics.report(.note(
                "ffmetadata.sub-millisecond",
                "\(inexact.count) chapter time(s) fall between milliseconds in their time base; rounded to the nearest millisecond, first here",
                at: inexact.first, format: .ffmetadata))
        }
        if comments > 0 {
            diagnostics.report(.note(
                "ffmetadata.comments", "\(comments) comment line(s) are not kept", format: .ffmetadata))
        }
        return timeline
    }
}

/// One `key=value` line.
private struct Tag {
    var key: String
    var value: String
    var location: SourceLocation
}

/// The tags of one section in order; a repeated key replaces the value (as
/// FFmpeg's dictionary does), with a warning.
private struct TagList {
    private(set) var tags: [Tag] = []

    mutating func set(_ tag: Tag, diagnostics: inout Diagnostics) throws(Diagnostic) {
        if let index = tags.firstIndex(where: { $0.key == tag.key }) {
            try diagnostics.repair(.warning(
                "ffmetadata.duplicate-key",
                "expected '\(tag.key)' once in this section, found it again (first at line \(tags[index].location.line)); the last value is used, as in FFmpeg",
                at: tag.location, format: .ffmetadata))
            tags[index].value = tag.value
            return
        }
        tags.append(tag)
    }
}

/// A `[CHAPTER]` section being read.
private struct PendingChapter {
    struct Time {
        var ticks: Int64
        var location: SourceLocation
    }

    let line: FFMetadataLine
    var timeBase: FFMetadataTimeBase?
    var start: Time?
    var end: Time?
    var tags = TagList()
    /// Whether the header lines are not where FFmpeg reads them.
    var isOutOfOrder = false
    /// Lines of the section so far, for the order check.
    private var lineCount = 0

    init(line: FFMetadataLine) {
        self.line = line
    }

    /// Reads `TIMEBASE=`, `START=` or `END=` (matched on the raw line, as
    /// FFmpeg's `sscanf` does); false for any other line.
    mutating func takeHeader(_ line: FFMetadataLine, diagnostics: inout Diagnostics, location: SourceLocation) throws(Diagnostic) -> Bool {
        lineCount += 1
        let raw = line.raw
        let name: String
        if raw.starts(with: "TIMEBASE=".utf8) { name = "TIMEBASE" }
        else if raw.starts(with: "START=".utf8) { name = "START" }
        else if raw.starts(with: "END=".utf8) { name = "END" }
        else {
            // FFmpeg takes the first lines as the header, whatever they are.
            if end == nil { isOutOfOrder = true }
            return false
        }
        let value = raw.dropFirst(name.utf8.count + 1)
        let expectedPosition: Int
        switch name {
        case "TIMEBASE":
            expectedPosition = 1
            if timeBase != nil || start != nil || end != nil { isOutOfOrder = true }
            timeBase = try parseTimeBase(value, diagnostics: &diagnostics, location: location)
        case "START":
            expectedPosition = timeBase == nil ? 1 : 2
            if start != nil || end != nil { isOutOfOrder = true }
            if let ticks = try parseInteger(value, name: name, diagnostics: &diagnostics, location: location) {
                start = Time(ticks: ticks, location: location)
            }
        default:
            expectedPosition = (timeBase == nil ? 1 : 2) + (start == nil ? 0 : 1)
            if end != nil { isOutOfOrder = true }
            if let ticks = try parseInteger(value, name: name, diagnostics: &diagnostics, location: location) {
                end = Time(ticks: ticks, location: location)
            }
        }
        if lineCount != expectedPosition { isOutOfOrder = true }
        return true
    }

    /// An integer as FFmpeg's `sscanf("%d")` reads it: optional spaces and
    /// sign, digits; text after the digits is ignored with a warning.
    private func parseInteger(
        _ raw: ArraySlice<UInt8>, name: String, diagnostics: inout Diagnostics, location: SourceLocation
    ) throws(Diagnostic) -> Int64? {
        var index = raw.startIndex
        while index < raw.endIndex, raw[index] == 0x20 || raw[index] == 0x09 { index += 1 }
        var negative = false
        if index < raw.endIndex, raw[index] == UInt8(ascii: "-") || raw[index] == UInt8(ascii: "+") {
            negative = raw[index] == UInt8(ascii: "-")
            index += 1
        }
        var value: Int64 = 0
        var digits = 0
        var overflow = false
        while index < raw.endIndex, raw[index] &- 0x30 < 10 {
            let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = scaled.addingReportingOverflow(Int64(raw[index] &- 0x30))
            overflow = overflow || o1 || o2
            value = sum
            digits += 1
            index += 1
        }
        let text = FFMetadataEscaping.unescape(raw)
        guard digits > 0, !overflow else {
            try diagnostics.repair(.warning(
                "ffmetadata.bad-time",
                "expected \(name)= followed by an integer, found '\(text.prefix(40))'; FFmpeg cannot read it",
                at: location, format: .ffmetadata))
            return nil
        }
        if index < raw.endIndex {
            try diagnostics.repair(.warning(
                "ffmetadata.bad-time",
                "expected \(name)= followed by an integer only, found '\(text.prefix(40))'; read as \(negative ? -value : value), as FFmpeg does",
                at: location, format: .ffmetadata))
        }
        return negative ? -value : value
    }

    /// `num/den` as FFmpeg's `sscanf("%d/%d")` reads it: without `/den` the
    /// denominator stays at FFmpeg's default 1000000000.
    private func parseTimeBase(
        _ raw: ArraySlice<UInt8>, diagnostics: inout Diagnostics, location: SourceLocation
    ) throws(Diagnostic) -> FFMetadataTimeBase {
        let text = String(decoding: raw, as: UTF8.self)
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let numerator = Int32(parts[0].trimmingWhitespace())
        let denominator = parts.count > 1 ? Int32(parts[1].trimmingWhitespace()) : nil
        guard let numerator, numerator > 0, parts.count == 1 || (denominator ?? 0) > 0 else {
            try diagnostics.repair(.warning(
                "ffmetadata.bad-timebase",
                "expected TIMEBASE=num/den with positive integers such as 1/1000, found '\(text.prefix(40))'; FFmpeg's default 1/1000000000 is used",
                at: location, format: .ffmetadata))
            return .ffmpegDefault
        }
        guard let denominator else {
            try diagnostics.repair(.warning(
                "ffmetadata.bad-timebase",
                "expected TIMEBASE=num/den such as 1/1000, found '\(text)' without a denominator; read as \(numerator)/1000000000, as FFmpeg does",
                at: location, format: .ffmetadata))
            return FFMetadataTimeBase(numerator: Int64(numerator), denominator: 1_000_000_000)
        }
        return FFMetadataTimeBase(numerator: Int64(numerator), denominator: Int64(denominator))
    }
}
