/// Writes an episode page: front matter with the metadata in order and the
/// transcript where it stood, then the markdown body.
///
/// Cues become `- line:` entries with `sec`, `time` and `who`; chapters become
/// `- header:` entries before their first cue. Untimed lines stay untimed.
/// End times, cue ids, settings and styling have no place in the format and
/// are reported when present.
public struct EpisodeWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let extras = timeline.extras[.episode] ?? Fields()
        var emitter = YAMLEmitter(capacity: 256 + timeline.cues.count * 200)
        if case .string(let preamble)? = extras[EpisodeExtras.preamble] { emitter.appendRaw(preamble) }
        emitter.appendRaw("---\n")

        let hasTranscript = !timeline.cues.isEmpty || !timeline.chapters.isEmpty
            || extras[EpisodeExtras.transcriptIndex] != nil
        let transcriptIndex = extras[EpisodeExtras.transcriptIndex]?.text.flatMap { Int($0) }
            ?? timeline.metadata.count
        for (index, field) in timeline.metadata.enumerated() {
            if hasTranscript && index == transcriptIndex { writeTranscript(timeline, extras: extras, to: &emitter) }
            emitter.writeEntry(key: field.key, value: field.value, indent: 0)
        }
        if hasTranscript && transcriptIndex >= timeline.metadata.count {
            writeTranscript(timeline, extras: extras, to: &emitter)
        }

        let closing = extras[EpisodeExtras.closingDelimiter]?.text ?? "---"
        emitter.appendRaw(closing + "\n")
        if let body = extras[EpisodeExtras.body]?.text { emitter.appendRaw(body) }
        reportLosses(timeline, diagnostics: &diagnostics)
        return emitter.bytes
    }

    private func writeTranscript(_ timeline: Timeline, extras: Fields, to emitter: inout YAMLEmitter) {
        if timeline.cues.isEmpty, timeline.chapters.isEmpty, let raw = extras[EpisodeExtras.transcriptValue] {
            emitter.writeEntry(key: "transcript", value: raw, indent: 0)
            return
        }
        emitter.appendRaw("transcript:")
        if timeline.cues.isEmpty && timeline.chapters.isEmpty {
            emitter.appendRaw(" []\n")
            return
        }
        emitter.appendRaw("\n")
        let headersBefore = headerPositions(timeline)
        for index in 0...timeline.cues.count {
            for chapterIndex in headersBefore[index] {
                emitter.writeMapItem(headerFields(timeline.chapters[chapterIndex]), indent: 0)
            }
            if index < timeline.cues.count {
                emitter.writeMapItem(EpisodeLineTemplate.fields(for: timeline.cues[index]), indent: 0)
            }
        }
    }

    /// For each cue position (and one past the last), the chapters written as
    /// headers before it. Chapters a quotable clip already carries, and that
    /// the source did not place in the transcript, are not repeated.
    private func headerPositions(_ timeline: Timeline) -> [[Int]] {
        var positions = [[Int]](repeating: [], count: timeline.cues.count + 1)
        let clips = clipChapters(timeline)
        for (chapterIndex, chapter) in timeline.chapters.enumerated() {
            if let cueIndex = chapter.cueIndex {
                positions[min(max(0, cueIndex), timeline.cues.count)].append(chapterIndex)
                continue
            }
            if clips.contains(where: { $0.title == chapter.title && $0.start == chapter.start }) { continue }
            let start = chapter.start ?? .zero
            let position = timeline.cues.firstIndex { ($0.start ?? .zero) >= start } ?? timeline.cues.count
            positions[position].append(chapterIndex)
        }
        return positions
    }

    private func clipChapters(_ timeline: Timeline) -> [Chapter] {
        guard case .list(let clips)? = timeline.metadata["quotableClips"] else { return [] }
        return clips.compactMap(QuotableClip.init).map(\.chapter)
    }

    private func headerFields(_ chapter: Chapter) -> Fields {
        let title = chapter.title ?? ""
        let extras = chapter.extras[.episode] ?? Fields()
        var keys = ["header"]
        if case .list(let stored)? = extras[EpisodeExtras.keys] { keys = stored.compactMap(\.text) }
        var fields = Fields()
        for key in keys {
            if key == "header" {
                if let raw = extras["header"], raw.text == title { fields.append(key, raw) } else { fields.append(key, .string(title)) }
            } else if let raw = extras[key] {
                fields.append(key, raw)
            }
        }
        if !keys.contains("header") { fields.entries.insert(Field("header", .string(title)), at: 0) }
        return fields
    }

    private func reportLosses(_ timeline: Timeline, diagnostics: inout Diagnostics) {
        var ends = 0, ids = 0, styled = 0, settings = 0
        for cue in timeline.cues {
            if cue.end != nil { ends += 1 }
            if cue.id != nil { ids += 1 }
            if cue.text.hasMarkup { styled += 1 }
            if !cue.settings.isEmpty { settings += 1 }
        }
        func lost(_ count: Int, _ what: String, _ code: String) {
            guard count > 0 else { return }
            diagnostics.report(.warning("episode.lossy-\(code)", "\(count) cue(s) have \(what), which episode files cannot hold; not written", format: .episode))
        }
        lost(ends, "end times", "end")
        lost(ids, "identifiers", "id")
        lost(styled, "styling or inline timestamps", "styling")
        lost(settings, "position settings", "settings")
        let clips = clipChapters(timeline)
        let timedChapters = timeline.chapters.filter { chapter in
            (chapter.cueIndex == nil || chapter.url != nil || chapter.image != nil)
                && !clips.contains { $0.title == chapter.title && $0.start == chapter.start }
        }
        if !timedChapters.isEmpty {
            diagnostics.report(.warning(
                "episode.lossy-chapters",
                "\(timedChapters.count) chapter(s) have times, links or images that episode headers cannot hold; written as headers before their first line",
                format: .episode))
        }
    }
}
