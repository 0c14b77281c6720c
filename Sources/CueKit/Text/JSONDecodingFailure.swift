/// A `DecodingError` from `JSONTreeDecoder` as a located diagnostic: the
/// value at the error's coding path gives the line and column, and for a
/// value of the wrong type (or null) what was found.
enum JSONDecodingFailure {
    /// `error`, met decoding `root` (read from `file`, in `format`). Codes:
    /// `<format>.type` for a value of the wrong type or a missing one,
    /// `<format>.value` for a value of the right type that is not allowed.
    static func diagnostic(_ error: DecodingError, root: JSONValue, file: String?, format: FormatID) -> Diagnostic {
        let code: String, context: DecodingError.Context, saysWhatWasFound: Bool
        switch error {
        case .typeMismatch(_, let found), .valueNotFound(_, let found): (code, context, saysWhatWasFound) = ("type", found, true)
        case .keyNotFound(_, let found): (code, context, saysWhatWasFound) = ("type", found, false)
        case .dataCorrupted(let found): (code, context, saysWhatWasFound) = ("value", found, false)
        @unknown default: (code, context, saysWhatWasFound) = ("value", .init(codingPath: [], debugDescription: "\(error)"), false)
        }
        let value = self.value(at: context.codingPath, in: root)
        let message = saysWhatWasFound ? "\(context.debugDescription), found \(value.typeDescription)" : context.debugDescription
        return .error("\(format.rawValue).\(code)", message,
                      at: SourceLocation(file: file, line: value.line, column: value.column), format: format)
    }

    /// The value `path` leads to from `root` (as far as it leads).
    static func value(at path: [any CodingKey], in root: JSONValue) -> JSONValue {
        var value = root
        for key in path {
            switch value.kind {
            case .array(let items):
                guard let index = key.intValue, items.indices.contains(index) else { return value }
                value = items[index]
            case .object(let members):
                if let position = (key as? any PositionedCodingKey)?.position, members.indices.contains(position),
                   members[position].key == key.stringValue {
                    value = members[position].value
                } else if let member = members.first(where: { $0.key == key.stringValue }) {
                    value = member.value
                } else {
                    return value
                }
            default:
                return value
            }
        }
        return value
    }
}
