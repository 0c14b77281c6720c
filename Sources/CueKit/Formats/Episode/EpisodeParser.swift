import Yams

/// The front matter walk; one per file. It reads the nodes in document
/// order from `events`, whichever reader gives them, so that the scanner
/// and Yams share every rule about entries, fields and diagnostics.
/// This file walks the top-level keys and turns nodes into field values;
/// the transcript's entries are read in `EpisodeParser+Transcript.swift`.
struct EpisodeParser<Events: EpisodeYAMLEvents> {
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
    var unquotedTimes: [SourceLocation] = []
    /// The episode extras of the last cue that had some: the next cue with
    /// equal extras shares their storage (a long transcript written alike
    /// throughout keeps one copy).
    var lastCueExtras: (fields: Fields, extras: FormatExtras)?

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
    mutating func valueNode() throws(Diagnostic) -> EpisodeYAMLNode {
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

    // MARK: Nodes

    func keyText(_ node: EpisodeYAMLNode) throws(Diagnostic) -> String {
        guard case .scalar(let text, _) = node.kind else {
            throw .error("episode.key-not-text", "expected a text key, found \(describe(node))",
                         at: location(node.mark), format: .episode)
        }
        return text
    }

    /// The node as a field value; plain scalars that YAML 1.1 would type stay `.scalar`.
    mutating func fieldValue(_ node: EpisodeYAMLNode) throws(Diagnostic) -> FieldValue {
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

    func describe(_ node: EpisodeYAMLNode) -> String {
        switch node.kind {
        case .scalar(let text, _): return text.isEmpty ? "nothing" : "'\(text.prefix(40))'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    func describe(_ value: FieldValue) -> String {
        switch value {
        case .string(let text), .scalar(let text): return text.isEmpty ? "nothing" : "'\(text.prefix(40))'"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}
