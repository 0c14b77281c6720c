/// The parts of a WebVTT file around its cues, written from the extras a
/// WebVTT reader kept: the signature line, header lines, blocks before the
/// first cue, NOTE blocks between cues and after the last.
///
/// Layout: `WEBVTT` and the rest of its line, the header lines, then each
/// block and each cue after one blank line; every line ends with a line end.
struct WebVTTLayout {
    /// Blocks from the extras that could not be written as they are (a
    /// blank line or `-->` inside would change how the file parses).
    private(set) var droppedBlocks = 0

    /// Appends the signature line, the header lines and the blocks before
    /// the first cue.
    mutating func appendHead(_ extras: Fields?, to out: inout TextOutput) {
        out.append("WEBVTT")
        if let signature = extras?[WebVTTExtras.signature]?.text, !signature.isEmpty {
            let line = Self.singleLine(signature)
            if let first = line.utf8.first, first != 0x20, first != 0x09 { out.append(byte: 0x20) }
            out.append(line)
        }
        out.newline()
        if let header = extras?[WebVTTExtras.header]?.text {
            for line in header.split(separator: "\n", omittingEmptySubsequences: true) {
                if Self.containsArrow(line) {
                    droppedBlocks += 1
                    continue
                }
                out.append(String(line))
                out.newline()
            }
        }
        appendBlocks(extras?[WebVTTExtras.blocks], to: &out)
    }

    /// Appends each block of a list value, a blank line before each.
    mutating func appendBlocks(_ blocks: FieldValue?, to out: inout TextOutput) {
        guard case .list(let items)? = blocks else { return }
        for item in items {
            guard let text = item.text else { continue }
            appendBlock(text, to: &out)
        }
    }

    /// Appends one block after a blank line, unless it would not read back
    /// as one block.
    mutating func appendBlock(_ text: String, to out: inout TextOutput) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard !text.isEmpty, !lines.contains(where: { $0.isEmpty || Self.containsArrow($0) }) else {
            droppedBlocks += 1
            return
        }
        out.newline()
        for line in lines {
            out.append(String(line))
            out.newline()
        }
    }

    static func containsArrow(_ text: Substring) -> Bool {
        var dashes = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ">"), dashes >= 2 { return true }
            dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
        }
        return false
    }

    static func singleLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    /// The settings that a WebVTT parser will read back as written, and how
    /// many others were left out.
    static func writableSettings(_ settings: [Field]) -> (settings: [(String, String)], dropped: Int) {
        var kept: [(String, String)] = []
        var dropped = 0
        for setting in settings {
            guard let value = setting.value.text, !value.isEmpty, !setting.key.isEmpty,
                  !value.utf8.contains(where: WebVTTParser.isASCIIWhitespace),
                  !setting.key.utf8.contains(where: { $0 == UInt8(ascii: ":") || WebVTTParser.isASCIIWhitespace($0) }),
                  setting.key == "region" || WebVTTCueSettings.problem(name: setting.key, value: value) == nil
            else {
                dropped += 1
                continue
            }
            kept.append((setting.key, value))
        }
        return (kept, dropped)
    }

    /// Appends `start --> end` and the settings, and ends the line.
    static func appendTimingLine(start: Timestamp, end: Timestamp, settings: [(String, String)], to out: inout TextOutput) {
        out.appendRange(start, end, style: .vtt)
        for (name, value) in settings {
            out.append(byte: 0x20)
            out.append(name)
            out.append(byte: UInt8(ascii: ":"))
            out.append(value)
        }
        out.newline()
    }
}
