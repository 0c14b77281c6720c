import CueKit

/// One field of a CSV row: its text (quotes removed) and where it starts.
struct CSVField {
    var text: String
    var location: SourceLocation
}

/// The rows of a CSV text as RFC 4180 defines them: fields separated by
/// commas, rows by LF or CR LF; a field in double quotes may hold commas,
/// line breaks and doubled quotes. Columns are counted in Unicode scalars,
/// as `SourceLocation` counts them.
enum CSVRecords {
    /// Every row of `source`, each with at least one field; a blank line
    /// is a row of one empty field. Throws, located, on a quote left open
    /// or text after a closing quote.
    static func rows(of source: SourceText) throws(Diagnostic) -> [[CSVField]] {
        let text = String(decoding: source.bytes, as: UTF8.self)
        var rows: [[CSVField]] = []
        var row: [CSVField] = []
        var field = ""
        var fieldStart = source.location(line: 1, column: 1)
        var line = 1, column = 1
        var quoted = false, closedQuote = false
        var openQuote = fieldStart
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()

        func endField() {
            row.append(CSVField(text: field, location: fieldStart))
            field = ""
            closedQuote = false
        }
        while let scalar = pending {
            pending = scalars.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = scalars.next()
                        column += 2
                        continue
                    }
                    quoted = false
                    closedQuote = true
                } else if scalar == "\r" && pending == "\n" {
                    // CR LF inside a field is one line break of the text.
                } else {
                    field.unicodeScalars.append(scalar)
                }
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
                column += 1
                fieldStart = source.location(line: line, column: column)
            case "\n", "\r":
                if scalar == "\r" && pending == "\n" { pending = scalars.next() }
                endField()
                rows.append(row)
                row = []
                line += 1
                column = 1
                fieldStart = source.location(line: line, column: column)
            case "\"" where field.isEmpty && !closedQuote:
                quoted = true
                openQuote = source.location(line: line, column: column)
                column += 1
            default:
                if closedQuote {
                    throw .error(
                        "captions-csv.text-after-quote",
                        "expected a comma or the end of the row after a closing quote, found '\(scalar)'",
                        at: source.location(line: line, column: column))
                }
                field.unicodeScalars.append(scalar)
                column += 1
            }
        }
        if quoted {
            throw .error(
                "captions-csv.open-quote",
                "expected a closing quote for the field that starts here, found the end of the file",
                at: openQuote)
        }
        if !field.isEmpty || !row.isEmpty || closedQuote {
            endField()
            rows.append(row)
        }
        return rows
    }
}
