/// Checks timed cues against a caption style: lines too long, too many
/// lines, reading speed over the limit, cues too short or too long, overlaps,
/// and gaps too small to see. Each finding is a warning at the cue's location.
package struct CaptionLint: Sendable {
    package var style: CaptionStyle

    package init(style: CaptionStyle = .youtube) {
        self.style = style
    }

    /// What is wrong with one cue, with the limit it breaks and its value.
    package struct Finding: Hashable, Sendable {
        /// The kind of problem: `too-many-lines`, `line-too-long`, `untimed`,
        /// `not-positive`, `too-short`, `too-long`, `too-fast`, `overlap`,
        /// `small-gap` (the diagnostic's code is `captions.` and this).
        package var kind: String
        /// The index of the cue in the timeline's cues.
        package var cueIndex: Int
        /// The line of the cue it is about (0 for the first), for a line too long.
        package var line: Int?
        /// The value found, in the unit of `limit`: lines, characters,
        /// milliseconds, characters per second; nil for an untimed cue.
        package var value: Double?
        /// The limit that value breaks; nil where there is none to name
        /// (an untimed cue, an end not after the start).
        package var limit: Double?
        /// What is wrong, in one sentence without the cue's number
        /// (`19.5 characters per second; at most 17`).
        package var message: String
    }

    /// The findings for `timeline`'s cues, in cue order.
    package func check(_ timeline: Timeline) -> [Diagnostic] {
        findings(timeline).map { finding in
            .warning(
                "captions.\(finding.kind)", "cue \(finding.cueIndex + 1): \(finding.message)",
                at: timeline.cues[finding.cueIndex].location)
        }
    }

    /// What is wrong with `timeline`'s cues, in cue order: what `check`
    /// reports, with the limits and values apart.
    package func findings(_ timeline: Timeline) -> [Finding] {
        var findings: [Finding] = []
        let cues = timeline.cues
        for (index, cue) in cues.enumerated() {
            func report(_ kind: String, _ message: String, value: Double? = nil, limit: Double? = nil, line: Int? = nil) {
                findings.append(Finding(kind: kind, cueIndex: index, line: line, value: value, limit: limit, message: message))
            }
            let lengths = Self.lineLengths(cue)
            if lengths.count > style.maxLines {
                report("too-many-lines", "\(lengths.count) lines; at most \(style.maxLines)",
                       value: Double(lengths.count), limit: Double(style.maxLines))
            }
            for (number, length) in lengths.enumerated() where length > style.maxCharactersPerLine {
                report("line-too-long", "line \(number + 1) has \(length) characters; at most \(style.maxCharactersPerLine)",
                       value: Double(length), limit: Double(style.maxCharactersPerLine), line: number)
            }
            guard let start = cue.start, let end = cue.end else {
                report("untimed", "no start or end time")
                continue
            }
            let duration = end.distance(from: start)
            if duration <= 0 {
                report("not-positive", "ends at \(end), not after its start \(start)", value: Double(duration))
                continue
            }
            if duration < style.minDuration {
                report("too-short", "on screen \(duration) ms; at least \(style.minDuration) ms",
                       value: Double(duration), limit: Double(style.minDuration))
            } else if duration > style.maxDuration {
                report("too-long", "on screen \(duration) ms; at most \(style.maxDuration) ms",
                       value: Double(duration), limit: Double(style.maxDuration))
            }
            let speed = Self.readingSpeed(lineLengths: lengths, duration: duration)
            if speed > style.maxCharactersPerSecond {
                report("too-fast", "\(Self.format(speed)) characters per second; at most \(Self.format(style.maxCharactersPerSecond))",
                       value: speed, limit: style.maxCharactersPerSecond)
            }
            guard index + 1 < cues.count, let next = cues[index + 1].start else { continue }
            let gap = next.distance(from: end)
            if gap < 0 {
                report("overlap", "overlaps the next cue by \(-gap) ms", value: Double(-gap), limit: 0)
            } else if gap > 0 && gap < style.minGap {
                report("small-gap", "a gap of \(gap) ms before the next cue, under 2 frames (\(style.minGap) ms)",
                       value: Double(gap), limit: Double(style.minGap))
            }
        }
        return findings
    }

    /// The length of each line of `cue`'s text without markup, in
    /// characters (grapheme clusters, spaces included).
    static func lineLengths(_ cue: Cue) -> [Int] {
        cue.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
    }

    /// Characters per second of text whose lines are `lineLengths` long on
    /// screen for `duration` ms (a line break counts as a character).
    static func readingSpeed(lineLengths: [Int], duration: Int64) -> Double {
        let characters = lineLengths.reduce(0, +) + max(0, lineLengths.count - 1)
        return Double(characters) * 1000 / Double(duration)
    }

    /// `value` to one decimal, without a needless `.0`.
    package static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
