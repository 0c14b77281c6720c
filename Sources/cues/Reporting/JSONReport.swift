import CueKit

/// The machine-readable report `--json` prints on standard output.
enum JSONReport {
    /// `{"inputs": [...], "succeeded": n, "failed": n}` for a conversion run.
    static func conversion(_ results: [ConversionJob.Result]) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("inputs")
        json.beginArray()
        for result in results {
            json.beginObject()
            json.key("input")
            json.string(result.input.displayName)
            json.key("format")
            if let format = result.sourceFormat { json.string(format.rawValue) } else { json.null() }
            json.key("status")
            json.string(result.succeeded ? "ok" : "failed")
            json.key("outputs")
            json.beginArray()
            for output in result.outputs {
                json.beginObject()
                json.key("format")
                json.string(output.format.rawValue)
                json.key("path")
                switch output.destination {
                case .standardOutput: json.string("-")
                case .file(let path): json.string(path)
                case .memory: json.null()
                }
                json.key("status")
                json.string(output.error == nil ? "written" : "failed")
                json.endObject()
            }
            json.endArray()
            diagnostics(result.diagnostics, into: &json)
            json.endObject()
        }
        json.endArray()
        json.key("succeeded")
        json.number(Int64(results.filter(\.succeeded).count))
        json.key("failed")
        json.number(Int64(results.filter { !$0.succeeded }.count))
        json.endObject()
        json.finish()
        return json.bytes
    }

    /// `"warnings": [...], "errors": [...]` members (notes go with warnings,
    /// marked by their severity).
    static func diagnostics(_ items: [Diagnostic], into json: inout JSONWriter) {
        json.key("warnings")
        json.beginArray()
        for item in items where item.severity != .error { diagnostic(item, into: &json) }
        json.endArray()
        json.key("errors")
        json.beginArray()
        for item in items where item.severity == .error { diagnostic(item, into: &json) }
        json.endArray()
    }

    static func diagnostic(_ item: Diagnostic, into json: inout JSONWriter) {
        json.beginObject()
        json.key("severity")
        json.string(item.severity.rawValue)
        json.key("code")
        json.string(item.code)
        if let format = item.format {
            json.key("format")
            json.string(format.rawValue)
        }
        if let location = item.location {
            if let file = location.file {
                json.key("file")
                json.string(file)
            }
            json.key("line")
            json.number(Int64(location.line))
            json.key("column")
            json.number(Int64(location.column))
        }
        json.key("message")
        json.string(HintText.message(item))
        if let hint = item.hint {
            json.key("hint")
            json.string(hint.name)
        }
        if item.omittedRepeats > 0 {
            json.key("omitted")
            json.number(Int64(item.omittedRepeats))
        }
        json.endObject()
    }
}
