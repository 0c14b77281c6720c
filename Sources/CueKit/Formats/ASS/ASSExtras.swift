/// Names of the ASS data kept in `extras[.ass]` so that ASS to ASS keeps
/// what the timeline does not model, and the one warning given when another
/// format drops it.
enum ASSExtras {
    // Timeline level.

    /// The `[Script Info]` lines after the header, as written (comments
    /// included, blank lines left out), line feeds between. Its `Title` is
    /// the metadata `title`.
    static let scriptInfo = "scriptInfo"
    /// The sections between `[Script Info]` and `[Events]` (the styles, and
    /// `[Fonts]`, `[Graphics]`, `[Aegisub Project Garbage]`, …), each as its
    /// header line and lines, line feeds between, blank lines left out.
    static let sections = "sections"
    /// Sections after `[Events]` (such as `[Aegisub Extradata]`).
    static let trailingSections = "trailingSections"
    /// The field names of the `[Events]` `Format:` line, as written.
    static let eventFormat = "eventFormat"
    /// Event lines after the last `Dialogue` (see `events`).
    static let trailingEvents = "trailingEvents"

    // Cue level.

    /// Lines of `[Events]` between the previous `Dialogue` and this one,
    /// as written: `Comment:` events, SSA `Picture:`/`Sound:`/`Movie:`/
    /// `Command:` events, `;` comments, lines that could not be read.
    static let events = "events"
    /// The text field as written, kept when the cue's spans and settings
    /// would not give it back (override tags that map to nothing, a `\n`
    /// read as a space, tags in another spelling).
    static let text = "text"
    /// The override tags that map to no span or setting, as written
    /// (`\pos(20,20)`, `\fad(200,0)`, `\s1`, `{a comment}`): what another
    /// format drops.
    static let tags = "tags"
    /// The event's other fields, kept when not their default: `Layer`
    /// (default `0`), `Marked` (`Marked=0`), `Style` (`Default`), `Name` as
    /// written when it is not the speaker as is, `MarginL`, `MarginR`,
    /// `MarginV` (`0`), `Effect` (empty), and any field the `Format:` line
    /// names that ASS does not define, under its name.
    static let fieldKeys = ["Layer", "Marked", "Style", "Name", "MarginL", "MarginR", "MarginV", "Effect"]

    /// A warning that writing a timeline with `extras` as `target` drops
    /// ASS-only data, or nil when nothing is dropped.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .ass else { return nil }
        var parts: [String] = []
        if case .list(let sections)? = extras.timeline[.ass]?[Self.sections], !sections.isEmpty {
            parts.append("the script's styles and sections (fonts, colours, outlines, margins)")
        }
        let tagged = extras.cues(with: tags, of: .ass).elements
        if tagged > 0 {
            parts.append("override tags that map to no span or setting in \(tagged) cue(s) (such as \\pos, \\fad, \\s1, drawings)")
        }
        var otherEvents = extras.cues(with: events, of: .ass).items
        if case .list(let trailing)? = extras.timeline[.ass]?[trailingEvents] { otherEvents += trailing.count }
        if otherEvents > 0 { parts.append("\(otherEvents) Comment or other non-Dialogue event line(s)") }
        let fielded = fieldKeys.lazy.filter { $0 != "Name" }.map { extras.cues(with: $0, of: .ass).elements }.max() ?? 0
        if fielded > 0 { parts.append("the layer, style, margins or effect of up to \(fielded) cue(s)") }
        guard !parts.isEmpty else { return nil }
        return .warning(
            "ass.lossy-elsewhere",
            "\(parts.joined(separator: ", ")) from the ASS script, which \(target) cannot hold; written without them",
            format: .ass)
    }
}
