extension TTMLWritePlan {
    /// WebVTT's default colour classes, written as `tts:color` (and their
    /// `bg_` forms as `tts:backgroundColor`).
    static let colorClasses: Set<String> = ["white", "lime", "cyan", "red", "yellow", "magenta", "blue", "black"]

    static func clock(_ milliseconds: Int64) -> String {
        ClockFormat.string(Timestamp(milliseconds: max(0, milliseconds)), style: .vtt)
    }

    /// One `<p>` for `cue`.
    func writeParagraph(_ cue: Cue, to xml: inout XMLWriter, losses: inout TTMLWriteLosses) {
        guard let start = cue.start, let end = cue.end else {
            losses.untimed += 1
            return
        }
        var attributes: [(name: String, value: String)] = []
        if let id = cue.id {
            if Self.isName(id) { attributes.append(("xml:id", id)) } else { losses.identifiers += 1 }
        }
        attributes.append(("begin", Self.clock(start.milliseconds)))
        attributes.append(("end", Self.clock(end.milliseconds)))
        switch region(for: cue) {
        case .declared(let id): attributes.append(("region", id))
        case .top: attributes.append(("region", topID))
        case .bottom: if !keepsDefaultRegion { attributes.append(("region", bottomID)) }
        }
        if let speaker = cue.speaker, let agent = agentIDs[speaker] { attributes.append(("ttm:agent", agent)) }
        let extras = cue.extras[.ttml]
        if let style = extras?[TTMLExtras.style]?.text {
            let kept = styleReferences(style)
            if !kept.isEmpty { attributes.append(("style", kept.joined(separator: " "))) }
        }
        if case .map(let fields)? = extras?[TTMLExtras.attributes] {
            for field in fields where field.key.hasPrefix("tts:") && Self.isName(String(field.key.dropFirst(4))) {
                if let value = field.value.text { attributes.append((field.key, value)) }
            }
        }
        // A cue read from TTML has its position in its region and styles:
        // its settings were made from them.
        for setting in cue.settings where extras == nil {
            switch setting.key {
            case "line": break  // the region
            case "align":
                guard !attributes.contains(where: { $0.name == "tts:textAlign" }), let value = setting.value.text else { break }
                if ["start", "left", "end", "right"].contains(value) { attributes.append(("tts:textAlign", value)) }
            default:
                losses.settings.insert(setting.key)
            }
        }
        if Self.needsPreservedSpace(cue.text) { attributes.append(("xml:space", "preserve")) }
        xml.start("p", attributes, mixedContent: true)
        var writer = SpanWriter(plan: self, cueStart: start.milliseconds, cueEnd: end.milliseconds)
        var current = start.milliseconds
        writer.off = inheritedFlags(cue)
        writer.write(cue.text[...], base: start.milliseconds, current: &current, to: &xml)
        losses.classes.formUnion(writer.droppedClasses)
        losses.timestamps += writer.droppedTimestamps
        losses.ruby += writer.ruby
        xml.end()
    }

    /// Whether white space in `spans` would collapse when read back:
    /// doubled spaces, tabs, spaces at a line's start or end.
    static func needsPreservedSpace(_ spans: [Span]) -> Bool {
        let text = spans.plainText
        if text.contains("  ") || text.contains("\t") { return true }
        return text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix(" ") || $0.hasSuffix(" ") }
    }
}

/// Writes cue spans inside a `<p>`.
struct SpanWriter {
    let plan: TTMLWritePlan
    let cueStart: Int64
    let cueEnd: Int64
    /// Bold, italic, underline the paragraph has from its styles that the
    /// text where the writer stands does not: written off around it.
    var off: UInt8 = 0
    var droppedClasses: Set<String> = []
    var droppedTimestamps = 0
    var ruby = 0

    /// Writes `spans`; `base` is the begin of the nearest timed ancestor,
    /// from which a `span begin` counts. The text after a timestamp goes in
    /// a `span begin` of its own, up to the next timestamp (siblings, not
    /// nested: each lasts, as TTML's default, to the end of the `p`);
    /// `current` is the latest timestamp written.
    mutating func write(_ spans: ArraySlice<Span>, base: Int64, current: inout Int64, to xml: inout XMLWriter) {
        var segmentOpen = false
        var segmentBase = base
        func openSegment(at time: Int64, _ xml: inout XMLWriter) {
            if segmentOpen { xml.end() }
            xml.start("span", [("begin", TTMLWritePlan.clock(time - base))], inline: true)
            segmentOpen = true
            segmentBase = time
        }
        for span in spans {
            // Text inside an element before this one moved the time on.
            if current > segmentBase, !Self.isTimestamp(span) { openSegment(at: current, &xml) }
            switch span {
            case .text(let text):
                if off != 0 {
                    var attributes: [(name: String, value: String)] = []
                    if off & TTMLParagraph.Flag.bold != 0 { attributes.append(("tts:fontWeight", "normal")) }
                    if off & TTMLParagraph.Flag.italic != 0 { attributes.append(("tts:fontStyle", "normal")) }
                    if off & TTMLParagraph.Flag.underline != 0 { attributes.append(("tts:textDecoration", "noUnderline")) }
                    xml.start("span", attributes, inline: true)
                    xml.text(text)
                    xml.end()
                } else {
                    xml.text(text)
                }
            case .lineBreak:
                xml.start("br", inline: true)
                xml.end()
            case .timestamp(let time):
                let ms = time.milliseconds
                if ms > current && ms < cueEnd {
                    current = ms
                    openSegment(at: ms, &xml)
                } else if ms < cueStart || ms >= cueEnd || ms < current {
                    droppedTimestamps += 1
                }
            case .element(let element):
                write(element, base: segmentBase, current: &current, to: &xml)
            }
        }
        if segmentOpen { xml.end() }
    }

    private static func isTimestamp(_ span: Span) -> Bool {
        if case .timestamp = span { return true }
        return false
    }

    private mutating func write(_ element: SpanElement, base: Int64, current: inout Int64, to xml: inout XMLWriter) {
        var attributes: [(name: String, value: String)] = []
        let outerOff = off
        defer { off = outerOff }
        switch element.kind {
        case .italic:
            if off & TTMLParagraph.Flag.italic != 0 {
                off &= ~TTMLParagraph.Flag.italic  // the paragraph's style is italic already
            } else {
                attributes = [("tts:fontStyle", "italic")]
            }
        case .bold:
            if off & TTMLParagraph.Flag.bold != 0 { off &= ~TTMLParagraph.Flag.bold } else { attributes = [("tts:fontWeight", "bold")] }
        case .underline:
            if off & TTMLParagraph.Flag.underline != 0 {
                off &= ~TTMLParagraph.Flag.underline
            } else {
                attributes = [("tts:textDecoration", "underline")]
            }
        case .class:
            var styles: [String] = []
            for name in element.classes {
                if let id = plan.styleNames[name] {
                    styles.append(id)
                } else if TTMLWritePlan.colorClasses.contains(name) {
                    attributes.append(("tts:color", name))
                } else if name.hasPrefix("bg_"), TTMLWritePlan.colorClasses.contains(String(name.dropFirst(3))) {
                    attributes.append(("tts:backgroundColor", String(name.dropFirst(3))))
                } else {
                    droppedClasses.insert(name)
                }
            }
            if !styles.isEmpty { attributes.insert(("style", styles.joined(separator: " ")), at: 0) }
        case .voice(let name):
            if let agent = plan.agentIDs[name] { attributes = [("ttm:agent", agent)] }
        case .language(let tag):
            attributes = [("xml:lang", tag)]
        case .ruby:
            writeRuby(element, base: base, current: &current, to: &xml)
            return
        case .rubyText:
            break
        }
        if attributes.isEmpty {
            write(element.children[...], base: base, current: &current, to: &xml)
            return
        }
        xml.start("span", attributes, inline: true)
        write(element.children[...], base: base, current: &current, to: &xml)
        xml.end()
    }

    /// IMSC: `tts:ruby` container, base and text spans; DFXP: the base,
    /// then the annotation in parentheses.
    private mutating func writeRuby(_ element: SpanElement, base: Int64, current: inout Int64, to xml: inout XMLWriter) {
        if plan.profile == .imsc { xml.start("span", [("tts:ruby", "container")], inline: true) }
        var pending: [Span] = []
        func flush(_ writer: inout SpanWriter, _ xml: inout XMLWriter, _ current: inout Int64) {
            guard !pending.isEmpty else { return }
            if writer.plan.profile == .imsc { xml.start("span", [("tts:ruby", "base")], inline: true) }
            writer.write(pending[...], base: base, current: &current, to: &xml)
            if writer.plan.profile == .imsc { xml.end() }
            pending = []
        }
        for child in element.children {
            if case .element(let inner) = child, inner.kind == .rubyText {
                flush(&self, &xml, &current)
                if plan.profile == .imsc {
                    xml.start("span", [("tts:ruby", "text")], inline: true)
                    write(inner.children[...], base: base, current: &current, to: &xml)
                    xml.end()
                } else {
                    ruby += 1
                    xml.text("(")
                    write(inner.children[...], base: base, current: &current, to: &xml)
                    xml.text(")")
                }
            } else {
                pending.append(child)
            }
        }
        flush(&self, &xml, &current)
        if plan.profile == .imsc { xml.end() }
    }
}
