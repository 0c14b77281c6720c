/// Walks a TTML document's `body`, resolving time containment, styles,
/// regions, languages and agents, and makes the cues.
///
/// Timing (TTML2 §12): `begin`, `end` and `dur` count from the sync base,
/// which is the parent's begin in a `par` container (the default) and the
/// previous sibling's end in a `seq`; with both `end` and `dur` the earlier
/// end wins; an element ends at the latest at its parent's end. Without
/// `end` or `dur` an element lasts its implicit duration: text in a `par`
/// lasts as long as its parent (in a `seq`, no time), a container until its
/// last child ends (a `par` until all have, a `seq` with its last child).
/// Text of white space only is left out of implicit durations.
struct TTMLBodyWalker {
    let tree: XMLTree
    let source: SourceText
    let parameters: TTMLTimingParameters
    var head: TTMLHead
    let documentLanguage: String

    /// Cues made, each with its `p`'s language (applied at the end).
    var cues: [(cue: Cue, language: String)] = []
    /// Inline span styles turned into styles of their own, in order.
    var inlineStyles: [(id: String, style: TTMLStyleSet)] = []
    var unknownReferences: [String: (count: Int, first: SourceLocation)] = [:]
    var shortHours: (count: Int, first: SourceLocation)?
    var neverShown: (count: Int, first: SourceLocation)?
    var spacedStyleIDs = 0
    var openEnds: (count: Int, first: SourceLocation)?
    /// The settings of each region met (see `settings(region:)`), worked out once.
    var regionSettings: [String: [Field]] = [:]

    /// An element's end for its parent's implicit duration.
    enum End {
        case at(Int64)
        case indefinite
        /// White-space text: no part in the parent's duration.
        case none
    }

    /// What an element inherits.
    struct Context {
        var syncBase: Int64
        /// The earliest end of the ancestors (nil: none).
        var limit: Int64?
        var inSequence = false
        var language: String
        var preserveSpace = false
        var region: String?
        /// Style references of the ancestors and the element, in order.
        var styleReferences: [String] = []
        /// Inline `tts:` properties of the ancestors, for the cue's extras.
        var inline = TTMLStyleSet()
        /// The computed properties the model maps (ancestors' and the element's).
        var computed = TTMLStyleSet()
        var agent: String?
    }

    init(tree: XMLTree, source: SourceText, parameters: TTMLTimingParameters, head: TTMLHead, language: String) {
        self.tree = tree
        self.source = source
        self.parameters = parameters
        self.head = head
        self.documentLanguage = language
    }

    // MARK: Locations and times

    func location(_ element: XMLTree.Element, _ path: [Int], attribute: String? = nil) -> SourceLocation {
        XMLElementLocation.locate(path: path, attribute: attribute, root: tree.root, source: source)
            ?? source.location(line: element.line)
    }

    /// The `begin`, `end` and `dur` of `element`; a value that is no time
    /// expression is an error at its attribute.
    mutating func times(_ element: XMLTree.Element, _ path: [Int]) throws(Diagnostic) -> TTMLReadTimes {
        var times = TTMLReadTimes()
        for attribute in element.attributes where attribute.prefix == nil {
            let name = attribute.localName
            guard name == "begin" || name == "end" || name == "dur" else { continue }
            guard let reading = TTMLTimeExpression.read(attribute.value, parameters: parameters) else {
                throw .error(
                    "ttml.time",
                    "expected a time expression in \(name) on <\(element.qualifiedName)> (such as 00:00:01.500, 00:00:01:12 at the frame rate, or 1.5s, 1500ms, 36f, 10000t), found '\(attribute.value)'",
                    at: location(element, path, attribute: name), format: .ttml)
            }
            if reading.shortHours {
                // Located once: finding a place counts the tags before it.
                if let seen = shortHours {
                    shortHours = (seen.count + 1, seen.first)
                } else {
                    shortHours = (1, location(element, path, attribute: name))
                }
            }
            switch name {
            case "begin": times.begin = reading.nanoseconds
            case "end": times.end = reading.nanoseconds
            default: times.duration = reading.nanoseconds
            }
        }
        return times
    }

    /// The begin and the explicit end (nil: none) of an element, from the
    /// sync base; the explicit end is not yet clipped to the parent.
    static func interval(_ times: TTMLReadTimes, syncBase: Int64) -> (begin: Int64, end: Int64?) {
        let begin = syncBase &+ (times.begin ?? 0)
        var end: Int64?
        if let value = times.end { end = syncBase &+ value }
        if let duration = times.duration { end = min(end ?? .max, begin &+ duration) }
        return (begin, end)
    }

    static func minimum(_ a: Int64?, _ b: Int64?) -> Int64? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    // MARK: Inheritance

    private mutating func noteUnknown(_ kind: String, _ id: String, _ element: XMLTree.Element, _ path: [Int], attribute: String) {
        let key = "\(kind) '\(id)'"
        if let seen = unknownReferences[key] {
            unknownReferences[key] = (seen.count + 1, seen.first)
        } else {
            unknownReferences[key] = (1, location(element, path, attribute: attribute))
        }
    }

    /// The context inside `element`, its styles, language, region and agent applied.
    mutating func inherit(_ context: Context, _ element: XMLTree.Element, _ path: [Int]) -> (Context, referenced: TTMLStyleSet, own: TTMLStyleSet) {
        var inner = context
        if let language = element.xmlAttribute("lang") { inner.language = language.trimmingXMLWhitespace() }
        if let space = element.xmlAttribute("space") { inner.preserveSpace = space.trimmingXMLWhitespace() == "preserve" }
        if let region = element.attribute("region")?.trimmingXMLWhitespace() {
            if head.region(region) != nil { inner.region = region } else { noteUnknown("region", region, element, path, attribute: "region") }
        }
        if let agents = element.ttmlAttribute(.metadata, "agent") {
            var names: [String] = []
            for id in ttmlIDReferences(agents) {
                if let name = head.agents[id] { names.append(name) } else { noteUnknown("agent", id, element, path, attribute: "ttm:agent") }
            }
            if !names.isEmpty { inner.agent = names.joined(separator: ", ") }
        }
        var referenced = TTMLStyleSet()
        for id in styleReferences(element) {
            if let style = head.styles.resolved(id) {
                referenced.apply(style)
                inner.styleReferences.append(id)
            } else {
                noteUnknown("style", id, element, path, attribute: "style")
            }
        }
        let own = TTMLStyleSet.inline(element, recased: &head.recased)
        inner.computed.apply(referenced)
        inner.computed.apply(own)
        inner.inline.apply(own.unmapped)
        return (inner, referenced, own)
    }

    /// The style ids `element` references. A value naming one style whose
    /// id holds a space (`style="My Italic"`, as pysubs2 writes) is that
    /// style, read as a repair.
    mutating func styleReferences(_ element: XMLTree.Element) -> [String] {
        guard let value = element.attribute("style") else { return [] }
        let ids = ttmlIDReferences(value)
        let whole = value.trimmingXMLWhitespace()
        if ids.count > 1, head.styles.has(whole), !ids.allSatisfy({ head.styles.has($0) }) {
            spacedStyleIDs += 1
            return [whole]
        }
        return ids
    }

    // MARK: Containers

    /// Walks `body` or a `div`; returns its end.
    mutating func container(_ element: XMLTree.Element, _ path: [Int], _ outer: Context) throws(Diagnostic) -> End {
        let times = try self.times(element, path)
        let (begin, explicitEnd) = Self.interval(times, syncBase: outer.syncBase)
        var (context, _, _) = inherit(outer, element, path)
        let limit = Self.minimum(explicitEnd, outer.limit)
        context.limit = limit
        let sequence = element.attribute("timeContainer")?.trimmingXMLWhitespace() == "seq"
        context.inSequence = sequence
        var cursor: Int64? = begin
        var implicit: End = .at(begin)
        var latest: Int64 = begin
        var anyIndefinite = false
        for (index, child) in element.children.enumerated() where child.isTTML("div") || child.isTTML("p") {
            guard let base = sequence ? cursor : begin else { break }
            context.syncBase = base
            let end = child.isTTML("p")
                ? try paragraph(child, path + [index], context)
                : try container(child, path + [index], context)
            switch end {
            case .at(let time):
                latest = max(latest, time)
                if sequence { cursor = time; implicit = .at(time) }
            case .indefinite:
                anyIndefinite = true
                if sequence { cursor = nil; implicit = .indefinite }
            case .none:
                break
            }
        }
        if !sequence { implicit = anyIndefinite ? .indefinite : .at(latest) }
        return Self.end(explicit: explicitEnd, implicit: implicit, begin: begin, limit: outer.limit)
    }

    /// An element's end: its explicit end, else its implicit one, clipped to `limit`.
    static func end(explicit: Int64?, implicit: End, begin: Int64, limit: Int64?) -> End {
        if let explicit { return .at(minimum(explicit, limit)!) }
        switch implicit {
        case .at(let time): return .at(minimum(time, limit)!)
        case .none: return .at(minimum(begin, limit)!)
        case .indefinite: return limit.map { .at($0) } ?? .indefinite
        }
    }
}
