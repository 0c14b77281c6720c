extension JSONWriter {
    /// Writes a field value a JSON reader produced back as JSON: strings as
    /// strings, scalars that are JSON literals (numbers as written, `true`,
    /// `false`, `null`) as those literals and any other scalar as a string,
    /// lists as arrays and maps as objects in order.
    package mutating func fieldValue(_ value: FieldValue) {
        switch value {
        case .string(let text): string(text)
        case .scalar(let text):
            switch text {
            case "true": bool(true)
            case "false": bool(false)
            case "null": null()
            default:
                if JSONNumberSyntax.isNumber(text) { number(text) } else { string(text) }
            }
        case .list(let items):
            beginArray()
            for item in items { fieldValue(item) }
            endArray()
        case .map(let fields):
            beginObject()
            for field in fields {
                key(field.key)
                fieldValue(field.value)
            }
            endObject()
        }
    }
}
