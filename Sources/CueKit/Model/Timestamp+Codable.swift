/// A timestamp is coded as its whole milliseconds, a JSON integer.
extension Timestamp: Codable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(milliseconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self.init(milliseconds: try container.decode(Int64.self))
        } catch let error as DecodingError {
            let isNumber = (try? container.decode(Double.self)) != nil
            let context = DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: isNumber ? "expected whole milliseconds" : "expected milliseconds", underlyingError: error)
            throw DecodingError.typeMismatch(Timestamp.self, context)
        }
    }
}
