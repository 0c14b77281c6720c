/// Checks timed cues against a caption style: lines too long, too many
/// lines, reading speed over the limit, cues too short or too long, overlaps,
/// and gaps too small to see. Each finding is a warning at the cue's location.
package struct CaptionLint: Sendable {
    package var style: CaptionStyle

    package init(style: CaptionStyle = .youtube) {
        self.style = style
    }

    /// The findings for `timeline`'s cues, in cue order.
    package func check(_ timeline: Timeline) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let cues = timeline.cues
        for (index, cue) in cues.enumerated() {
            let label = "cue \(index + 1)"
            func report(_ code: String, _ message: String) {
                findings.append(.warning("captions.\(code)", "\(label): \(message)", at: cue.location))
            }
            let lines = cue.plainText.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count > style.maxLines {
                report("too-many-lines", "\(lines.count) lines; at most \(style.maxLines)")
            }
            for (number, line) in lines.enumerated() where line.count > style.maxCharactersPerLine {
                report("line-too-long", "line \(number + 1) has \(line.count) characters; at most \(style.maxCharactersPerLine)")
            }
            guard let start = cue.start, let end = cue.end else {
                report("untimed", "no start or end time")
                continue
            }
            let duration = end.distance(from: start)
            if duration <= 0 {
                report("not-positive", "ends at \(end), not after its start \(start)")
                continue
            }
            if duration < style.minDuration {
                report("too-short", "on screen \(duration) ms; at least \(style.minDuration) ms")
            } else if duration > style.maxDuration {
                report("too-long", "on screen \(duration) ms; at most \(style.maxDuration) ms")
            }
            let characters = lines.reduce(0) { $0 + $1.count } + max(0, lines.count - 1)
            let speed = Double(characters) * 1000 / Double(duration)
            if speed > style.maxCharactersPerSecond {
                report("too-fast", "\(Self.format(speed)) characters per second; at most \(Self.format(style.maxCharactersPerSecond))")
            }
            guard index + 1 < cues.count, let next = cues[index + 1].start else { continue }
            let gap = next.distance(from: end)
            if gap < 0 {
                report("overlap", "overlaps the next cue by \(-gap) ms")
            } else if gap > 0 && gap < style.minGap {
                report("small-gap", "a gap of \(gap) ms before the next cue, under 2 frames (\(style.minGap) ms)")
            }
        }
        return findings
    }

    /// `value` to one decimal, without a needless `.0`.
    package static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
