/// Names of the WebVTT data kept in `extras[.webVTT]` (and
/// `extras[.webVTTChapters]` for a chapters track) so that a WebVTT round
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
}
