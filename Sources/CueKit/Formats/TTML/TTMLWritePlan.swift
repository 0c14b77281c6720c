/// What the TTML writer decides before writing cues: agent ids for
/// speakers, the styles and regions to declare, the default regions.
struct TTMLWritePlan {
    let profile: TTMLProfile
    var rootFields = Fields()
    var styles: [Fields] = []
    var styleIDs: Set<String> = []
    var regions: [Fields] = []
    var regionIDs: Set<String> = []
    /// Speaker name to agent id, in order of first appearance.
    var agents: [(name: String, id: String)] = []
    var agentIDs: [String: String] = [:]
    var needsBottom = false
    var needsTop = false
    var bottomID = "bottom"
    var topID = "top"

    init(_ timeline: Timeline, profile: TTMLProfile) {
        self.profile = profile
        let extras = timeline.extras[.ttml]
        if case .map(let fields)? = extras?[TTMLExtras.root] { rootFields = fields }
        if case .list(let items)? = extras?[TTMLExtras.styles] {
            for case .map(let fields) in items {
                guard let id = fields["xml:id"]?.text, Self.isName(id), styleIDs.insert(id).inserted else { continue }
                styles.append(fields)
            }
        }
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
            for fields in styles { xml.element("style", attributes(fields, references: styleIDs)) }
            xml.end()
        }
        xml.start("layout")
        for fields in regions {
            var attributes = attributes(fields, references: styleIDs)
            if profile == .imsc, !attributes.contains(where: { $0.name == "tts:extent" }) {
                attributes.append(("tts:extent", Self.extent(origin: fields["tts:origin"]?.text)))
            }
            xml.element("region", attributes)
        }
        if needsBottom || regions.isEmpty {
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
    private func attributes(_ fields: Fields, references: Set<String>) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        for field in fields {
            guard let value = field.value.text else { continue }
            switch field.key {
            case "xml:id": out.append((field.key, value))
            case "style":
                let kept = ttmlIDReferences(value).filter { references.contains($0) }
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
