import Foundation
import Testing
@testable import CueKit

/// Episode to SRT over the whole corpus gives captions within the limits.
@Suite("Caption corpus", .enabled(if: TestFiles.hasCorpus))
struct CaptionCorpusTests {
    static let files = TestFiles.corpusFiles("episodes", extensions: ["md"])

    private func readingSpeed(_ characters: Int, _ start: Timestamp, _ end: Timestamp) -> Double {
        Double(characters) / (Double(end.milliseconds - start.milliseconds) / 1000)
    }

    /// Each transcript line, cut on its own: limits, words, time inside the
    /// line, and a reading speed no worse than the line's own.
    @Test func everyLineIsCutWithinTheLimits() throws {
        let segmenter = CaptionSegmenter(style: .youtube, reservesSpeakerLabels: false)
        var lines = 0, pieces = 0
        for file in Self.files {
            var (timeline, _) = try Convert.read(file)
            _ = TimeInference().apply(to: &timeline)
            for source in timeline.cues {
                lines += 1
                var single = Timeline(cues: [source])
                let report = segmenter.apply(to: &single)
                let longWords = Set(report.diagnostics.filter { $0.code == "captions.long-word" }.map(\.message))
                pieces += single.cues.count
                let words = single.cues.flatMap { CaptionOracle.plainWords($0.plainText) }
                #expect(CaptionOracle.firstDifference(words, CaptionOracle.plainWords(source.plainText)) == nil)
                let sourceSpeed = readingSpeed(source.plainText.count, source.start!, source.end!)
                var previousEnd = source.start!
                for piece in single.cues {
                    let text = piece.plainText
                    let pieceLines = text.split(separator: "\n")
                    #expect(pieceLines.count <= 2, "\(file.lastPathComponent): \(text)")
                    for line in pieceLines where line.count > 42 {
                        #expect(line.split(separator: " ").contains { $0.count > 42 } && !longWords.isEmpty,
                                "\(file.lastPathComponent): \(line)")
                    }
                    #expect(piece.start! >= previousEnd && piece.end! > piece.start! && piece.end! <= source.end!)
                    previousEnd = piece.end!
                    // Over the limit only where the source line itself is, and then no
                    // faster than it (1% for millisecond rounding).
                    let speed = readingSpeed(text.count, piece.start!, piece.end!)
                    #expect(speed <= max(sourceSpeed * 1.01 + 0.5, 20), "\(file.lastPathComponent): \(speed) > \(sourceSpeed)")
                }
            }
        }
        print("caption corpus: \(lines) transcript lines cut into \(pieces) captions")
        #expect(pieces > lines)
    }

    /// The whole conversion: durations, overlaps, and the words of the SRT file.
    @Test(arguments: [CaptionStyle.youtube, .podcastSRT])
    func episodesBecomeReadableSRT(style: CaptionStyle) throws {
        var converter = Converter()
        converter.captionStyle = style
        var cues = 0, inRange = 0, tooFast = 0, sourceTooFast = 0
        for file in Self.files {
            var diagnostics = Diagnostics()
            let input = try converter.read(TestFiles.bytes(file), name: file.lastPathComponent, diagnostics: &diagnostics)
            let prepared = try converter.prepared(input.timeline, for: .srt, sourceFormat: .episode, diagnostics: &diagnostics)
            let srt = String(decoding: try converter.write(prepared, as: .srt, diagnostics: &diagnostics), as: UTF8.self)
            let written = CaptionOracle.cues(srt)
            #expect(written.count == prepared.cues.count)
            var words: [String] = []
            var previousSpeaker: String?
            for (cue, model) in zip(written, prepared.cues) {
                var text = cue.text
                if let speaker = model.speaker, speaker != previousSpeaker {
                    // "Name: " before the text, or "Name:" on a line of its own.
                    #expect(text.hasPrefix(speaker + ": ") || text.hasPrefix(speaker + ":\n"))
                    text.removeFirst(speaker.count + 2)
                }
                previousSpeaker = model.speaker
                words += CaptionOracle.words(text)
                for line in cue.text.split(separator: "\n") where line.count > style.maxCharactersPerLine {
                    #expect(line.split(separator: " ").contains { $0.count > style.maxCharactersPerLine }, "\(file.lastPathComponent): \(line)")
                }
            }
            let sourceWords = input.timeline.cues.flatMap { CaptionOracle.plainWords($0.plainText) }
            #expect(CaptionOracle.firstDifference(words, sourceWords) == nil, "\(file.lastPathComponent)")
            for (index, cue) in written.enumerated() {
                cues += 1
                let duration = cue.end - cue.start
                if duration >= 833 && duration <= 7000 { inRange += 1 }
                let characters = cue.text.replacingOccurrences(of: "\n", with: " ").count
                if Double(characters) / (Double(duration) / 1000) > 20 { tooFast += 1 }
                #expect(cue.end > cue.start)
                if index + 1 < written.count { #expect(cue.end <= written[index + 1].start) }
            }
            sourceTooFast += diagnostics.items.first { $0.code == "captions.too-fast" }.map { Int($0.message.prefix { $0.isNumber }) ?? 0 } ?? 0
        }
        let share = Double(inRange) / Double(max(cues, 1)) * 100
        print("caption corpus (\(style.maxCharactersPerLine) per line): \(Self.files.count) episodes, \(cues) captions, \(String(format: "%.2f", share))% between 5/6 s and 7 s, \(tooFast) over 20 cps in the file, \(sourceTooFast) reported as too fast by their source timing")
        #expect(share >= 99)
    }
}
