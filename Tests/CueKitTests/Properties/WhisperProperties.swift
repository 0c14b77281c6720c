import PropertyBased
import Testing
@testable import CueKit

/// Whisper JSON is read only, so its round trip is recognition output made
/// here → timeline → WebVTT → timeline: every word keeps its time to the
/// millisecond, untimed words stay untimed, and captions cut at word times
/// keep every word in order, never starting before their first word.
@Suite("Whisper properties")
struct WhisperProperties {
    static let vocabulary = ["so", "we", "read", "the", "words,", "and", "their", "times.", "Really?", "60", "déjà", "vu"]

    /// Per word: its vocabulary index, the pause before it and its length
    /// (tens of milliseconds), and whether the aligner placed it (not when 0).
    static let words = zip(
        Gen.int(in: 0...(vocabulary.count - 1)), Gen.int(in: 0...60), Gen.int(in: 1...80), Gen.int(in: 0...7)
    ).array(of: 1...60)

    /// WhisperX JSON of `drafts`, a segment every 9 words, and the words with their times.
    static func document(_ drafts: [(Int, Int, Int, Int)]) -> (json: String, words: [TimedWord]) {
        var time: Int64 = 0
        var words: [TimedWord] = []
        var segments: [String] = []
        var current: [String] = []
        var texts: [String] = []
        var segmentStart: Int64?
        var segmentEnd: Int64 = 0
        func seconds(_ milliseconds: Int64) -> String { DecimalSeconds.string(milliseconds) }
        func close() {
            guard let start = segmentStart else { return }
            segments.append("{\"start\": \(seconds(start)), \"end\": \(seconds(segmentEnd)), \"text\": \" \(texts.joined(separator: " "))\", \"words\": [\(current.joined(separator: ", "))]}")
            current = []
            texts = []
            segmentStart = nil
        }
        for (index, draft) in drafts.enumerated() {
            if index % 9 == 0 { close() }
            let text = vocabulary[draft.0]
            time += Int64(draft.1) * 10
            let start = time
            time += Int64(draft.2) * 10
            // A segment's first word is always placed (WhisperX times segments by their words).
            let timed = draft.3 != 0 || segmentStart == nil
            if segmentStart == nil { segmentStart = start }
            segmentEnd = time
            texts.append(text)
            if timed {
                current.append("{\"word\": \"\(text)\", \"start\": \(seconds(start)), \"end\": \(seconds(time)), \"score\": 0.9}")
                words.append(TimedWord(text, start: Timestamp(milliseconds: start), end: Timestamp(milliseconds: time)))
            } else {
                current.append("{\"word\": \"\(text)\"}")
                words.append(TimedWord(text))
            }
        }
        close()
        return ("{\"segments\": [\(segments.joined(separator: ",\n"))], \"language\": \"en\"}", words)
    }

    @Test func wordTimesAreReadExactlyAndSurviveWebVTT() async {
        await propertyCheck(count: 300, input: Self.words) { drafts in
            let (json, expected) = Self.document(drafts)
            guard let (timeline, _) = try? Convert.read(json, name: "p.json") else {
                Issue.record("did not read \(json)")
                return
            }
            // Starts exactly; ends where the text can say them.
            let read = timeline.cues.flatMap { WordTimes.words($0.text, cueStart: $0.start) }
            #expect(read.map(\.text) == expected.map(\.text))
            #expect(read.map(\.start) == expected.map(\.start), "\(json)")
            for (word, want) in zip(read, expected) where word.end != nil {
                #expect(word.end == want.end, "\(json)")
            }
            for segmentation in [Converter.Segmentation.never, .auto] {
                guard let (vtt, _) = try? Convert.write(timeline, as: .vtt, sourceFormat: .whisper, segmentation: segmentation),
                      let (back, _) = try? Convert.read(vtt, name: "p.vtt") else {
                    Issue.record("no WebVTT for \(json)")
                    return
                }
                let words = back.cues.flatMap { WordTimes.words($0.text, cueStart: $0.start) }
                #expect(words.map(\.text) == expected.map(\.text), "\(vtt)")
                for (word, want) in zip(words, expected) where want.start != nil {
                    #expect(word.start == want.start, "\(vtt)")
                }
                // No caption starts before its first word's time.
                var position = 0
                for cue in back.cues {
                    let count = WordTimes.words(cue.text).count
                    if let start = expected[position].start { #expect(cue.start! >= start, "\(vtt)") }
                    position += count
                }
            }
        }
    }
}
