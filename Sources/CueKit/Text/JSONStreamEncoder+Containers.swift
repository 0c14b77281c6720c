/// An object written member by member.
struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONStreamSink
    let depth: Int
    /// The number `JSONStreamSink.open` gave this object.
    let id: Int

    var codingPath: [any CodingKey] { Array(sink.keys.prefix(depth)) }

    /// Writes `key`; its value follows.
    private func member(_ key: any CodingKey) {
        sink.next(in: id, at: depth)
        sink.json.key(key.stringValue)
    }

    /// The encoder of the value under `key`, written next.
    private func child(_ key: any CodingKey) -> JSONStreamEncoder {
        member(key)
        sink.setKey(key, at: depth)
        return JSONStreamEncoder(sink: sink, depth: depth + 1)
    }

    mutating func encodeNil(forKey key: Key) {
        member(key)
        sink.json.null()
    }

    mutating func encode(_ value: Bool, forKey key: Key) {
        member(key)
        sink.json.bool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) {
        member(key)
        sink.json.string(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        member(key)
        try sink.json.number(value, codingPath + [key])
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try encode(Double(value), forKey: key)
    }

    mutating func encode(_ value: Int, forKey key: Key) { encode(Int64(value), forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) { encode(Int64(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) { encode(Int64(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) { encode(Int64(value), forKey: key) }

    mutating func encode(_ value: Int64, forKey key: Key) {
        member(key)
        sink.json.number(value)
    }

    mutating func encode(_ value: UInt, forKey key: Key) { encode(UInt64(value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { encode(Int64(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { encode(Int64(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { encode(Int64(value), forKey: key) }

    mutating func encode(_ value: UInt64, forKey key: Key) {
        member(key)
        sink.json.number(String(value))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try value.encode(to: child(key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        child(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        child(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { child(JSONSuperKey()) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { child(key) }
}

/// An array written item by item.
struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let sink: JSONStreamSink
    let depth: Int
    /// The number `JSONStreamSink.open` gave this array.
    let id: Int
    private(set) var count = 0

    init(sink: JSONStreamSink, depth: Int, id: Int) {
        self.sink = sink
        self.depth = depth
        self.id = id
    }

    var codingPath: [any CodingKey] { Array(sink.keys.prefix(depth)) }

    /// Makes ready for the next item.
    private mutating func item() {
        sink.next(in: id, at: depth)
        count += 1
    }

    /// The encoder of the next item.
    private mutating func child() -> JSONStreamEncoder {
        sink.setKey(JSONIndexKey(intValue: count), at: depth)
        item()
        return JSONStreamEncoder(sink: sink, depth: depth + 1)
    }

    mutating func encodeNil() {
        item()
        sink.json.null()
    }

    mutating func encode(_ value: Bool) {
        item()
        sink.json.bool(value)
    }

    mutating func encode(_ value: String) {
        item()
        sink.json.string(value)
    }

    mutating func encode(_ value: Double) throws {
        item()
        try sink.json.number(value, codingPath)
    }

    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) { encode(Int64(value)) }
    mutating func encode(_ value: Int8) { encode(Int64(value)) }
    mutating func encode(_ value: Int16) { encode(Int64(value)) }
    mutating func encode(_ value: Int32) { encode(Int64(value)) }

    mutating func encode(_ value: Int64) {
        item()
        sink.json.number(value)
    }

    mutating func encode(_ value: UInt) { encode(UInt64(value)) }
    mutating func encode(_ value: UInt8) { encode(Int64(value)) }
    mutating func encode(_ value: UInt16) { encode(Int64(value)) }
    mutating func encode(_ value: UInt32) { encode(Int64(value)) }

    mutating func encode(_ value: UInt64) {
        item()
        sink.json.number(String(value))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: child())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        child().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        child().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { child() }
}
