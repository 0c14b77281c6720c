/// The content of one `<p>` with the time each piece is shown, and how it
/// becomes cues.
///
/// Every text node and `<br/>` is a run with its active interval (after
/// time containment) and the spans around it (`frames`, outermost first).
/// A `p` whose visible text all shows over one interval is one cue. When
/// pieces begin later but all end together, it is one cue with
/// `.timestamp` spans where a later piece begins (karaoke, word by word).
/// Otherwise the `p` is cut into cues wherever its visible content changes.
struct TTMLParagraph {
    enum Piece: Equatable {
        case text(String)
        case lineBreak
    }

    struct Run {
        var begin: Int64
        /// Nil: until the end of the document.
        var end: Int64?
        var piece: Piece
        /// Indices into `frames`, outermost first.
        var frames: [Int]
        /// `xml:space="preserve"` in effect.
        var preserveSpace: Bool
        /// Bold, italic, underline in effect (`Flag`).
        var flags: UInt8 = 0

        var isVisibleText: Bool {
            guard case .text(let text) = piece else { return false }
            return text.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }

        func isActive(from start: Int64, to stop: Int64?) -> Bool {
            guard begin <= start else { return false }
            guard let end else { return true }
            guard let stop else { return false }
            return end >= stop
        }
    }

    /// The styles the model maps, as bits of `Run.flags`, outermost first.
    enum Flag {
        static let bold: UInt8 = 1
        static let italic: UInt8 = 2
        static let underline: UInt8 = 4
        static let all: [(bit: UInt8, kind: SpanElement.Kind)] = [(bold, .bold), (italic, .italic), (underline, .underline)]

        static func of(_ style: TTMLStyleSet) -> UInt8 {
            (style.isBold == true ? bold : 0) | (style.isItalic == true ? italic : 0) | (style.isUnderlined == true ? underline : 0)
        }
    }

    /// The span elements one TTML element adds around its content (empty
    /// children: the runs fill them in): classes, language, voice.
    struct Frame {
        var wrappers: [SpanElement]
    }

    var runs: [Run] = []
    var frames: [Frame] = []

    /// One cue's worth: its interval and text.
    struct PieceCue {
        var start: Int64
        var end: Int64?
        var text: [Span]
    }
}

extension TTMLParagraph {
    /// The cues this paragraph shows.
    func cues() -> [PieceCue] {
        // Runs whose time is empty (they begin after their parent ends) never show.
        var shown = self
        shown.runs.removeAll { run in run.end.map { $0 <= run.begin } ?? false }
        return shown.shownCues()
    }

    private func shownCues() -> [PieceCue] {
        let visible = runs.indices.filter { runs[$0].isVisibleText }
        guard let first = visible.first else { return [] }
        let begin = runs[first].begin, end = runs[first].end
        // Every visible piece shows over the same interval.
        if visible.allSatisfy({ runs[$0].begin == begin && runs[$0].end == end }) {
            return cue(runs.indices.filter { runs[$0].isActive(from: begin, to: end) }, start: begin, end: end, timestamps: false)
        }
        // Later pieces join, all end together: one cue with timestamps.
        let start = visible.map { runs[$0].begin }.min()!
        let sameEnd = visible.allSatisfy { runs[$0].end == end }
        var previous = start
        var increasing = true
        for index in runs.indices where runs[index].isVisibleText || (runs[index].piece == .lineBreak && runs[index].begin > start) {
            if runs[index].begin < previous { increasing = false }
            previous = runs[index].begin
        }
        if sameEnd && increasing {
            let kept = runs.indices.filter { index in
                guard let runEnd = runs[index].end else { return true }
                guard let end else { return false }
                return runEnd >= end
            }
            return cue(kept, start: start, end: end, timestamps: true)
        }
        return split(visible: visible)
    }

    /// Cuts the paragraph wherever visible content begins or ends.
    private func split(visible: [Int]) -> [PieceCue] {
        var boundaries: Set<Int64> = []
        var open = false
        for index in runs.indices where runs[index].isVisibleText || runs[index].piece == .lineBreak {
            boundaries.insert(runs[index].begin)
            if let end = runs[index].end { boundaries.insert(end) } else { open = true }
        }
        let times = boundaries.sorted()
        var cues: [PieceCue] = []
        var previousActive: [Int] = []
        for (position, start) in times.enumerated() {
            let stop: Int64? = position + 1 < times.count ? times[position + 1] : nil
            if stop == nil && !open { break }
            let active = runs.indices.filter { runs[$0].isActive(from: start, to: stop) }
            guard active.contains(where: { runs[$0].isVisibleText }) else {
                previousActive = []
                continue
            }
            if active == previousActive, let last = cues.indices.last {
                cues[last].end = stop
                continue
            }
            cues += cue(active, start: start, end: stop, timestamps: false)
            previousActive = active
        }
        return cues
    }

    /// A cue from the runs at `indices`, white space handled, the spans
    /// rebuilt from the frames.
    private func cue(_ indices: [Int], start: Int64, end: Int64?, timestamps: Bool) -> [PieceCue] {
        var flat: [Item] = []
        var current = start
        for index in indices {
            let run = runs[index]
            if timestamps, run.begin > current, run.isVisibleText || run.piece == .lineBreak {
                current = run.begin
                flat.append(Item(span: .timestamp(Timestamp(milliseconds: TTMLReader.milliseconds(run.begin))), frames: run.frames, flags: run.flags))
            }
            switch run.piece {
            case .lineBreak:
                flat.append(Item(span: .lineBreak, frames: run.frames, flags: run.flags))
            case .text(let text):
                if run.preserveSpace {
                    var first = true
                    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                        if !first { flat.append(Item(span: .lineBreak, frames: run.frames, flags: run.flags)) }
                        first = false
                        let cleaned = line.filter { $0 != "\r" }
                        if !cleaned.isEmpty { flat.append(Item(span: .text(String(cleaned)), frames: run.frames, flags: run.flags)) }
                    }
                } else {
                    flat.append(Item(span: .text(text), frames: run.frames, flags: run.flags))
                }
            }
        }
        Self.collapseSpace(&flat, preserve: indices.map { runs[$0].preserveSpace })
        // Line breaks and timestamps at either end show nothing.
        while let last = flat.last, last.span == .lineBreak || Self.isTimestamp(last.span) { flat.removeLast() }
        while let first = flat.first, first.span == .lineBreak { flat.removeFirst() }
        guard flat.contains(where: { if case .text = $0.span { return true } else { return false } }) else { return [] }
        return [PieceCue(start: start, end: end, text: build(flat[...], depth: 0, applied: 0))]
    }

    private static func isTimestamp(_ span: Span) -> Bool {
        if case .timestamp = span { return true }
        return false
    }

    /// XML white space in default mode: line ends and tabs are spaces, runs
    /// of spaces one space, none at the start or end of a line. Works on
    /// the UTF-8 bytes (every XML space is ASCII).
    private static func collapseSpace(_ flat: inout [Item], preserve: [Bool]) {
        guard !preserve.allSatisfy({ $0 }) else { return }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        /// Removes spaces at the end of the text items before `index`, back
        /// to the first with other text.
        func trimTrailing(before index: Int) {
            var back = index - 1
            while back >= 0 {
                if case .text(let text) = flat[back].span {
                    let bytes = Array(text.utf8)
                    var end = bytes.count
                    while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
                    if end < bytes.count { flat[back].span = .text(String(decoding: bytes[..<end], as: UTF8.self)) }
                    if end > 0 { return }
                } else if !isTimestamp(flat[back].span) {
                    return
                }
                back -= 1
            }
        }
        var afterSpace = true  // at a line start
        for index in flat.indices {
            switch flat[index].span {
            case .lineBreak:
                afterSpace = true
                trimTrailing(before: index)  // no space before a line break
            case .text(let text):
                var out: [UInt8] = []
                out.reserveCapacity(text.utf8.count)
                var changed = false
                for byte in text.utf8 {
                    if isSpace(byte) {
                        if !afterSpace { out.append(0x20) }
                        changed = changed || byte != 0x20 || afterSpace
                        afterSpace = true
                    } else {
                        out.append(byte)
                        afterSpace = false
                    }
                }
                if changed { flat[index].span = .text(String(decoding: out, as: UTF8.self)) }
            default:
                break
            }
        }
        trimTrailing(before: flat.count)  // no space at the very end
        flat.removeAll { $0.span == .text("") }
    }

    /// One piece of cue text with the frames and styles around it.
    struct Item {
        var span: Span
        var frames: [Int]
        var flags: UInt8
    }

    /// Spans nested as the frames say, bold, italic and underline around
    /// the longest stretches that share them, adjacent text joined.
    private func build(_ flat: ArraySlice<Item>, depth: Int, applied: UInt8) -> [Span] {
        // Units: an item at this depth, or all the items of one frame.
        var units: [(range: Range<Int>, flags: UInt8)] = []
        var index = flat.startIndex
        while index < flat.endIndex {
            if flat[index].frames.count <= depth {
                units.append((index..<index + 1, flat[index].flags & ~applied))
                index += 1
                continue
            }
            let key = flat[index].frames[depth]
            var next = index
            var flags: UInt8 = 0xFF
            while next < flat.endIndex, flat[next].frames.count > depth, flat[next].frames[depth] == key {
                flags &= flat[next].flags
                next += 1
            }
            units.append((index..<next, flags & ~applied))
            index = next
        }
        return wrap(units[...], flat, depth: depth, applied: applied)
    }

    private func wrap(
        _ units: ArraySlice<(range: Range<Int>, flags: UInt8)>, _ flat: ArraySlice<Item>, depth: Int, applied: UInt8
    ) -> [Span] {
        for (bit, kind) in Flag.all where units.contains(where: { $0.flags & bit != 0 }) {
            var out: [Span] = []
            var index = units.startIndex
            while index < units.endIndex {
                let has = units[index].flags & bit != 0
                var next = index
                while next < units.endIndex, (units[next].flags & bit != 0) == has { next += 1 }
                if has {
                    let inner: [(range: Range<Int>, flags: UInt8)] = units[index..<next].map { (range: $0.range, flags: $0.flags & ~bit) }
                    out.append(.element(SpanElement(kind, children: wrap(inner[...], flat, depth: depth, applied: applied | bit))))
                } else {
                    out += wrap(units[index..<next], flat, depth: depth, applied: applied)
                }
                index = next
            }
            return Self.joined(out)
        }
        var out: [Span] = []
        for unit in units {
            let first = flat[unit.range.lowerBound]
            if first.frames.count <= depth {
                out.append(first.span)
                continue
            }
            var children = build(flat[unit.range], depth: depth + 1, applied: applied)
            for wrapper in frames[first.frames[depth]].wrappers.reversed() {
                var element = wrapper
                element.children = children
                children = [.element(element)]
            }
            out += children
        }
        return Self.joined(out)
    }

    /// `spans` with adjacent text joined.
    private static func joined(_ spans: [Span]) -> [Span] {
        var out: [Span] = []
        for span in spans {
            if case .text(let text) = span, case .text(let before)? = out.last {
                out[out.count - 1] = .text(before + text)
            } else {
                out.append(span)
            }
        }
        return out
    }
}
