import Foundation
import Testing
@testable import CueKit

/// The SBV files of the shared corpus (`sbv/`), checked against what each
/// folder's MANIFEST.md says a reader must give.
@Suite("SBV corpus", .enabled(if: TestFiles.hasCorpus))
struct SBVCorpusTests {
    static let files = TestFiles.corpusFiles("sbv", extensions: ["sbv"], recursive: true)
    /// Broken on purpose, with no cue at all.
    static let broken: Set<String> = ["invalid_format.sbv"]

    static func read(_ path: String, strict: Bool = false) throws -> (Timeline, [Diagnostic]) {
        let url = TestFiles.corpus!.appendingPathComponent("sbv/\(path)")
        var diagnostics = Diagnostics()
        let input = try Converter(readOptions: ReadOptions(strict: strict))
            .read(TestFiles.bytes(url), name: url.lastPathComponent, format: nil, diagnostics: &diagnostics)
        #expect(input.format.id == .sbv, "\(path) was not sniffed as SBV")
        return (input.timeline, diagnostics.items)
    }

    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }

    @Test func everyFileReadsOrFailsWithALocatedError() throws {
        #expect(Self.files.count == 8)
        for file in Self.files {
            var diagnostics = Diagnostics()
            do {
                let input = try Converter().read(TestFiles.bytes(file), name: file.lastPathComponent, format: .sbv, diagnostics: &diagnostics)
                #expect(!Self.broken.contains(file.lastPathComponent), "\(file.lastPathComponent) read")
                #expect(!input.timeline.cues.isEmpty)
                // Written and read again: the same cues.
                let (written, _) = try Convert.write(input.timeline, as: .sbv, sourceFormat: .sbv)
                let (again, _) = try Convert.read(written, name: "again.sbv", as: .sbv)
                #expect(again.cues.map(\.text) == input.timeline.cues.map(\.text), "\(file.lastPathComponent)")
                #expect(again.cues.map(\.start) == input.timeline.cues.map(\.start), "\(file.lastPathComponent)")
            } catch let error as Diagnostic {
                #expect(Self.broken.contains(file.lastPathComponent), "\(file.lastPathComponent): \(error)")
                #expect(error.location?.line != nil && error.location?.column != nil)
            }
        }
    }

    @Test func subsrtSampleKeepsTheTextAfterBr() throws {
        let (timeline, diagnostics) = try Self.read("subsrt/sample.sbv")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.count == 5)
        #expect(timeline.cues.first?.start == Self.ms(599))
        #expect(timeline.cues.first?.end == Self.ms(4160))
        #expect(timeline.cues.last?.start == Self.ms(16700))
        #expect(timeline.cues.last?.end == Self.ms(21480))
        #expect(timeline.cues[0].text == [.text(">> ALICE: Hi, my name is Alice Miller"), .lineBreak, .text("and this is John Brown")])
    }

    @Test func swiftSubtitlesYouTubeExport() throws {
        let (timeline, diagnostics) = try Self.read("swiftsubtitles/captions.sbv")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.count == 6)
        #expect(timeline.cues[0].start == Self.ms(940))
        #expect(timeline.cues[0].end == Self.ms(5050))
        #expect(timeline.cues[0].plainText == "This is a test of the SBV file converter.")
        #expect(timeline.cues[5].plainText == "files.")
        #expect(timeline.cues[5].end == Self.ms(25430))
    }

    @Test func swiftSubtitlesDecodeAndRoundTrip() throws {
        let (timeline, diagnostics) = try Self.read("swiftsubtitles/SBVTests-testDecode.sbv")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.count == 5)
        #expect(timeline.cues[0].start == Self.ms(599))
        #expect(timeline.cues[0].end == Self.ms(4160))
        #expect(timeline.cues[0].plainText == ">> ALICE: Hi, my name is Alice Miller and this is John Brown")
        #expect(timeline.cues[4].start == Self.ms(16700))
        #expect(timeline.cues[4].end == Self.ms(21480))
        #expect(timeline.cues[4].plainText == "Okay, so we have all the ingredients laid out here")
        let (written, _) = try Convert.write(timeline, as: .sbv, sourceFormat: .sbv)
        let (again, _) = try Convert.read(written, name: "again.sbv")
        #expect(again.cues == timeline.cues)
    }

    /// Upstream throws; cues reads the cue without text with a located
    /// repair, which strict mode refuses at the same place.
    @Test func swiftSubtitlesDecodeFailureIsALocatedRepair() throws {
        let (timeline, diagnostics) = try Self.read("swiftsubtitles/SBVTests-testDecodeFailure.sbv")
        #expect(timeline.cues.map(\.plainText) == ["", ">> JOHN: and we're the owners of Miller Bakery."])
        #expect(diagnostics.map(\.code) == ["sbv.no-text"])
        #expect(diagnostics.first?.location == SourceLocation(file: "SBVTests-testDecodeFailure.sbv", line: 1, column: 1))
        let error = #expect(throws: Diagnostic.self) { try Self.read("swiftsubtitles/SBVTests-testDecodeFailure.sbv", strict: true) }
        #expect(error?.code == "sbv.no-text")
        #expect(error?.location == SourceLocation(file: "SBVTests-testDecodeFailure.sbv", line: 1, column: 1))
    }

    @Test func webvttPySample() throws {
        let (timeline, diagnostics) = try Self.read("glut23-webvtt-py/sample.sbv")
        #expect(timeline.cues.count == 5)
        #expect(timeline.cues[1].start == Self.ms(11378))
        #expect(timeline.cues[1].end == Self.ms(12305))
        #expect(timeline.cues[1].plainText == "Caption text #2")
        #expect(timeline.cues[2].plainText == "Caption text #3 (line 1)\nCaption text #3 (line 2)")
        // Upstream's total length: from the first start to the last end, 16 s.
        #expect(timeline.cues[4].end!.milliseconds - timeline.cues[0].start!.milliseconds == 16165)
        // The reversed times of the fifth caption are reported, not silent.
        #expect(diagnostics.map(\.code) == ["sbv.end-before-start"])
        #expect(diagnostics.first?.location == SourceLocation(file: "sample.sbv", line: 14, column: 13))
    }

    @Test func webvttPyInvalidFormatIsAFileLevelError() throws {
        let error = #expect(throws: Diagnostic.self) { try Self.read("glut23-webvtt-py/invalid_format.sbv") }
        #expect(error?.code == "sbv.no-cues")
        #expect(error?.location == SourceLocation(file: "invalid_format.sbv", line: 1, column: 1))
    }

    @Test func webvttPyMissingTimeframeReportsTheLine() throws {
        let (timeline, diagnostics) = try Self.read("glut23-webvtt-py/missing_timeframe.sbv")
        #expect(timeline.cues.map(\.plainText) == ["Caption text #1", "Caption text #3", "Caption text #4", "Caption text #5"])
        #expect(diagnostics.map(\.code).sorted() == ["sbv.end-before-start", "sbv.no-timing"])
        let skipped = diagnostics.first { $0.code == "sbv.no-timing" }
        #expect(skipped?.location == SourceLocation(file: "missing_timeframe.sbv", line: 4, column: 1))
        #expect(skipped?.message.contains("'Caption text #2'") == true)
    }

    @Test func webvttPyMissingCaptionTextReads() throws {
        let (timeline, diagnostics) = try Self.read("glut23-webvtt-py/missing_caption_text.sbv")
        #expect(timeline.cues.count == 5)
        #expect(timeline.cues[1].plainText == "")
        #expect(timeline.cues[1].start == Self.ms(11378))
        #expect(diagnostics.map(\.code).sorted() == ["sbv.end-before-start", "sbv.no-text"])
        #expect(diagnostics.first { $0.code == "sbv.no-text" }?.location == SourceLocation(file: "missing_caption_text.sbv", line: 4, column: 1))
    }
}
