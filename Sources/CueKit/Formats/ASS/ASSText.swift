/// Reads an event's text: override blocks `{\…}`, `\N`, `\n`, `\h`, `\{`,
/// `\}`, into spans, a position and the tags that map to nothing.
///
/// ASS tags switch a state on and off rather than nest, so the text is read
/// as runs that share italic, bold, underline and colour, then nested
/// (colour outermost, then italic, bold, underline), runs next to each
/// other sharing an element.
///
/// - `\i1`/`\i0`, `\b1`/`\b0` (a weight of 700 or more is bold; another
///   weight is kept as an unmapped tag too), `\u1`/`\u0`; without a value,
///   off (the style's value is not looked up); `\r` turns all of them and
///   the colour off.
/// - `\c&HBBGGRR&` and `\1c`: a class span as SRT colours are (see
///   `ColorClass`); `\c` alone ends it. Alpha and the other colours
///   (`\2c`–`\4c`) are unmapped.
/// - `\anN` and the legacy `\aN` (SSA numbers): the first one is the
///   position; later ones, as in libass, do nothing (kept as unmapped).
/// - `\k`, `\K`, `\kf`, `\ko` (karaoke, hundredths): each syllable's start
///   becomes a `Span.timestamp` (the line's start plus the durations
///   before it); a timestamp at the line's start or end or right before
///   another is left out.
/// - Everything else (`\s1` strike-out, `\pos`, `\fad`, `\move`, `\fn`,
///   `\fs`, `\t`, drawings, braces holding no tag) is unmapped: listed as
///   written, so that the reader keeps the text as written for ASS.
/// - `\N` is a line break; `\n` one under `WrapStyle: 2` and a space
///   otherwise; `\h` a no-break space; `\{` and `\}` braces (as libass reads
///   them); any other backslash is text. A `{` never closed is text.
enum ASSText {
    struct Result {
        var spans: [Span]
        /// The numpad position of the first `\an`/`\a` tag.
        var alignment: Int?
        /// The tags that map to nothing, as written (`\pos(1,2)`, `{note}`).
        var unmapped: [String]
    }

    private struct Attributes: Equatable {
        var italic = false
        var bold = false
        var underline = false
        var colour: String?
    }

    private struct Run {
        var attributes: Attributes
        var spans: [Span]
    }

    /// The text `bytes[start..<end]` of an event from `cueStart` to `cueEnd`.
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        wrapStyle2: Bool, cueStart: Timestamp, cueEnd: Timestamp
    ) -> Result {
        var reader = Reader(bytes: bytes, wrapStyle2: wrapStyle2, cueStart: cueStart, cueEnd: cueEnd)
        reader.read(start, end)
        return Result(spans: reader.spans(), alignment: reader.alignment, unmapped: reader.unmapped)
    }

    /// The text of `string` (tests and the writer's check of kept text).
    static func read(_ string: String, wrapStyle2: Bool, cueStart: Timestamp, cueEnd: Timestamp) -> Result {
        let bytes = Array(string.utf8)
        return bytes.withUnsafeBufferPointer { read($0, 0, $0.count, wrapStyle2: wrapStyle2, cueStart: cueStart, cueEnd: cueEnd) }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let wrapStyle2: Bool
        let cueStart: Timestamp
        let cueEnd: Timestamp
        var attributes = Attributes()
        var runs: [Run] = []
        var text: [UInt8] = []
        var alignment: Int?
        var unmapped: [String] = []
        var karaoke: Int64 = 0

        init(bytes: UnsafeBufferPointer<UInt8>, wrapStyle2: Bool, cueStart: Timestamp, cueEnd: Timestamp) {
            self.bytes = bytes
            self.wrapStyle2 = wrapStyle2
            self.cueStart = cueStart
            self.cueEnd = cueEnd
        }

        mutating func read(_ start: Int, _ end: Int) {
            var index = start
            while index < end {
                let next = ByteSearch.firstIndex(ofAny: UInt8(ascii: "{"), UInt8(ascii: "\\"), in: bytes, from: index, to: end)
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<next]))
                index = next
                guard index < end else { break }
                if bytes[index] == UInt8(ascii: "{") {
                    let close = ByteSearch.firstIndex(of: UInt8(ascii: "}"), in: bytes, from: index + 1, to: end)
                    if close == end {
                        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                        break
                    }
                    block(index + 1, close)
                    index = close + 1
                    continue
                }
                // A backslash outside a block.
                let escaped = index + 1 < end ? bytes[index + 1] : 0
                switch escaped {
                case UInt8(ascii: "N"):
                    add(.lineBreak)
                case UInt8(ascii: "n"):
                    if wrapStyle2 { add(.lineBreak) } else { text.append(0x20) }
                case UInt8(ascii: "h"):
                    text.append(contentsOf: [0xC2, 0xA0])
                case UInt8(ascii: "{"), UInt8(ascii: "}"):
                    text.append(escaped)
                default:
                    text.append(UInt8(ascii: "\\"))
                    index += 1
                    continue
                }
                index += 2
            }
            flushText()
        }

        /// The tags between `{` and `}`.
        mutating func block(_ start: Int, _ end: Int) {
            var index = start
            if index < end && bytes[index] != UInt8(ascii: "\\") {
                // Text before the first tag is a comment.
                let tag = ByteSearch.firstIndex(of: UInt8(ascii: "\\"), in: bytes, from: index, to: end)
                unmapped.append("{" + bytes.utf8String(index, tag) + "}")
                index = tag
            }
            while index < end {
                // A tag runs to the next backslash outside parentheses.
                var scan = index + 1
                var depth = 0
                while scan < end {
                    let byte = bytes[scan]
                    if byte == UInt8(ascii: "(") { depth += 1 }
                    else if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
                    else if byte == UInt8(ascii: "\\") && depth == 0 { break }
                    scan += 1
                }
                tag(bytes.utf8String(index + 1, scan))
                index = scan
            }
        }

        /// One tag without its backslash.
        mutating func tag(_ written: String) {
            let tag = written.trimmingBlanks()
            let utf8 = tag.utf8
            func value(after prefix: Int) -> Int? {
                let rest = utf8.dropFirst(prefix)
                guard rest.allSatisfy({ $0 &- 0x30 < 10 }), rest.count <= 9 else { return nil }
                return rest.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            }
            let first = utf8.first ?? 0
            switch first {
            case UInt8(ascii: "i") where value(after: 1) != nil || tag == "i":
                change { $0.italic = (value(after: 1) ?? 0) != 0 }
                return
            case UInt8(ascii: "u") where value(after: 1) != nil || tag == "u":
                change { $0.underline = (value(after: 1) ?? 0) != 0 }
                return
            case UInt8(ascii: "b") where value(after: 1) != nil || tag == "b":
                let weight = value(after: 1) ?? 0
                change { $0.bold = weight == 1 || weight >= 700 }
                if weight > 1 { unmapped.append("\\" + written) }
                return
            case UInt8(ascii: "a") where tag.hasPrefix("an") && value(after: 2) != nil:
                let number = value(after: 2)!
                if alignment == nil, (1...9).contains(number) {
                    alignment = number
                    return
                }
            case UInt8(ascii: "a") where value(after: 1) != nil:
                if alignment == nil, let number = ASSStyle.numpad(fromSSA: value(after: 1)!) {
                    alignment = number
                    return
                }
            case UInt8(ascii: "c"), UInt8(ascii: "1"):
                let prefix = first == UInt8(ascii: "c") ? 1 : 2
                if first == UInt8(ascii: "1") && !tag.hasPrefix("1c") { break }
                if let colour = Self.colour(tag.utf8.dropFirst(prefix)) {
                    change { $0.colour = colour.className }
                    if colour.hasAlpha { unmapped.append("\\" + written) }
                    return
                }
            case UInt8(ascii: "r"):
                change { $0 = Attributes() }
                if tag != "r" { unmapped.append("\\" + written) }
                return
            case UInt8(ascii: "k"), UInt8(ascii: "K"):
                let prefix = tag.hasPrefix("kf") || tag.hasPrefix("ko") ? 2 : 1
                if let hundredths = value(after: prefix) {
                    syllable(after: Int64(hundredths) * 10)
                    return
                }
            default:
                break
            }
            unmapped.append("\\" + written)
        }

        /// A colour value after `\c`: `&HBBGGRR&` (leading zeros may be
        /// left out), or nothing for the style's colour.
        static func colour(_ value: Substring.UTF8View) -> (className: String?, hasAlpha: Bool)? {
            var digits = value[...]
            if digits.isEmpty { return (nil, false) }
            if digits.first == UInt8(ascii: "&") { digits = digits.dropFirst() }
            if digits.first == UInt8(ascii: "H") || digits.first == UInt8(ascii: "h") { digits = digits.dropFirst() }
            if digits.last == UInt8(ascii: "&") { digits = digits.dropLast() }
            guard !digits.isEmpty, digits.count <= 8 else { return nil }
            var number: UInt32 = 0
            for byte in digits {
                let lowered = byte | 0x20
                let digit: UInt8
                if byte &- 0x30 < 10 { digit = byte - 0x30 } else if lowered &- 0x61 < 6 { digit = lowered - 0x61 + 10 } else { return nil }
                number = number << 4 | UInt32(digit)
            }
            let blue = number >> 16 & 0xFF, green = number >> 8 & 0xFF, red = number & 0xFF
            let hex = [red, green, blue].map { component in
                let text = String(component, radix: 16)
                return text.count == 1 ? "0" + text : text
            }.joined()
            return (ColorClass.className(forHex: hex), digits.count > 6)
        }

        /// A karaoke tag: the syllable after it starts here and lasts `duration` ms.
        mutating func syllable(after duration: Int64) {
            let time = cueStart.advanced(by: karaoke)
            karaoke = karaoke.saturatingAdd(duration)
            // A timestamp with no text after it gives way to this one.
            if text.isEmpty, case .timestamp? = runs.last?.spans.last { runs[runs.count - 1].spans.removeLast() }
            guard time > cueStart, time < cueEnd else { return }
            add(.timestamp(time))
        }

        /// A change of state; text goes on in the same run when nothing changes
        /// (so text between tags that change nothing is one string, built once).
        mutating func change(_ body: (inout Attributes) -> Void) {
            var changed = attributes
            body(&changed)
            guard changed != attributes else { return }
            flushText()
            attributes = changed
        }

        mutating func add(_ span: Span) {
            flushText()
            append(span)
        }

        private mutating func append(_ span: Span) {
            if let last = runs.last, last.attributes == attributes {
                if case .text(let added) = span, case .text(let before)? = last.spans.last {
                    runs[runs.count - 1].spans[last.spans.count - 1] = .text(before + added)
                } else {
                    runs[runs.count - 1].spans.append(span)
                }
            } else {
                runs.append(Run(attributes: attributes, spans: [span]))
            }
        }

        mutating func flushText() {
            guard !text.isEmpty else { return }
            let string = String(decoding: text, as: UTF8.self)
            text.removeAll(keepingCapacity: true)
            append(.text(string))
        }

        func spans() -> [Span] {
            if runs.count == 1, runs[0].attributes == Attributes() { return runs[0].spans }
            // A run whose only timestamp gave way to a later one is empty.
            return Self.nest(runs.filter { !$0.spans.isEmpty }[...], level: 0)
        }

        /// Runs nested: colour, then italic, bold, underline.
        private static func nest(_ runs: ArraySlice<Run>, level: Int) -> [Span] {
            guard level < 4 else {
                var spans: [Span] = []
                for run in runs {
                    for span in run.spans {
                        if case .text(let added) = span, case .text(let before)? = spans.last {
                            spans[spans.count - 1] = .text(before + added)
                        } else {
                            spans.append(span)
                        }
                    }
                }
                return spans
            }
            func key(_ run: Run) -> String? {
                switch level {
                case 0: run.attributes.colour
                case 1: run.attributes.italic ? "" : nil
                case 2: run.attributes.bold ? "" : nil
                default: run.attributes.underline ? "" : nil
                }
            }
            var out: [Span] = []
            var index = runs.startIndex
            while index < runs.endIndex {
                let shared = key(runs[index])
                var next = index + 1
                while next < runs.endIndex && key(runs[next]) == shared { next += 1 }
                let inner = nest(runs[index..<next], level: level + 1)
                if let shared {
                    let kind: SpanElement.Kind = [.class, .italic, .bold, .underline][level]
                    out.append(.element(SpanElement(kind, classes: level == 0 ? [shared] : [], children: inner)))
                } else {
                    out.append(contentsOf: inner)
                }
                index = next
            }
            return out
        }
    }
}
