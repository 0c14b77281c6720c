import Testing
@testable import CueKit

@Suite("Caption segmentation")
struct CaptionSegmenterTests {
    private func segment(_ text: String, seconds: (Int64, Int64), speaker: String? = nil,
                         style: CaptionStyle = .youtube, labels: Bool = false) -> [Cue] {
        var timeline = Timeline(cues: [Cue(start: Timestamp(seconds: seconds.0), end: Timestamp(seconds: seconds.1),
                                           speaker: speaker, text: Span.plain(text))])
        _ = CaptionSegmenter(style: style, reservesSpeakerLabels: labels).apply(to: &timeline)
        return timeline.cues
    }

    private func lines(_ cue: Cue) -> [String] {
        cue.plainText.split(separator: "\n").map(String.init)
    }

    @Test func aShortLineStaysOneCueOnOneLine() {
        let cues = segment("Thank you, it's great to be here.", seconds: (10, 13))
        #expect(cues.count == 1)
        #expect(lines(cues[0]) == ["Thank you, it's great to be here."])
        #expect(cues[0].start == Timestamp(seconds: 10) && cues[0].end == Timestamp(seconds: 13))
    }

    @Test func twoLinesAreBalanced() {
        // 62 characters: one cue, two lines of similar length, broken before "and".
        let cues = segment("We talked about machine learning researchers and their tooling.", seconds: (0, 4))
        #expect(cues.count == 1)
        #expect(lines(cues[0]) == ["We talked about machine learning", "researchers and their tooling."])
    }

    @Test func cutsAtSentenceEndsFirst() {
        let text = "This week we talk about researchers and engineers. We will also hear what they learn from each other today."
        let cues = segment(text, seconds: (0, 7))
        #expect(cues.count == 2)
        #expect(cues[0].plainText.replacingOccurrences(of: "\n", with: " ") == "This week we talk about researchers and engineers.")
    }

    @Test func cutsAtClausePunctuationBeforeOtherWords() {
        let text = "When the data arrives late every single morning, the whole team waits for the pipeline to finish its run before starting"
        let cues = segment(text, seconds: (0, 8))
        #expect(cues.count == 2)
        #expect(cues[0].plainText.replacingOccurrences(of: "\n", with: " ") == "When the data arrives late every single morning,")
    }

    @Test func cutsBeforeConjunctionsRatherThanInsideAPhrase() {
        let text = "We built a real time platform for optimizing fleets of vehicles on the road and we learned a lot about engineering there"
        let cues = segment(text, seconds: (0, 8))
        #expect(cues.count == 2)
        #expect(cues[1].plainText.hasPrefix("and we learned"))
    }

    @Test func everyWordOnceInOrderAndTimesInsideTheLine() {
        let text = String(repeating: "Sure. I've been in machine learning for about close to a decade now, mostly in research. ", count: 6)
        let cues = segment(text, seconds: (100, 160))
        let words = cues.flatMap { $0.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
        #expect(words == text.split(separator: " "))
        var previous = Timestamp(seconds: 100)
        for cue in cues {
            #expect(cue.start! >= previous)
            #expect(cue.end! > cue.start!)
            #expect(cue.end!.distance(from: cue.start!) <= 7000)
            previous = cue.end!
            for line in lines(cue) { #expect(line.count <= 42) }
            #expect(lines(cue).count <= 2)
        }
        #expect(cues.last!.end! <= Timestamp(seconds: 160))
    }

    @Test func timeIsSharedByCharacterCount() {
        // Two sentences of 40 and 80 characters over 12 s: 4 s and 8 s... capped at 7 s.
        let first = "Short first sentence of forty letters..."
        let second = "A second sentence, exactly twice as long as the first one, eighty letters long."
        #expect(first.count == 40 && second.count == 79)
        let cues = segment(first + " " + second, seconds: (0, 12))
        #expect(cues.count == 2)
        #expect(cues[1].start == Timestamp(milliseconds: 12_000 * 41 / 120))
    }

    @Test func aChangeOfSpeakerIsAlwaysANewCue() {
        var timeline = Timeline(cues: [
            Cue(start: .zero, end: Timestamp(seconds: 2), speaker: "Ada", text: Span.plain("Hello.")),
            Cue(start: Timestamp(seconds: 2), end: Timestamp(seconds: 4), speaker: "Grace", text: Span.plain("Hi.")),
        ])
        _ = CaptionSegmenter().apply(to: &timeline)
        #expect(timeline.cues.map(\.speaker) == ["Ada", "Grace"])
    }

    @Test func aWordLongerThanALineIsKeptWholeAndReported() {
        let url = "https://example.com/a/very/long/path/that/never/ends/anywhere"
        var timeline = Timeline(cues: [Cue(start: .zero, end: Timestamp(seconds: 6), text: Span.plain("See \(url) for details"))])
        let report = CaptionSegmenter().apply(to: &timeline)
        let all = timeline.cues.map(\.plainText).joined(separator: "\n")
        #expect(all.contains(url))
        #expect(report.diagnostics.contains { $0.code == "captions.long-word" })
    }

    @Test func tooLittleTimeIsReportedNotHidden() {
        var timeline = Timeline(cues: [Cue(
            start: .zero, end: Timestamp(seconds: 2),
            text: Span.plain("This line has far more words than anyone could ever read in only two short seconds"))])
        let report = CaptionSegmenter().apply(to: &timeline)
        #expect(report.tooFast > 0)
        #expect(timeline.cues.last!.end == Timestamp(seconds: 2))
    }

    @Test func speakerLabelsGetRoomOnTheFirstLine() {
        let cues = segment("Thank you. It's really great to be here, truly.", seconds: (0, 4), speaker: "Mihail", labels: true)
        let first = lines(cues[0])[0]
        #expect(first.count + "Mihail: ".count <= 42)
    }

    @Test func podcastPresetUses32Characters() {
        let text = "I worked with a lot of the really big names in the field, including many people you know."
        for cue in segment(text, seconds: (0, 9), style: .podcastSRT) {
            for line in lines(cue) { #expect(line.count <= 32) }
        }
    }

    @Test func styledCuesThatFitAreLeftAlone() {
        let styled: [Span] = [.element(SpanElement(.italic, children: [.text("Quietly")]))]
        var timeline = Timeline(cues: [Cue(start: .zero, end: Timestamp(seconds: 2), text: styled)])
        _ = CaptionSegmenter().apply(to: &timeline)
        #expect(timeline.cues[0].text == styled)
    }

    /// A long timeline is cut in two halves side by side: the same cues and
    /// the same report as one pass, also when a speaker changes, a word is
    /// too long, a cue is too fast or styled text is flattened in either half
    /// or right at the middle.
    @Test(arguments: [false, true])
    func cuttingHalvesSideBySideGivesWhatOnePassGives(labels: Bool) {
        let url = "https://example.com/a/very/long/path/that/never/ends/anywhere"
        let long = "This line has far more words than anyone could ever read in only two short seconds, truly, and then some more."
        var cues: [Cue] = []
        for index in 0..<5_001 {
            let start = Timestamp(seconds: Int64(index) * 3)
            let speaker = index % 7 < 3 ? "Ada" : index % 7 == 3 ? nil : "Grace Hopper"
            let text: [Span]
            switch index % 11 {
            case 0: text = Span.plain("See \(url) for details")
            case 1: text = [.element(SpanElement(.italic, children: [.text(long)]))]
            case 2: text = Span.plain("Short one.")
            default: text = Span.plain(long)
            }
            let end = index % 13 == 0 ? start : start.advanced(by: index % 5 == 0 ? 2_000 : 9_000)
            cues.append(Cue(start: start, end: end, speaker: speaker, text: text, location: SourceLocation(line: index + 1)))
        }
        // At the middle, a cue by the speaker before it whose one line fits
        // only without a speaker label.
        let middle = cues.count / 2
        cues[middle - 1].speaker = "Ada"
        cues[middle].speaker = "Ada"
        cues[middle].text = Span.plain("forty characters of text make one line.")
        cues[middle].end = cues[middle].start!.advanced(by: 9_000)
        let segmenter = CaptionSegmenter(style: .youtube, reservesSpeakerLabels: labels)
        var onePass = Timeline(cues: cues), halves = Timeline(cues: cues)
        let expected = segmenter.apply(to: &onePass, inParallel: false)
        let report = segmenter.apply(to: &halves, inParallel: true)
        #expect(halves.cues.count == onePass.cues.count)
        let same = halves.cues == onePass.cues  // not printed whole when they differ
        #expect(same)
        #expect(report.cuesWritten == expected.cuesWritten)
        #expect(report.linesSplit == expected.linesSplit)
        #expect(report.tooFast == expected.tooFast && report.tooFast > 0)
        #expect(report.firstTooFast == expected.firstTooFast)
        #expect(report.diagnostics.map(\.description) == expected.diagnostics.map(\.description))
        #expect(report.diagnostics.contains { $0.code == "captions.flattened" })
        #expect(report.diagnostics.contains { $0.code == "captions.long-word" })
    }
}

@Suite("Caption lint")
struct CaptionLintTests {
    @Test func findsEachKindOfProblem() {
        let timeline = Timeline(cues: [
            Cue(start: .zero, end: Timestamp(milliseconds: 500), text: Span.plain("Too short.")),
            Cue(start: Timestamp(milliseconds: 450), end: Timestamp(seconds: 9), text: Span.plain("Overlapping and\nthen far\ntoo many lines")),
            Cue(start: Timestamp(milliseconds: 9050), end: Timestamp(seconds: 10), text: Span.plain(String(repeating: "x", count: 43))),
        ])
        let codes = CaptionLint().check(timeline).map(\.code)
        #expect(codes == [
            "captions.too-short", "captions.overlap",
            "captions.too-many-lines", "captions.too-long", "captions.small-gap",
            "captions.line-too-long", "captions.too-fast",
        ])
    }

    @Test func cleanCaptionsPass() {
        let timeline = Timeline(cues: [
            Cue(start: .zero, end: Timestamp(seconds: 2), text: Span.plain("Hello there.")),
            Cue(start: Timestamp(seconds: 2), end: Timestamp(seconds: 4), text: Span.plain("General Kenobi.")),
        ])
        #expect(CaptionLint().check(timeline).isEmpty)
    }
}

@Suite("Time transforms")
struct TimeTransformTests {
    @Test func parsesOffsets() {
        #expect(TimeTransform.parseOffset("-1.5s") == -1500)
        #expect(TimeTransform.parseOffset("+2s") == 2000)
        #expect(TimeTransform.parseOffset("250ms") == 250)
        #expect(TimeTransform.parseOffset("+00:00:02.000") == 2000)
        #expect(TimeTransform.parseOffset("-1:02.5") == -62_500)
        #expect(TimeTransform.parseOffset("soon") == nil)
        #expect(TimeTransform.parseOffset("1.5ms") == nil)
    }

    @Test func parsesScales() {
        #expect(TimeTransform.parseScale("25:23.976")! == (3125, 2997))
        #expect(TimeTransform.parseScale("24:24")! == (1, 1))
        #expect(TimeTransform.parseScale("25") == nil)
        #expect(TimeTransform.parseScale("0:25") == nil)
    }

    @Test func scalesWithRoundingAndShifts() {
        let transform = TimeTransform(offset: 100, scale: (3125, 2997))
        // 5000 * 3125 / 2997 = 5213.547 → 5214, then +100.
        #expect(transform.apply(Timestamp(milliseconds: 5000)) == Timestamp(milliseconds: 5314))
        #expect(TimeTransform(scale: (1, 2)).apply(Timestamp(milliseconds: 3)) == Timestamp(milliseconds: 2))
        #expect(TimeTransform(scale: (1, 2)).apply(Timestamp(milliseconds: -3)) == Timestamp(milliseconds: -2))
    }

    @Test func shiftThereAndBackIsTheIdentity() {
        var timeline = Timeline(cues: [Cue(start: Timestamp(seconds: 10), end: Timestamp(seconds: 12), text: Span.plain("a"))],
                                chapters: [Chapter(start: Timestamp(seconds: 5), title: "c")])
        let original = timeline
        _ = TimeTransform(offset: 1234).apply(to: &timeline)
        #expect(timeline.cues[0].start == Timestamp(milliseconds: 11_234))
        _ = TimeTransform(offset: -1234).apply(to: &timeline)
        #expect(timeline == original)
    }

    @Test func extremeTimesSaturate() {
        #expect(TimeTransform(offset: 10).apply(Timestamp(milliseconds: .max)) == Timestamp(milliseconds: .max))
        #expect(TimeTransform(scale: (3, 1)).apply(Timestamp(milliseconds: .max / 2)) == Timestamp(milliseconds: .max))
    }
}
