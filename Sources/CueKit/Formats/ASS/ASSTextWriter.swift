/// Writes cue text as an ASS event's text: italic, bold and underline as
/// `{\i1}…{\i0}`, `{\b1}…{\b0}`, `{\u1}…{\u0}`, a colour class (see
/// `ColorClass`) as `{\c&HBBGGRR&}…{\c}` (the outer colour again when
/// nested), line breaks as `\N`, a no-break space as `\h`, `{` and `}` as
/// `\{` and `\}`, inline timestamps as karaoke `{\kN}` (each syllable's
/// length in hundredths, the first from the cue's start, the last to its
/// end), and the position as a leading `{\anN}`. Tags meeting at one place
/// share one block.
///
/// Voices inside the text, languages, ruby and classes that are no colour
/// are written as their text and counted in `Losses`.
enum ASSTextWriter {
    struct Losses {
        /// Spans written as their text.
        var styling = false
        /// A backslash in the text before `N`, `n`, `h`, `{` or `}`, which
        /// ASS reads as an escape.
        var escapes = false
    }

    /// The text of a cue (`capacity`: the bytes it is expected to take).
    static func render(
        _ spans: [Span], alignment: Int?, start: Timestamp, end: Timestamp, losses: inout Losses, capacity: Int = 0
    ) -> [UInt8] {
        var writer = Writer(end: end)
        writer.out.reserveCapacity(capacity)
        if let alignment { writer.tag("\\an\(alignment)") }
        writer.timestamps = timestamps(in: spans)
        if let first = writer.timestamps.first {
            writer.tag("\\k\(hundredths(first.distance(from: start)))")
        }
        writer.walk(spans)
        writer.flushTags()
        losses.styling = losses.styling || writer.losses.styling
        losses.escapes = losses.escapes || writer.losses.escapes
        return writer.out
    }

    /// Milliseconds as whole hundredths, rounded half up; 0 for less than 0.
    static func hundredths(_ milliseconds: Int64) -> Int64 {
        max(0, milliseconds.saturatingAdd(5) / 10)
    }

    private static func timestamps(in spans: [Span]) -> [Timestamp] {
        var found: [Timestamp] = []
        func visit(_ spans: [Span]) {
            for span in spans {
                switch span {
                case .timestamp(let time): found.append(time)
                case .element(let element): visit(element.children)
                case .text, .lineBreak: break
                }
            }
        }
        visit(spans)
        return found
    }

    private struct Writer {
        let end: Timestamp
        var out: [UInt8] = []
        var pending: [UInt8] = []
        var timestamps: [Timestamp] = []
        var timestampIndex = 0
        var italic = 0, bold = 0, underline = 0
        var colours: [String] = []
        var losses = Losses()

        init(end: Timestamp) {
            self.end = end
        }

        mutating func tag(_ text: String) {
            // A colour reset right before another colour is left out.
            if text.hasPrefix("\\c&"), pending.count >= 2, pending[pending.count - 2] == UInt8(ascii: "\\"),
               pending[pending.count - 1] == UInt8(ascii: "c") {
                pending.removeLast(2)
            }
            pending.append(contentsOf: text.utf8)
        }

        mutating func flushTags() {
            guard !pending.isEmpty else { return }
            out.append(UInt8(ascii: "{"))
            out.append(contentsOf: pending)
            out.append(UInt8(ascii: "}"))
            pending.removeAll(keepingCapacity: true)
        }

        mutating func walk(_ spans: [Span]) {
            for span in spans {
                switch span {
                case .text(let text):
                    flushTags()
                    append(text)
                case .lineBreak:
                    flushTags()
                    out.append(contentsOf: "\\N".utf8)
                case .timestamp(let time):
                    timestampIndex += 1
                    let next = timestampIndex < timestamps.count ? timestamps[timestampIndex] : end
                    tag("\\k\(ASSTextWriter.hundredths(next.distance(from: time)))")
                case .element(let element):
                    self.element(element)
                }
            }
        }

        private mutating func element(_ element: SpanElement) {
            switch element.kind {
            case .italic: toggled(\.italic, "i", element.children)
            case .bold: toggled(\.bold, "b", element.children)
            case .underline: toggled(\.underline, "u", element.children)
            case .class:
                let hex = element.classes.lazy.compactMap(ColorClass.hex(forClass:)).first
                if element.classes.count != (hex == nil ? 0 : 1) { losses.styling = true }
                guard let hex else {
                    walk(element.children)
                    return
                }
                tag("\\c" + Self.bgr(hex))
                colours.append(hex)
                walk(element.children)
                colours.removeLast()
                tag(colours.last.map { "\\c" + Self.bgr($0) } ?? "\\c")
            case .voice, .language, .ruby, .rubyText:
                losses.styling = true
                walk(element.children)
            }
        }

        private mutating func toggled(_ depth: WritableKeyPath<Writer, Int>, _ name: String, _ children: [Span]) {
            if self[keyPath: depth] == 0 { tag("\\\(name)1") }
            self[keyPath: depth] += 1
            walk(children)
            self[keyPath: depth] -= 1
            if self[keyPath: depth] == 0 { tag("\\\(name)0") }
        }

        /// `&HBBGGRR&` for `rrggbb`, upper case.
        static func bgr(_ hex: String) -> String {
            let bytes = Array(hex.uppercased().utf8)
            return "&H" + String(decoding: bytes[4..<6] + bytes[2..<4] + bytes[0..<2], as: UTF8.self) + "&"
        }

        private mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { append($0) }
        }

        /// The bytes of a text span, escaped: runs without `{`, `}`, `\` or a
        /// no-break space are copied whole.
        private mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < text.count {
                var next = index
                while next < text.count {
                    let byte = text[next]
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "\\") || byte == 0xA0 { break }
                    next += 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<next]))
                guard next < text.count else { break }
                let byte = text[next]
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "}"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case 0xA0 where out.last == 0xC2:
                    out.removeLast()
                    out.append(contentsOf: "\\h".utf8)
                case UInt8(ascii: "\\"):
                    out.append(byte)
                    // A backslash before `N`, `n` or `h` is an escape to ASS.
                    if next + 1 < text.count {
                        let escaped = text[next + 1]
                        if escaped == UInt8(ascii: "N") || escaped == UInt8(ascii: "n") || escaped == UInt8(ascii: "h") { losses.escapes = true }
                    }
                default:
                    out.append(byte)
                }
                index = next + 1
            }
        }
    }
}
