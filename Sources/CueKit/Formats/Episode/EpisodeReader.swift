import Yams

/// Reads a Jekyll episode page: YAML front matter with `title`, `duration`,
/// `transcript` and any other keys, then a markdown body kept byte for byte.
///
/// Transcript entries: `- header: Title` becomes a chapter placed before the
/// next line; `- line: text` with optional `sec`, `time` and `who` becomes a
/// cue. Every scalar is read as text. Raw values the model does not hold
/// (other keys, an unquoted `time`, a `who:` with a trailing colon) are kept in
/// the cue's episode extras so that writing the episode back gives the same data.
public struct EpisodeReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let frontMatter = try FrontMatter.split(source)
        var parser = EpisodeParser(source: source, lineOffset: frontMatter.openingLine, diagnostics: diagnostics)
        var timeline = try parser.parse(frontMatter)
        diagnostics = parser.diagnostics

        var extras = Fields()
        if !frontMatter.preamble.isEmpty {
            try diagnostics.repair(.warning(
                "episode.text-before-front-matter",
                "expected the file to start with '---', found \(frontMatter.openingLine - 1) line(s) of text before it; kept as they are",
                at: source.location(line: 1), format: .episode))
            extras.append(EpisodeExtras.preamble, .string(String(decoding: frontMatter.preamble, as: UTF8.self)))
        }
        if frontMatter.closingDelimiter != "---" {
            extras.append(EpisodeExtras.closingDelimiter, .string(frontMatter.closingDelimiter))
        }
        extras.append(EpisodeExtras.body, .string(String(decoding: frontMatter.body, as: UTF8.self)))
        if let last = source.bytes.last, last != 0x0A {
            let lineCount = source.bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            diagnostics.report(.note(
                "episode.no-final-newline", "the file does not end with a line break; kept that way",
                at: source.location(line: lineCount), format: .episode))
        }
        timeline.extras[.episode, default: Fields()].entries.append(contentsOf: extras.entries)
        return timeline
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

/// The front matter walk; one per file.
private struct EpisodeParser {
    let source: SourceText
    let lineOffset: Int
    var diagnostics: Diagnostics
    /// Values still allowed. Without aliases a value takes at least two bytes
    /// of YAML, so the limit (four per byte) is only met by aliases that
    /// expand, as in a "billion laughs" file; it stops them before memory
    /// grows with the expansion.
    private var budget: Int
    private let limit: Int
    private var unquotedTimes: [SourceLocation] = []

    init(source: SourceText, lineOffset: Int, diagnostics: Diagnostics) {
        self.source = source
        self.lineOffset = lineOffset
        self.diagnostics = diagnostics
        limit = 4 * source.bytes.count + 10_000
        budget = limit
    }

    func location(_ mark: Mark?) -> SourceLocation? {
        guard let mark else { return nil }
        return source.location(line: mark.line + lineOffset, column: mark.column)
    }

    mutating func parse(_ frontMatter: FrontMatter) throws(Diagnostic) -> Timeline {
        let root: Node?
        let yaml = String(decoding: frontMatter.yaml, as: UTF8.self)
        do {
            // The basic resolver types nothing: every scalar stays text, and no
            // regular expression runs per scalar.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw yamlDiagnostic(error, yaml: yaml)
        } catch {
            throw .error("episode.yaml", "cannot read the front matter: \(error)", at: source.location(line: lineOffset), format: .episode)
        }
        var timeline = Timeline()
        guard let root else {
            diagnostics.report(.warning(
                "episode.empty-front-matter", "expected front matter keys such as title and transcript, found none",
                at: source.location(line: lineOffset), format: .episode))
            return timeline
        }
        guard case .mapping(let mapping) = root else {
            throw .error(
                "episode.front-matter-not-mapping",
                "expected the front matter to be a mapping of keys, found \(describe(root))",
                at: location(root.mark), format: .episode)
        }
        var sawTranscript = false
        var seenKeys = Set<String>()
        for (keyNode, valueNode) in mapping {
            let key = try keyText(keyNode)
            if !seenKeys.insert(key).inserted {
                try diagnostics.repair(.warning(
                    "episode.duplicate-key", "key '\(key)' appears again; both are kept, readers differ on which wins",
                    at: location(keyNode.mark), format: .episode))
            }
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

    private mutating func readTranscript(_ node: Node, into timeline: inout Timeline) throws(Diagnostic) {
        let entries: [Node]
        switch node {
        case .sequence(let sequence):
            entries = Array(sequence)
        case .scalar(let scalar) where scalar.string.isEmpty && scalar.style == .plain:
            timeline.extras[.episode, default: Fields()].append(EpisodeExtras.transcriptValue, .scalar(""))
            return
        default:
            throw .error(
                "episode.transcript-not-list",
                "expected 'transcript' to be a list of '- line:' and '- header:' entries, found \(describe(node))",
                at: location(node.mark), format: .episode)
        }
        timeline.cues.reserveCapacity(entries.count)
        var previousWasHeader = false
        var previousText: String?
        for entry in entries {
            guard case .mapping(let mapping) = entry else {
                throw .error(
                    "episode.entry-not-mapping",
                    "expected a transcript entry such as '- line: ...' or '- header: ...', found \(describe(entry))",
                    at: location(entry.mark), format: .episode)
            }
            var fields = Fields()
            var marks = FieldMarks()
            for (keyNode, valueNode) in mapping {
                let key = try keyText(keyNode)
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

    private mutating func chapter(_ fields: Fields, marks: FieldMarks, entry: Node, cueIndex: Int) throws(Diagnostic) -> Chapter {
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

    private mutating func cue(_ fields: Fields, marks: FieldMarks, entry: Node) throws(Diagnostic) -> Cue {
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
        cue.extras[.episode] = EpisodeLineTemplate.extras(for: cue, fields: fields)
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

    private func keyText(_ node: Node) throws(Diagnostic) -> String {
        guard case .scalar(let scalar) = node else {
            throw .error("episode.key-not-text", "expected a text key, found \(describe(node))",
                         at: location(node.mark), format: .episode)
        }
        return scalar.string
    }

    /// The node as a field value; plain scalars that YAML 1.1 would type stay `.scalar`.
    private mutating func fieldValue(_ node: Node) throws(Diagnostic) -> FieldValue {
        budget -= 1
        if budget < 0 {
            throw .error(
                "episode.too-large",
                "expected a front matter of at most \(limit) values (4 per byte of the file), found more: aliases that expand",
                at: location(node.mark), format: .episode)
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any, YAMLPlainScalar.isTyped(scalar.string) {
                return .scalar(scalar.string)
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [FieldValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try fieldValue(item)) }
            return .list(items)
        case .mapping(let mapping):
            var fields = Fields()
            for (key, value) in mapping { fields.append(try keyText(key), try fieldValue(value)) }
            return .map(fields)
        case .alias:
            throw .error("episode.alias", "expected a value, found an unresolved alias", at: location(node.mark), format: .episode)
        }
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "'\(scalar.string.prefix(40))'"
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

    private func yamlDiagnostic(_ error: YamlError, yaml: String) -> Diagnostic {
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
