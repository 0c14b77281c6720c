import PropertyBased
import Testing
@testable import CueKit

/// Properties of the timing layer over generated input: inference gives
/// ordered, positive-length, non-overlapping cues inside the known bounds;
/// segmentation keeps every word in order inside its line's interval; a shift
/// undone is the identity.
@Suite("Timing properties")
struct TimingProperties {
    /// A transcript line as an episode gives it: an optional whole-second
    /// time (which may repeat or go backwards) and some words.
    struct LineDraft: Sendable, CustomStringConvertible {
        /// Seconds, or nil for an untimed line.
        var second: Int?
        var words: Int
        var description: String { "line(\(second.map(String.init) ?? "-"), \(words) words)" }
    }

    static let lineDraft = zip(Gen.int(in: 0...400).optional, Gen.int(in: 1...60))
        .map { LineDraft(second: $0, words: $1) }
    static let transcriptDraft = zip(lineDraft.array(of: 1...30), Gen.int(in: 0...500).optional)

    static func transcript(_ lines: [LineDraft], durationSeconds: Int?) -> Timeline {
        var timeline = Timeline()
        timeline.duration = durationSeconds.map { Timestamp(seconds: Int64($0)) }
        for (index, line) in lines.enumerated() {
            let text = (0..<line.words).map { TimelineGen.words[($0 + index) % TimelineGen.plainWordCount] }.joined(separator: " ")
            timeline.cues.append(Cue(start: line.second.map { Timestamp(seconds: Int64($0)) }, text: [.text(text)]))
        }
        return timeline
    }

    @Test func inferenceGivesOrderedPositiveNonOverlappingCuesInsideTheKnownBounds() async {
        await propertyCheck(count: 300, input: Self.transcriptDraft) { lines, duration in
            let original = Self.transcript(lines, durationSeconds: duration)
            var timeline = original
            let report = TimeInference().apply(to: &timeline)
            let cues = timeline.cues
            #expect(cues.count == original.cues.count)
            for (index, cue) in cues.enumerated() {
                guard let start = cue.start, let end = cue.end else {
                    Issue.record("cue \(index) has no time after inference: \(lines)")
                    return
                }
                #expect(start >= .zero, "cue \(index) starts before zero: \(lines)")
                #expect(start < end, "cue \(index) has no length: \(lines)")
                if index + 1 < cues.count, let next = cues[index + 1].start {
                    #expect(end <= next, "cue \(index) overlaps the next: \(lines)")
                }
                // A known time that was kept is never moved earlier; it is
                // kept exactly by the first line carrying it, unless the lines
                // before the first known time had no room before it.
                if let known = original.cues[index].start, !report.ignoredCues.contains(index) {
                    #expect(start >= known, "cue \(index) moved from \(known) to \(start): \(lines)")
                    let earlier = original.cues[..<index].enumerated().filter { !report.ignoredCues.contains($0.offset) }
                        .compactMap(\.element.start)
                    let noRoomBefore = earlier.isEmpty && known.milliseconds < Int64(index)
                    if !earlier.contains(known) && !noRoomBefore {
                        #expect(start == known, "cue \(index) moved from \(known) to \(start): \(lines)")
                    }
                }
            }
            // The last cue ends at the duration when it comes after the last start.
            if let duration = original.duration, let last = cues.last?.start, duration > last {
                #expect(cues.last?.end == duration, "\(lines), duration \(duration)")
            }
            // Every time set aside was reported with its line.
            #expect(report.ignoredCues.count == report.timesIgnored)
        }
    }

    @Test func segmentationKeepsEveryWordInOrderInsideTheLineInterval() async {
        let input = zip(Gen.int(in: 1...120).array(of: 1...8), Gen.int(in: 1...90).array(of: 8))
        await propertyCheck(count: 200, input: input) { wordCounts, seconds in
            var timeline = Timeline()
            var clock: Int64 = 0
            for (index, count) in wordCounts.enumerated() {
                let words = (0..<count).map { TimelineGen.words[($0 * 7 + index) % TimelineGen.words.count] }
                let length = Int64(seconds[index]) * 1000
                timeline.cues.append(Cue(
                    start: Timestamp(milliseconds: clock), end: Timestamp(milliseconds: clock + length),
                    speaker: index % 3 == 0 ? "Ada" : nil, text: [.text(words.joined(separator: " "))]))
                clock += length
            }
            let original = timeline
            _ = CaptionSegmenter().apply(to: &timeline)
            let words = { (cues: [Cue]) in cues.flatMap { $0.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" }) } }
            #expect(words(timeline.cues) == words(original.cues), "\(wordCounts)")
            var previousEnd = Timestamp.zero
            for cue in timeline.cues {
                guard let start = cue.start, let end = cue.end else {
                    Issue.record("a caption without times: \(wordCounts)")
                    return
                }
                #expect(start >= previousEnd && start < end, "\(wordCounts)")
                previousEnd = end
                // Inside the interval of the line it came from.
                let parent = original.cues.last { $0.start! <= start }!
                #expect(end <= parent.end!, "\(wordCounts)")
                #expect(cue.speaker == parent.speaker)
            }
        }
    }

    @Test func aShiftUndoneIsTheIdentity() async {
        await propertyCheck(count: 200, input: zip(TimelineGen.draft, Gen.int(in: 0...100_000_000_000))) { draft, offset in
            let timeline = TimelineGen.timeline(draft)
            let delta = Int64(offset)
            var moved = timeline
            #expect(TimeTransform(offset: delta).apply(to: &moved).isEmpty)
            #expect(TimeTransform(offset: -delta).apply(to: &moved).isEmpty)
            #expect(moved == timeline, "shift by \(delta)")
            // Backwards first: the identity while nothing passes zero.
            let earliest = timeline.cues.compactMap(\.start).min()?.milliseconds ?? 0
            let back = min(delta, earliest)
            var early = timeline
            #expect(TimeTransform(offset: -back).apply(to: &early).isEmpty)
            #expect(TimeTransform(offset: back).apply(to: &early).isEmpty)
            #expect(early.cues == timeline.cues, "shift by -\(back)")
        }
    }
}
