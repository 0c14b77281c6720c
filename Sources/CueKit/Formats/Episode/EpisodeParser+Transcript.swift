import Yams

/// The transcript part of the front matter walk: `- line:` entries become
/// cues, `- header:` entries chapters, and quotable clips time the headers
/// of the same name.
extension EpisodeParser {
    mutating func readTranscript(_ node: EpisodeYAMLNode, into timeline: inout Timeline) throws(Diagnostic) {
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
        var cue = Cue(textStorage: .plain(text), settings: [], extras: FormatExtras(), location: location(entry.mark))
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
}
