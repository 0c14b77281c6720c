/// A JSON object read by key. A key that repeats in the object is found
/// once for each time it occurs when the keys are `PositionedCodingKey`s
/// from `allKeys`, else the first member with the key is.
struct JSONKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let decoder: JSONTreeDecoder
    /// Whether the keys are `PositionedCodingKey`s (asked once: a cast per
    /// lookup would cost more than the lookup).
    private let isPositioned: Bool

    init(members: [(key: String, value: JSONValue)], decoder: JSONTreeDecoder) {
        self.members = members
        self.decoder = decoder
        self.isPositioned = Key.self is any PositionedCodingKey.Type
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        if isPositioned, let positioned = Key.self as? any PositionedCodingKey.Type {
            return members.indices.map { positioned.init(members[$0].key, position: $0) as! Key }
        }
        return members.compactMap { Key(stringValue: $0.key) }
    }

    private func member(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        if isPositioned, let position = (key as? any PositionedCodingKey)?.position, position < members.count,
           members[position].key == name {
            return members[position].value
        }
        for member in members where member.key == name { return member.value }
        return nil
    }

    /// The decoder of the member under `key`; an error when there is none.
    private func child(_ key: Key) throws -> JSONTreeDecoder {
        guard let value = member(key) else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: codingPath, debugDescription: "expected a member \"\(key.stringValue)\""))
        }
        return decoder.child(value, key: key)
    }

    /// The decoder of the member under `key`, or nil when it is absent or null.
    private func presentChild(_ key: Key) -> JSONTreeDecoder? {
        guard let value = member(key) else { return nil }
        if case .null = value.kind { return nil }
        return decoder.child(value, key: key)
    }

    func contains(_ key: Key) -> Bool { member(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try child(key).value.kind { return true }
        return false
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decodeBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decodeString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decodeFloatingPoint(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decodeFloatingPoint(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decodeInteger(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decodeInteger(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decodeInteger(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decodeInteger(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decodeInteger(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decodeInteger(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decodeInteger(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: child(key)) }

    // An optional member is absent or null; any other value that is not
    // what was expected is reported as "expected ... or null".

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try orNull { try presentChild(key)?.decodeString() }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try orNull { try presentChild(key)?.decodeBool() }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try orNull { try presentChild(key)?.decodeInteger(type) }
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try orNull { try presentChild(key)?.decodeInteger(type) }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try orNull { try presentChild(key).map { try T(from: $0) } }
    }

    /// `body`'s value; a type mismatch of the member itself (not of a value
    /// inside it) says that null would have done too.
    private func orNull<T>(_ body: () throws -> T?) throws -> T? {
        do {
            return try body()
        } catch DecodingError.typeMismatch(let type, let context) where context.codingPath.count == codingPath.count + 1 {
            throw DecodingError.typeMismatch(type, .init(
                codingPath: context.codingPath, debugDescription: context.debugDescription + " or null",
                underlyingError: context.underlyingError))
        }
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = JSONSuperKey()
        guard let value = members.first(where: { $0.key == key.stringValue })?.value else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "expected a member \"super\""))
        }
        return decoder.child(value, key: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

/// A JSON array read item by item.
struct JSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let decoder: JSONTreeDecoder
    private(set) var currentIndex = 0

    init(items: [JSONValue], decoder: JSONTreeDecoder) {
        self.items = items
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The decoder of the next item, moving past it.
    private mutating func next() throws -> JSONTreeDecoder {
        guard currentIndex < items.count else {
            throw DecodingError.valueNotFound(Any.self, .init(
                codingPath: codingPath, debugDescription: "expected another item in the array"))
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: JSONIndexKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, case .null = items[currentIndex].kind else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decodeBool() }
    mutating func decode(_ type: String.Type) throws -> String { try next().decodeString() }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decodeFloatingPoint(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().decodeFloatingPoint(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decodeInteger(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decodeInteger(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decodeInteger(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decodeInteger(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decodeInteger(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decodeInteger(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decodeInteger(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decodeInteger(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decodeInteger(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decodeInteger(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}
