/// Reads timeline JSON back into exactly the timeline that was written.
public struct TimelineReader: FormatReader {
    /// The key that marks a scalar that is not a JSON literal.
    static let plainKey = "$plain"

    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try readAll(source, options: options, diagnostics: &diagnostics).first ?? Timeline()
    }

    /// Every timeline of the document: one, or those of its `timelines` array.
    public func readAll(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [Timeline] {
        let root = try JSONParser.parse(source.bytes, name: source.name, format: .timeline)
        let reader = Decoder(source: source)
        guard case .object = root.kind else { throw reader.mismatch(root, expected: "a timeline object") }
        guard let many = root[TimelineDocument.timelinesKey] else { return [try timeline(root, reader)] }
        var timelines: [Timeline] = []
        for item in try reader.array(many) {
            guard case .object = item.kind else { throw reader.mismatch(item, expected: "a timeline object") }
            timelines.append(try timeline(item, reader))
        }
        return timelines
    }

    private func timeline(_ root: JSONValue, _ reader: Decoder) throws(Diagnostic) -> Timeline {
        var timeline = Timeline()
        timeline.duration = try reader.time(root["duration"])
        if let metadata = root["metadata"] { timeline.metadata = try reader.fields(metadata) }
        if let extras = root["extras"] { timeline.extras = try reader.extras(extras) }
        if let cues = root["cues"] {
            for item in try reader.array(cues) { timeline.cues.append(try reader.cue(item)) }
        }
        if let chapters = root["chapters"] {
            for item in try reader.array(chapters) { timeline.chapters.append(try reader.chapter(item)) }
        }
        return timeline
    }

    private struct Decoder {
        let source: SourceText

        func mismatch(_ value: JSONValue, expected: String) -> Diagnostic {
            .error("timeline.type", "expected \(expected), found \(value.typeDescription)",
                   at: source.location(line: value.line, column: value.column), format: .timeline)
        }

        func array(_ value: JSONValue) throws(Diagnostic) -> [JSONValue] {
            guard case .array(let items) = value.kind else { throw mismatch(value, expected: "an array") }
            return items
        }

        func string(_ value: JSONValue?) throws(Diagnostic) -> String? {
            guard let value else { return nil }
            switch value.kind {
            case .null: return nil
            case .string(let text): return text
            default: throw mismatch(value, expected: "a string or null")
            }
        }

        func time(_ value: JSONValue?) throws(Diagnostic) -> Timestamp? {
            guard let value else { return nil }
            switch value.kind {
            case .null: return nil
            case .number(let text):
                guard let milliseconds = Int64(text) else { throw mismatch(value, expected: "whole milliseconds") }
                return Timestamp(milliseconds: milliseconds)
            default: throw mismatch(value, expected: "milliseconds or null")
            }
        }

        func cue(_ value: JSONValue) throws(Diagnostic) -> Cue {
            guard case .object = value.kind else { throw mismatch(value, expected: "a cue object") }
            var cue = Cue(text: [], location: source.location(line: value.line, column: value.column))
            cue.id = try string(value["id"])
            cue.start = try time(value["start"])
            cue.end = try time(value["end"])
            cue.speaker = try string(value["speaker"])
            if let spans = value["spans"] {
                cue.text = try self.spans(spans)
            } else {
                cue.text = Span.plain(try string(value["text"]) ?? "")
            }
            if let settings = value["settings"] { cue.settings = try fields(settings).entries }
            if let extras = value["extras"] { cue.extras = try self.extras(extras) }
            return cue
        }

        func chapter(_ value: JSONValue) throws(Diagnostic) -> Chapter {
            guard case .object = value.kind else { throw mismatch(value, expected: "a chapter object") }
            var chapter = Chapter(location: source.location(line: value.line, column: value.column))
            chapter.start = try time(value["start"])
            chapter.end = try time(value["end"])
            chapter.title = try string(value["title"])
            chapter.url = try string(value["url"])
            chapter.image = try string(value["image"])
            if let toc = value["toc"] {
                guard case .bool(let flag) = toc.kind else { throw mismatch(toc, expected: "true or false") }
                chapter.isInTableOfContents = flag
            }
            if let index = value["cueIndex"] {
                guard case .number(let text) = index.kind, let number = Int(text), number >= 0 else {
                    throw mismatch(index, expected: "a cue index")
                }
                chapter.cueIndex = number
            }
            if let extras = value["extras"] { chapter.extras = try self.extras(extras) }
            return chapter
        }

        func spans(_ value: JSONValue) throws(Diagnostic) -> [Span] {
            var spans: [Span] = []
            for item in try array(value) {
                switch item.kind {
                case .string(let text):
                    spans.append(contentsOf: text == "\n" ? [.lineBreak] : Span.plain(text))
                case .object:
                    if let time = item["timestamp"] {
                        guard let stamp = try self.time(time) else { throw mismatch(time, expected: "milliseconds") }
                        spans.append(.timestamp(stamp))
                        continue
                    }
                    spans.append(.element(try element(item)))
                default:
                    throw mismatch(item, expected: "text or a span object")
                }
            }
            return spans
        }

        func element(_ value: JSONValue) throws(Diagnostic) -> SpanElement {
            guard let kindValue = value["span"], let name = try string(kindValue) else {
                throw mismatch(value, expected: "a span object with a \"span\" kind")
            }
            let kind: SpanElement.Kind
            switch name {
            case "italic": kind = .italic
            case "bold": kind = .bold
            case "underline": kind = .underline
            case "class": kind = .class
            case "ruby": kind = .ruby
            case "rubyText": kind = .rubyText
            case "voice": kind = .voice(try string(value["name"]) ?? "")
            case "language": kind = .language(try string(value["tag"]) ?? "")
            default:
                throw Diagnostic.error(
                    "timeline.span-kind",
                    "expected a span kind (italic, bold, underline, class, voice, language, ruby, rubyText), found '\(name)'",
                    at: source.location(line: kindValue.line, column: kindValue.column), format: .timeline)
            }
            var classes: [String] = []
            if let list = value["classes"] {
                for item in try array(list) {
                    guard let name = try string(item) else { throw mismatch(item, expected: "a class name") }
                    classes.append(name)
                }
            }
            let children = try value["children"].map { (children) throws(Diagnostic) in try spans(children) } ?? []
            return SpanElement(kind, classes: classes, children: children)
        }

        func extras(_ value: JSONValue) throws(Diagnostic) -> FormatExtras {
            guard case .object(let members) = value.kind else { throw mismatch(value, expected: "an object of format extras") }
            var extras = FormatExtras()
            for member in members { extras[FormatID(member.key)] = try fields(member.value) }
            return extras
        }

        func fields(_ value: JSONValue) throws(Diagnostic) -> Fields {
            guard case .object(let members) = value.kind else { throw mismatch(value, expected: "an object") }
            var fields = Fields()
            for member in members { fields.append(member.key, try fieldValue(member.value)) }
            return fields
        }

        func fieldValue(_ value: JSONValue) throws(Diagnostic) -> FieldValue {
            switch value.kind {
            case .object(let members):
                if members.count == 1, members[0].key == plainKey, case .string(let text) = members[0].value.kind {
                    return .scalar(text)
                }
                return .map(try fields(value))
            case .array(let items):
                var values: [FieldValue] = []
                for item in items { values.append(try fieldValue(item)) }
                return .list(values)
            default:
                return value.fieldValue
            }
        }
    }
}
