import Foundation
import Testing
@testable import CueKit

/// The Audacity label tracks of the corpus (`chapters-more/*-audacity`,
/// see their MANIFEST.md files): every label read, to the millisecond.
@Suite("Audacity corpus", .enabled(if: TestFiles.hasCorpus))
struct AudacityCorpusTests {
    static let files = TestFiles.corpusFiles("chapters-more/crowsetta-audacity", extensions: ["txt"])
        + TestFiles.corpusFiles("chapters-more/audiomate-audacity", extensions: ["txt"])

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    @Test func everyFileIsSniffedAndReadWithOneChapterPerLabelLine() throws {
        #expect(Self.files.count == 9)
        for file in Self.files {
            let bytes = try TestFiles.bytes(file)
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            let labelLines = lines.filter { !$0.hasPrefix("\\") }.count
            let (timeline, diagnostics) = try Convert.read(file)
            #expect(FormatRegistry.standard.sniff(bytes)?.id == .audacity, "\(file.lastPathComponent)")
            #expect(timeline.chapters.count == labelLines, "\(file.lastPathComponent)")
            // Spectral files: upstream checks records = lines / 2.
            if file.lastPathComponent == "spinetail.txt" {
                #expect(timeline.chapters.count == lines.count / 2)
                #expect(diagnostics.contains { $0.code == "audacity.frequencies-skipped" && $0.message.hasPrefix("\(lines.count / 2) ") })
            }
            #expect(!diagnostics.contains { $0.severity == .error })
        }
    }

    @Test func audiomateLabelsMatchUpstream() throws {
        let folder = "chapters-more/audiomate-audacity/"
        let en = try #require(TestFiles.corpus).appendingPathComponent(folder + "audacity_labels_en.txt")
        let (timeline, diagnostics) = try Convert.read(en)
        #expect(timeline.chapters.map(\.title) == ["music", "speech_male"])
        #expect(timeline.chapters.map(\.start) == ms([43_352_824, 43_512_447]))
        #expect(timeline.chapters.map(\.end) == ms([43_525_838, 43_531_343]))
        #expect(diagnostics.map(\.code) == ["audacity.sub-millisecond", "audacity.overlap"])

        let empty = try #require(TestFiles.corpus).appendingPathComponent(folder + "audacity_labels_empty_value.txt")
        let (labels, _) = try Convert.read(empty)
        #expect(labels.chapters.map(\.title) == ["music", nil, "speech_male"])
        #expect(labels.chapters.map(\.start) == ms([1000, 4000, 7000]))
        #expect(labels.chapters.map(\.end) == ms([4000, 7000, 9000]))
    }

    @Test func crowsettaTimesRoundToTheMillisecond() throws {
        let file = try #require(Self.files.first { $0.lastPathComponent.hasPrefix("405_") })
        let (timeline, _) = try Convert.read(file)
        // 0.7698181682 s, 1.1312740106 s, 2.2184007427 s; the last label 28.3453119777–29.1013341213 'E'.
        #expect(timeline.chapters.prefix(3).map(\.start) == ms([0, 770, 1131]))
        #expect(timeline.chapters.prefix(3).map(\.end) == ms([770, 1131, 2218]))
        #expect(timeline.chapters.last?.title == "E")
        #expect(timeline.chapters.last?.start == Timestamp(milliseconds: 28_345))
        #expect(timeline.chapters.last?.end == Timestamp(milliseconds: 29_101))
    }

    /// Audacity → chapters JSON → Audacity keeps every label to the millisecond.
    @Test func roundTripThroughChaptersKeepsEveryLabel() throws {
        for file in Self.files {
            let (timeline, _) = try Convert.read(file)
            let (json, _) = try Convert.write(timeline, as: .chapters)
            let (fromJSON, _) = try Convert.read(json, name: "x.chapters.json")
            let (labels, _) = try Convert.write(fromJSON, as: .audacity)
            let (back, _) = try Convert.read(labels, name: "back.txt", as: .audacity)
            let strip: (Chapter) -> [String] = { ["\($0.start!.milliseconds)", "\($0.end?.milliseconds ?? -1)", $0.title ?? ""] }
            #expect(back.chapters.map(strip) == timeline.chapters.map(strip), "\(file.lastPathComponent)")
        }
    }
}
