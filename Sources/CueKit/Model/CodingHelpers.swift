/// Small helpers the model's `Codable` conformances share.

extension Decoder {
    /// `body`'s result; when this value itself (not one inside it) has the
    /// wrong type or is null, the error says it expected `description`
    /// ("a cue object").
    func expecting<T>(_ description: String, _ body: () throws -> T) throws -> T {
        try DecodingError.expecting(description, atDepth: codingPath.count, body)
    }
}

extension KeyedDecodingContainer {
    /// The value under `key`; when it has the wrong type or is null, the
    /// error says it expected `description` ("a cue index").
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key, expecting description: String) throws -> T {
        try DecodingError.expecting(description, atDepth: codingPath.count + 1) { try decode(type, forKey: key) }
    }
}

extension DecodingError {
    /// `body`'s result, with a type mismatch or missing value `depth` keys
    /// down (the value being decoded, not one inside it) saying it expected
    /// `description`.
    /// (`depth` is only worked out for an error: a coding path is a walk.)
    fileprivate static func expecting<T>(
        _ description: String, atDepth depth: @autoclosure () -> Int, _ body: () throws -> T
    ) throws -> T {
        do {
            return try body()
        } catch DecodingError.typeMismatch(let type, let context) where context.codingPath.count == depth() {
            throw DecodingError.typeMismatch(type, context.expecting(description))
        } catch DecodingError.valueNotFound(let type, let context) where context.codingPath.count == depth() {
            throw DecodingError.valueNotFound(type, context.expecting(description))
        }
    }
}

extension DecodingError.Context {
    /// This context, saying it expected `description`.
    fileprivate func expecting(_ description: String) -> DecodingError.Context {
        DecodingError.Context(codingPath: codingPath, debugDescription: "expected \(description)", underlyingError: underlyingError)
    }
}

extension KeyedEncodingContainer {
    /// `value`, or null when there is none: the timeline JSON writes every
    /// optional time and text of a cue, so that each cue has the same keys.
    mutating func encode(orNull value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func encode<T: Encodable>(orNull value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
