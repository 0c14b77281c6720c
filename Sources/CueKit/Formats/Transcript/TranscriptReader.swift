/// Reads Podcasting 2.0 JSON transcripts: `{"version": "1.0.0", "segments":
/// [{"speaker", "startTime", "endTime", "body"}]}`.
///
/// Each segment becomes a cue: `speaker` its speaker, `startTime`/`endTime`
/// (seconds, read exactly) its times, `body` its text (a line feed in the
/// body is a line break). Keys the specification does not define are kept in
/// the cue's `transcript` extras, and top-level ones (with `version`) in the
/// timeline's, in order.
///
/// Errors: input that is not JSON, a top-level value that is not an object,
/// `segments` missing or not an array, a segment that is not an object.
/// Repairs (warnings; errors with `--strict`): a missing `version`, a segment
/// without a usable `startTime` (kept untimed, for time inference), an
/// `endTime` before the start (ignored), a missing `body`, values of the
/// wrong type, repeated keys. Segments that start before the one above them
/// are kept in file order and reported once.
public struct TranscriptReader: FormatReader {
    public init() {}

    static let segmentKeys: Set<String> = ["speaker", "startTime", "endTime", "body"]

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let root = try JSONParser.parse(source.bytes, name: source.name, format: .transcript)
        var fields = JSONFieldReader(source: source, format: .transcript)
        guard let top = try fields.members(of: root, known: ["version", "segments"], diagnostics: &diagnostics) else {
            throw .error(
                "transcript.not-object",
                "expected a JSON object with \"version\" and \"segments\", found \(root.typeDescription)",
                at: fields.location(root), format: .transcript)
        }
        guard let segmentsValue = top.known["segments"] else {
            throw .error(
                "transcript.no-segments", "expected a \"segments\" array in the top-level object, found none",
                at: fields.location(root), format: .transcript)
        }
        guard case .array(let items) = segmentsValue.kind else {
            throw .error(
                "transcript.type", "expected \"segments\" to be an array of segment objects, found \(segmentsValue.typeDescription)",
                at: fields.location(segmentsValue), format: .transcript)
        }

        var timeline = Timeline()
        var extras = Fields()
        if let version = top.known["version"] {
            if let text = try fields.string(version, key: "version", diagnostics: &diagnostics) {
                extras.append(TranscriptExtras.version, .string(text))
            }
        } else {
            try diagnostics.repair(.warning(
                "transcript.no-version",
                "expected a \"version\" such as \"\(TranscriptFormat.currentVersion)\", found none; read as version \(TranscriptFormat.currentVersion)",
                at: fields.location(root), format: .transcript))
        }
        for other in top.others { extras.append(other.key, other.value.fieldValue) }
        if !extras.isEmpty { timeline.extras[.transcript] = extras }

        timeline.cues.reserveCapacity(items.count)
        var latest: Timestamp?
        var backwards = 0
        var firstBackwards: (location: SourceLocation?, time: Timestamp, latest: Timestamp)?
        for item in items {
            let cue = try segment(item, fields: &fields, diagnostics: &diagnostics)
            if let start = cue.start {
                if let latest, start < latest {
                    backwards += 1
                    if firstBackwards == nil { firstBackwards = (cue.location, start, latest) }
                }
                latest = max(latest ?? start, start)
            }
            timeline.cues.append(cue)
        }
        if let first = firstBackwards {
            diagnostics.report(.warning(
                "transcript.out-of-order",
                "\(backwards) segment(s) start before a segment above them, first this one at \(ClockFormat.string(first.time, style: .clock)) after \(ClockFormat.string(first.latest, style: .clock)); kept in file order",
                at: first.location, format: .transcript))
        }
        fields.finish(diagnostics: &diagnostics)
        return timeline
    }

    private func segment(
        _ value: JSONValue, fields: inout JSONFieldReader, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Cue {
        guard let members = try fields.members(of: value, known: Self.segmentKeys, diagnostics: &diagnostics) else {
            throw .error(
                "transcript.type", "expected a segment object with \"startTime\" and \"body\", found \(value.typeDescription)",
                at: fields.location(value), format: .transcript)
        }
        var cue = Cue(text: [], location: fields.location(value))
        var extras = Fields()
        switch try fields.seconds(members.known["startTime"], key: "startTime", diagnostics: &diagnostics) {
        case .time(let start):
            cue.start = start
        case .absent:
            try diagnostics.repair(.warning(
                "transcript.no-start",
                "expected a \"startTime\" in every segment, found none; the segment's time will be inferred",
                at: fields.location(value), format: .transcript))
        case .invalid:
            break
        }
        if case .time(let end) = try fields.seconds(members.known["endTime"], key: "endTime", diagnostics: &diagnostics) {
            if let start = cue.start, end < start {
                try diagnostics.repair(.warning(
                    "transcript.end-before-start",
                    "expected \"endTime\" at or after the start \(DecimalSeconds.string(start.milliseconds)), found \(DecimalSeconds.string(end.milliseconds)); ignored",
                    at: fields.location(members.known["endTime"]!), format: .transcript))
            } else {
                cue.end = end
            }
        }
        if let speaker = try fields.string(members.known["speaker"], key: "speaker", diagnostics: &diagnostics) {
            if speaker.isEmpty {
                // No speaker; the empty value is kept for a same-format round trip.
                extras.append("speaker", .string(""))
            } else {
                cue.speaker = speaker
            }
        }
        if let body = try fields.string(members.known["body"], key: "body", diagnostics: &diagnostics) {
            cue.text = Span.plain(body)
        } else if members.known["body"] == nil {
            try diagnostics.repair(.warning(
                "transcript.no-body", "expected a \"body\" with the segment's words, found none; the segment has no text",
                at: fields.location(value), format: .transcript))
        }
        for other in members.others { extras.append(other.key, other.value.fieldValue) }
        if !extras.isEmpty { cue.extras[.transcript] = extras }
        return cue
    }
}
