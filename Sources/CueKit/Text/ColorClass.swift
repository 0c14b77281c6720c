/// Text colours (SRT `<font color>`, ASS `\c&HBBGGRR&`) and the class spans
/// that carry them in the timeline.
///
/// A colour becomes a `.class` span with one class: the WebVTT default colour
/// class (`white`, `lime`, `cyan`, `red`, `yellow`, `magenta`, `blue`,
/// `black`) when the colour is one of those, else `color-rrggbb` for a hex
/// colour (lowercase, no `#`) or `color-name` for another colour name, so that
/// WebVTT writes `<c.yellow>`, SRT `<font color="#ffff00">` and ASS
/// `{\c&H00FFFF&}` back.
enum ColorClass {
    /// The WebVTT default colour classes and their hex values.
    static let defaults: [(name: String, hex: String)] = [
        ("white", "ffffff"), ("lime", "00ff00"), ("cyan", "00ffff"), ("red", "ff0000"),
        ("yellow", "ffff00"), ("magenta", "ff00ff"), ("blue", "0000ff"), ("black", "000000"),
    ]

    /// The class for a `<font color>` value (`#00FF00`, `00ff00`, `#0f0`,
    /// `red`), or nil when the value is not a colour.
    static func className(forFontColor value: String) -> String? {
        var text = value.lowercased()
        let hashed = text.hasPrefix("#")
        if hashed { text.removeFirst() }
        let isHex = !text.isEmpty && text.utf8.allSatisfy { $0 &- 0x30 < 10 || $0 &- 0x61 < 6 }
        if isHex && text.utf8.count == 3 && hashed {
            text = text.map { "\($0)\($0)" }.joined()
        }
        if isHex && text.utf8.count == 6 {
            if let named = defaults.first(where: { $0.hex == text }) { return named.name }
            return "color-" + text
        }
        guard !hashed, !text.isEmpty, text.utf8.count <= 32, text.utf8.allSatisfy({ $0 &- 0x61 < 26 }) else { return nil }
        if defaults.contains(where: { $0.name == text }) { return text }
        return "color-" + text
    }

    /// The `<font color>` value for a class, or nil when the class is not a colour.
    static func fontColor(forClass name: String) -> String? {
        if let named = defaults.first(where: { $0.name == name }) { return "#" + named.hex }
        guard name.hasPrefix("color-") else { return nil }
        let value = name.dropFirst(6)
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 &- 0x30 < 10 || $0 &- 0x61 < 26 }) else { return nil }
        let isHex = value.utf8.count == 6 && value.utf8.allSatisfy { $0 &- 0x30 < 10 || $0 &- 0x61 < 6 }
        return isHex ? "#" + value : String(value)
    }

    /// The class for a colour given as red, green and blue (`rrggbb`, lowercase).
    static func className(forHex hex: String) -> String {
        defaults.first(where: { $0.hex == hex })?.name ?? "color-" + hex
    }

    /// The `rrggbb` hex value (lowercase) of a class, or nil when the class
    /// is not a hex colour or a default colour class.
    static func hex(forClass name: String) -> String? {
        if let named = defaults.first(where: { $0.name == name }) { return named.hex }
        guard name.hasPrefix("color-") else { return nil }
        let value = name.dropFirst(6)
        guard value.utf8.count == 6, value.utf8.allSatisfy({ $0 &- 0x30 < 10 || $0 &- 0x61 < 6 }) else { return nil }
        return String(value)
    }
}
