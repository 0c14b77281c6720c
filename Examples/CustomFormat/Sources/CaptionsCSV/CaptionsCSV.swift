import CueKit

/// Captions kept in a spreadsheet and exported as CSV (RFC 4180): a header
/// row naming the columns, then one row per cue.
///
/// ```
/// start,end,speaker,text
/// 00:00:01.000,00:00:04.500,Ada,"Welcome back, everyone."
/// 00:00:04.500,00:00:07.250,Grace,"Thanks, Ada.
/// Glad to be here."
/// ```
///
/// The `start` and `text` columns are required, `end` and `speaker`
/// optional, in any order; other columns are ignored. Times are
/// `HH:MM:SS.mmm`, `MM:SS.mmm` or seconds (`62.5`); a cue without an end
/// gets one from time inference when it is written as captions. A field in
/// double quotes may hold commas, line breaks (lines of the cue's text) and
/// doubled quotes.
public enum CaptionsCSV {
    /// The format's id, as `--to`/`--from` would name it.
    public static let id = FormatID("captions-csv")

    /// The format's declaration, for a `FormatRegistry`.
    public static let format = Format(
        id: id,
        name: "Captions CSV",
        kind: .captions,
        extensions: ["captions.csv", "csv"],
        mediaTypes: ["text/csv"],
        reader: CaptionsCSVReader(),
        writer: CaptionsCSVWriter(),
        sniff: { head in CSVColumns.headerNamesCaptions(head) })
}

extension FormatRegistry {
    /// Every standard format, and captions CSV.
    public static let withCaptionsCSV = FormatRegistry(FormatRegistry.standard.formats + [CaptionsCSV.format])
}
