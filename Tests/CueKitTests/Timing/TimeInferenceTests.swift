import Testing
@testable import CueKit

@Suite("Time inference")
struct TimeInferenceTests {
    private func cue(_ text: String, _ seconds: Int64? = nil, line: Int = 0) -> Cue {
        Cue(start: seconds.map { Timestamp(seconds: $0) }, text: Span.plain(text),
            location: SourceLocation(file: "t", line: line))
    }

    private func infer(_ cues: [Cue], duration: Int64? = nil, chapters: [Chapter] = [],
                       policy: TimeInference.EndPolicy = .next) -> (Timeline, InferenceReport) {
        var timeline = Timeline(cues: cues, chapters: chapters, duration: duration.map { Timestamp(seconds: $0) })
        let report = TimeInference(endPolicy: policy).apply(to: &timeline)
        return (timeline, report)
    }

    private func ms(_ time: Timestamp?) -> Int64? { time?.milliseconds }

    @Test func cueEndsWhereTheNextTimedCueStarts() {
        let (timeline, report) = infer([cue("one", 10), cue("two", 20), cue("three", 35)], duration: 60)
        #expect(timeline.cues.map { ms($0.start) } == [10_000, 20_000, 35_000])
        #expect(timeline.cues.map { ms($0.end) } == [20_000, 35_000, 60_000])
        #expect(report.startsInferred == 0)
        #expect(report.endsInferred == 2)
    }

    /// A transcript with an untimed line after every timed one made a note
    /// per line: a million lines held a million notes (100 MB) that no one
    /// reads. The first hundred are listed, the rest counted in the last.
    @Test func notesOfPlacedLinesStopAtTheLimitAndCountTheRest() {
        var cues: [Cue] = []
        for index in 0..<300 {
            cues.append(cue("timed \(index)", Int64(index) * 10, line: 2 * index + 1))
            cues.append(cue("untimed \(index)", line: 2 * index + 2))
        }
        let (timeline, report) = infer(cues, duration: 3_000)
        #expect(report.startsInferred == 300)
        #expect(timeline.cues.allSatisfy { $0.start != nil && $0.end != nil })
        let notes = report.diagnostics.filter { $0.code == "inference.spread" }
        #expect(notes.count == Diagnostics.limitPerCode)
        #expect(notes.first?.message == "1 line without a time placed between 0:00 and 0:10 by text length")
        #expect(notes.first?.location?.line == 2)
        #expect(notes.last?.location?.line == 200)
        #expect(notes.last?.omittedRepeats == 200)
    }

    @Test func anEndBeforeItsStartIsInferredWithAWarning() {
        var inverted = cue("ends before it starts", 10, line: 5)
        inverted.end = Timestamp(seconds: 8)
        var last = cue("last, also inverted", 30, line: 9)
        last.end = Timestamp(seconds: 29)
        var first = cue("one", 0)
        first.end = Timestamp(seconds: 5)
        var third = cue("three", 20)
        third.end = Timestamp(seconds: 25)
        let (timeline, report) = infer([first, inverted, third, last])
        // The next cue starts later: there. The last: after its reading time
        // (19 characters at 15 a second).
        #expect(timeline.cues.map { ms($0.end) } == [5_000, 20_000, 25_000, 31_266])
        #expect(report.diagnostics.map(\.code) == ["inference.end-before-start", "inference.end-before-start"])
        #expect(report.diagnostics.first?.location?.line == 5)
        #expect(report.diagnostics.first?.message
            == "expected the end after the start, found 0:00:08.000 before 0:00:10.000; the cue ends where the next cue starts, at 0:00:20.000")
        #expect(report.diagnostics.last?.message
            == "expected the end after the start, found 0:00:29.000 before 0:00:30.000; the cue ends after its reading time, at 0:00:31.266")
    }

    @Test func untimedLinesBeforeATimeAtZeroShareItWithItsLine() {
        // Nothing fits before 0:00: the untimed opening line and the line at
        // 0:00 share 0:00 to 0:10, 10:30 by text length.
        let a = String(repeating: "a", count: 10), b = String(repeating: "b", count: 30)
        let (timeline, report) = infer([cue(a), cue(b, 0), cue("next", 10)], duration: 20)
        #expect(timeline.cues.map { ms($0.start) } == [0, 2_500, 10_000])
        #expect(timeline.cues.map { ms($0.end) } == [2_500, 10_000, 20_000])
        #expect(report.startsInferred == 2)
        #expect(report.diagnostics.map(\.code) == ["inference.spread"])
        #expect(report.diagnostics.first?.message == "1 line sharing or missing a time spread from 0:00 to 0:10 by text length")
    }

    @Test func untimedLinesShareTheIntervalByTextLength() {
        // 10 characters timed at 100 s, then 30 and 60 untimed characters, next time at 200 s:
        // the interval of 100 s is shared 10:30:60.
        let a = String(repeating: "a", count: 10), b = String(repeating: "b", count: 30)
        let c = String(repeating: "c", count: 60)
        let (timeline, report) = infer([cue(a, 100), cue(b), cue(c), cue("next", 200)], duration: 300)
        #expect(timeline.cues.map { ms($0.start) } == [100_000, 110_000, 140_000, 200_000])
        #expect(timeline.cues.map { ms($0.end) } == [110_000, 140_000, 200_000, 300_000])
        #expect(report.startsInferred == 2)
        let note = report.diagnostics.first { $0.code == "inference.spread" }
        #expect(note?.severity == .note)
        #expect(note?.message == "2 lines without a time placed between 1:40 and 3:20 by text length")
    }

    @Test func linesSharingOneTimestampAreSpread() {
        let (timeline, _) = infer([cue("aaaa", 60), cue("bbbbbbbbbbbb", 60), cue("c", 76)], duration: 100)
        // 4 and 12 characters share 60..76 s: 4 s and 12 s.
        #expect(timeline.cues.map { ms($0.start) } == [60_000, 64_000, 76_000])
        #expect(timeline.cues.map { ms($0.end) } == [64_000, 76_000, 100_000])
        for cue in timeline.cues { #expect(cue.end! > cue.start!) }
    }

    @Test func aTimeGoingBackwardsIsTreatedAsMissingWithAWarning() {
        let (timeline, report) = infer(
            [cue("first", 60, line: 1), cue("second", 70, line: 2), cue("backwards", 50, line: 3), cue("last", 90, line: 4)],
            duration: 120)
        #expect(timeline.cues.map(\.plainText) == ["first", "second", "backwards", "last"])
        #expect(report.timesIgnored == 1)
        #expect(report.ignoredCues == [2])
        let warning = report.diagnostics.first { $0.code == "inference.time-backwards" }
        #expect(warning?.severity == .warning)
        #expect(warning?.location?.line == 3)
        #expect(warning?.message == "time 0:50 is earlier than 1:10 before it; the line keeps its place and its time is inferred")
        let starts = timeline.cues.compactMap { ms($0.start) }
        #expect(starts == starts.sorted())
        #expect(ms(timeline.cues[2].start)! > 70_000 && ms(timeline.cues[2].start)! < 90_000)
    }

    @Test func theFewestTimesAreSetAside() {
        // One typo (5000) among ordered times: only it is set aside, not the three after it.
        let (_, report) = infer([cue("a", 100), cue("b", 5000), cue("c", 110), cue("d", 120), cue("e", 130)])
        #expect(report.ignoredCues == [1])
    }

    @Test func lastCueEndsAtTheDurationWhenLater() {
        let (timeline, _) = infer([cue("hello", 10), cue("bye", 20)], duration: 25)
        #expect(ms(timeline.cues[1].end) == 25_000)
    }

    @Test func lastCueEndsAfterReadingTimeWithoutADuration() {
        // 30 characters at 15 characters per second: 2 s.
        let (timeline, _) = infer([cue("hello", 10), cue(String(repeating: "x", count: 30), 20)])
        #expect(ms(timeline.cues[1].end) == 22_000)
    }

    @Test func lastCueEndsAfterReadingTimeWhenTheDurationIsEarlier() {
        let (timeline, report) = infer([cue("hello", 10), cue(String(repeating: "x", count: 45), 20)], duration: 15)
        #expect(ms(timeline.cues[1].end) == 23_000)
        #expect(report.diagnostics.contains { $0.code == "inference.past-duration" && $0.severity == .warning })
    }

    @Test func linesBeforeTheFirstTimeEndThere() {
        let (timeline, _) = infer([cue(String(repeating: "x", count: 30)), cue("timed", 20)], duration: 30)
        #expect(ms(timeline.cues[0].start) == 18_000)
        #expect(ms(timeline.cues[0].end) == 20_000)
    }

    @Test func withoutAnyTimeTheDurationIsShared() {
        let (timeline, _) = infer([cue("aaaa"), cue("bbbb")], duration: 8)
        #expect(timeline.cues.map { ms($0.start) } == [0, 4000])
        #expect(timeline.cues.map { ms($0.end) } == [4000, 8000])
    }

    @Test func aCompleteCueIsNeverChanged() {
        var complete = cue("complete", 10)
        complete.end = Timestamp(seconds: 12)
        let (timeline, _) = infer([complete, cue("next", 20)], duration: 30)
        #expect(ms(timeline.cues[0].end) == 12_000)
    }

    @Test func endPolicies() {
        let cues = [cue("one", 10), cue("two", 20)]
        #expect(ms(infer(cues, duration: 30, policy: .gap(500)).0.cues[0].end) == 19_500)
        #expect(ms(infer(cues, duration: 30, policy: .maximum(4000)).0.cues[0].end) == 14_000)
    }

    @Test func aHeaderChapterStartsWhereTheNextLineStarts() {
        let chapters = [Chapter(title: "Intro", cueIndex: 0), Chapter(title: "Middle", cueIndex: 2)]
        let (timeline, report) = infer([cue("a", 77), cue("b"), cue("c", 150), cue("d", 200)], duration: 300, chapters: chapters)
        #expect(timeline.chapters.map { ms($0.start) } == [77_000, 150_000])
        #expect(timeline.chapters.map { ms($0.end) } == [150_000, 300_000])
        #expect(report.chapterStartsInferred == 2)
    }

    @Test func aHeaderBeforeAnUntimedLineStartsAtTheInferredTime() {
        let chapters = [Chapter(title: "Untimed", cueIndex: 1)]
        let (timeline, _) = infer([cue("aaaa", 0), cue("bbbb"), cue("c", 8)], duration: 10, chapters: chapters)
        #expect(ms(timeline.chapters[0].start) == 4000)
    }

    @Test func aSilentChapterDoesNotEndTheVisibleOneBeforeIt() {
        let chapters = [
            Chapter(start: Timestamp(seconds: 0), title: "Visible"),
            Chapter(start: Timestamp(seconds: 30), title: "Art change", isInTableOfContents: false),
            Chapter(start: Timestamp(seconds: 60), title: "Next"),
        ]
        let (timeline, _) = infer([], duration: 90, chapters: chapters)
        #expect(timeline.chapters.map { ms($0.end) } == [60_000, 60_000, 90_000])
    }

    @Test func anEmptyChapterIsReported() {
        let chapters = [Chapter(title: "Doubled", cueIndex: 0), Chapter(title: "Real", cueIndex: 0)]
        let (_, report) = infer([cue("a", 10)], duration: 20, chapters: chapters)
        #expect(report.diagnostics.contains { $0.code == "inference.empty-chapter" })
    }
}
