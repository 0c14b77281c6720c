import Testing
@testable import CueKit

/// Caption segmentation of cues whose words carry times: captions are cut
/// at word boundaries and timed by their words (see
/// `CaptionSegmenter+WordTimes`). Expected times worked out by hand.
private func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

@Suite("Caption segmentation at word times")
struct CaptionSegmenterWordTimesTests {
    /// Two sentences of 9 words, a pause of 2.6 s between them: 93 characters,
    /// more than one caption holds.
    static func twoSentences() -> Cue {
        let first = "This is the first sentence of the caption test.".split(separator: " ").enumerated().map { index, word in
            TimedWord(String(word), start: ms(1000 + Int64(index) * 500), end: ms(1400 + Int64(index) * 500))
        }
        let second = "And here the second one begins after a pause.".split(separator: " ").enumerated().map { index, word in
            TimedWord(String(word), start: ms(8000 + Int64(index) * 400), end: ms(8350 + Int64(index) * 400))
        }
        let words = first + second
        return Cue(start: .zero, end: ms(12000), text: WordTimes.spans(words, cueStart: .zero, cueEnd: ms(12000)))
    }

    @Test func cutsAtThePauseAndTimesCaptionsByTheirWords() {
        var timeline = Timeline(cues: [Self.twoSentences()])
        _ = CaptionSegmenter().apply(to: &timeline)
        #expect(timeline.cues.map(\.plainText) == [
            "This is the first sentence\nof the caption test.", "And here the second one begins\nafter a pause.",
        ])
        // Lines as for any caption: balanced, a cut before a preposition preferred.
        // From the first word (not the cue's start at 0), to the last word's end plus 500 ms.
        #expect(timeline.cues.map(\.start) == [ms(1000), ms(8000)])
        #expect(timeline.cues.map(\.end) == [ms(5900), ms(12050)])
        // Every word keeps its start; the first of each caption starts with it.
        let starts = timeline.cues.flatMap { cue in WordTimes.words(cue.text, cueStart: cue.start).map(\.start) }
        let expected = (0..<9).map { ms(1000 + Int64($0) * 500) } + (0..<9).map { ms(8000 + Int64($0) * 400) }
        #expect(starts == expected)
    }

    @Test func theLeadOutStopsAtTheNextCue() {
        var timeline = Timeline(cues: [
            Cue(start: .zero, end: ms(2000), text: WordTimes.spans(
                [TimedWord("Hello", start: ms(200), end: ms(700)), TimedWord("there.", start: ms(800), end: ms(1900))],
                cueStart: .zero, cueEnd: ms(2000))),
            Cue(start: ms(2100), end: ms(3000), text: [.text("Next.")]),
        ])
        _ = CaptionSegmenter(style: CaptionStyle(wordLeadOut: 400)).apply(to: &timeline)
        // 1900 + 400 would pass the next cue's start at 2100.
        #expect(timeline.cues[0].start == ms(200))
        #expect(timeline.cues[0].end == ms(2100))
        let expected: [Span] = [.text("Hello"), .timestamp(ms(700)), .text(" "), .timestamp(ms(800)), .text("there."), .timestamp(ms(1900))]
        #expect(timeline.cues[0].text == expected)
        #expect(timeline.cues[1].start == ms(2100))
    }

    @Test func anUntimedWordNeverStartsACaption() {
        // Twelve timed words, then "60" untimed, then more: a cut before "60" would start a caption at a guess.
        var words: [TimedWord] = []
        for index in 0..<24 {
            let text = index == 12 ? "60" : "word\(index)"
            words.append(index == 12 ? TimedWord(text) : TimedWord(text, start: ms(Int64(index) * 300), end: ms(Int64(index) * 300 + 250)))
        }
        var timeline = Timeline(cues: [Cue(start: .zero, end: ms(7500), text: WordTimes.spans(words, cueStart: .zero, cueEnd: ms(7500)))])
        _ = CaptionSegmenter().apply(to: &timeline)
        #expect(timeline.cues.count > 1)
        #expect(!timeline.cues.contains { $0.plainText.hasPrefix("60") })
        let written: [String] = timeline.cues.flatMap { cue -> [String] in
            cue.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        }
        #expect(written == words.map(\.text))
    }
}
