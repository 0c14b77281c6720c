#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `[Events]` section: its `Format:` line, `Dialogue:` cues, and the
/// other lines kept as written.
extension ASSParser {
    /// Event kinds other than `Dialogue` (kept, never shown as cues).
    static let otherEvents: Set<String> = ["comment", "picture", "sound", "movie", "command"]

    mutating func eventLine(_ line: TextLine) throws(Diagnostic) {
        var first = line.start
        while bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
        if bytes[first] == UInt8(ascii: ";") {
            pendingEvents.append(.string(text(line)))
            return
        }
        guard let (descriptorBytes, valueStart) = ASSLine.splitBytes(bytes, line) else {
            try unknownEventLine(line, text(line))
            return
        }
        // Dialogue, the most lines, decided on the bytes.
        if ASSLine.matches(bytes, descriptorBytes, "Dialogue") {
            try dialogue(line, valueStart: valueStart)
            return
        }
        let descriptor = bytes.utf8String(descriptorBytes.lowerBound, descriptorBytes.upperBound)
        if ASSLine.matches(descriptor, "Format") {
            try formatLine(line, valueStart: valueStart)
        } else if ASSLine.matches(descriptor, "Dialogue") {
            try dialogue(line, valueStart: valueStart)
        } else if Self.otherEvents.contains(descriptor.lowercased()) {
            pendingEvents.append(.string(text(line)))
        } else {
            try unknownEventLine(line, text(line))
        }
    }

    private mutating func unknownEventLine(_ line: TextLine, _ written: String) throws(Diagnostic) {
        try diagnostics.repair(.warning(
            "ass.unknown-line",
            "expected a 'Format:', 'Dialogue:' or 'Comment:' line in [Events], found '\(Self.excerpt(written))'; kept as written for ASS",
            at: location(line), format: .ass))
        pendingEvents.append(.string(written))
    }

    private mutating func formatLine(_ line: TextLine, valueStart: Int) throws(Diagnostic) {
        let value = bytes.utf8String(valueStart, line.end)
        let layout = ASSLayout(line: Substring(value))
        let missing = ["Start", "End", "Text"].filter { layout.index(of: $0) == nil }
        guard missing.isEmpty else {
            throw .error(
                "ass.format-missing-field",
                "expected the [Events] 'Format:' line to name Start, End and Text, found '\(Self.excerpt(value))' without \(missing.joined(separator: ", "))",
                at: location(line, at: valueStart), format: .ass)
        }
        let textIndex = layout.index(of: "Text")!
        if textIndex != layout.count - 1 {
            try diagnostics.repair(.warning(
                "ass.text-not-last",
                "expected Text as the last field of the 'Format:' line, found \(layout.names[(textIndex + 1)...].joined(separator: ", ")) after it; the text takes the rest of each line, as in libass, and those fields stay empty",
                at: location(line, at: valueStart), format: .ass))
        }
        use(layout)
        eventFormat = layout.formatLine
    }

    private mutating func use(_ layout: ASSLayout) {
        eventLayout = layout
        eventFields = (
            layout.index(of: "Start")!, layout.index(of: "End")!, layout.index(of: "Text")!,
            layout.index(of: "Style"), layout.index(of: "Name"))
        eventKeys = layout.names.map { name in
            ASSExtras.fieldKeys.first { ASSLine.matches($0, name) || (name.lowercased() == "actor" && $0 == "Name") } ?? name
        }
        eventDefaults = eventKeys.map(ASSFieldDefault.init(key:))
    }

    private mutating func dialogue(_ line: TextLine, valueStart: Int) throws(Diagnostic) {
        if eventLayout == nil {
            use(isSSA ? .ssaEvents : .assEvents)
            try diagnostics.repair(.warning(
                "ass.no-format",
                "expected a 'Format:' line before the first event; read with the usual \(isSSA ? "SSA" : "ASS") fields (\(eventLayout!.formatLine))",
                at: location(line), format: .ass))
        }
        let fields = eventFields!
        let startIndex = fields.start, endIndex = fields.end, textIndex = fields.text
        let ranges = ASSLine.fields(bytes, from: valueStart, to: line.end, count: textIndex + 1)
        guard ranges.count == textIndex + 1 else {
            try diagnostics.repair(.warning(
                "ass.field-count",
                "expected \(textIndex + 1) comma-separated fields as the 'Format:' line names, found \(ranges.count); the event is kept as written for ASS and not shown",
                at: location(line, at: valueStart), format: .ass))
            pendingEvents.append(.string(text(line)))
            return
        }
        guard let start = try time(ranges[startIndex], line), let end = try time(ranges[endIndex], line) else {
            pendingEvents.append(.string(text(line)))
            return
        }
        /// The field without blanks around it, as a string.
        func trimmedField(_ index: Int?) -> String? {
            guard let index, index < ranges.count else { return nil }
            let trimmed = ASSFieldDefault.trimmed(UnsafeBufferPointer(rebasing: bytes[ranges[index]]))
            return bytes.utf8String(ranges[index].lowerBound + trimmed.startIndex, ranges[index].lowerBound + trimmed.endIndex)
        }
        let speaker = trimmedField(fields.name).flatMap { $0.isEmpty ? nil : $0 }
        let styleName = trimmedField(fields.style) ?? ""
        let styleAlignment: Int
        if let known = styleAlignments[styleName] {
            styleAlignment = known
        } else {
            styleAlignment = ASSStyle.lookup(styleName, in: styles)?.alignment ?? 2
            styleAlignments[styleName] = styleAlignment
        }

        let textRange = ranges[textIndex]
        // Text without braces, backslashes or no-break spaces is its own spans.
        let plain = ByteSearch.firstIndex(
            ofAny: UInt8(ascii: "{"), UInt8(ascii: "\\"), in: bytes, from: textRange.lowerBound, to: textRange.upperBound)
            == textRange.upperBound
            && ByteSearch.firstIndex(ofAny: UInt8(ascii: "}"), 0xA0, in: bytes, from: textRange.lowerBound, to: textRange.upperBound)
            == textRange.upperBound
        let parsed = plain
            ? ASSText.Result(
                spans: textRange.isEmpty ? [] : [.text(bytes.utf8String(textRange.lowerBound, textRange.upperBound))],
                alignment: nil, unmapped: [])
            : ASSText.read(
                bytes, textRange.lowerBound, textRange.upperBound, wrapStyle2: wrapStyle2, cueStart: start.time, cueEnd: end.time)
        let alignment = parsed.alignment ?? (styleAlignment != 2 ? styleAlignment : nil)
        let settings = alignment.map(NumpadPosition.settings(forAlignment:)) ?? []

        var extras = Fields()
        if !pendingEvents.isEmpty {
            extras.append(ASSExtras.events, .list(pendingEvents))
            pendingEvents = []
        }
        for (index, key) in eventKeys.enumerated() where index != startIndex && index != endIndex && index != textIndex {
            // A field past the text (the text takes the rest of the line) is empty.
            let range = index < ranges.count ? ranges[index] : textRange.upperBound..<textRange.upperBound
            let isDefault: Bool
            if eventDefaults[index] == .name && index != fields.name {
                // A second name field (`Name` and `Actor`): against the speaker of the first.
                isDefault = bytes.utf8String(range.lowerBound, range.upperBound) == (speaker ?? "")
            } else {
                isDefault = eventDefaults[index].holds(bytes, range)
            }
            if !isDefault { extras.append(key, .string(bytes.utf8String(range.lowerBound, range.upperBound))) }
        }
        if !plain || alignment != nil {
            // Kept as written unless the writer gives it back from the spans.
            var losses = ASSTextWriter.Losses()
            let rendered = ASSTextWriter.render(
                parsed.spans, alignment: ASSWriter.writtenAlignment(settings, styleAlignment: styleAlignment).number,
                start: start.time, end: end.time, losses: &losses, capacity: textRange.count)
            let same = rendered.count == textRange.count && (textRange.isEmpty || rendered.withUnsafeBufferPointer { written in
                memcmp(written.baseAddress!, bytes.baseAddress! + textRange.lowerBound, textRange.count) == 0
            })
            if !same {
                extras.append(ASSExtras.text, .string(bytes.utf8String(textRange.lowerBound, textRange.upperBound)))
            }
        }
        if !parsed.unmapped.isEmpty { extras.append(ASSExtras.tags, .list(parsed.unmapped.map(FieldValue.string))) }
        var formatExtras = FormatExtras()
        if !extras.isEmpty { formatExtras[.ass] = extras }
        cues.append(Cue(
            start: start.time, end: end.time, speaker: speaker, text: parsed.spans, settings: settings,
            extras: formatExtras, location: location(line)))
    }

    /// The time in `range`, or nil (after a repair warning) when it cannot be read.
    private mutating func time(_ range: Range<Int>, _ line: TextLine) throws(Diagnostic) -> ASSTime.Parsed? {
        var written: String { bytes.utf8String(range.lowerBound, range.upperBound).trimmingBlanks() }
        guard let parsed = ASSTime.parse(bytes, range.lowerBound, range.upperBound) else {
            try diagnostics.repair(.warning(
                "ass.bad-time",
                "expected a time H:MM:SS.cc, found '\(Self.excerpt(written))'; the event is kept as written for ASS and not shown",
                at: location(line, at: range.lowerBound), format: .ass))
            return nil
        }
        if parsed.fractionDigits != 2 {
            let reading = parsed.fractionDigits == 0
                ? "read as whole seconds"
                : "read as \(parsed.time) (a decimal fraction); libass and FFmpeg count hundredths and may show it elsewhere"
            try diagnostics.repair(.warning(
                "ass.time-fraction",
                "expected two digits of hundredths in '\(written)', found \(parsed.fractionDigits); \(reading)",
                at: location(line, at: range.lowerBound), format: .ass))
        }
        return parsed
    }
}
