/// Moves or stretches every known time of a timeline: cue and chapter
/// starts and ends, inline timestamps, and the duration. Untimed lines stay
/// untimed (inference runs after a transform).
public struct TimeTransform: Hashable, Sendable {
    /// Milliseconds added to every time (applied after scaling).
    public var offset: Int64
    /// Times are multiplied by `scale.numerator / scale.denominator`.
    public var scale: (numerator: Int64, denominator: Int64)

    public init(offset: Int64 = 0, scale: (numerator: Int64, denominator: Int64) = (1, 1)) {
        self.offset = offset
        self.scale = scale.denominator == 0 ? (1, 1) : scale
    }

    public static func == (lhs: TimeTransform, rhs: TimeTransform) -> Bool {
        lhs.offset == rhs.offset && lhs.scale.numerator == rhs.scale.numerator
            && lhs.scale.denominator == rhs.scale.denominator
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(offset)
        hasher.combine(scale.numerator)
        hasher.combine(scale.denominator)
    }

    public var isIdentity: Bool { offset == 0 && scale.numerator == scale.denominator }

    /// `time` scaled (rounded to the nearest millisecond, halves away from
    /// zero) and shifted, saturating at the `Int64` limits.
    public func apply(_ time: Timestamp) -> Timestamp {
        var milliseconds = time.milliseconds
        if scale.numerator != scale.denominator {
            let product = milliseconds.multipliedFullWidth(by: scale.numerator)
            let denominator = scale.denominator
            // Round half away from zero: add half the divisor to the magnitude.
            let negative = (milliseconds < 0) != (denominator < 0)
            let half = Int64(denominator.magnitude / 2)
            let adjusted = negative ? subtract(product, half) : add(product, half)
            if let quotient = divide(adjusted, denominator) { milliseconds = quotient } else { milliseconds = negative ? .min : .max }
        }
        return Timestamp(milliseconds: milliseconds).advanced(by: offset)
    }

    /// The transformed timeline. Cues that end before zero are dropped and
    /// times before zero are clamped to zero, each reported.
    public func apply(to timeline: inout Timeline) -> [Diagnostic] {
        guard !isIdentity else { return [] }
        var tally = Tally()
        var cues: [Cue] = []
        cues.reserveCapacity(timeline.cues.count)
        for cue in timeline.cues {
            if let moved = apply(to: cue, tally: &tally) { cues.append(moved) }
        }
        timeline.cues = cues
        for index in timeline.chapters.indices {
            timeline.chapters[index].start = timeline.chapters[index].start.map { max(.zero, apply($0)) }
            timeline.chapters[index].end = timeline.chapters[index].end.map { max(.zero, apply($0)) }
        }
        if scale.numerator != scale.denominator {
            timeline.duration = timeline.duration.map { time in
                TimeTransform(scale: scale).apply(time)
            }
        }
        return tally.diagnostics
    }

    /// What transforming cues one at a time dropped and clamped.
    struct Tally {
        var dropped = 0, clamped = 0, saturated = 0
        var firstDropped: SourceLocation?, firstClamped: SourceLocation?, firstSaturated: SourceLocation?

        var diagnostics: [Diagnostic] {
            var found: [Diagnostic] = []
            if dropped > 0 {
                found.append(.warning("transform.dropped", "\(dropped) cue(s) end before 0:00 after the shift and were dropped, first here", at: firstDropped))
            }
            if clamped > 0 {
                found.append(.warning("transform.clamped", "\(clamped) cue(s) start before 0:00 after the shift; they start at 0:00, first here", at: firstClamped))
            }
            if saturated > 0 {
                found.append(.warning(
                    "transform.overflow",
                    "\(saturated) cue(s) pass the largest time cues can hold after the transform; they stop at it, first here",
                    at: firstSaturated))
            }
            return found
        }
    }

    /// `cue` moved, or nil when it now ends before zero; counted in `tally`.
    func apply(to cue: Cue, tally: inout Tally) -> Cue? {
        guard !isIdentity else { return cue }
        let original = cue
        var cue = cue
        cue.start = cue.start.map(apply)
        cue.end = cue.end.map(apply)
        if cue.end == .max && original.end != .max || cue.start == .max && original.start != .max {
            tally.saturated += 1
            if tally.firstSaturated == nil { tally.firstSaturated = cue.location }
        }
        // Inline timestamps move too (plain lines left in the input have none).
        if case .spans(let spans) = cue.textStorage, spans.hasMarkup { cue.text = transformed(spans) }
        if let end = cue.end, end.milliseconds <= 0 {
            tally.dropped += 1
            if tally.firstDropped == nil { tally.firstDropped = cue.location }
            return nil
        }
        if let start = cue.start, start.milliseconds < 0 {
            cue.start = .zero
            tally.clamped += 1
            if tally.firstClamped == nil { tally.firstClamped = cue.location }
        }
        return cue
    }

    private func transformed(_ spans: [Span]) -> [Span] {
        guard spans.hasMarkup else { return spans }
        return spans.map { span in
            switch span {
            case .timestamp(let time): return .timestamp(apply(time))
            case .element(var element):
                element.children = transformed(element.children)
                return .element(element)
            default: return span
            }
        }
    }

    // 128-bit helpers over (high: Int64, low: UInt64).
    private func add(_ value: (high: Int64, low: UInt64), _ amount: Int64) -> (high: Int64, low: UInt64) {
        let (low, carry) = value.low.addingReportingOverflow(UInt64(amount))
        return (value.high &+ (carry ? 1 : 0), low)
    }

    private func subtract(_ value: (high: Int64, low: UInt64), _ amount: Int64) -> (high: Int64, low: UInt64) {
        let (low, borrow) = value.low.subtractingReportingOverflow(UInt64(amount))
        return (value.high &- (borrow ? 1 : 0), low)
    }

    /// `value / divisor` truncated toward zero, or nil when it does not fit.
    private func divide(_ value: (high: Int64, low: UInt64), _ divisor: Int64) -> Int64? {
        // dividingFullWidth traps on overflow; check the magnitude first.
        let negative = value.high < 0
        var magnitudeHigh = UInt64(bitPattern: value.high), magnitudeLow = value.low
        if negative {
            magnitudeLow = ~magnitudeLow &+ 1
            magnitudeHigh = ~magnitudeHigh &+ (magnitudeLow == 0 ? 1 : 0)
        }
        let divisorMagnitude = divisor.magnitude
        guard magnitudeHigh < divisorMagnitude else { return nil }
        let (quotient, _) = divisorMagnitude.dividingFullWidth((magnitudeHigh, magnitudeLow))
        let signNegative = negative != (divisor < 0)
        guard quotient <= UInt64(Int64.max) else { return signNegative && quotient == UInt64(Int64.max) + 1 ? .min : nil }
        return signNegative ? -Int64(quotient) : Int64(quotient)
    }
}

extension TimeTransform {
    /// A signed offset such as `-1.5s`, `+2s`, `250ms`, `-00:00:02.000` or
    /// `1:02.5`, in milliseconds. Nil when `text` is not one.
    package static func parseOffset(_ text: String) -> Int64? {
        var body = Substring(text)
        var sign: Int64 = 1
        if body.first == "-" { sign = -1; body = body.dropFirst() } else if body.first == "+" { body = body.dropFirst() }
        var unit: Int64?
        if body.hasSuffix("ms") { unit = 1; body = body.dropLast(2) } else if body.hasSuffix("s") { unit = 1000; body = body.dropLast() }
        guard !body.isEmpty, let clock = ClockTime.parse(String(body)) else { return nil }
        if let unit {
            guard clock.fieldCount == 1 else { return nil }
            if unit == 1 { return clock.fractionDigits == 0 ? sign * clock.seconds : nil }
        }
        guard let milliseconds = clock.milliseconds else { return nil }
        return sign * milliseconds
    }

    /// A frame-rate ratio such as `25:23.976`: times are multiplied by
    /// FROM/TO. Nil when `text` is not two positive decimals.
    package static func parseScale(_ text: String) -> (numerator: Int64, denominator: Int64)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = decimal(parts[0]), let to = decimal(parts[1]),
              from.value > 0, to.value > 0 else { return nil }
        // from.value / 10^from.digits  ÷  to.value / 10^to.digits
        var numerator = from.value, denominator = to.value
        var scaleDifference = to.digits - from.digits
        while scaleDifference > 0 { numerator *= 10; scaleDifference -= 1 }
        while scaleDifference < 0 { denominator *= 10; scaleDifference += 1 }
        let divisor = gcd(numerator, denominator)
        return (numerator / divisor, denominator / divisor)
    }

    private static func decimal(_ text: Substring) -> (value: Int64, digits: Int)? {
        guard !text.isEmpty, text.count <= 12 else { return nil }
        var value: Int64 = 0, digits = 0, sawDot = false, sawDigit = false
        for character in text {
            if character == "." {
                if sawDot { return nil }
                sawDot = true
            } else if let digit = character.wholeNumberValue, character.isASCII {
                value = value * 10 + Int64(digit)
                sawDigit = true
                if sawDot { digits += 1 }
            } else {
                return nil
            }
        }
        return sawDigit ? (value, digits) : nil
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
