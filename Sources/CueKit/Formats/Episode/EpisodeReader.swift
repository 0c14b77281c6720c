import Yams

/// Reads a Jekyll episode page: YAML front matter with `title`, `duration`,
/// `transcript` and any other keys, then a markdown body kept byte for byte.
///
/// Transcript entries: `- header: Title` becomes a chapter placed before the
/// next line; `- line: text` with optional `sec`, `time` and `who` becomes a
/// cue. Every scalar is read as text. Raw values the model does not hold
/// (other keys, an unquoted `time`, a `who:` with a trailing colon) are kept in
/// the cue's episode extras so that writing the episode back gives the same data.
///
/// The front matter is read by `EpisodeFrontMatterScanner` straight from the
/// bytes, in one pass, when it has the usual shape; anything else, and any
/// error, is read again by Yams from the start, so that what the user is
/// told is what Yams says. One walk (`EpisodeParser`) turns the nodes of
/// either into the timeline.
public struct EpisodeReader: FormatReader {
    /// How the front matter is read: the scanner for its common shape,
    /// falling back to Yams for anything else (`automatic`), or one of them
    /// only (tests compare the two).
    enum FrontMatterPath: Sendable {
        case automatic
        /// The scanner only; input outside its shape is an error with the
        /// code `EpisodeFrontMatterScanner.declinedCode`.
        case scannerOnly
        case yamsOnly
    }

    let path: FrontMatterPath

    public init() {
        path = .automatic
    }

    init(path: FrontMatterPath) {
        self.path = path
    }

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        // The bytes where they are: a mapped file is not copied.
        try source.input.withUnsafeBufferPointer { (bytes) throws(Diagnostic) -> Timeline in
            try read(bytes, of: source, diagnostics: &diagnostics)
        }
    }

    private func read(
        _ bytes: UnsafeBufferPointer<UInt8>, of source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let frontMatter = try FrontMatter.split(bytes, of: source)
        var timeline: Timeline
        switch path {
        case .yamsOnly:
            timeline = try readWithYams(bytes, frontMatter, source: source, diagnostics: &diagnostics)
        case .scannerOnly:
            timeline = try readWithScanner(bytes, frontMatter, source: source, diagnostics: &diagnostics)
        case .automatic:
            do {
                timeline = try readWithScanner(bytes, frontMatter, source: source, diagnostics: &diagnostics)
            } catch {
                // Outside the scanner's shape, or an error: Yams reads the
                // whole front matter again and says what it says today.
                timeline = try readWithYams(bytes, frontMatter, source: source, diagnostics: &diagnostics)
            }
        }

        var extras = Fields()
        if !frontMatter.preamble.isEmpty {
            try diagnostics.repair(.warning(
                "episode.text-before-front-matter",
                "expected the file to start with '---', found \(frontMatter.openingLine - 1) line(s) of text before it; kept as they are",
                at: source.location(line: 1), format: .episode))
            extras.append(EpisodeExtras.preamble, .string(Self.text(bytes, frontMatter.preamble)))
        }
        if frontMatter.closingDelimiter != "---" {
            extras.append(EpisodeExtras.closingDelimiter, .string(frontMatter.closingDelimiter))
        }
        extras.append(EpisodeExtras.body, .string(Self.text(bytes, frontMatter.body)))
        if let last = bytes.last, last != 0x0A {
            var lineCount = 1
            var index = 0
            while true {
                index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: index, to: bytes.count)
                guard index < bytes.count else { break }
                lineCount += 1
                index += 1
            }
            diagnostics.report(.note(
                "episode.no-final-newline", "the file does not end with a line break; kept that way",
                at: source.location(line: lineCount), format: .episode))
        }
        timeline.extras[.episode, default: Fields()].entries.append(contentsOf: extras.entries)
        return timeline
    }

    /// The front matter read by `EpisodeFrontMatterScanner`.
    private func readWithScanner(
        _ bytes: UnsafeBufferPointer<UInt8>, _ frontMatter: FrontMatter, source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let scanner = EpisodeFrontMatterScanner(bytes: bytes, range: frontMatter.yaml)
        var parser = EpisodeParser(
            source: source, byteCount: bytes.count, lineOffset: frontMatter.openingLine, diagnostics: diagnostics,
            events: scanner)
        let timeline = try parser.parse()
        diagnostics = parser.diagnostics
        return timeline
    }

    /// The front matter composed by Yams into a tree, then walked.
    private func readWithYams(
        _ bytes: UnsafeBufferPointer<UInt8>, _ frontMatter: FrontMatter, source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let yaml = Self.text(bytes, frontMatter.yaml)
        let root = try YamsFrontMatter.compose(yaml, source: source, lineOffset: frontMatter.openingLine)
        var parser = EpisodeParser(
            source: source, byteCount: bytes.count, lineOffset: frontMatter.openingLine, diagnostics: diagnostics,
            events: YamsNodeEvents(root: root))
        let timeline = try parser.parse()
        diagnostics = parser.diagnostics
        return timeline
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// Names of the episode extras kept on a timeline, a cue or a chapter.
enum EpisodeExtras {
    static let preamble = "preamble"
    static let body = "body"
    static let closingDelimiter = "closingDelimiter"
    /// Index among the top-level keys where `transcript` stood.
    static let transcriptIndex = "transcriptIndex"
    /// The raw `transcript` value when it was empty rather than a list.
    static let transcriptValue = "transcriptValue"
    /// An entry's keys in source order, when not the writer's default order.
    static let keys = "keys"
}

extension FormatExtras {
    subscript(format: FormatID, default defaultValue: @autoclosure () -> Fields) -> Fields {
        get { self[format] ?? defaultValue() }
        set { self[format] = newValue }
    }
}

/// The front matter walk; one per file. It reads the nodes in document
/// order from `events`, whichever reader gives them, so that the scanner
/// and Yams share every rule about entries, fields and diagnostics.
private struct EpisodeParser<Events: EpisodeYAMLEvents> {
    let source: SourceText
    let lineOffset: Int
    var diagnostics: Diagnostics
    var events: Events
    /// Values still allowed. Without aliases a value takes at least two bytes
    /// of YAML, so the limit (four per byte) is only met by aliases that
    /// expand, as in a "billion laughs" file; it stops them before memory
    /// grows with the expansion.
    private var budget: Int
    private let limit: Int
    private var unquotedTimes: [SourceLocation] = []
    /// The episode extras of the last cue that had some: the next cue with
    /// equal extras shares their storage (a long transcript written alike
    /// throughout keeps one copy).
    private var lastCueExtras: (fields: Fields, extras: FormatExtras)?

    init(source: SourceText, byteCount: Int, lineOffset: Int, diagnostics: Diagnostics, events: Events) {
        self.source = source
        self.lineOffset = lineOffset
        self.diagnostics = diagnostics
        self.events = events
        limit = 4 * byteCount + 10_000
        budget = limit
    }

    func location(_ mark: EpisodeMark?) -> SourceLocation? {
        guard let mark else { return nil }
        return source.location(line: mark.line + lineOffset, column: mark.column)
    }

    /// The value node of the key node just read: a mapping gives one for each key.
    private mutating func valueNode() throws(Diagnostic) -> EpisodeYAMLNode {
        guard let value = try events.next() else {
            throw .error("episode.yaml", "expected a value after a key, found the end of the mapping",
                         at: source.location(line: lineOffset), format: .episode)
        }
        return value
    }

    mutating func parse() throws(Diagnostic) -> Timeline {
        var timeline = Timeline()
        guard let root = try events.root() else {
            diagnostics.report(.warning(
                "episode.empty-front-matter", "expected front matter keys such as title and transcript, found none",
                at: source.location(line: lineOffset), format: .episode))
            return timeline
        }
        guard case .mapping = root.kind else {
            throw .error(
                "episode.front-matter-not-mapping",
                "expected the front matter to be a mapping of keys, found \(describe(root))",
                at: location(root.mark), format: .episode)
        }
        var sawTranscript = false
        var seenKeys = Set<String>()
        while let keyNode = try events.next() {
            let key = try keyText(keyNode)
            if !seenKeys.insert(key).inserted {
                try diagnostics.repair(.warning(
                    "episode.duplicate-key", "key '\(key)' appears again; both are kept, readers differ on which wins",
                    at: location(keyNode.mark), format: .episode))
            }
            let valueNode = try valueNode()
            if key == "transcript" && !sawTranscript {
                sawTranscript = true
                timeline.extras[.episode, default: Fields()].append(
                    EpisodeExtras.transcriptIndex, .scalar(String(timeline.metadata.count)))
                try readTranscript(valueNode, into: &timeline)
                continue
            }
            let value = try fieldValue(valueNode)
            timeline.metadata.append(key, value)
            if key == "duration", let text = value.text {
                if let duration = ISO8601Duration.parse(text) {
                    timeline.duration = duration
                } else {
                    try diagnostics.repair(.warning(
                        "episode.bad-duration",
                        "expected an ISO 8601 duration such as PT01H02M03S, found '\(text)'; the duration is unknown",
                        at: location(valueNode.mark), format: .episode))
                }
            }
        }
        if !sawTranscript {
            diagnostics.report(.warning(
                "episode.no-transcript", "expected a 'transcript' list, found none; the episode has no lines",
                at: source.location(line: lineOffset), format: .episode))
        }
        if let first = unquotedTimes.first {
            diagnostics.report(.warning(
                "episode.unquoted-time",
                "\(unquotedTimes.count) 'time' value(s) are unquoted, first here; YAML 1.1 readers such as Jekyll read 1:03 as the number 63; read here as clock times and written back unquoted",
                at: first, format: .episode))
        }
        return timeline
    }

    // MARK: Transcript

    private mutating func readTranscript(_ node: EpisodeYAMLNode, into timeline: inout Timeline) throws(Diagnostic) {
        switch node.kind {
        case .sequence:
            break
        case .scalar(let text, let style) where text.isEmpty && style == .plain:
            timeline.extras[.episode, default: Fields()].append(EpisodeExtras.transcriptValue, .scalar(""))
            return
        default:
            throw .error(
                "episode.transcript-not-list",
                "expected 'transcript' to be a list of '- line:' and '- header:' entries, found \(describe(node))",
                at: location(node.mark), format: .episode)
        }
        timeline.cues.reserveCapacity(events.itemCountHint())
        var previousWasHeader = false
        var previousText: String?
        while let entry = try events.next() {
            guard case .mapping = entry.kind else {
                throw .error(
                    "episode.entry-not-mapping",
                    "expected a transcript entry such as '- line: ...' or '- header: ...', found \(describe(entry))",
                    at: location(entry.mark), format: .episode)
            }
            var fields = Fields()
            var marks = FieldMarks()
            while let keyNode = try events.next() {
                let key = try keyText(keyNode)
                let valueNode = try valueNode()
                fields.append(key, try fieldValue(valueNode))
                marks.record(key, valueNode.mark ?? keyNode.mark)
            }
            if fields["header"] != nil {
                if previousWasHeader {
                    diagnostics.report(.warning(
                        "episode.consecutive-headers",
                        "header follows another header with no line between; the earlier chapter is empty unless quotableClips time it",
                        at: location(entry.mark), format: .episode))
                }
                timeline.chapters.append(try chapter(fields, marks: marks, entry: entry, cueIndex: timeline.cues.count))
                previousWasHeader = true
            } else if fields["line"] != nil {
                let cue = try cue(fields, marks: marks, entry: entry)
                let text = cue.plainText
                if let previousText, previousText == text, !text.isEmpty {
                    diagnostics.report(.warning(
                        "episode.repeated-line", "line repeats the text of the line before it; both are kept",
                        at: location(entry.mark), format: .episode))
                }
                previousText = text
                timeline.cues.append(cue)
                previousWasHeader = false
            } else {
                throw .error(
                    "episode.entry-kind",
                    "expected a transcript entry with 'line' or 'header', found keys \(fields.map(\.key).joined(separator: ", "))",
                    at: location(entry.mark), format: .episode)
            }
        }
        attachQuotableClips(to: &timeline)
    }

    private mutating func chapter(_ fields: Fields, marks: FieldMarks, entry: EpisodeYAMLNode, cueIndex: Int) throws(Diagnostic) -> Chapter {
        let header = fields["header"]!
        guard let title = header.text else {
            throw .error(
                "episode.header-not-text", "expected text after 'header:', found \(describe(header))",
                at: location(marks["header"]), format: .episode)
        }
        var extras = Fields()
        if fields.map(\.key) != ["header"] {
            extras.append(EpisodeExtras.keys, .list(fields.map { .string($0.key) }))
        }
        for field in fields where field.key != "header" || field.value != .string(title) {
            extras.append(field.key, field.value)
        }
        var chapter = Chapter(title: title, cueIndex: cueIndex, location: location(entry.mark))
        if !extras.isEmpty { chapter.extras[.episode] = extras }
        return chapter
    }

    private mutating func cue(_ fields: Fields, marks: FieldMarks, entry: EpisodeYAMLNode) throws(Diagnostic) -> Cue {
        let lineValue = fields["line"]!
        guard let text = lineValue.text else {
            throw .error(
                "episode.line-not-text", "expected text after 'line:', found \(describe(lineValue))",
                at: location(marks["line"]), format: .episode)
        }
        var cue = Cue(text: Span.plain(text), location: location(entry.mark))
        cue.start = try start(fields, marks: marks)
        if cue.start != nil { cue.location = location(marks["sec"] ?? marks["time"]) ?? cue.location }
        if let who = fields["who"] {
            cue.speaker = try speaker(who, at: location(marks["who"]))
        }
        if let extras = EpisodeLineTemplate.extras(for: cue, fields: fields) {
            if let last = lastCueExtras, last.fields == extras {
                cue.extras = last.extras
            } else {
                cue.extras[.episode] = extras
                lastCueExtras = (extras, cue.extras)
            }
        }
        return cue
    }

    /// The start from `sec` and `time`, with warnings for each quirk.
    private mutating func start(_ fields: Fields, marks: FieldMarks) throws(Diagnostic) -> Timestamp? {
        var seconds: Timestamp?
        if let sec = fields["sec"] {
            guard let text = sec.text else {
                throw .error("episode.sec-not-number", "expected a number of seconds after 'sec:', found \(describe(sec))",
                             at: location(marks["sec"]), format: .episode)
            }
            if text.isEmpty {
                try diagnostics.repair(.warning("episode.empty-sec", "'sec' has no value; the line is read as untimed",
                                                at: location(marks["sec"]), format: .episode))
            } else if let value = EpisodeTime.parseSeconds(text) {
                seconds = value
            } else {
                throw .error("episode.sec-not-number", "expected a number of seconds after 'sec:', found '\(text)'",
                             at: location(marks["sec"]), format: .episode)
            }
        }
        guard let time = fields["time"] else { return seconds }
        let timeLocation = location(marks["time"])
        guard let text = time.text else {
            try diagnostics.repair(.warning("episode.bad-time", "expected a time such as '1:17' after 'time:', found \(describe(time)); ignored",
                                            at: timeLocation, format: .episode))
            return seconds
        }
        if case .scalar = time, !text.isEmpty, let timeLocation { unquotedTimes.append(timeLocation) }
        if text.isEmpty { return seconds }
        guard let clock = EpisodeTime.parseClock(text) else {
            let shown = text.replacingOccurrences(of: "\n", with: "\\n")
            let fallback = seconds.map { "using sec \(EpisodeTime.secondsValue($0).text!)" } ?? "the line is read as untimed"
            try diagnostics.repair(.warning("episode.bad-time", "expected a time such as '1:17' or '1:02:03', found '\(shown)'; \(fallback)",
                                            at: timeLocation, format: .episode))
            return seconds
        }
        if !clock.isWellFormed {
            try diagnostics.repair(.warning(
                "episode.malformed-time",
                "expected M:SS or H:MM:SS with minutes and seconds below 60, found '\(text)' (\(ClockFormat.string(clock.time, style: .minutesSeconds)))",
                at: timeLocation, format: .episode))
        }
        guard let seconds else { return clock.time }
        if seconds.milliseconds / 1000 != clock.time.milliseconds / 1000 {
            try diagnostics.repair(.warning(
                "episode.time-disagrees",
                "'time: \(text)' disagrees with 'sec: \(EpisodeTime.secondsValue(seconds).text!)'; using sec",
                at: timeLocation, format: .episode))
        }
        return seconds
    }

    private mutating func speaker(_ value: FieldValue, at location: SourceLocation?) throws(Diagnostic) -> String? {
        guard let raw = value.text else {
            try diagnostics.repair(.warning("episode.who-not-text", "expected a name after 'who:', found \(describe(value)); no speaker",
                                            at: location, format: .episode))
            return nil
        }
        let name = EpisodeLineTemplate.speakerName(raw)
        if name == nil, !raw.isEmpty {
            try diagnostics.repair(.warning(
                "episode.who-not-a-name",
                "expected a speaker name after 'who:', found \(raw.unicodeScalars.count) characters of text; kept in the episode, not used as a speaker",
                at: location, format: .episode))
        } else if let name, name != raw {
            try diagnostics.repair(.warning(
                "episode.who-punctuation", "speaker '\(raw)' read as '\(name)'; the original is kept in the episode",
                at: location, format: .episode))
        }
        return name
    }

    /// Gives header chapters the times of the quotable clip of the same name.
    private func attachQuotableClips(to timeline: inout Timeline) {
        guard case .list(let clips)? = timeline.metadata["quotableClips"] else { return }
        let parsed = clips.compactMap(QuotableClip.init)
        if timeline.chapters.isEmpty {
            timeline.chapters = parsed.map { $0.chapter }
            return
        }
        var used = Set<Int>()
        for index in timeline.chapters.indices {
            let title = timeline.chapters[index].title
            guard let match = parsed.indices.first(where: { !used.contains($0) && parsed[$0].name == title }) else { continue }
            used.insert(match)
            timeline.chapters[index].start = parsed[match].start
            timeline.chapters[index].end = parsed[match].end
            timeline.chapters[index].url = parsed[match].url
        }
    }

    // MARK: Nodes

    private func keyText(_ node: EpisodeYAMLNode) throws(Diagnostic) -> String {
        guard case .scalar(let text, _) = node.kind else {
            throw .error("episode.key-not-text", "expected a text key, found \(describe(node))",
                         at: location(node.mark), format: .episode)
        }
        return text
    }

    /// The node as a field value; plain scalars that YAML 1.1 would type stay `.scalar`.
    private mutating func fieldValue(_ node: EpisodeYAMLNode) throws(Diagnostic) -> FieldValue {
        budget -= 1
        if budget < 0 {
            throw .error(
                "episode.too-large",
                "expected a front matter of at most \(limit) values (4 per byte of the file), found more: aliases that expand",
                at: location(node.mark), format: .episode)
        }
        switch node.kind {
        case .scalar(let text, let style):
            if style == .plain || style == .any, YAMLPlainScalar.isTyped(text) {
                return .scalar(text)
            }
            return .string(text)
        case .sequence:
            var items: [FieldValue] = []
            while let item = try events.next() { items.append(try fieldValue(item)) }
            return .list(items)
        case .mapping:
            var fields = Fields()
            while let key = try events.next() {
                let keyText = try keyText(key)
                let value = try valueNode()
                fields.append(keyText, try fieldValue(value))
            }
            return .map(fields)
        case .alias:
            throw .error("episode.alias", "expected a value, found an unresolved alias", at: location(node.mark), format: .episode)
        }
    }

    private func describe(_ node: EpisodeYAMLNode) -> String {
        switch node.kind {
        case .scalar(let text, _): return text.isEmpty ? "nothing" : "'\(text.prefix(40))'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    private func describe(_ value: FieldValue) -> String {
        switch value {
        case .string(let text), .scalar(let text): return text.isEmpty ? "nothing" : "'\(text.prefix(40))'"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}

/// Yams's reading of the front matter: a tree of nodes, or its error as a
/// located diagnostic.
private enum YamsFrontMatter {
    static func compose(_ yaml: String, source: SourceText, lineOffset: Int) throws(Diagnostic) -> Node? {
        do {
            // The basic resolver types nothing: every scalar stays text, and no
            // regular expression runs per scalar.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw diagnostic(error, yaml: yaml, source: source, lineOffset: lineOffset)
        } catch {
            throw .error("episode.yaml", "cannot read the front matter: \(error)", at: source.location(line: lineOffset), format: .episode)
        }
    }

    private static func diagnostic(_ error: YamlError, yaml: String, source: SourceText, lineOffset: Int) -> Diagnostic {
        func location(_ mark: Mark) -> SourceLocation {
            source.location(line: mark.line + lineOffset, column: mark.column)
        }
        func located(_ problem: String, _ mark: Mark) -> Diagnostic {
            .error("episode.yaml", "invalid YAML: \(problem)", at: location(mark), format: .episode)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text), \(problem)" } ?? problem
            return located(detail, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "episode.duplicate-key",
                "expected each key once in a mapping, found \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) more than once",
                at: location(context.mark), format: .episode)
        case .reader(let problem, let offset, _, _):
            // The offset counts characters from the start of the front matter.
            let index = offset.flatMap { yaml.index(yaml.startIndex, offsetBy: $0, limitedBy: yaml.endIndex) } ?? yaml.startIndex
            let before = yaml[..<index]
            let line = before.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            let column = (before.lastIndex(of: "\n").map { before[before.index(after: $0)...] } ?? before).unicodeScalars.count + 1
            return .error("episode.yaml", "cannot read the front matter: \(problem)",
                          at: source.location(line: lineOffset + line, column: column), format: .episode)
        default:
            return .error("episode.yaml", "invalid YAML: \(error)", at: source.location(line: lineOffset), format: .episode)
        }
    }
}

/// One entry of `quotableClips`: a named, timed excerpt.
struct QuotableClip {
    var name: String
    var start: Timestamp
    var end: Timestamp?
    var url: String?

    init?(_ value: FieldValue) {
        guard case .map(let fields) = value, let name = fields["name"]?.text,
              let startText = fields["startOffset"]?.text, let start = EpisodeTime.parseSeconds(startText) else { return nil }
        self.name = name
        self.start = start
        self.end = fields["endOffset"]?.text.flatMap(EpisodeTime.parseSeconds)
        self.url = fields["url"]?.text
    }

    var chapter: Chapter {
        Chapter(start: start, end: end, title: name, url: url)
    }
}

extension EpisodeReader: InPlaceReader {}
