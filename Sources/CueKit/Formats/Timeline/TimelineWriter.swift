/// Writes the timeline exactly as the reader produced it, before inference:
/// times as integer milliseconds or null, every field and extra. Several
/// timelines (a feed's items) are one document whose `timelines` array holds
/// an object for each, read back as they were.
public struct TimelineWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { false }

    public var writesManyTimelines: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key(TimelineDocument.markerKey)
        json.number(Int64(TimelineDocument.version))
        members(timeline, &json)
        json.endObject()
        json.finish()
        return json.bytes
    }

    public func writeAll(
        _ timelines: [Timeline], options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        if timelines.count == 1 { return try write(timelines[0], options: options, diagnostics: &diagnostics) }
        var json = JSONWriter()
        json.beginObject()
        json.key(TimelineDocument.markerKey)
        json.number(Int64(TimelineDocument.version))
        json.key(TimelineDocument.timelinesKey)
        json.beginArray()
        for timeline in timelines {
            json.beginObject()
            members(timeline, &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.finish()
        return json.bytes
    }

    /// The members of one timeline's object.
    private func members(_ timeline: Timeline, _ json: inout JSONWriter) {
        json.key("duration")
        time(timeline.duration, &json)
        json.key("metadata")
        fields(timeline.metadata, &json)
        if !timeline.extras.isEmpty {
            json.key("extras")
            extras(timeline.extras, &json)
        }
        json.key("cues")
        json.beginArray()
        for cue in timeline.cues { self.cue(cue, &json) }
        json.endArray()
        json.key("chapters")
        json.beginArray()
        for chapter in timeline.chapters { self.chapter(chapter, &json) }
        json.endArray()
    }

    private func cue(_ cue: Cue, _ json: inout JSONWriter) {
        json.beginObject()
        json.key("id")
        optional(cue.id, &json)
        json.key("start")
        time(cue.start, &json)
        json.key("end")
        time(cue.end, &json)
        json.key("speaker")
        optional(cue.speaker, &json)
        json.key("text")
        json.string(cue.plainText)
        if cue.text.hasMarkup {
            json.key("spans")
            spans(cue.text, &json)
        }
        if !cue.settings.isEmpty {
            json.key("settings")
            fields(Fields(cue.settings), &json)
        }
        if !cue.extras.isEmpty {
            json.key("extras")
            extras(cue.extras, &json)
        }
        json.endObject()
    }

    private func chapter(_ chapter: Chapter, _ json: inout JSONWriter) {
        json.beginObject()
        json.key("start")
        time(chapter.start, &json)
        json.key("end")
        time(chapter.end, &json)
        json.key("title")
        optional(chapter.title, &json)
        if let url = chapter.url {
            json.key("url")
            json.string(url)
        }
        if let image = chapter.image {
            json.key("image")
            json.string(image)
        }
        json.key("toc")
        json.bool(chapter.isInTableOfContents)
        if let cueIndex = chapter.cueIndex {
            json.key("cueIndex")
            json.number(Int64(cueIndex))
        }
        if !chapter.extras.isEmpty {
            json.key("extras")
            extras(chapter.extras, &json)
        }
        json.endObject()
    }

    private func spans(_ spans: [Span], _ json: inout JSONWriter) {
        json.beginArray()
        for span in spans {
            switch span {
            case .text(let text): json.string(text)
            case .lineBreak: json.string("\n")
            case .timestamp(let time):
                json.beginObject()
                json.key("timestamp")
                json.number(time.milliseconds)
                json.endObject()
            case .element(let element):
                json.beginObject()
                json.key("span")
                switch element.kind {
                case .italic: json.string("italic")
                case .bold: json.string("bold")
                case .underline: json.string("underline")
                case .class: json.string("class")
                case .ruby: json.string("ruby")
                case .rubyText: json.string("rubyText")
                case .voice(let name):
                    json.string("voice")
                    json.key("name")
                    json.string(name)
                case .language(let tag):
                    json.string("language")
                    json.key("tag")
                    json.string(tag)
                }
                if !element.classes.isEmpty {
                    json.key("classes")
                    json.beginArray()
                    for name in element.classes { json.string(name) }
                    json.endArray()
                }
                json.key("children")
                self.spans(element.children, &json)
                json.endObject()
            }
        }
        json.endArray()
    }

    private func extras(_ extras: FormatExtras, _ json: inout JSONWriter) {
        json.beginObject()
        for format in extras.formats {
            json.key(format.rawValue)
            fields(extras[format]!, &json)
        }
        json.endObject()
    }

    private func fields(_ fields: Fields, _ json: inout JSONWriter) {
        json.beginObject()
        for field in fields {
            json.key(field.key)
            value(field.value, &json)
        }
        json.endObject()
    }

    /// Strings as strings; scalars as JSON literals when they are one, else as
    /// `{"$plain": text}`.
    private func value(_ value: FieldValue, _ json: inout JSONWriter) {
        switch value {
        case .string(let text): json.string(text)
        case .scalar(let text):
            switch text {
            case "true": json.bool(true)
            case "false": json.bool(false)
            case "null": json.null()
            default:
                if TimelineWriter.isJSONNumber(text) {
                    json.number(text)
                } else {
                    json.beginObject()
                    json.key(TimelineReader.plainKey)
                    json.string(text)
                    json.endObject()
                }
            }
        case .list(let items):
            json.beginArray()
            for item in items { self.value(item, &json) }
            json.endArray()
        case .map(let fields): self.fields(fields, &json)
        }
    }

    private func time(_ time: Timestamp?, _ json: inout JSONWriter) {
        if let time { json.number(time.milliseconds) } else { json.null() }
    }

    private func optional(_ text: String?, _ json: inout JSONWriter) {
        if let text { json.string(text) } else { json.null() }
    }

    /// Whether `text` is a number exactly as JSON writes one.
    static func isJSONNumber(_ text: String) -> Bool {
        guard let value = try? JSONParser.parse(Array(text.utf8), name: nil, format: nil),
              case .number(let written) = value.kind else { return false }
        return written == text
    }
}
