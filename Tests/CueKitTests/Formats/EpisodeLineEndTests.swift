import Foundation
import Testing
@testable import CueKit

/// Episodes whose lines end in a CR alone (classic Mac OS): read as the
/// same page with LF line ends, with one located warning, and written back
/// with LF (issue 27).
@Suite("Episode CR line ends")
struct EpisodeLineEndTests {
    static let sample = TestFiles.sample("episode/cr-line-ends.md")

    static func crBytes() throws -> [UInt8] {
        let bytes = try TestFiles.bytes(sample)
        // The sample really is CR only.
        #expect(bytes.contains(0x0D) && !bytes.contains(0x0A))
        return bytes
    }

    /// The sample with every CR turned into LF.
    static func lfBytes() throws -> [UInt8] {
        try crBytes().map { $0 == 0x0D ? 0x0A : $0 }
    }

    @Test func readsAsTheSamePageWithLineFeeds() throws {
        let (timeline, diagnostics) = try Convert.read(try Self.crBytes(), name: "cr-line-ends.md")
        let (expected, expectedDiagnostics) = try Convert.read(try Self.lfBytes(), name: "cr-line-ends.md")
        #expect(timeline == expected)
        #expect(timeline.cues.map(\.location) == expected.cues.map(\.location))
        #expect(timeline.cues.map(\.plainText) == [
            "A line written on a Mac before OS X, its text folded over two lines.",
            "Double quoted, with an escaped line break.",
        ])
        #expect(timeline.cues.map(\.start) == [Timestamp(seconds: 3), Timestamp(seconds: 65)])
        #expect(timeline.chapters.map(\.title) == ["Opening"])
        #expect(timeline.extras[.episode]?[EpisodeExtras.body] == .string("Show notes, also ending\nin carriage returns.\n"))
        // One warning first, at the CR that ends the first line; the rest as for LF.
        let first = try #require(diagnostics.first)
        #expect(first.code == "episode.cr-line-ends")
        #expect(first.severity == .warning)
        #expect(first.location == SourceLocation(file: "cr-line-ends.md", line: 1, column: 4))
        #expect(first.format == .episode)
        #expect(Array(diagnostics.dropFirst()) == expectedDiagnostics)
        // `0:03` on line 10 is the first unquoted time (Jekyll reads it as 3).
        #expect(expectedDiagnostics.contains { $0.code == "episode.unquoted-time" && $0.location?.line == 10 })
    }

    @Test func writtenBackWithLineFeeds() throws {
        let (timeline, _) = try Convert.read(try Self.crBytes(), name: "cr-line-ends.md")
        let (written, diagnostics) = try Convert.write(timeline, as: .episode)
        #expect(diagnostics.isEmpty)
        #expect(!written.utf8.contains(0x0D))
        let (fromLF, _) = try Convert.write(try Convert.read(try Self.lfBytes(), name: "lf.md").0, as: .episode)
        #expect(written == fromLF)
        #expect(written.hasSuffix("---\nShow notes, also ending\nin carriage returns.\n"))
    }

    @Test func bothFrontMatterReadersTakeIt() throws {
        let bytes = try Self.crBytes()
        let scanner = EpisodeReadOutcome.read(bytes, name: "cr-line-ends.md", path: .scannerOnly)
        let yams = EpisodeReadOutcome.read(bytes, name: "cr-line-ends.md", path: .yamsOnly)
        #expect(scanner.error == nil, "\(scanner)")
        #expect(scanner.firstDifference(from: yams) == nil)
        #expect(scanner.timeline?.cues.count == 2)
    }

    @Test func strictModeRefusesIt() throws {
        let outcome = EpisodeReadOutcome.read(try Self.crBytes(), name: "cr-line-ends.md", path: .automatic, strict: true)
        #expect(outcome.error?.code == "episode.cr-line-ends")
        #expect(outcome.error?.location?.line == 1)
    }

    @Test func sniffedAsAnEpisode() throws {
        let (timeline, _) = try Convert.read(try Self.crBytes(), name: "no-extension")
        #expect(timeline.cues.count == 2)
        #expect(EpisodeFormat.format.sniff?(Array("---\rtitle: x\r".utf8)[...]) == true)
    }

    @Test func errorsCountCRLines() {
        let error = Convert.readError("---\rtranscript:\r- line: x\r  sec: one minute\r---\r", name: "e.md", as: .episode)
        #expect(error?.code == "episode.sec-not-number")
        #expect(error?.location == SourceLocation(file: "e.md", line: 4, column: 8))
        let unclosed = Convert.readError("\r---\rtitle: x\r", name: "u.md", as: .episode)
        #expect(unclosed?.code == "episode.unclosed-front-matter")
        #expect(unclosed?.location?.line == 2)
    }

    @Test func aStrayCRInAnLFPageIsKept() throws {
        let text = "---\ntitle: x\ntranscript: []\n---\nbody with a\rstray CR\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "s.md", as: .episode)
        #expect(!diagnostics.contains { $0.code == "episode.cr-line-ends" })
        let (written, _) = try Convert.write(timeline, as: .episode)
        #expect(written == text)
    }
}
