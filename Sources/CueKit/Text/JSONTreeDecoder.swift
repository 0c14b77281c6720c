/// Decodes `Decodable` values from a parsed JSON document (`JSONParser`):
/// the model's own `init(from:)` read from cues' JSON, with numbers as
/// written, every member of an object whose keys repeat, and the line and
/// column of each value for errors (see `JSONDecodingFailure`).
///
/// Type mismatches say what was expected (`expected a string`); the caller
/// adds what was found, from the value at the error's coding path.
final class JSONTreeDecoder: Decoder {
    let value: JSONValue
    /// The decoder of the array or object that holds this value.
    private let parent: JSONTreeDecoder?
    /// This value's key in its parent.
    private let key: (any CodingKey)?
    let file: String?

    /// `T` decoded from `root`, a document read from `file`.
    static func decode<T: Decodable>(_ type: T.Type, from root: JSONValue, file: String?) throws -> T {
        try T(from: JSONTreeDecoder(root, parent: nil, key: nil, file: file))
    }

    private init(_ value: JSONValue, parent: JSONTreeDecoder?, key: (any CodingKey)?, file: String?) {
        self.value = value
        self.parent = parent
        self.key = key
        self.file = file
    }

    /// The decoder of `value`, held by this one under `key`.
    func child(_ value: JSONValue, key: any CodingKey) -> JSONTreeDecoder {
        JSONTreeDecoder(value, parent: self, key: key, file: file)
    }

    /// The keys from the document to this value (walked only for an error).
    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var decoder: JSONTreeDecoder? = self
        while let current = decoder, let key = current.key {
            path.append(key)
            decoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The number's text as written, when this value is a number (the
    /// model's fields keep it: `1.50` stays `1.50`).
    var numberText: String? {
        if case .number(let text) = value.kind { return text }
        return nil
    }

    /// Where the value starts: the model's cues and chapters keep it.
    var sourceLocation: SourceLocation {
        SourceLocation(file: file, line: value.line, column: value.column)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value.kind else { throw mismatch(expected: "an object") }
        return KeyedDecodingContainer(JSONKeyedDecodingContainer<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value.kind else { throw mismatch(expected: "an array") }
        return JSONUnkeyedDecodingContainer(items: items, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONSingleValueDecodingContainer(decoder: self)
    }

    /// The error for this value when it is not `expected` (a phrase such as
    /// "a string"): a missing value for null, else a type mismatch.
    func mismatch(expected: String) -> DecodingError {
        let context = DecodingError.Context(codingPath: codingPath, debugDescription: "expected \(expected)")
        if case .null = value.kind { return .valueNotFound(Any.self, context) }
        return .typeMismatch(Any.self, context)
    }

    // MARK: Values

    func decodeString() throws -> String {
        guard case .string(let text) = value.kind else { throw mismatch(expected: "a string") }
        return text
    }

    func decodeBool() throws -> Bool {
        guard case .bool(let flag) = value.kind else { throw mismatch(expected: "true or false") }
        return flag
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let text) = value.kind else { throw mismatch(expected: "a number") }
        guard let number = T(text) else { throw mismatch(expected: "a whole number") }
        return number
    }

    func decodeFloatingPoint<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
        guard case .number(let text) = value.kind, let number = T(text) else { throw mismatch(expected: "a number") }
        return number
    }
}

/// A JSON value read as one value.
private struct JSONSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: JSONTreeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null = decoder.value.kind { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeFloatingPoint(type) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.decodeFloatingPoint(type) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}
