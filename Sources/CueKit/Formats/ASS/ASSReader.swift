/// Reads ASS and SSA scripts line by line, in one pass over the UTF-8 bytes.
///
/// - The first line that is not blank must be a section header, which
///   should be `[Script Info]` (another is read, with a repair warning).
///   Section names are read in any case; any line that starts with `[` and
///   ends with `]` starts a section, except inside `[Fonts]` and
///   `[Graphics]`, whose encoded lines may look like one: there only the
///   known section names do.
/// - `[Script Info]`: `Key: value` lines and `;` comments, all kept as
///   written; `Title` is the metadata `title`, `WrapStyle: 2` makes `\n` a
///   line break.
/// - `[V4+ Styles]` and `[V4 Styles]` (SSA alignment numbers): `Format:`
///   names the fields of the `Style:` lines, in any order; a style's
///   alignment gives the position of the cues of that style (see
///   `ASSStyle`). The section is kept as written.
/// - `[Events]`: `Format:` names the fields (`Start`, `End` and `Text`
///   needed; `Text` takes the rest of the line, commas included). Each
///   `Dialogue:` is a cue: the times (see `ASSTime`), `Name` as speaker,
///   the text (see `ASSText`), the other fields in the extras (see
///   `ASSExtras`). `Comment:` and the other event lines are kept as
///   written, in place, for ASS only. Events may be in any order and
///   overlap, as in ASS.
/// - Other sections (`[Fonts]`, `[Graphics]`, `[Aegisub Project Garbage]`)
///   are kept as written.
///
/// Repairs (warnings, errors under `strict`): a line that is not of its
/// section's form (kept as written), a `Style:` or event line before any
/// `Format:` (read with the format's usual fields), a style or event line
/// with fewer fields than its `Format:` names, an event whose time cannot
/// be read (kept as written, not shown), a fraction of other than two
/// digits. Errors: no section header at the start, a `Format:` line in
/// `[Events]` without `Start`, `End` or `Text`.
public struct ASSReader: FormatReader, InPlaceReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try source.input.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            var parser = ASSParser(bytes: buffer, source: source, diagnostics: diagnostics)
            defer { diagnostics = parser.diagnostics }
            return try parser.parse()
        }
    }
}

/// The state of one read.
struct ASSParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: SourceText
    var diagnostics: Diagnostics

    enum Section: Equatable {
        case scriptInfo
        case styles(ssa: Bool)
        case events
        /// A section kept as written; `encoded` for `[Fonts]` and `[Graphics]`.
        case other(encoded: Bool)
    }

    var section: Section?
    /// The lines of the section being read, when it is kept as written.
    var sectionLines: [String] = []
    var scriptInfo: [String] = []
    var sections: [FieldValue] = []
    var trailingSections: [FieldValue] = []
    var metadata = Fields()
    var wrapStyle2 = false
    var isSSA = false
    var styles: [String: ASSStyle] = [:]
    var styleLayout: ASSLayout?
    var eventLayout: ASSLayout?
    /// Where the `Format:` line puts the fields every event needs.
    var eventFields: (start: Int, end: Int, text: Int, style: Int?, name: Int?)?
    /// The extras key of each field of the `Format:` line (see `ASSExtras.fieldKeys`).
    var eventKeys: [String] = []
    /// What each field of the `Format:` line holds when it has no value.
    var eventDefaults: [ASSFieldDefault] = []
    /// The alignment each style name of the events gives (see
    /// `ASSStyle.lookup`), looked up once a name; emptied when a style is read.
    var styleAlignments: [String: Int] = [:]
    var eventFormat: String?
    var pendingEvents: [FieldValue] = []
    var cues: [Cue] = []
    var seenEvents = false

    init(bytes: UnsafeBufferPointer<UInt8>, source: SourceText, diagnostics: Diagnostics) {
        self.bytes = bytes
        self.source = source
        self.diagnostics = diagnostics
    }

    func location(_ line: TextLine, at offset: Int? = nil) -> SourceLocation {
        let column = offset.map { bytes.scalarColumn(ofByte: $0, lineStart: line.start) } ?? 1
        return source.location(line: line.number, column: column)
    }

    func text(_ line: TextLine) -> String { bytes.utf8String(line.start, line.end) }

    /// At most 60 characters of `text`, for messages.
    static func excerpt(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    mutating func parse() throws(Diagnostic) -> Timeline {
        var lines = TextLines(bytes)
        while let line = lines.next() {
            let first = firstNonBlank(line)
            if first == line.end {
                // Blank lines are kept inside sections kept as written.
                if case .other? = section { sectionLines.append("") }
                continue
            }
            if let name = header(line, from: first) {
                try open(name, line: line)
                continue
            }
            guard let section else {
                throw .error(
                    "ass.no-script-info",
                    "expected '[Script Info]' at the start of an ASS script, found '\(Self.excerpt(text(line)))'",
                    at: location(line), format: .ass)
            }
            switch section {
            case .scriptInfo: try scriptInfoLine(line)
            case .styles(let ssa): try styleLine(line, ssa: ssa)
            case .events: try eventLine(line)
            case .other: sectionLines.append(text(line))
            }
        }
        guard section != nil else {
            throw .error(
                "ass.no-script-info", "expected '[Script Info]' at the start of an ASS script, found nothing",
                at: source.location(line: 1), format: .ass)
        }
        closeSection()
        return timeline()
    }

    private func firstNonBlank(_ line: TextLine) -> Int {
        var index = line.start
        while index < line.end && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
        return index
    }

    /// The section name of a header line, lower case, brackets included.
    private func header(_ line: TextLine, from first: Int) -> String? {
        guard bytes[first] == UInt8(ascii: "[") else { return nil }
        var last = line.end
        while last > first && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
        guard bytes[last - 1] == UInt8(ascii: "]") else { return nil }
        let name = bytes.utf8String(first, last).lowercased()
        if case .other(encoded: true)? = section, !Self.knownSections.contains(name) { return nil }
        return name
    }

    static let knownSections: Set<String> = [
        "[script info]", "[v4+ styles]", "[v4 styles]", "[events]", "[fonts]", "[graphics]",
    ]

    private mutating func open(_ name: String, line: TextLine) throws(Diagnostic) {
        if section == nil && name != "[script info]" {
            try diagnostics.repair(.warning(
                "ass.script-info-first",
                "expected '[Script Info]' as the first section, found '\(text(line).trimmingBlanks())'; read on",
                at: location(line), format: .ass))
        }
        closeSection()
        switch name {
        case "[script info]":
            section = .scriptInfo
        case "[v4+ styles]", "[v4 styles]":
            let ssa = name == "[v4 styles]"
            if ssa { isSSA = true }
            section = .styles(ssa: ssa)
            styleLayout = nil
            sectionLines = [text(line).trimmingBlanks()]
        case "[events]":
            section = .events
            seenEvents = true
        default:
            section = .other(encoded: name == "[fonts]" || name == "[graphics]")
            sectionLines = [text(line).trimmingBlanks()]
        }
    }

    private mutating func closeSection() {
        switch section {
        case .styles?, .other?:
            while sectionLines.last == "" { sectionLines.removeLast() }
            let kept = FieldValue.string(sectionLines.joined(separator: "\n"))
            if seenEvents { trailingSections.append(kept) } else { sections.append(kept) }
        case .scriptInfo?, .events?, nil:
            break
        }
        sectionLines = []
    }

    private mutating func scriptInfoLine(_ line: TextLine) throws(Diagnostic) {
        let written = text(line)
        scriptInfo.append(written)
        let first = bytes[firstNonBlank(line)]
        if first == UInt8(ascii: ";") || first == UInt8(ascii: "!") { return }
        guard let (key, valueStart) = ASSLine.split(bytes, line) else {
            try diagnostics.repair(.warning(
                "ass.unknown-line",
                "expected 'Key: value' or a ';' comment in [Script Info], found '\(Self.excerpt(written))'; kept as written for ASS",
                at: location(line), format: .ass))
            return
        }
        let value = bytes.utf8String(valueStart, line.end).trimmingBlanks()
        switch key.lowercased() {
        case "title": if !value.isEmpty { metadata["title"] = .string(value) }
        case "wrapstyle": wrapStyle2 = value == "2"
        case "scripttype": isSSA = value.lowercased() == "v4.00"
        default: break
        }
    }

    private mutating func styleLine(_ line: TextLine, ssa: Bool) throws(Diagnostic) {
        let written = text(line)
        sectionLines.append(written)
        let first = bytes[firstNonBlank(line)]
        if first == UInt8(ascii: ";") { return }
        guard let (descriptor, valueStart) = ASSLine.split(bytes, line),
              ASSLine.matches(descriptor, "Format") || ASSLine.matches(descriptor, "Style") else {
            try diagnostics.repair(.warning(
                "ass.unknown-line",
                "expected a 'Format:' or 'Style:' line in the styles, found '\(Self.excerpt(written))'; kept as written for ASS",
                at: location(line), format: .ass))
            return
        }
        if ASSLine.matches(descriptor, "Format") {
            styleLayout = ASSLayout(line: Substring(bytes.utf8String(valueStart, line.end)))
            return
        }
        let layout: ASSLayout
        if let styleLayout {
            layout = styleLayout
        } else {
            layout = ssa ? .ssaStyles : .assStyles
            styleLayout = layout
            try diagnostics.repair(.warning(
                "ass.no-format",
                "expected a 'Format:' line before the first 'Style:' line; read with the usual \(ssa ? "SSA" : "ASS") fields",
                at: location(line), format: .ass))
        }
        let ranges = ASSLine.fields(bytes, from: valueStart, to: line.end, count: Int.max)
        if ranges.count != layout.count {
            let what = ranges.count < layout.count ? "the missing ones take their defaults" : "the extra ones are ignored"
            try diagnostics.repair(.warning(
                "ass.field-count",
                "expected \(layout.count) fields as the 'Format:' line names, found \(ranges.count); \(what)",
                at: location(line, at: valueStart), format: .ass))
        }
        let values = ranges.map { bytes.utf8String($0.lowerBound, $0.upperBound) }
        let (style, problems) = ASSStyle.parse(values, layout: layout, ssa: ssa)
        for problem in problems {
            try diagnostics.repair(.warning(
                "ass.style-value", "style '\(style.name)': \(problem.message)",
                at: location(line, at: ranges[problem.field].lowerBound), format: .ass))
        }
        styles[style.name] = style
        styleAlignments = [:]
    }

    private func timeline() -> Timeline {
        var extras = Fields()
        extras.append(ASSExtras.scriptInfo, .string(scriptInfo.joined(separator: "\n")))
        if !sections.isEmpty { extras.append(ASSExtras.sections, .list(sections)) }
        if let eventFormat { extras.append(ASSExtras.eventFormat, .string(eventFormat)) }
        if !pendingEvents.isEmpty { extras.append(ASSExtras.trailingEvents, .list(pendingEvents)) }
        if !trailingSections.isEmpty { extras.append(ASSExtras.trailingSections, .list(trailingSections)) }
        var formatExtras = FormatExtras()
        formatExtras[.ass] = extras
        return Timeline(metadata: metadata, cues: cues, extras: formatExtras)
    }
}
