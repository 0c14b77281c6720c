/// The validation of WebVTT cue settings ("parse the WebVTT cue settings"):
/// which `name:value` pairs a conforming parser applies.
///
/// Settings are kept on `Cue.settings` as written, in source order; this type
/// only says whether a setting takes effect and, if not, why.
enum WebVTTCueSettings {
    /// The setting names WebVTT defines.
    static let names: Set<String> = ["vertical", "line", "position", "size", "align", "region"]

    /// Why a WebVTT parser ignores `name:value`, or nil when it applies it.
    /// `region` values are checked against the file's regions separately.
    static func problem(name: String, value: String) -> String? {
        switch name {
        case "vertical":
            return value == "rl" || value == "lr" ? nil : "expected 'rl' or 'lr'"
        case "align":
            switch value {
            case "start", "center", "end", "left", "right": return nil
            default: return "expected start, center, end, left or right"
            }
        case "size":
            return WebVTTPercentage.parse(value) == nil ? "expected a percentage from 0% to 100%" : nil
        case "position":
            let (number, alignment) = split(value)
            if WebVTTPercentage.parse(number) == nil { return "expected a percentage from 0% to 100%, optionally followed by ',line-left', ',center' or ',line-right'" }
            switch alignment {
            case nil, "line-left", "center", "line-right": return nil
            default: return "expected the alignment after ',' to be line-left, center or line-right"
            }
        case "line":
            let (number, alignment) = split(value)
            if !isValidLinePosition(number) { return "expected a line number such as -1 or 2, or a percentage from 0% to 100%, optionally followed by ',start', ',center' or ',end'" }
            switch alignment {
            case nil, "start", "center", "end": return nil
            default: return "expected the alignment after ',' to be start, center or end"
            }
        case "region":
            return value.isEmpty ? "expected a region identifier" : nil
        default:
            return "WebVTT defines only vertical, line, position, size, align and region"
        }
    }

    /// The value a setting means when it uses `middle`, the name early
    /// WebVTT drafts (and players of their time) gave `center`: `align:middle`,
    /// `position:50%,middle`, `line:0,middle`. Nil unless that value, with
    /// `center` for `middle`, is valid.
    static func middleAsCenter(name: String, value: String) -> String? {
        let center: String
        switch name {
        case "align":
            guard value == "middle" else { return nil }
            center = "center"
        case "position", "line":
            guard value.hasSuffix(",middle") else { return nil }
            center = value.dropLast("middle".count) + "center"
        default:
            return nil
        }
        return problem(name: name, value: center) == nil ? center : nil
    }

    /// `value` split at its first comma.
    private static func split(_ value: String) -> (Substring, Substring?) {
        guard let comma = value.utf8.firstIndex(of: UInt8(ascii: ",")) else { return (Substring(value), nil) }
        return (value[..<comma], value[value.utf8.index(after: comma)...])
    }

    /// The `line` setting's position rules: a percentage, or a number made of
    /// digits, an optional leading '-' and at most one '.' between digits.
    private static func isValidLinePosition(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: isDigit) else { return false }
        if bytes.last == UInt8(ascii: "%") { return WebVTTPercentage.parse(text) != nil }
        var dots = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-"):
                if index != 0 { return false }
            case UInt8(ascii: "."):
                dots += 1
                if dots > 1 || index == 0 || index == bytes.count - 1 { return false }
                if !isDigit(bytes[index - 1]) || !isDigit(bytes[index + 1]) { return false }
            default:
                if !isDigit(byte) { return false }
            }
        }
        guard let number = Double(text) else { return false }
        return number.isFinite
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
}

/// WebVTT's "parse a percentage string": one or more digits, optionally a
/// '.' and more digits, then '%', with a value from 0 to 100.
enum WebVTTPercentage {
    /// The percentage, or nil when `text` is not one.
    static func parse<Text: StringProtocol>(_ text: Text) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.last == UInt8(ascii: "%") else { return nil }
        var index = 0
        var integerDigits = 0
        while index < bytes.count - 1, bytes[index] &- 0x30 < 10 {
            index += 1
            integerDigits += 1
        }
        guard integerDigits > 0 else { return nil }
        if index < bytes.count - 1 {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            var fractionDigits = 0
            while index < bytes.count - 1, bytes[index] &- 0x30 < 10 {
                index += 1
                fractionDigits += 1
            }
            guard fractionDigits > 0, index == bytes.count - 1 else { return nil }
        }
        guard let value = Double(String(decoding: bytes.dropLast(), as: UTF8.self)), value >= 0, value <= 100 else {
            return nil
        }
        return value
    }
}
