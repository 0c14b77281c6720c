/// Reads Whisper-family speech-recognition JSON into a transcript timeline.
///
/// The variant is told by its keys (see Formats/whisper.md):
/// - OpenAI Whisper (and whisper-timestamped): `{"text", "segments":
///   [{"start", "end", "text", "words": [{"word"|"text", "start", "end",
///   "probability"|"confidence"}]}], "language"}`, or the bare `segments` array.
/// - WhisperX: the same `segments` with `words` (`word`, `start`, `end`,
///   `score`, `speaker`) and a `speaker` per segment, plus `word_segments`.
/// - whisper.cpp: `{"transcription": [{"offsets": {"from", "to"}, "timestamps",
///   "text", "tokens"}], "result": {"language"}, ...}` with times in milliseconds.
///
/// Each segment becomes a cue: its times (seconds read exactly, never
/// through a binary float), its text without the leading space, its speaker
/// (renamed by `ReadOptions.speakerNames`). Word times become timestamp spans
/// in the cue text (`Span.timestamp`); a word without times is kept, untimed,
/// with one warning: no time is invented. Other top-level keys (`language`,
/// `model`, ...) become metadata; other segment and word keys (`tokens`,
/// `avg_logprob`, `probability`, ...) the cue's `whisper` extras. The
/// top-level `text` and WhisperX's `word_segments` repeat the segments and
/// are not kept.
///
/// Errors: input that is not JSON, no `segments` or `transcription` array,
/// a segment that is not an object. Repairs (warnings; errors when strict):
/// a segment without a start, an end before the start, a word time outside
/// its segment or before the word above it (the word kept untimed), values
/// of the wrong type. Lint (warnings, nothing removed): segments without
/// words, the same text three or more times in a row.
public struct WhisperReader: FormatReader {
    public init() {}

    static let topKeys: Set<String> = ["segments", "transcription", "text", "word_segments", "result"]

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let root = try JSONParser.parse(source.bytes, name: source.name, format: .whisper)
        var fields = JSONFieldReader(source: source, format: .whisper)
        fields.roundingIsExpected = true
        var reader = WhisperSegmentReader(fields: fields, speakerNames: options.speakerNames)
        var timeline = Timeline()
        switch root.kind {
        case .array(let items):
            timeline.cues = try reader.segments(items, diagnostics: &diagnostics)
        case .object:
            guard let top = try fields.members(of: root, known: Self.topKeys, diagnostics: &diagnostics) else { break }
            if let transcription = top.known["transcription"] {
                guard case .array(let items) = transcription.kind else {
                    throw .error(
                        "whisper.type", "expected \"transcription\" to be an array of segment objects, found \(transcription.typeDescription)",
                        at: fields.location(transcription), format: .whisper)
                }
                timeline.cues = try reader.transcription(items, diagnostics: &diagnostics)
            } else if let segments = top.known["segments"] {
                guard case .array(let items) = segments.kind else {
                    throw .error(
                        "whisper.type", "expected \"segments\" to be an array of segment objects, found \(segments.typeDescription)",
                        at: fields.location(segments), format: .whisper)
                }
                timeline.cues = try reader.segments(items, diagnostics: &diagnostics)
            } else {
                throw .error(
                    "whisper.no-segments",
                    "expected a \"segments\" array (OpenAI Whisper, WhisperX) or a \"transcription\" array (whisper.cpp) in the top-level object, found neither",
                    at: fields.location(root), format: .whisper)
            }
            timeline.metadata = metadata(top.others, result: top.known["result"])
            if !timeline.metadata.isEmpty {
                // So a writer without metadata says what it leaves out (`WhisperExtras.lossWarning`).
                timeline.extras[.whisper] = [Field(WhisperExtras.metadataKeys, .list(timeline.metadata.map { .string($0.key) }))]
            }
        default:
            throw .error(
                "whisper.not-object",
                "expected a JSON object with \"segments\" or \"transcription\", found \(root.typeDescription)",
                at: fields.location(root), format: .whisper)
        }
        reader.fields.finish(diagnostics: &diagnostics)
        try reader.report(diagnostics: &diagnostics)
        WhisperLint.check(timeline.cues, diagnostics: &diagnostics)
        return timeline
    }

    /// The top-level keys as metadata, in order; whisper.cpp's
    /// `result.language` also as `language`.
    private func metadata(_ others: [(key: String, value: JSONValue)], result: JSONValue?) -> Fields {
        var metadata = Fields()
        for other in others { metadata.append(other.key, other.value.fieldValue) }
        if let result {
            if metadata["language"] == nil, let language = result["language"]?.string {
                metadata.append("language", .string(language))
            }
            metadata.append("result", result.fieldValue)
        }
        return metadata
    }
}
