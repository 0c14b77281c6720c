import Foundation
import Testing
@testable import CueKit

/// The 150 real episodes in the shared corpus: every one reads, converts to
/// captions under the inference rules, and round-trips.
@Suite("Episode corpus", .enabled(if: TestFiles.hasCorpus))
struct EpisodeCorpusTests {
    static let files = TestFiles.corpusFiles("episodes", extensions: ["md"])

    @Test func corpusIsThere() {
        #expect(Self.files.count >= 150)
    }

    @Test(arguments: files)
    func readsAndWarnsWithLocations(file: URL) throws {
        let (timeline, diagnostics) = try Convert.read(file)
        #expect(!timeline.cues.isEmpty)
        for diagnostic in diagnostics {
            #expect(diagnostic.location?.file == file.lastPathComponent, "\(diagnostic)")
            #expect((diagnostic.location?.line ?? 0) > 0, "\(diagnostic)")
        }
    }

    @Test(arguments: files)
    func convertsToOrderedCaptionsWithTheTranscriptWords(file: URL) throws {
        let (timeline, _) = try Convert.read(file)
        let sourceWords = timeline.cues.flatMap { CaptionOracle.plainWords($0.plainText) }
        for format in [FormatID.vtt, .srt] {
            // Whole lines, as time inference places them (segmentation is tested in CaptionCorpusTests).
            let (text, _) = try Convert.write(timeline, as: format, sourceFormat: .episode, segmentation: .never)
            let cues = CaptionOracle.cues(text)
            #expect(cues.count == timeline.cues.count, "\(format)")
            for (index, cue) in cues.enumerated() {
                #expect(cue.end > cue.start, "\(format) cue \(index + 1) of \(file.lastPathComponent)")
                if index + 1 < cues.count {
                    #expect(cue.end <= cues[index + 1].start, "\(format) cue \(index + 1) of \(file.lastPathComponent)")
                }
            }
            var words = cues.flatMap { CaptionOracle.words($0.text) }
            if format == .srt {
                // SRT carries the speaker as "Name: " at each change of speaker.
                words = stripSpeakerLabels(cues, timeline: timeline)
            }
            let difference = CaptionOracle.firstDifference(words, sourceWords)
            #expect(difference == nil, "\(format) words of \(file.lastPathComponent)")
        }
    }

    private func stripSpeakerLabels(_ cues: [OracleCue], timeline: Timeline) -> [String] {
        var previous: String?
        var words: [String] = []
        for (cue, source) in zip(cues, timeline.cues) {
            var text = cue.text
            if let speaker = source.speaker, speaker != previous, text.hasPrefix(speaker + ": ") {
                text.removeFirst(speaker.count + 2)
            }
            previous = source.speaker
            words += CaptionOracle.words(text)
        }
        return words
    }

    @Test(arguments: files)
    func roundTripsWithTheSameDataAndStableBytes(file: URL) throws {
        let (timeline, _) = try Convert.read(file)
        let (written, _) = try Convert.write(timeline, as: .episode)
        let (reread, _) = try Convert.read(written, name: "rewritten.md", as: .episode)
        #expect(reread == timeline, "\(file.lastPathComponent)")
        let (again, _) = try Convert.write(reread, as: .episode)
        #expect(again == written, "\(file.lastPathComponent)")
    }

    @Test func seedEpisodeBecomesCaptions() throws {
        let seed = try #require(TestFiles.corpus?.appendingPathComponent("episodes/seed-episode.md"))
        let (timeline, _) = try Convert.read(seed)
        for format in [FormatID.vtt, .srt] {
            let (text, _) = try Convert.write(timeline, as: format, sourceFormat: .episode, segmentation: .never)
            let cues = CaptionOracle.cues(text)
            #expect(cues.first?.start == 77_000)
            // The untimed line after the line at 2:14 lands between 2:14 and 5:00.
            let index = try #require(timeline.cues.firstIndex { $0.start == Timestamp(seconds: 134) })
            #expect(timeline.cues[index + 1].start == nil)
            #expect(cues[index + 1].start > 134_000 && cues[index + 1].start < 300_000)
        }
    }

    @Test func seedEpisodeCaptionsStartAt77Seconds() throws {
        let seed = try #require(TestFiles.corpus?.appendingPathComponent("episodes/seed-episode.md"))
        let (timeline, _) = try Convert.read(seed)
        for format in [FormatID.vtt, .srt] {
            let cues = CaptionOracle.cues(try Convert.write(timeline, as: format, sourceFormat: .episode).0)
            #expect(cues.first?.start == 77_000)
            // Segmented captions of the untimed line after 2:14 stay between 2:14 and 5:00.
            let words = CaptionOracle.words(cues.first { $0.text.contains("One of the first real entry points") }?.text ?? "")
            #expect(!words.isEmpty)
            let cue = try #require(cues.first { $0.text.contains("One of the first real entry points") })
            #expect(cue.start > 134_000 && cue.end <= 300_000)
        }
    }

    @Test func figures() throws {
        var cues = 0, untimed = 0, warnings: [String: Int] = [:], identical = 0
        for file in Self.files {
            let bytes = try TestFiles.bytes(file)
            let (timeline, diagnostics) = try Convert.read(bytes, name: file.lastPathComponent)
            cues += timeline.cues.count
            untimed += timeline.cues.filter { $0.start == nil }.count
            for diagnostic in diagnostics where diagnostic.severity == .warning { warnings[diagnostic.code, default: 0] += 1 }
            let (written, _) = try Convert.write(timeline, as: .episode)
            if Array(written.utf8) == bytes { identical += 1 }
        }
        let summary = warnings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("episode corpus: \(Self.files.count) files, \(cues) lines (\(untimed) untimed), \(identical) rewritten byte-identical; warnings: \(summary)")
        #expect(cues > 20_000)
    }
}
