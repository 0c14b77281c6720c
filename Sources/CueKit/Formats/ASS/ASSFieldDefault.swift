/// What an event field holds when the writer writes it without a value:
/// such a field is not kept in a cue's extras. Decided on the field's bytes,
/// without making a string of it.
enum ASSFieldDefault {
    /// `Name`: the speaker as read (the field without blanks around it).
    case name
    /// `Layer`: `0`, blanks around it allowed.
    case layer
    /// `Marked` (SSA): `Marked=0`, blanks around it allowed.
    case marked
    /// `Style`: exactly `Default`.
    case style
    /// `MarginL`, `MarginR`, `MarginV`: one or more `0` digits, blanks around them allowed.
    case margin
    /// Anything else: empty.
    case empty

    /// The default of the field with the extras key `key` (see `ASSExtras.fieldKeys`).
    init(key: String) {
        switch key {
        case "Name": self = .name
        case "Layer": self = .layer
        case "Marked": self = .marked
        case "Style": self = .style
        case "MarginL", "MarginR", "MarginV": self = .margin
        default: self = .empty
        }
    }

    /// Whether `bytes[range]` is this default. For `.name` the field must
    /// be the one the speaker is read from.
    func holds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let field = UnsafeBufferPointer(rebasing: bytes[range])
        switch self {
        case .name:
            // Equal to its own trimmed text: empty, or no blank at either end.
            return field.isEmpty || (!Self.isBlank(field.first!) && !Self.isBlank(field.last!))
        case .layer: return Self.trimmed(field).elementsEqual("0".utf8)
        case .marked: return Self.trimmed(field).elementsEqual("Marked=0".utf8)
        case .style: return field.elementsEqual("Default".utf8)
        case .margin:
            let digits = Self.trimmed(field)
            return !digits.isEmpty && digits.allSatisfy { $0 == UInt8(ascii: "0") }
        case .empty: return field.isEmpty
        }
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// `field` without spaces and tabs at either end.
    static func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        var start = 0, end = field.count
        while start < end && isBlank(field[start]) { start += 1 }
        while end > start && isBlank(field[end - 1]) { end -= 1 }
        return field[start..<end]
    }
}
