/// How a transcript line entry maps to a cue and back.
///
/// The model holds the text, start and speaker. What it cannot hold is kept
/// in the cue's episode extras, and only when needed: the entry's key order
/// when it is not `line, sec, time, who`, each other key, and the raw `line`,
/// `sec`, `time` or `who` when writing the model's value would not give the
/// same YAML value back (an unquoted time, `who: 'Alexey:'`). Raw times are
/// written back only while the cue keeps the start they gave; a moved cue
/// gets `sec` from the model and a `time` in its source's style.
enum EpisodeLineTemplate {
    static let modelKeys: Set<String> = ["line", "sec", "time", "who"]

    /// A speaker name from a raw `who`: trimmed, without a trailing colon; nil
    /// when empty or when it reads as a sentence rather than a name.
    static func speakerName(_ raw: String) -> String? {
        isPlainName(raw) ? raw : speakerNameByCharacters(raw)
    }

    /// Whether `raw` is a name as `speakerName` gives it back unchanged:
    /// printable ASCII, at most 40 characters and 5 words, no space at
    /// either end, not ending in a colon or a sentence's end. Its bytes are
    /// its characters, so this needs no grapheme breaking.
    static func isPlainName(_ raw: String) -> Bool {
        var words = 0
        var count = 0
        var previous: UInt8 = 0x20
        for byte in raw.utf8 {
            guard byte >= 0x20, byte < 0x7F else { return false }
            if byte != 0x20 && previous == 0x20 { words += 1 }
            previous = byte
            count += 1
        }
        let last = raw.utf8.last ?? 0x20
        return count <= 40 && (1...5).contains(words) && raw.utf8.first != 0x20
            && last != 0x20 && last != UInt8(ascii: ":") && last != UInt8(ascii: ".") && last != UInt8(ascii: "?")
            && last != UInt8(ascii: "!")
    }

    /// `speakerName` for any text, character by character.
    static func speakerNameByCharacters(_ raw: String) -> String? {
        var name = Substring(raw).trimmingWhitespace()
        while name.hasSuffix(":") { name = name.dropLast().trimmingWhitespace() }
        guard !name.isEmpty else { return nil }
        // Names in real transcripts are a few words; text pasted into `who`
        // is longer or ends a sentence.
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
        if name.count > 40 || words > 5 { return nil }
        if let last = name.last, ".?!…".contains(last) { return nil }
        return String(name)
    }

    /// The keys the writer uses for a cue without a stored order.
    static func defaultKeys(for cue: Cue) -> [String] {
        var keys = ["line"]
        if cue.start != nil { keys += ["sec", "time"] }
        if cue.speaker != nil { keys.append("who") }
        return keys
    }

    /// Whether `fields` has the keys of `defaultKeys(for: cue)`, in that
    /// order (without building either list: the reader asks for every line).
    static func hasDefaultKeys(_ fields: Fields, for cue: Cue) -> Bool {
        let count = 1 + (cue.start != nil ? 2 : 0) + (cue.speaker != nil ? 1 : 0)
        guard fields.count == count, fields[0].key == "line" else { return false }
        var index = 1
        if cue.start != nil {
            guard fields[1].key == "sec", fields[2].key == "time" else { return false }
            index = 3
        }
        return cue.speaker == nil || fields[index].key == "who"
    }

    /// The value the writer would give `key` from the model alone.
    static func modelValue(_ key: String, of cue: Cue) -> FieldValue? {
        switch key {
        case "line": return .string(cue.plainText)
        case "sec": return cue.start.map(EpisodeTime.secondsValue)
        case "time": return cue.start.map(EpisodeTime.clockValue)
        case "who": return cue.speaker.map(FieldValue.string)
        default: return nil
        }
    }

    /// The extras to keep for a cue read from `fields`; nil when the model
    /// alone writes the entry back.
    ///
    /// A raw `time` kept that does not say the cue's start (it disagrees
    /// with `sec`, or is no clock time) keeps `sec` with it, even when the
    /// model writes `sec` alike: the writer compares the start the raw
    /// values give with the cue's to tell whether it has moved since.
    static func extras(for cue: Cue, fields: Fields) -> Fields? {
        var extras = Fields()
        if !hasDefaultKeys(fields, for: cue) {
            extras.append(EpisodeExtras.keys, .list(fields.map { FieldValue.string($0.key) }))
        }
        var keepsSec = false
        if let start = cue.start, let time = fields["time"], fields["sec"] != nil,
           modelValue("time", of: cue) != time, !EpisodeTime.clock(time, says: start) {
            keepsSec = true
        }
        for field in fields where modelValue(field.key, of: cue) != field.value || (keepsSec && field.key == "sec") {
            extras.append(field.key, field.value)
        }
        return extras.isEmpty ? nil : extras
    }

    /// Whether the raw `sec` and `time` in `extras` still give `cue` its
    /// start, so that they are written back as they are. A raw `sec` that
    /// is a number says the start it gave; else a raw `time` that is a clock
    /// time, to the second (`extras(for:fields:)` keeps `sec` beside a `time`
    /// that never said the start). With neither, no raw value gave a start
    /// that could have moved.
    static func rawTimesHold(_ extras: Fields, for cue: Cue) -> Bool {
        if let text = extras["sec"]?.text, let seconds = EpisodeTime.parseSeconds(text) {
            return seconds == cue.start
        }
        if let time = extras["time"], let text = time.text, EpisodeTime.parseClock(text) != nil {
            guard let start = cue.start else { return false }
            return EpisodeTime.clock(time, says: start)
        }
        return true
    }

    /// The entry to write for `cue`.
    static func fields(for cue: Cue) -> Fields {
        let extras = cue.extras[.episode] ?? Fields()
        var keys: [String]
        if case .list(let stored)? = extras[EpisodeExtras.keys] {
            keys = stored.compactMap(\.text)
        } else {
            keys = defaultKeys(for: cue)
        }
        let rawTimesHold = Self.rawTimesHold(extras, for: cue)

        var fields = Fields()
        func value(for key: String) -> FieldValue? {
            let raw = extras[key]
            switch key {
            case "line":
                if let raw, raw.text == cue.plainText { return raw }
                return modelValue(key, of: cue)
            case "who":
                if let raw, let text = raw.text, speakerName(text) == cue.speaker { return raw }
                return modelValue(key, of: cue)
            case "sec", "time":
                if rawTimesHold, let raw { return raw }
                // A `time` that still says the moved start, to the second.
                if key == "time", let raw, let start = cue.start, EpisodeTime.clock(raw, says: start) { return raw }
                // Moved (shifted or scaled): the new start, a `time` in the
                // style its source had.
                if key == "time", let raw, let start = cue.start,
                   let restyled = EpisodeTime.clockValue(start, styledAs: raw) {
                    return restyled
                }
                // A quoted `sec` stays quoted.
                if key == "sec", case .string? = raw, let seconds = modelValue(key, of: cue)?.text {
                    return .string(seconds)
                }
                return modelValue(key, of: cue)
            default:
                return raw
            }
        }
        for key in keys {
            if let value = value(for: key) { fields.append(key, value) }
        }
        // Values the source entry had no key for (a time or speaker added since).
        var added: [String] = []
        if cue.start != nil && !keys.contains("sec") && !keys.contains("time") { added += ["sec", "time"] }
        if cue.speaker != nil && !keys.contains("who") { added.append("who") }
        for key in added {
            if let value = value(for: key) { fields.append(key, value) }
        }
        return fields
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
