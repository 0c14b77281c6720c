import CueKit

/// Reads captions CSV (see `CaptionsCSV`) into a timeline of cues.
///
/// Errors, located at the field: a header without `start` or `text`, a
/// time that is not one, a quote left open. Repairs (warnings, errors in
/// strict mode): a row with more or fewer fields than the header, a row
/// without text (skipped).
public struct CaptionsCSVReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let rows = try CSVRecords.rows(of: source)
        guard let header = rows.first else { return Timeline() }
        let columns = try CSVColumns(header: header, in: source)
        var cues: [Cue] = []
        for row in rows.dropFirst() {
            // A blank line (one empty field) is no row.
            if row.count == 1 && row[0].text.isEmpty { continue }
            if row.count != columns.count {
                try diagnostics.repair(.warning(
                    "captions-csv.field-count",
                    "expected \(columns.count) fields as in the header, found \(row.count); the missing ones are empty",
                    at: row[0].location))
            }
            func field(_ index: Int?) -> CSVField? {
                guard let index, index < row.count else { return nil }
                return row[index]
            }
            guard let text = field(columns.text), !text.text.isEmpty else {
                try diagnostics.repair(.warning(
                    "captions-csv.no-text", "expected text in the text column, found none; the row is skipped",
                    at: row[0].location))
                continue
            }
            let start = try time(field(columns.start), required: true, in: row)
            let end = try time(field(columns.end), required: false, in: row)
            let speaker = field(columns.speaker).map(\.text).flatMap { $0.isEmpty ? nil : $0 }
            cues.append(Cue(start: start, end: end, speaker: speaker, text: Span.plain(text.text), location: row[0].location))
        }
        return Timeline(cues: cues)
    }

    /// The time in `field`; nil for an empty field that is not `required`.
    private func time(_ field: CSVField?, required: Bool, in row: [CSVField]) throws(Diagnostic) -> Timestamp? {
        let text = field?.text.trimmingCharacters(in: [" ", "\t"]) ?? ""
        if text.isEmpty && !required { return nil }
        guard let time = CSVTime.parse(text) else {
            throw .error(
                "captions-csv.time",
                "expected a time such as 00:01:02.500, 01:02.5 or 62.5, found '\(text)'",
                at: field?.location ?? row[0].location)
        }
        return time
    }
}
