/// Names of the WebVTT data kept in `extras[.vtt]` (and
/// `extras[.vttChapters]` for a chapters track) so that a WebVTT round
/// trip keeps what the timeline does not model.
///
/// Blocks are kept as their text, line feeds between lines, first line
/// included (`STYLE`, `REGION`, `NOTE …`).
enum WebVTTExtras {
    // Timeline level.

    /// The rest of the signature line after `WEBVTT` (with its leading space or tab).
    static let signature = "signature"
    /// The header lines after the signature line (`Kind: captions`,
    /// `X-TIMESTAMP-MAP=…`), line feeds between.
    static let header = "header"
    /// STYLE, REGION and NOTE blocks before the first cue, in order.
    static let blocks = "blocks"
    /// NOTE blocks after the last cue.
    static let trailingNotes = "trailingNotes"

    // Cue (or chapter) level.

    /// NOTE blocks between the previous cue and this one.
    static let notes = "notes"
    /// The classes of a voice span that covered the whole cue (`<v.loud Mary>`),
    /// whose name became the cue's speaker.
    static let voiceClasses = "voiceClasses"

    // Chapter level (vtt-chapters).

    /// The cue identifier of a chapter cue.
    static let id = "id"
    /// The cue settings of a chapter cue, as written (`align:start line:0`).
    static let settings = "settings"

    /// A warning that writing `timeline` as `target` drops the WebVTT data
    /// kept under `source` (`vtt` or `vtt-chapters`), or nil when there is none.
    static func lossWarning(_ extras: ExtrasTally, source: FormatID, target: FormatID) -> Diagnostic? {
        guard target != source else { return nil }
        var parts: [String] = []
        let file = extras.timeline[source]
        if file?[header] != nil || file?[signature] != nil { parts.append("the header") }
        var blockCount = extras.cues(with: notes, of: source).items + extras.chapters(with: notes, of: source).items
        if case .list(let items)? = file?[blocks] { blockCount += items.count }
        if case .list(let items)? = file?[trailingNotes] { blockCount += items.count }
        let voiceClassCount = extras.cues(with: voiceClasses, of: source).elements
        let identifiers = extras.chapters(with: id, of: source).elements
        let settingsCount = extras.chapters(with: settings, of: source).elements
        if blockCount > 0 { parts.append("\(blockCount) STYLE, REGION or NOTE block(s)") }
        if voiceClassCount > 0 { parts.append("the voice classes of \(voiceClassCount) cue(s)") }
        if identifiers > 0 { parts.append("the cue identifiers of \(identifiers) chapter(s)") }
        if settingsCount > 0 { parts.append("the cue settings of \(settingsCount) chapter(s)") }
        guard !parts.isEmpty else { return nil }
        return .warning(
            "\(source).lossy-elsewhere",
            "\(parts.joined(separator: ", ")) from the WebVTT file, which \(target) cannot hold; written without them",
            format: source)
    }
}
