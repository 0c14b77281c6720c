/// What the TTML writer decides before writing cues: agent ids for
/// speakers, the styles and regions to declare, the default regions.
struct TTMLWritePlan {
    let profile: TTMLProfile
    var rootFields = Fields()
    var styles: [Fields] = []
    /// Each kept style's id to the id written: the same, or made an XML
    /// name (`My Italic` → `My_Italic`, as pysubs2 writes ids).
    var styleNames: [String: String] = [:]
    var regions: [Fields] = []
    var regionIDs: Set<String> = []
    /// Speaker name to agent id, in order of first appearance.
    var agents: [(name: String, id: String)] = []
    var agentIDs: [String: String] = [:]
    var needsBottom = false
    var needsTop = false
    /// Whether the source was TTML without regions: cues for the bottom
    /// then get none (TTML's default region), as in the source.
    var keepsDefaultRegion = false
    var bottomID = "bottom"
    var topID = "top"

    init(_ timeline: Timeline, profile: TTMLProfile) {
        self.profile = profile
        let extras = timeline.extras[.ttml]
        if case .map(let fields)? = extras?[TTMLExtras.root] { rootFields = fields }
        if case .list(let items)? = extras?[TTMLExtras.styles] {
            var taken = Set<String>()
            for case .map(let fields) in items {
                guard let id = fields["xml:id"]?.text, styleNames[id] == nil else { continue }
                var name = Self.isName(id) ? id : Self.name(from: id)
                while taken.contains(name) { name += "_" }
                taken.insert(name)
                styleNames[id] = name
                styles.append(fields)
            }
        }
        if case .list(let items)? = extras?[TTMLExtras.regions], items.isEmpty { keepsDefaultRegion = true }
        if case .list(let items)? = extras?[TTMLExtras.regions] {
            for case .map(let fields) in items {
                guard let id = fields["xml:id"]?.text, Self.isName(id), regionIDs.insert(id).inserted else { continue }
                regions.append(fields)
            }
        }
        while regionIDs.contains(bottomID) { bottomID += "-cues" }
        while regionIDs.contains(topID) || topID == bottomID { topID += "-cues" }
        for cue in timeline.cues {
            if let speaker = cue.speaker { addAgent(speaker) }
            addVoices(cue.text)
            switch region(for: cue) {
            case .declared: break
            case .top: needsTop = true
            case .bottom: needsBottom = true
            }
        }
    }

    private mutating func addAgent(_ name: String) {
        guard agentIDs[name] == nil else { return }
        let id = "speaker-\(agents.count + 1)"
        agents.append((name, id))
        agentIDs[name] = id
    }

    private mutating func addVoices(_ spans: [Span]) {
        for span in spans {
            guard case .element(let element) = span else { continue }
            if case .voice(let name) = element.kind { addAgent(name) }
            addVoices(element.children)
        }
    }

    enum RegionChoice: Equatable {
        case declared(String)
        case top
        case bottom
    }

    /// The region a cue goes to: the one a TTML source named, else top or
    /// bottom from its `line` setting (a line number from the top, or a
    /// percentage under 50, is the top).
    func region(for cue: Cue) -> RegionChoice {
        if let id = cue.extras[.ttml]?[TTMLExtras.region]?.text, regionIDs.contains(id) { return .declared(id) }
        guard let line = cue.settings.first(where: { $0.key == "line" })?.value.text else { return .bottom }
        let value = line.split(separator: ",").first.map(String.init) ?? line
        if value.hasSuffix("%"), let percent = Double(value.dropLast()) { return percent < 50 ? .top : .bottom }
        if let number = Int(value) { return number >= 0 ? .top : .bottom }
        return .bottom
    }

    /// Whether `text` is an XML name without a colon (an NCName, ASCII
    /// letters, digits, `_`, `-`, `.` and any non-ASCII letter).
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        guard first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }
    }

    /// Bold, italic and underline (`TTMLParagraph.Flag`) that a cue's
    /// paragraph gets from its region, kept styles and attributes: text the
    /// cue does not style so must turn them off.
    func inheritedFlags(_ cue: Cue) -> UInt8 {
        guard let extras = cue.extras[.ttml] else { return 0 }
        var sheet = TTMLStyleSheet()
        for fields in styles {
            guard let id = fields["xml:id"]?.text else { continue }
            sheet.add(TTMLStyleSheet.Style(
                id: id, own: TTMLStyleSet(fields: fields), references: ttmlIDReferences(fields["style"]?.text), path: []))
        }
        var computed = TTMLStyleSet()
        func apply(references: String?) {
            let ids = ttmlIDReferences(references)
            let whole = references?.trimmingXMLWhitespace() ?? ""
            for id in (ids.count > 1 && styleNames[whole] != nil ? [whole] : ids) {
                if let style = sheet.resolved(id) { computed.apply(style) }
            }
        }
        if let region = extras[TTMLExtras.region]?.text,
           let fields = regions.first(where: { $0["xml:id"]?.text == region }) {
            apply(references: fields["style"]?.text)
            computed.apply(TTMLStyleSet(fields: fields))
        }
        apply(references: extras[TTMLExtras.style]?.text)
        if case .map(let fields)? = extras[TTMLExtras.attributes] { computed.apply(TTMLStyleSet(fields: fields)) }
        return TTMLParagraph.Flag.of(computed)
    }

    /// `text` made an XML name: characters a name cannot hold become `_`,
    /// and `_` goes first when it cannot start one.
    static func name(from text: String) -> String {
        var name = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar == "_" || scalar == "-" || scalar == "." || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                ? scalar : "_"
        }))
        if !isName(name) { name = "_" + name }
        return name
    }

    /// The written ids of the kept styles `value` references.
    func styleReferences(_ value: String) -> [String] {
        let ids = ttmlIDReferences(value)
        if let whole = styleNames[value.trimmingXMLWhitespace()], ids.count > 1 { return [whole] }
        return ids.compactMap { styleNames[$0] }
    }

    func writeHead(_ timeline: Timeline, to xml: inout XMLWriter) {
        xml.start("head")
        let title = timeline.metadata["title"]?.text, description = timeline.metadata["description"]?.text
        let copyright = timeline.metadata["copyright"]?.text
        if title != nil || description != nil || copyright != nil || !agents.isEmpty {
            xml.start("metadata")
            if let title { xml.element("ttm:title", text: title) }
            if let description { xml.element("ttm:desc", text: description) }
            if let copyright { xml.element("ttm:copyright", text: copyright) }
            for agent in agents {
                xml.start("ttm:agent", [("xml:id", agent.id), ("type", "person")])
                xml.element("ttm:name", [("type", "full")], text: agent.name)
                xml.end()
            }
            xml.end()
        }
        if !styles.isEmpty {
            xml.start("styling")
            for fields in styles { xml.element("style", attributes(fields)) }
            xml.end()
        }
        guard !regions.isEmpty || needsTop || !keepsDefaultRegion else {
            xml.end()
            return
        }
        xml.start("layout")
        for fields in regions {
            var attributes = attributes(fields)
            if profile == .imsc, !attributes.contains(where: { $0.name == "tts:extent" }) {
                attributes.append(("tts:extent", Self.extent(origin: fields["tts:origin"]?.text)))
            }
            xml.element("region", attributes)
        }
        if (needsBottom || regions.isEmpty) && !keepsDefaultRegion {
            xml.element("region", [
                ("xml:id", bottomID), ("tts:origin", "10% 10%"), ("tts:extent", "80% 80%"),
                ("tts:displayAlign", "after"), ("tts:textAlign", "center"),
            ])
        }
        if needsTop {
            xml.element("region", [
                ("xml:id", topID), ("tts:origin", "10% 10%"), ("tts:extent", "80% 80%"),
                ("tts:displayAlign", "before"), ("tts:textAlign", "center"),
            ])
        }
        xml.end()
        xml.end()
    }

    /// A kept style's or region's fields as attributes: `xml:id`, `style`
    /// (references to styles written), `tts:` properties.
    private func attributes(_ fields: Fields) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        for field in fields {
            guard let value = field.value.text else { continue }
            switch field.key {
            case "xml:id": out.append((field.key, styleNames[value] ?? value))
            case "style":
                let kept = styleReferences(value)
                if !kept.isEmpty { out.append(("style", kept.joined(separator: " "))) }
            default:
                if field.key.hasPrefix("tts:"), Self.isName(String(field.key.dropFirst(4))) { out.append((field.key, value)) }
            }
        }
        return out
    }

    /// The extent that fills the root container from `origin` (IMSC wants
    /// one on every region; TTML's default is the root's).
    private static func extent(origin: String?) -> String {
        guard let origin else { return "100% 100%" }
        let parts = origin.split(separator: " ")
        guard parts.count == 2, parts.allSatisfy({ $0.hasSuffix("%") }),
              let x = Double(parts[0].dropLast()), let y = Double(parts[1].dropLast()), x <= 100, y <= 100 else { return "100% 100%" }
        func percent(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value))%" : "\(value)%"
        }
        return "\(percent(100 - x)) \(percent(100 - y))"
    }
}
