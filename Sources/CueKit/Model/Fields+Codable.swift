/// Fields are coded as a JSON object, keys in order: a string as a string,
/// a scalar as the JSON literal it is (a number as written, `true`, `false`,
/// `null`), any other scalar (`yes`, `2023-01-05`, an empty value) as
/// `{"$plain": text}`, a list as an array and a map as an object.
///
/// A coder that keeps numbers only as `Int64` or `Double` (Foundation's)
/// gets a number whose text it would write back the same (`5`, `1.001`)
/// as a number and any other (`1.50`, `1e5`) as `{"$plain": text}`, so
/// what it encodes decodes to the same fields. Reading a number written
/// otherwise, it keeps the value, not the spelling (`1.50` as `1.5`); and
/// it keeps no order of an object's keys.
extension Fields: Codable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for field in entries {
            try container.encode(field.value, forKey: FieldKey(field.key))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        var fields = Fields()
        for key in container.allKeys {
            fields.append(key.stringValue, try container.decode(FieldValue.self, forKey: key))
        }
        self = fields
    }
}

extension FieldValue: Codable {
    /// The key of the object that holds a scalar JSON has no literal for.
    static let plainKey = "$plain"

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .scalar(let text):
            try Self.encodeScalar(text, to: encoder)
        case .list(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .map(let fields):
            try fields.encode(to: encoder)
        }
    }

    private static func encodeScalar(_ text: String, to encoder: any Encoder) throws {
        switch text {
        case "true", "false", "null":
            var container = encoder.singleValueContainer()
            if text == "null" { try container.encodeNil() } else { try container.encode(text == "true") }
            return
        default:
            break
        }
        if JSONNumberSyntax.isNumber(text) {
            if let numbers = encoder as? JSONStreamEncoder {
                numbers.encodeNumber(text: text)
                return
            }
            if let integer = Int64(text), String(integer) == text {
                var container = encoder.singleValueContainer()
                try container.encode(integer)
                return
            }
            if let real = Double(text), real.isFinite, real.rounded(.towardZero) != real, real.description == text {
                var container = encoder.singleValueContainer()
                try container.encode(real)
                return
            }
        }
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encode(text, forKey: FieldKey(plainKey))
    }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .scalar("null")
        } else if let text = try? single.decode(String.self) {
            self = .string(text)
        } else if let number = (decoder as? JSONTreeDecoder)?.numberText {
            self = .scalar(number)
        } else if let flag = try? single.decode(Bool.self) {
            self = .scalar(flag ? "true" : "false")
        } else if let integer = try? single.decode(Int64.self) {
            self = .scalar(String(integer))
        } else if let real = try? single.decode(Double.self) {
            self = .scalar(real.description)
        } else if var container = try? decoder.unkeyedContainer() {
            var items: [FieldValue] = []
            while !container.isAtEnd { items.append(try container.decode(FieldValue.self)) }
            self = .list(items)
        } else {
            let object = try decoder.container(keyedBy: FieldKey.self)
            let keys = object.allKeys
            if keys.count == 1, keys[0].stringValue == Self.plainKey,
               let text = try? object.decode(String.self, forKey: keys[0]) {
                self = .scalar(text)
            } else {
                self = .map(try Fields(from: decoder))
            }
        }
    }
}

/// Format extras are coded as an object of fields under each format's id,
/// the formats in order of their ids.
extension FormatExtras: Codable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for format in formats {
            try container.encode(self[format] ?? Fields(), forKey: FieldKey(format.rawValue))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.expecting("an object of format extras") {
            try decoder.container(keyedBy: FieldKey.self)
        }
        self.init()
        for key in container.allKeys {
            self[FormatID(key.stringValue)] = try container.decode(Fields.self, forKey: key)
        }
    }
}

/// The key of a field: any text, with the position of its member in the
/// object when cues' decoder read it (so repeated keys each keep their value).
struct FieldKey: PositionedCodingKey {
    let stringValue: String
    let position: Int?
    var intValue: Int? { nil }

    init(_ stringValue: String) {
        self.stringValue = stringValue
        self.position = nil
    }

    init(_ stringValue: String, position: Int) {
        self.stringValue = stringValue
        self.position = position
    }

    init?(stringValue: String) {
        self.init(stringValue)
    }

    init?(intValue: Int) {
        return nil
    }
}
