/// The coding keys cues' JSON coders (`JSONTreeDecoder`, `JSONStreamEncoder`)
/// know beyond a type's own `CodingKeys`. The model's conformances also ask
/// those coders, when they are the ones at work, for a number's text and a
/// value's place in the input; any other coder (Foundation's) goes through
/// plain `Codable`.

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
