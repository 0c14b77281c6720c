/// `tts:` style properties by local name, in the order first set; a later
/// value for a name replaces the earlier one in place.
struct TTMLStyleSet: Equatable {
    private(set) var entries: [(name: String, value: String)] = []

    static func == (lhs: TTMLStyleSet, rhs: TTMLStyleSet) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.value == $1.value }
    }

    var isEmpty: Bool { entries.isEmpty }

    subscript(name: String) -> String? {
        entries.first { $0.name == name }?.value
    }

    mutating func set(_ name: String, _ value: String) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].value = value
        } else {
            entries.append((name, value))
        }
    }

    /// `other`'s properties over these.
    mutating func apply(_ other: TTMLStyleSet) {
        for entry in other.entries { set(entry.name, entry.value) }
    }

    /// The `tts:` attributes of `element`. A known property written in
    /// another case (`tts:fontstyle`, as pycaption's files have) is read
    /// under its TTML name and counted in `recased`.
    static func inline(_ element: XMLTree.Element, recased: inout Int) -> TTMLStyleSet {
        var set = TTMLStyleSet()
        for attribute in element.attributes where TTMLNamespace.kind(of: attribute.namespaceURI) == .styling {
            var name = attribute.localName
            if !knownNames.contains(name), let known = knownByLowercase[name.lowercased()] {
                name = known
                recased += 1
            }
            set.set(name, attribute.value)
        }
        return set
    }

    /// TTML 1 and 2 style properties.
    static let knownNames: Set<String> = [
        "backgroundClip", "backgroundColor", "backgroundExtent", "backgroundImage", "backgroundOrigin",
        "backgroundPosition", "backgroundRepeat", "border", "bpd", "color", "direction", "disparity", "display",
        "displayAlign", "extent", "fontFamily", "fontKerning", "fontSelectionStrategy", "fontShear", "fontSize",
        "fontStyle", "fontVariant", "fontWeight", "ipd", "letterSpacing", "lineHeight", "lineShear", "luminanceGain",
        "opacity", "origin", "overflow", "padding", "position", "ruby", "rubyAlign", "rubyPosition", "rubyReserve",
        "shear", "showBackground", "textAlign", "textCombine", "textDecoration", "textEmphasis", "textOrientation",
        "textOutline", "textShadow", "unicodeBidi", "visibility", "wrapOption", "writingMode", "zIndex",
    ]
    private static let knownByLowercase: [String: String] = Dictionary(
        uniqueKeysWithValues: knownNames.map { ($0.lowercased(), $0) })

    /// The three properties the model maps to spans.
    static let mappedNames: Set<String> = ["fontStyle", "fontWeight", "textDecoration"]

    /// The set without the properties mapped to spans.
    var unmapped: TTMLStyleSet {
        var copy = TTMLStyleSet()
        for entry in entries where !Self.mappedNames.contains(entry.name) { copy.set(entry.name, entry.value) }
        return copy
    }

    /// Whether `fontStyle` makes text italic (`italic` or `oblique`).
    var isItalic: Bool? {
        guard let value = self["fontStyle"]?.trimmingXMLWhitespace() else { return nil }
        return value == "italic" || value == "oblique" || value == "reverseOblique"
    }

    var isBold: Bool? {
        guard let value = self["fontWeight"]?.trimmingXMLWhitespace() else { return nil }
        return value == "bold"
    }

    /// Whether `textDecoration` underlines (`underline` among its words).
    var isUnderlined: Bool? {
        guard let value = self["textDecoration"] else { return nil }
        let words = value.split(separator: " ")
        if words.contains("underline") { return true }
        if words.contains("noUnderline") || words.contains("none") { return false }
        return nil
    }

    /// The properties as `tts:name` fields, for extras.
    var fields: Fields {
        Fields(entries.map { Field("tts:" + $0.name, .string($0.value)) })
    }

    /// Reads `tts:name` fields back (other keys are left out).
    init(fields: Fields) {
        for field in fields where field.key.hasPrefix("tts:") {
            if let text = field.value.text { set(String(field.key.dropFirst(4)), text) }
        }
    }

    init() {}
}

/// The `<style>` elements of a document's `head/styling`, by id, with
/// references between them resolved (TTML: referenced styles first, in
/// order, then the style's own properties).
struct TTMLStyleSheet {
    struct Style {
        var id: String
        var own: TTMLStyleSet
        var references: [String]
        var path: [Int]
    }

    private(set) var styles: [Style] = []
    private var index: [String: Int] = [:]
    private var resolvedCache: [String: TTMLStyleSet] = [:]

    mutating func add(_ style: Style) {
        if index[style.id] == nil { index[style.id] = styles.count }
        styles.append(style)
    }

    func has(_ id: String) -> Bool { index[id] != nil }

    /// The properties of style `id`, references resolved; a reference to
    /// itself through others is left out (`cycle` is called with the id).
    mutating func resolved(_ id: String, cycle: (String) -> Void = { _ in }) -> TTMLStyleSet? {
        var visiting: Set<String> = []
        return resolve(id, visiting: &visiting, cycle: cycle)
    }

    private mutating func resolve(_ id: String, visiting: inout Set<String>, cycle: (String) -> Void) -> TTMLStyleSet? {
        if let cached = resolvedCache[id] { return cached }
        guard let position = index[id] else { return nil }
        guard visiting.insert(id).inserted else {
            cycle(id)
            return nil
        }
        let style = styles[position]
        var set = TTMLStyleSet()
        for reference in style.references {
            if let referenced = resolve(reference, visiting: &visiting, cycle: cycle) { set.apply(referenced) }
        }
        set.apply(style.own)
        visiting.remove(id)
        resolvedCache[id] = set
        return set
    }
}

/// Splits an IDREFS attribute value (`style="s1 s2"`).
func ttmlIDReferences(_ value: String?) -> [String] {
    guard let value else { return [] }
    return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
}
