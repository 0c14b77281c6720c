/// What the model uses of a `Style:` line: its name, font and the flags
/// and alignment it gives every event of that style.
struct ASSStyle: Equatable {
    var name: String
    var fontName: String?
    var fontSize: String?
    var bold = false
    var italic = false
    var underline = false
    var strikeOut = false
    /// The numpad alignment (1–9; SSA numbers converted), 2 when missing
    /// or not a valid number.
    var alignment = 2

    /// A problem with one field of a style line, for the reader to report.
    struct Problem {
        var field: Int
        var message: String
    }

    /// The style of a line whose fields are `values`, laid out as `layout`
    /// names them, in a `[V4 Styles]` (SSA numbering) or `[V4+ Styles]`
    /// section. Problems come back instead of being reported.
    static func parse(_ values: [String], layout: ASSLayout, ssa: Bool) -> (style: ASSStyle, problems: [Problem]) {
        func value(_ name: String) -> (index: Int, text: String)? {
            guard let index = layout.index(of: name), index < values.count else { return nil }
            return (index, values[index].trimmingBlanks())
        }
        func flag(_ name: String) -> Bool {
            guard let text = value(name)?.text, let number = Double(text) else { return false }
            return number != 0
        }
        var style = ASSStyle(name: value("Name")?.text ?? "")
        style.fontName = value("Fontname")?.text
        style.fontSize = value("Fontsize")?.text
        style.bold = flag("Bold")
        style.italic = flag("Italic")
        style.underline = flag("Underline")
        style.strikeOut = flag("StrikeOut")
        var problems: [Problem] = []
        if let (index, text) = value("Alignment") {
            let number = Int(text).flatMap { ssa ? numpad(fromSSA: $0) : (1...9).contains($0) ? $0 : nil }
            if let number {
                style.alignment = number
            } else {
                let expected = ssa ? "1–3, 5–7 or 9–11 (SSA)" : "1–9"
                problems.append(Problem(field: index, message: "expected an alignment \(expected), found '\(text)'; read as 2 (bottom centre)"))
            }
        }
        return (style, problems)
    }

    /// The numpad number for an SSA alignment (1–3 bottom, +4 top, +8 middle).
    static func numpad(fromSSA value: Int) -> Int? {
        switch value {
        case 1...3: value
        case 5...7: value + 2
        case 9...11: value - 5
        default: nil
        }
    }

    /// The styles of a kept styles section (its header line first), as the
    /// writer looks them up; a later style of the same name wins.
    static func styles(inSection text: String) -> [String: ASSStyle]? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let header = lines.popFirst() else { return nil }
        let name = header.trimmingBlanks().lowercased()
        guard name == "[v4+ styles]" || name == "[v4 styles]" else { return nil }
        let ssa = name == "[v4 styles]"
        var layout = ssa ? ASSLayout.ssaStyles : ASSLayout.assStyles
        var styles: [String: ASSStyle] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let descriptor = line[..<colon].trimmingBlanks().lowercased()
            let rest = line[line.index(after: colon)...]
            if descriptor == "format" {
                layout = ASSLayout(line: rest)
            } else if descriptor == "style" {
                let values = rest.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let style = parse(values, layout: layout, ssa: ssa).style
                styles[style.name] = style
            }
        }
        return styles
    }

    /// The style an event names: its name without a leading `*`, else
    /// `Default` in any case, as libass looks it up; nil when neither exists.
    static func lookup(_ name: String, in styles: [String: ASSStyle]) -> ASSStyle? {
        var name = Substring(name)
        while name.first == "*" { name = name.dropFirst() }
        if let style = styles[String(name)] { return style }
        return styles["Default"] ?? styles.first { $0.key.lowercased() == "default" }?.value
    }
}
