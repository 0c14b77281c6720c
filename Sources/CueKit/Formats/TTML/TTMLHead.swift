/// What a TTML document's `head` declares: styles, regions, agents
/// (speakers) and the document's title and description.
struct TTMLHead {
    /// A `<region>`: its properties (own `tts:` attributes, nested
    /// `<style>` children and referenced styles, resolved) and its active
    /// interval, when it has one.
    struct Region {
        var id: String
        var style: TTMLStyleSet
        /// What a TTML round trip writes back: `style` references and the
        /// region's own `tts:` attributes and nested styles.
        var fields: Fields
        var begin: Int64 = 0
        var end: Int64?
    }

    var styles = TTMLStyleSheet()
    var regions: [Region] = []
    /// Agent id to the speaker name (`ttm:name`, the `full` one first, else the id).
    var agents: [String: String] = [:]
    var metadata = Fields()
    /// Style properties read under their TTML name from another case.
    var recased = 0

    func region(_ id: String) -> Region? { regions.first { $0.id == id } }

    /// Reads every `head` child of `root` (`path` is the root's: empty).
    static func read(
        _ root: XMLTree.Element, timing: (XMLTree.Element, [Int]) throws(Diagnostic) -> TTMLReadTimes
    ) throws(Diagnostic) -> TTMLHead {
        var head = TTMLHead()
        for (index, child) in root.children.enumerated() where child.isTTML("head") {
            try head.read(child, path: [index], timing: timing)
        }
        return head
    }

    private mutating func read(
        _ head: XMLTree.Element, path: [Int], timing: (XMLTree.Element, [Int]) throws(Diagnostic) -> TTMLReadTimes
    ) throws(Diagnostic) {
        for (index, child) in head.children.enumerated() {
            if child.isTTML("styling") {
                for (styleIndex, style) in child.children.enumerated() where style.isTTML("style") {
                    guard let id = style.ttmlID else { continue }
                    styles.add(TTMLStyleSheet.Style(
                        id: id, own: TTMLStyleSet.inline(style, recased: &recased), references: ttmlIDReferences(style.attribute("style")),
                        path: path + [index, styleIndex]))
                }
            } else if child.isTTML("layout") {
                for (regionIndex, element) in child.children.enumerated() where element.isTTML("region") {
                    guard let id = element.ttmlID else { continue }
                    regions.append(try region(element, id: id, path: path + [index, regionIndex], timing: timing))
                }
            } else if child.isTTML("metadata") {
                readMetadata(child)
            }
            readAgents(child)
        }
    }

    private mutating func region(
        _ element: XMLTree.Element, id: String, path: [Int],
        timing: (XMLTree.Element, [Int]) throws(Diagnostic) -> TTMLReadTimes
    ) throws(Diagnostic) -> Region {
        var own = TTMLStyleSet()
        for nested in element.children where nested.isTTML("style") { own.apply(TTMLStyleSet.inline(nested, recased: &recased)) }
        own.apply(TTMLStyleSet.inline(element, recased: &recased))
        let references = ttmlIDReferences(element.attribute("style"))
        var style = TTMLStyleSet()
        for reference in references {
            if let resolved = styles.resolved(reference) { style.apply(resolved) }
        }
        style.apply(own)
        var fields = Fields()
        if !references.isEmpty { fields.append("style", .string(references.joined(separator: " "))) }
        fields.entries += own.fields.entries
        var region = Region(id: id, style: style, fields: fields)
        // A region's times count from the start of the document.
        let times = try timing(element, path)
        region.begin = times.begin ?? 0
        if let end = times.end { region.end = end }
        if let duration = times.duration { region.end = min(region.end ?? .max, region.begin &+ duration) }
        return region
    }

    private mutating func readMetadata(_ element: XMLTree.Element) {
        let keys = ["title": "title", "desc": "description", "copyright": "copyright"]
        for child in element.children {
            guard TTMLNamespace.kind(of: child.namespaceURI) == .metadata, let key = keys[child.localName] else { continue }
            let text = child.trimmedText
            if !text.isEmpty, metadata[key] == nil { metadata.append(key, .string(text)) }
        }
    }

    /// `ttm:agent` elements anywhere under `element`.
    private mutating func readAgents(_ element: XMLTree.Element) {
        if element.isTTMLMetadata("agent"), let id = element.ttmlID {
            let names = element.children.filter { $0.isTTMLMetadata("name") }
            let name = (names.first { $0.attribute("type") == "full" } ?? names.first)?.trimmedText
            agents[id] = (name?.isEmpty == false ? name : nil) ?? id
            return
        }
        for child in element.children { readAgents(child) }
    }
}

/// The `begin`, `end` and `dur` of an element, read (offsets, nanoseconds).
struct TTMLReadTimes {
    var begin: Int64?
    var end: Int64?
    var duration: Int64?
}
