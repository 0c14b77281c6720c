/// A source value the model keeps as written: metadata such as an episode's
/// `guests`, a JSON chapter's unknown key, a cue's extra YAML keys.
public indirect enum FieldValue: Hashable, Sendable {
    /// A string.
    case string(String)
    /// An untyped token whose type the consumer resolves: a YAML plain scalar
    /// that a YAML 1.1 reader would not take as a string (`5`, `yes`, `1:17`,
    /// `2023-01-05`, an empty value), or a JSON number, `true`, `false`, `null`.
    case scalar(String)
    case list([FieldValue])
    case map(Fields)

    /// The text of a string or scalar; nil for lists and maps.
    public var text: String? {
        switch self {
        case .string(let text), .scalar(let text): return text
        case .list, .map: return nil
        }
    }
}

/// One key and its value.
public struct Field: Hashable, Sendable {
    public var key: String
    public var value: FieldValue

    public init(_ key: String, _ value: FieldValue) {
        self.key = key
        self.value = value
    }
}

/// Fields in source order. Keys may repeat when the source repeats them.
public struct Fields: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    public var entries: [Field]

    public init(_ entries: [Field] = []) {
        self.entries = entries
    }

    public init(arrayLiteral elements: Field...) {
        self.entries = elements
    }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Field { entries[position] }

    /// The first value under `key`. Setting replaces it in place, or appends.
    public subscript(key: String) -> FieldValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Field(key, newValue))
            }
        }
    }

    public mutating func append(_ key: String, _ value: FieldValue) {
        entries.append(Field(key, value))
    }
}
