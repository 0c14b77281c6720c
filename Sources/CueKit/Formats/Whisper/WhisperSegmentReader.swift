/// Reads the segments of a Whisper-family file into cues, counting what it
/// reports once at the end (see `WhisperReader`).
struct WhisperSegmentReader {
    var fields: JSONFieldReader
    let speakerNames: [String: String]

    static let segmentKeys: Set<String> = ["start", "end", "text", "words", "speaker"]
    static let wordKeys: Set<String> = ["word", "text", "start", "end", "speaker"]

    /// Words without a start, and the first of them.
    private var untimed: (count: Int, first: SourceLocation?) = (0, nil)
    /// Segments whose words' text differs from the segment's `text`.
    private var differing: (count: Int, first: SourceLocation?) = (0, nil)
    /// Words whose speaker differs from their segment's.
    private var mixedSpeakers: (count: Int, first: SourceLocation?) = (0, nil)

    init(fields: JSONFieldReader, speakerNames: [String: String]) {
        self.fields = fields
        self.speakerNames = speakerNames
    }

    // MARK: OpenAI Whisper, whisper-timestamped, WhisperX

    mutating func segments(_ items: [JSONValue], diagnostics: inout Diagnostics) throws(Diagnostic) -> [Cue] {
        var cues: [Cue] = []
        cues.reserveCapacity(items.count)
        for item in items { cues.append(try segment(item, diagnostics: &diagnostics)) }
        return cues
    }

    private mutating func segment(_ value: JSONValue, diagnostics: inout Diagnostics) throws(Diagnostic) -> Cue {
        guard let members = try fields.members(of: value, known: Self.segmentKeys, diagnostics: &diagnostics) else {
            throw .error(
                "whisper.type", "expected a segment object with \"start\", \"end\" and \"text\", found \(value.typeDescription)",
                at: fields.location(value), format: .whisper)
        }
        var cue = Cue(text: [], location: fields.location(value))
        try readTimes(&cue, start: members.known["start"], end: members.known["end"], in: value, diagnostics: &diagnostics)
        let text = try fields.string(members.known["text"], key: "text", diagnostics: &diagnostics) ?? ""
        if let speaker = try fields.string(members.known["speaker"], key: "speaker", diagnostics: &diagnostics), !speaker.isEmpty {
            cue.speaker = speakerNames[speaker] ?? speaker
        }
        var extras = Fields()
        for other in members.others { extras.append(other.key, other.value.fieldValue) }

        var words: [TimedWord] = []
        var wordExtras: [Fields] = []
        if let wordsValue = members.known["words"] {
            if case .array(let items) = wordsValue.kind {
                words.reserveCapacity(items.count)
                for item in items {
                    guard let word = try word(item, cue: &cue, diagnostics: &diagnostics) else { continue }
                    words.append(word.word)
                    wordExtras.append(word.extras)
                }
            } else if case .null = wordsValue.kind {
            } else {
                try diagnostics.repair(.warning(
                    "whisper.type", "expected \"words\" to be an array of word objects, found \(wordsValue.typeDescription); ignored",
                    at: fields.location(wordsValue), format: .whisper))
            }
        }
        if words.isEmpty {
            cue.text = Span.plain(String(Substring(text).trimmingWhitespace()))
        } else {
            checkOrder(&words, cue: cue, location: cue.location, diagnostics: &diagnostics)
            // An end the text cannot carry (before an untimed word) is kept with the word.
            for index in words.indices where words[index].end != nil && !WordTimes.hasWrittenEnd(words, index, cueEnd: cue.end) {
                let end = words[index].end!
                if end != cue.end && words.indices.contains(index + 1) && words[index + 1].start == nil {
                    wordExtras[index].append("end", .scalar(DecimalSeconds.string(end.milliseconds)))
                }
            }
            cue.text = layout(&words, text: text, cue: cue, extras: &extras)
        }
        if wordExtras.contains(where: { !$0.isEmpty }) { extras.append(WhisperExtras.words, .list(wordExtras.map { .map($0) })) }
        if !extras.isEmpty { cue.extras[.whisper] = extras }
        return cue
    }

    /// One word object; nil for a word with no text.
    private mutating func word(
        _ value: JSONValue, cue: inout Cue, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (word: TimedWord, extras: Fields)? {
        guard let members = try fields.members(of: value, known: Self.wordKeys, diagnostics: &diagnostics) else {
            try diagnostics.repair(.warning(
                "whisper.type", "expected a word object with \"word\", \"start\" and \"end\", found \(value.typeDescription); ignored",
                at: fields.location(value), format: .whisper))
            return nil
        }
        let raw = try fields.string(members.known["word"] ?? members.known["text"], key: members.known["word"] != nil ? "word" : "text", diagnostics: &diagnostics) ?? ""
        let text = String(Substring(raw).trimmingWhitespace())
        guard !text.isEmpty else { return nil }
        var word = TimedWord(text)
        if case .time(let start) = try fields.seconds(members.known["start"], key: "start", diagnostics: &diagnostics) {
            word.start = start
        }
        if case .time(let end) = try fields.seconds(members.known["end"], key: "end", diagnostics: &diagnostics) {
            word.end = end
        }
        var extras = Fields()
        if word.start == nil {
            untimed.count += 1
            if untimed.first == nil { untimed.first = fields.location(value) }
            if let end = word.end {
                // An end without a start: kept in the extras, not as a time.
                extras.append("end", .scalar(DecimalSeconds.string(end.milliseconds)))
                word.end = nil
            }
        }
        if let speaker = try fields.string(members.known["speaker"], key: "speaker", diagnostics: &diagnostics), !speaker.isEmpty {
            let name = speakerNames[speaker] ?? speaker
            if cue.speaker == nil { cue.speaker = name }
            if name != cue.speaker {
                extras.append("speaker", .string(name))
                mixedSpeakers.count += 1
                if mixedSpeakers.first == nil { mixedSpeakers.first = fields.location(value) }
            }
        }
        for other in members.others { extras.append(other.key, other.value.fieldValue) }
        return (word, extras)
    }

    /// Leaves untimed, with a repair, a word whose start is outside its
    /// segment or before the word above it; drops an end before its start
    /// or after the segment's end.
    private mutating func checkOrder(_ words: inout [TimedWord], cue: Cue, location: SourceLocation?, diagnostics: inout Diagnostics) {
        var latest = cue.start
        for index in words.indices {
            guard let start = words[index].start else { continue }
            let outside = (cue.start.map { start < $0 } ?? false) || (cue.end.map { start > $0 } ?? false)
            let backwards = latest.map { start < $0 } ?? false
            if outside || backwards {
                words[index].start = nil
                words[index].end = nil
                misplaced.count += 1
                if misplaced.first == nil { misplaced.first = location }
                continue
            }
            if let end = words[index].end, end < start || (cue.end.map { end > $0 } ?? false) {
                words[index].end = nil
                misplaced.count += 1
                if misplaced.first == nil { misplaced.first = location }
            }
            latest = words[index].end ?? start
        }
    }

    /// The cue text: the words as the segment's text has them, with their times.
    private mutating func layout(_ words: inout [TimedWord], text: String, cue: Cue, extras: inout Fields) -> [Span] {
        let layout = WhisperWordText.layout(words.map(\.text), text: text)
        if layout.matches {
            for index in words.indices { words[index].text = layout.texts[index] }
        } else {
            differing.count += 1
            if differing.first == nil { differing.first = cue.location }
            extras.append(WhisperExtras.text, .string(text))
        }
        return WordTimes.spans(words, separators: layout.separators, cueStart: cue.start, cueEnd: cue.end)
    }

    /// Word times outside their segment or out of order.
    private var misplaced: (count: Int, first: SourceLocation?) = (0, nil)

    // MARK: whisper.cpp

    static let entryKeys: Set<String> = ["offsets", "timestamps", "text", "tokens", "speaker"]

    mutating func transcription(_ items: [JSONValue], diagnostics: inout Diagnostics) throws(Diagnostic) -> [Cue] {
        var cues: [Cue] = []
        cues.reserveCapacity(items.count)
        for item in items {
            guard let members = try fields.members(of: item, known: Self.entryKeys, diagnostics: &diagnostics) else {
                throw .error(
                    "whisper.type", "expected a transcription entry object with \"offsets\" and \"text\", found \(item.typeDescription)",
                    at: fields.location(item), format: .whisper)
            }
            var cue = Cue(text: [], location: fields.location(item))
            let offsets = members.known["offsets"]
            cue.start = try milliseconds(offsets?["from"], key: "from", diagnostics: &diagnostics)
            cue.end = try milliseconds(offsets?["to"], key: "to", diagnostics: &diagnostics)
            if offsets == nil {
                cue.start = WhisperCppTime.parse(members.known["timestamps"]?["from"]?.string)
                cue.end = WhisperCppTime.parse(members.known["timestamps"]?["to"]?.string)
            }
            if cue.start == nil {
                try diagnostics.repair(.warning(
                    "whisper.no-start", "expected \"offsets\" with \"from\" and \"to\" in milliseconds, found none; the segment's time will be inferred",
                    at: fields.location(item), format: .whisper))
            }
            if let start = cue.start, let end = cue.end, end < start {
                try diagnostics.repair(.warning(
                    "whisper.end-before-start", "expected the end \(end.milliseconds) ms at or after the start \(start.milliseconds) ms, found it before; ignored",
                    at: fields.location(item), format: .whisper))
                cue.end = nil
            }
            let text = try fields.string(members.known["text"], key: "text", diagnostics: &diagnostics) ?? ""
            if let speaker = try fields.string(members.known["speaker"], key: "speaker", diagnostics: &diagnostics), !speaker.isEmpty {
                cue.speaker = speakerNames[speaker] ?? speaker
            }
            var words: [TimedWord] = []
            if case .array(let tokens)? = members.known["tokens"]?.kind {
                words = WhisperCppTokens.words(tokens)
            }
            var extras = Fields()
            if let tokens = members.known["tokens"] { extras.append("tokens", tokens.fieldValue) }
            for other in members.others { extras.append(other.key, other.value.fieldValue) }
            if words.isEmpty {
                cue.text = Span.plain(String(Substring(text).trimmingWhitespace()))
            } else {
                checkOrder(&words, cue: cue, location: cue.location, diagnostics: &diagnostics)
                cue.text = layout(&words, text: text, cue: cue, extras: &extras)
            }
            if !extras.isEmpty { cue.extras[.whisper] = extras }
            cues.append(cue)
        }
        return cues
    }

    /// Whole milliseconds from a JSON number.
    private mutating func milliseconds(_ value: JSONValue?, key: String, diagnostics: inout Diagnostics) throws(Diagnostic) -> Timestamp? {
        guard let value else { return nil }
        if case .number(let text) = value.kind, let milliseconds = Int64(text), milliseconds >= 0 {
            return Timestamp(milliseconds: milliseconds)
        }
        try diagnostics.repair(.warning(
            "whisper.bad-time", "expected \"\(key)\" to be whole milliseconds (0 or more), found \(fields.describe(value)); ignored",
            at: fields.location(value), format: .whisper))
        return nil
    }

    // MARK: Times and reports

    private mutating func readTimes(
        _ cue: inout Cue, start: JSONValue?, end: JSONValue?, in segment: JSONValue, diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        switch try fields.seconds(start, key: "start", diagnostics: &diagnostics) {
        case .time(let time): cue.start = time
        case .absent:
            try diagnostics.repair(.warning(
                "whisper.no-start", "expected a \"start\" in every segment, found none; the segment's time will be inferred",
                at: fields.location(segment), format: .whisper))
        case .invalid: break
        }
        if case .time(let time) = try fields.seconds(end, key: "end", diagnostics: &diagnostics) {
            if let start = cue.start, time < start {
                try diagnostics.repair(.warning(
                    "whisper.end-before-start",
                    "expected \"end\" at or after the start \(DecimalSeconds.string(start.milliseconds)), found \(DecimalSeconds.string(time.milliseconds)); ignored",
                    at: fields.location(end!), format: .whisper))
            } else {
                cue.end = time
            }
        }
    }

    /// Reports what was counted; call once after reading.
    func report(diagnostics: inout Diagnostics) throws(Diagnostic) {
        if untimed.count > 0 {
            diagnostics.report(.warning(
                "whisper.untimed-word",
                "\(untimed.count) word(s) have no start time (the aligner could not place them); kept untimed between the words around them, first here",
                at: untimed.first, format: .whisper))
        }
        if misplaced.count > 0 {
            try diagnostics.repair(.warning(
                "whisper.word-time",
                "\(misplaced.count) word time(s) fall outside their segment or before the word above them; those words are kept untimed, first in this segment",
                at: misplaced.first, format: .whisper))
        }
        if differing.count > 0 {
            diagnostics.report(.warning(
                "whisper.words-differ",
                "\(differing.count) segment(s) have a \"text\" that differs from their words; the cue text is made of the words and the segment's text is kept with the cue, first here",
                at: differing.first, format: .whisper))
        }
        if mixedSpeakers.count > 0 {
            diagnostics.report(.note(
                "whisper.mixed-speakers",
                "\(mixedSpeakers.count) word(s) have a speaker other than their segment's; the segment's speaker is the cue's, the word's is kept with the cue, first here",
                at: mixedSpeakers.first, format: .whisper))
        }
    }
}
