/// What cues' own JSON coders (`JSONTreeDecoder`, `JSONStreamEncoder`) offer
/// beyond `Codable`, for the model's `Codable` conformances to use when they
/// are there: a number kept as written, the place a value was read, and
/// objects whose keys repeat. Any other coder (Foundation's `JSONEncoder`
/// and `JSONDecoder`) goes through plain `Codable` and gets the same JSON.

/// An encoder that writes a JSON number from its text (`1.50` stays `1.50`).
protocol JSONNumberTextEncoder {
    /// Writes `text`, which is a number as JSON writes one, as this value.
    func encodeNumber(text: String)
}

/// A decoder that gives a JSON number's text as written.
protocol JSONNumberTextDecoder {
    /// The number's text when this value is a number, else nil.
    var numberText: String? { get }
}

/// A decoder that knows where in its input the value it decodes starts.
protocol SourceLocatingDecoder {
    /// The line and column of the value's first character.
    var sourceLocation: SourceLocation { get }
}

/// A coding key that may carry the position of the member it names in its
/// object: with it, the decoder finds each of several members that share a
/// key (`allKeys` lists each, in order), without it the first.
protocol PositionedCodingKey: CodingKey {
    /// The key of the member at `position` in the object.
    init(_ stringValue: String, position: Int)
    /// The member's position, when the key came from the decoder's `allKeys`.
    var position: Int? { get }
}

/// The key of an array item: its index (`Index 2` as text, as Foundation names it).
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(intValue: Int) {
        self.intValue = intValue
    }

    init?(stringValue: String) {
        return nil
    }
}

/// The key of a superclass's members (`super`), as Codable names it.
struct JSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }

    init() {}

    init?(stringValue: String) {
        guard stringValue == "super" else { return nil }
    }

    init?(intValue: Int) {
        return nil
    }
}
