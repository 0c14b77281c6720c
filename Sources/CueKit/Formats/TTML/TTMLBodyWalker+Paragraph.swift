extension TTMLBodyWalker {
    /// Walks a `p`: collects its runs, makes its cues; returns its end.
    mutating func paragraph(_ element: XMLTree.Element, _ path: [Int], _ outer: Context) throws(Diagnostic) -> End {
        let times = try self.times(element, path)
        let (begin, explicitEnd) = Self.interval(times, syncBase: outer.syncBase)
        var (context, _, _) = inherit(outer, element, path)
        context.limit = Self.minimum(explicitEnd, outer.limit)
        context.syncBase = begin
        context.inSequence = element.attribute("timeContainer")?.trimmingXMLWhitespace() == "seq"

        // What the whole cue shows: the region's styles under the inherited ones.
        var computed = context.region.flatMap { head.region($0)?.style } ?? TTMLStyleSet()
        computed.apply(context.computed)
        context.computed = computed
        var paragraph = TTMLParagraph()
        paragraph.frames.append(TTMLParagraph.Frame(wrappers: []))
        let implicit = try content(element, path, context, frames: [0], into: &paragraph)
        let end = Self.end(explicit: explicitEnd, implicit: implicit, begin: begin, limit: outer.limit)
        let stop: Int64? = if case .at(let time) = end { time } else { nil }

        // Runs end with the paragraph; the region's interval clips the cues.
        for index in paragraph.runs.indices {
            paragraph.runs[index].end = Self.minimum(paragraph.runs[index].end, stop)
        }
        var made = paragraph.cues()
        if let region = context.region.flatMap({ head.region($0) }), region.begin > 0 || region.end != nil {
            made = made.compactMap { cue in
                var cue = cue
                cue.start = max(cue.start, region.begin)
                cue.end = Self.minimum(cue.end, region.end)
                return cue
            }
        }
        // tts:display="none" hides the paragraph, but while a <set
        // tts:display="auto"> child is active (the one animation read).
        if computed["display"]?.trimmingXMLWhitespace() == "none" {
            var shown: [(begin: Int64, end: Int64?)] = []
            for (index, child) in element.children.enumerated() where child.isTTML("set") {
                guard child.ttmlAttribute(.styling, "display")?.trimmingXMLWhitespace() == "auto" else { continue }
                let (setBegin, setEnd) = Self.interval(try self.times(child, path + [index]), syncBase: begin)
                shown.append((setBegin, Self.minimum(setEnd, stop)))
            }
            made = made.flatMap { cue in
                shown.compactMap { interval -> TTMLParagraph.PieceCue? in
                    var cue = cue
                    cue.start = max(cue.start, interval.begin)
                    cue.end = Self.minimum(cue.end, interval.end)
                    return cue
                }
            }
        }
        let hasText = paragraph.runs.contains { $0.isVisibleText }
        var kept = 0
        for piece in made {
            if let end = piece.end, end <= piece.start { continue }
            let start = TTMLReader.milliseconds(piece.start)
            let end = piece.end.map { TTMLReader.milliseconds($0) }
            if let end, end <= start { continue }
            kept += 1
            if end == nil {
                if let seen = openEnds { openEnds = (seen.count + 1, seen.first) } else { openEnds = (1, location(element, path)) }
            }
            // A p cut in several cues: the id once each (`p1`, `p1-2`, …).
            let id = element.ttmlID.map { kept == 1 ? $0 : "\($0)-\(kept)" }
            var cue = Cue(
                id: id, start: Timestamp(milliseconds: start), end: end.map { Timestamp(milliseconds: $0) },
                speaker: context.agent, text: piece.text, location: source.location(line: element.line))
            cue.settings = settings(region: context.region) + Self.settings(computed: computed)
            var extras = Fields()
            if let region = context.region { extras.append(TTMLExtras.region, .string(region)) }
            if !context.styleReferences.isEmpty {
                extras.append(TTMLExtras.style, .string(context.styleReferences.joined(separator: " ")))
            }
            // tts:display is applied above: not kept.
            var inline = TTMLStyleSet()
            for entry in context.inline.entries where entry.name != "display" { inline.set(entry.name, entry.value) }
            if !inline.isEmpty { extras.append(TTMLExtras.attributes, .map(inline.fields)) }
            if !extras.isEmpty { cue.extras[.ttml] = extras }
            cues.append((cue, context.language))
        }
        if hasText && kept == 0 {
            if let seen = neverShown { neverShown = (seen.count + 1, seen.first) } else { neverShown = (1, location(element, path)) }
        }
        return end
    }

    /// Walks the content of a `p` or `span` (text, `br`, `span`) into
    /// runs; returns the element's implicit end.
    private mutating func content(
        _ element: XMLTree.Element, _ path: [Int], _ context: Context, frames: [Int], into paragraph: inout TTMLParagraph
    ) throws(Diagnostic) -> End {
        var cursor: Int64? = context.syncBase
        var latest = context.syncBase
        var anyIndefinite = false
        var last: End = .at(context.syncBase)
        var counted = false
        for piece in element.textAndElements {
            guard let base = context.inSequence ? cursor : context.syncBase else { break }
            var end: End
            switch piece {
            case .text(let text):
                var run = TTMLParagraph.Run(
                    begin: base, end: context.inSequence ? base : context.limit, piece: .text(text), frames: frames,
                    preserveSpace: context.preserveSpace, flags: TTMLParagraph.Flag.of(context.computed))
                if !run.isVisibleText && !context.preserveSpace {
                    end = .none
                } else {
                    end = context.inSequence ? .at(base) : .indefinite
                }
                if context.inSequence { run.end = base }
                paragraph.runs.append(run)
            case .element(let index):
                let child = element.children[index]
                if child.isTTML("br") {
                    paragraph.runs.append(TTMLParagraph.Run(
                        begin: base, end: context.inSequence ? base : context.limit, piece: .lineBreak, frames: frames,
                        preserveSpace: context.preserveSpace, flags: TTMLParagraph.Flag.of(context.computed)))
                    end = .none
                } else if child.isTTML("span") {
                    var inner = context
                    inner.syncBase = base
                    end = try span(child, path + [index], inner, frames: frames, into: &paragraph)
                } else {
                    continue  // metadata, animation, foreign elements
                }
            }
            switch end {
            case .at(let time):
                counted = true
                latest = max(latest, time)
                if context.inSequence { cursor = time }
                last = .at(time)
            case .indefinite:
                counted = true
                anyIndefinite = true
                if context.inSequence { cursor = nil }
                last = .indefinite
            case .none:
                break
            }
        }
        if context.inSequence { return last }
        if !counted { return .none }
        return anyIndefinite ? .indefinite : .at(latest)
    }

    /// Walks a `span`; returns its end.
    private mutating func span(
        _ element: XMLTree.Element, _ path: [Int], _ outer: Context, frames: [Int], into paragraph: inout TTMLParagraph
    ) throws(Diagnostic) -> End {
        let times = try self.times(element, path)
        let (begin, explicitEnd) = Self.interval(times, syncBase: outer.syncBase)
        var (context, _, own) = inherit(outer, element, path)
        context.limit = Self.minimum(explicitEnd, outer.limit)
        context.syncBase = begin
        context.inSequence = element.attribute("timeContainer")?.trimmingXMLWhitespace() == "seq"

        var wrappers: [SpanElement] = []
        var classes = styleReferences(element).filter { head.styles.has($0) }
        let unmapped = own.unmapped
        if !unmapped.isEmpty { classes.append(inlineStyleID(unmapped)) }
        if !classes.isEmpty { wrappers.append(SpanElement(.class, classes: classes, children: [])) }
        if context.language != outer.language, !context.language.isEmpty {
            wrappers.append(SpanElement(.language(context.language), children: []))
        }
        if let agent = context.agent, agent != outer.agent { wrappers.append(SpanElement(.voice(agent), children: [])) }
        var inner = frames
        if !wrappers.isEmpty {
            inner.append(paragraph.frames.count)
            paragraph.frames.append(TTMLParagraph.Frame(wrappers: wrappers))
        }
        let implicit = try content(element, path, context, frames: inner, into: &paragraph)
        if explicitEnd == nil, case .none = implicit { return .none }
        return Self.end(explicit: explicitEnd, implicit: implicit, begin: begin, limit: outer.limit)
    }

    /// The id of the style made for a span's inline properties.
    private mutating func inlineStyleID(_ style: TTMLStyleSet) -> String {
        if let found = inlineStyles.first(where: { $0.style == style }) { return found.id }
        var number = inlineStyles.count + 1
        while head.styles.has("cues-inline-\(number)") { number += 1 }
        let id = "cues-inline-\(number)"
        inlineStyles.append((id, style))
        return id
    }

    /// The settings of the region named `name`, worked out once a region
    /// (the head's regions do not change while the body is walked).
    mutating func settings(region name: String?) -> [Field] {
        guard let name else { return [] }
        if let known = regionSettings[name] { return known }
        let settings = Self.settings(region: head.region(name))
        regionSettings[name] = settings
        return settings
    }

    /// Cue settings where TTML maps to them: a region whose text stands in
    /// the top half (`displayAlign` before, TTML's default, with its origin
    /// above the middle, or a region wholly in the top half) is `line:0`;
    /// `textAlign` start, end, left or right is `align` (see `settings(computed:)`).
    static func settings(region: TTMLHead.Region?) -> [Field] {
        var settings: [Field] = []
        if let region {
            func percents(_ value: String?) -> (Double, Double)? {
                guard let parts = value?.split(separator: " "), parts.count == 2, parts.allSatisfy({ $0.hasSuffix("%") }),
                      let first = Double(parts[0].dropLast()), let second = Double(parts[1].dropLast()) else { return nil }
                return (first, second)
            }
            let origin = region.style["origin"] == nil ? (0, 0) : percents(region.style["origin"])
            let extent = percents(region.style["extent"])
            let align = region.style["displayAlign"]?.trimmingXMLWhitespace() ?? "before"
            if let origin, (align == "before" && origin.1 < 50) || (extent.map { origin.1 + $0.1 <= 50 } ?? false) {
                settings.append(Field("line", .string("0")))
            }
        }
        return settings
    }

    /// The `align` setting of a paragraph's computed `textAlign`, if any.
    static func settings(computed: TTMLStyleSet) -> [Field] {
        var settings: [Field] = []
        if let align = computed["textAlign"]?.trimmingXMLWhitespace(), ["start", "end", "left", "right"].contains(align) {
            settings.append(Field("align", .string(align)))
        }
        return settings
    }
}
