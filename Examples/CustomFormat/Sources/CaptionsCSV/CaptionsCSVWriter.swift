import CueKit

/// Writes captions CSV (see `CaptionsCSV`): the header
/// `start,end,speaker,text`, then a row per cue with `HH:MM:SS.mmm` times,
/// the speaker and the text without markup, each line of it a line of the
/// field. A field holding a comma, a quote or a line break is quoted.
///
/// What CSV cannot hold is said once per kind: cues without times (left
/// out; the converter infers times first, so this happens only when the
/// writer is used alone), markup and cue settings.
public struct CaptionsCSVWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let lineEnd = options.crlf ? "\r\n" : "\n"
        var out = options.byteOrderMark ? "\u{FEFF}" : ""
        out += "start,end,speaker,text" + lineEnd
        var untimed = 0, styled = 0, placed = 0
        for cue in timeline.cues {
            guard let start = cue.start, let end = cue.end else {
                untimed += 1
                continue
            }
            if cue.text.hasMarkup { styled += 1 }
            if !cue.settings.isEmpty { placed += 1 }
            let text = cue.plainText.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: lineEnd)
            let fields = [CSVTime.format(start), CSVTime.format(end), cue.speaker ?? "", text]
            out += fields.map(Self.quotedIfNeeded).joined(separator: ",") + lineEnd
        }
        func lost(_ count: Int, _ code: String, _ what: String) {
            guard count > 0 else { return }
            diagnostics.report(.warning("captions-csv.\(code)", "\(count) cue(s) \(what)", format: CaptionsCSV.id))
        }
        lost(untimed, "untimed", "without a start or end time were not written")
        lost(styled, "markup", "have markup (italics, voices, colours) that CSV cannot hold; written as plain text")
        lost(placed, "settings", "have position settings that CSV cannot hold; left out")
        return Array(out.utf8)
    }

    /// `field` as CSV writes it: in double quotes (inner quotes doubled)
    /// when it holds a comma, a quote or a line break.
    static func quotedIfNeeded(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingQuotes() + "\""
    }
}

extension String {
    /// With every `"` doubled.
    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result
    }
}
