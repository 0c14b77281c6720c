/// Writes Podcasting 2.0 JSON transcripts, version 1.0.0 (or the version the
/// source file had).
///
/// Every cue becomes a segment with `speaker` (when known; a leading voice
/// span names it when the cue has no speaker), `startTime`, `endTime` and
/// `body` (the plain text, line breaks as `\n`), then the keys a JSON
/// transcript source had that the specification does not define. A cue
/// whose words carry times becomes one segment per word instead. The writer
/// needs times: the converter runs time inference first. Styling, chapters
/// and metadata have no place in the format and are reported.
public struct TranscriptWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let extras = timeline.extras[.transcript] ?? Fields()
        var json = JSONWriter()
        json.beginObject()
        json.key("version")
        json.string(extras[TranscriptExtras.version]?.text ?? TranscriptFormat.currentVersion)
        for field in extras where field.key != TranscriptExtras.version {
            json.key(field.key)
            json.fieldValue(field.value)
        }
        json.key("segments")
        json.beginArray()
        var untimed = 0, styled = 0
        for cue in timeline.cues {
            guard let start = cue.start, let end = cue.end else {
                untimed += 1
                continue
            }
            if WordTimes.hasWordTimes(cue.text) {
                writeWords(cue, start: start, end: end, to: &json)
                continue
            }
            json.beginObject()
            if let speaker = cue.speaker ?? leadingVoice(cue.text) {
                json.key("speaker")
                json.string(speaker)
            }
            json.key("startTime")
            json.number(DecimalSeconds.string(start.milliseconds))
            json.key("endTime")
            json.number(DecimalSeconds.string(end.milliseconds))
            json.key("body")
            json.string(cue.plainText)
            if cue.text.hasMarkup && !isOnlyVoice(cue.text) { styled += 1 }
            for field in cue.extras[.transcript] ?? Fields() {
                json.key(field.key)
                json.fieldValue(field.value)
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.finish()

        if untimed > 0 {
            diagnostics.report(.warning(
                "transcript.untimed", "\(untimed) cue(s) without a start or end time were not written", format: .transcript))
        }
        if styled > 0 {
            diagnostics.report(.warning(
                "transcript.lossy-styling",
                "\(styled) cue(s) have styling, classes, languages, ruby or inline timestamps, which a JSON transcript cannot hold; written as their text",
                format: .transcript))
        }
        if !timeline.metadata.isEmpty {
            diagnostics.report(.note(
                "transcript.metadata-not-written",
                "\(timeline.metadata.count) metadata field(s) have no place in a JSON transcript and were not written: \(MetadataList.describe(timeline.metadata.map(\.key)))",
                format: .transcript))
        }
        var bytes: [UInt8] = []
        if options.byteOrderMark { bytes = [0xEF, 0xBB, 0xBF] }
        bytes.append(contentsOf: json.bytes)
        return bytes
    }

    /// A cue whose words carry times as one segment per timed word, the
    /// specification's word-level form (how podcast apps highlight the
    /// spoken word): an untimed word joins the segment of the word before
    /// it. A segment ends when its word ends (see `WordTimes`), else when
    /// the next starts, else with the cue. The cue's own extra keys go on
    /// its first segment.
    private func writeWords(_ cue: Cue, start: Timestamp, end: Timestamp, to json: inout JSONWriter) {
        let words = WordTimes.words(cue.text, cueStart: start)
        var groups: [(body: String, start: Timestamp, end: Timestamp?)] = []
        for word in words {
            if let time = word.start ?? (groups.isEmpty ? start : nil) {
                groups.append((word.text, time, word.end))
            } else {
                groups[groups.count - 1].body += " " + word.text
                groups[groups.count - 1].end = word.end ?? groups[groups.count - 1].end
            }
        }
        for (index, group) in groups.enumerated() {
            let next = index + 1 < groups.count ? groups[index + 1].start : end
            let groupEnd = min(max(group.end ?? next, group.start), max(end, group.start))
            json.beginObject()
            if let speaker = cue.speaker {
                json.key("speaker")
                json.string(speaker)
            }
            json.key("startTime")
            json.number(DecimalSeconds.string(group.start.milliseconds))
            json.key("endTime")
            json.number(DecimalSeconds.string(groupEnd.milliseconds))
            json.key("body")
            json.string(group.body)
            if index == 0 {
                for field in cue.extras[.transcript] ?? Fields() {
                    json.key(field.key)
                    json.fieldValue(field.value)
                }
            }
            json.endObject()
        }
    }

    /// The name of a voice span that opens the cue.
    private func leadingVoice(_ spans: [Span]) -> String? {
        guard case .element(let element)? = spans.first, case .voice(let name) = element.kind, !name.isEmpty else { return nil }
        return name
    }

    /// Whether the only markup is one voice span around the whole cue.
    private func isOnlyVoice(_ spans: [Span]) -> Bool {
        guard spans.count == 1, case .element(let element) = spans[0], case .voice = element.kind,
              element.classes.isEmpty else { return false }
        return !element.children.hasMarkup
    }
}
