/// Encodes `Encodable` values straight into a `JSONWriter` (two-space
/// indents, keys in the order given, numbers as `encodeNumber(text:)`
/// gives them): the model's own `encode(to:)` written as cues' JSON, with
/// no tree built on the way.
///
/// Values are written as they come, so an `encode(to:)` writes each value
/// once and in order: a container takes no more values once a value of the
/// container around it has followed (a precondition). A container ends when
/// the one around it takes its next value, or at the end of the document.
struct JSONStreamEncoder: Encoder {
    let sink: JSONStreamSink
    /// How many containers hold this value (0 for the document's value).
    let depth: Int

    /// `value` as a JSON document ending with a line break.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = JSONStreamSink()
        try value.encode(to: JSONStreamEncoder(sink: sink, depth: 0))
        sink.endContainers(deeperThan: -1)
        sink.json.finish()
        return sink.json.bytes
    }

    var codingPath: [any CodingKey] { Array(sink.keys.prefix(depth)) }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONKeyedEncodingContainer<Key>(sink: sink, depth: depth, id: sink.open(object: true, at: depth)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedEncodingContainer(sink: sink, depth: depth, id: sink.open(object: false, at: depth))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueEncodingContainer(encoder: self)
    }

    /// Writes `text`, a number as JSON writes one, as this value (the
    /// model's fields write numbers as their source did: `1.50`).
    func encodeNumber(text: String) {
        sink.json.number(text)
    }
}

/// What the encoders and containers of one document share: the writer,
/// the containers still open and the key at each depth.
final class JSONStreamSink {
    var json = JSONWriter()
    /// The open containers, outermost first: the one opened at depth `d` is
    /// `open[d]`, with a number that tells it from a later one at that depth.
    private var open: [(isObject: Bool, id: Int)] = []
    private var opened = 0
    /// The key of the value being written at each depth (`codingPath`).
    private(set) var keys: [any CodingKey] = []

    /// Opens an object or array at `depth`, or, asked again by the same
    /// encoder, gives the one it opened; returns the container's number.
    func open(object: Bool, at depth: Int) -> Int {
        endContainers(deeperThan: depth)
        if open.count == depth + 1 {
            precondition(open[depth].isObject == object, "an encoder asked for an object and an array")
            return open[depth].id
        }
        precondition(open.count == depth, "a value was encoded out of order")
        opened += 1
        open.append((object, opened))
        if object { json.beginObject() } else { json.beginArray() }
        return opened
    }

    /// Ends the containers opened deeper than `depth`.
    func endContainers(deeperThan depth: Int) {
        while open.count > depth + 1 {
            if open.removeLast().isObject { json.endObject() } else { json.endArray() }
        }
    }

    /// Makes ready for the next value of container `id` at `depth`.
    func next(in id: Int, at depth: Int) {
        precondition(open.count > depth && open[depth].id == id, "a container took a value after it ended")
        endContainers(deeperThan: depth)
    }

    /// Records `key` as the key of the value written at `depth`.
    func setKey(_ key: any CodingKey, at depth: Int) {
        if keys.count > depth { keys[depth] = key } else { keys.append(key) }
    }
}

/// One value written where the encoder stands.
private struct JSONSingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: JSONStreamEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    private var sink: JSONStreamSink { encoder.sink }

    mutating func encodeNil() { sink.json.null() }
    mutating func encode(_ value: Bool) { sink.json.bool(value) }
    mutating func encode(_ value: String) { sink.json.string(value) }
    mutating func encode(_ value: Double) throws { try sink.json.number(value, codingPath) }
    mutating func encode(_ value: Float) throws { try sink.json.number(Double(value), codingPath) }
    mutating func encode(_ value: Int) { sink.json.number(Int64(value)) }
    mutating func encode(_ value: Int8) { sink.json.number(Int64(value)) }
    mutating func encode(_ value: Int16) { sink.json.number(Int64(value)) }
    mutating func encode(_ value: Int32) { sink.json.number(Int64(value)) }
    mutating func encode(_ value: Int64) { sink.json.number(value) }
    mutating func encode(_ value: UInt) { sink.json.number(String(value)) }
    mutating func encode(_ value: UInt8) { sink.json.number(Int64(value)) }
    mutating func encode(_ value: UInt16) { sink.json.number(Int64(value)) }
    mutating func encode(_ value: UInt32) { sink.json.number(Int64(value)) }
    mutating func encode(_ value: UInt64) { sink.json.number(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: encoder) }
}

extension JSONWriter {
    /// A finite `value` in Swift's shortest form that reads back the same
    /// (`0.1`, `1e-07`); JSON has no infinity or NaN.
    mutating func number(_ value: Double, _ codingPath: [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSON has no \(value)"))
        }
        number(value.description)
    }
}
