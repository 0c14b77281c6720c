/// Writes TTML: an IMSC 1.1 Text document by default (`WriteOptions.ttmlProfile`
/// `.dfxp` for TTML 1 consumers).
///
/// Layout: `tt` declaring the `ttp`, `tts` and `ttm` namespaces, `xml:lang`
/// from the `language` metadata, `ttp:timeBase="media"`, and for IMSC
/// `ttp:contentProfiles`; `head` with the title and description, one
/// `ttm:agent` per speaker, the styles and regions a TTML source kept
/// (`TTMLExtras`) and a `bottom` region (and `top` when a cue's settings
/// put it there); `body` > one `div` > one `p` per cue, in cue order, with
/// `begin` and `end` as `hh:mm:ss.mmm`. Text: `<br/>` for line breaks,
/// italic, bold and underline as `span`s with inline styles, a speaker
/// change inside a cue as a `span ttm:agent`, a language as `span
/// xml:lang`, a karaoke timestamp as a `span begin` (relative to its
/// parent) around the text after it.
public struct TTMLWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let plan = TTMLWritePlan(timeline, profile: options.ttmlProfile)
        var xml = XMLWriter(options: options, capacity: 1024 + timeline.cues.count * 160)
        var rootAttributes: [(name: String, value: String)] = [
            ("xmlns", TTMLNamespace.ttml),
            ("xmlns:ttp", TTMLNamespace.parameter),
            ("xmlns:tts", TTMLNamespace.styling),
            ("xmlns:ttm", TTMLNamespace.metadata),
            ("xml:lang", timeline.metadata["language"]?.text ?? ""),
            ("ttp:timeBase", "media"),
        ]
        if options.ttmlProfile == .imsc {
            rootAttributes.append(("ttp:contentProfiles", "http://www.w3.org/ns/ttml/profile/imsc1.1/text"))
        }
        for field in plan.rootFields where field.key.hasPrefix("tts:") || field.key.hasPrefix("ttp:") {
            if let value = field.value.text { rootAttributes.append((field.key, value)) }
        }
        xml.start("tt", rootAttributes)
        plan.writeHead(timeline, to: &xml)
        xml.start("body")
        xml.start("div")
        var losses = TTMLWriteLosses()
        for cue in timeline.cues {
            plan.writeParagraph(cue, to: &xml, losses: &losses)
        }
        xml.end()
        xml.end()
        xml.end()
        losses.report(&diagnostics, profile: options.ttmlProfile)
        if xml.removedCharacters > 0 {
            diagnostics.report(.warning(
                "xml.invalid-character",
                "\(xml.removedCharacters) character(s) that XML 1.0 does not allow (control characters) were left out"))
        }
        return xml.finish()
    }
}

/// What the writer could not carry, counted, reported once per kind.
struct TTMLWriteLosses {
    var untimed = 0
    var settings: Set<String> = []
    var classes: Set<String> = []
    var identifiers = 0
    var timestamps = 0
    var ruby = 0

    func report(_ diagnostics: inout Diagnostics, profile: TTMLProfile) {
        if untimed > 0 {
            diagnostics.report(.warning("ttml.untimed", "\(untimed) cue(s) without a start or end were left out", format: .ttml))
        }
        if !settings.isEmpty {
            diagnostics.report(.warning(
                "ttml.settings-dropped",
                "cue settings \(settings.sorted().joined(separator: ", ")) have no TTML equivalent here (only line, as the top or bottom region, and align are written); written without them",
                format: .ttml))
        }
        if !classes.isEmpty {
            diagnostics.report(.warning(
                "ttml.classes-dropped",
                "span classes \(classes.sorted().prefix(10).joined(separator: ", ")) name no TTML style (only the styles of a TTML source and WebVTT's colour classes are written); their text is written without them",
                format: .ttml))
        }
        if identifiers > 0 {
            diagnostics.report(.warning(
                "ttml.id-dropped",
                "\(identifiers) cue identifier(s) are not XML names (xml:id must start with a letter or _ and hold no spaces); written without them",
                format: .ttml))
        }
        if timestamps > 0 {
            diagnostics.report(.warning(
                "ttml.timestamp-dropped",
                "\(timestamps) timestamp(s) inside cue text fall outside their cue; written without them",
                format: .ttml))
        }
        if ruby > 0 {
            diagnostics.report(.warning(
                "ttml.ruby",
                "\(ruby) ruby annotation(s) written as text in parentheses after their base (DFXP has no ruby)",
                format: .ttml))
        }
    }
}
