/// A JSON value that keeps object key order and number text as written, with
/// the line and column where it starts. Shared by every JSON format.
struct JSONValue: Sendable {
    indirect enum Kind: Sendable {
        case object([(key: String, value: JSONValue)])
        case array([JSONValue])
        case string(String)
        /// The number as written (`1.001` stays `1.001`).
        case number(String)
        case bool(Bool)
        case null
    }

    var kind: Kind
    var line: Int
    var column: Int

    init(_ kind: Kind, line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// The value under `key` in an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    /// A short name of the value's type for messages ("a string", "an array").
    var typeDescription: String {
        switch kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

extension JSONValue {
    /// The value as a field value: strings stay strings; numbers, booleans
    /// and null become scalars with their JSON text.
    var fieldValue: FieldValue {
        switch kind {
        case .object(let members): .map(Fields(members.map { Field($0.key, $0.value.fieldValue) }))
        case .array(let items): .list(items.map(\.fieldValue))
        case .string(let text): .string(text)
        case .number(let text): .scalar(text)
        case .bool(let value): .scalar(value ? "true" : "false")
        case .null: .scalar("null")
        }
    }
}
