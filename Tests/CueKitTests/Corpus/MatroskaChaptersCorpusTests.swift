import Foundation
import Testing
@testable import CueKit

/// MKVToolNix's chapter examples and unit-test data, and the converter
/// samples of `chapters-more/mtillmann-chapters` (see their MANIFEST.md).
@Suite("Matroska chapters corpus", .enabled(if: TestFiles.hasCorpus))
struct MatroskaChaptersCorpusTests {
    static func file(_ name: String) throws -> URL {
        try #require(TestFiles.corpus).appendingPathComponent("chapters-more/\(name)")
    }

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    @Test(arguments: ["chapters-valid.xml", "chapters-with-ebmlvoid.xml"])
    func unitTestDataReadsTwentySixChaptersWithTheirUIDs(name: String) throws {
        let (timeline, diagnostics) = try Convert.read(Self.file("mkvtoolnix/\(name)"))
        #expect(timeline.chapters.count == 26)
        #expect(timeline.chapters.first?.title == "Chapter 01")
        #expect(timeline.chapters.first?.start == .zero)
        #expect(timeline.chapters[1].start == Timestamp(milliseconds: 372_680))
        #expect(timeline.chapters.last?.title == "Chapter 26")
        #expect(timeline.chapters.last?.start == Timestamp(milliseconds: 8_694_200))
        #expect(timeline.chapters[0].extras[.matroskaChapters]?["ChapterUID"] == .string("3343707976136214935"))
        #expect(timeline.chapters[3].extras[.matroskaChapters]?["ChapterUID"] == .string("15904652631841997184"))
        #expect(timeline.extras[.matroskaChapters]?["EditionUID"] == .string("5066144197642478550"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // Matroska XML to Matroska XML keeps every chapter and UID.
        let (xml, _) = try Convert.write(timeline, as: .matroskaChapters)
        let (again, _) = try Convert.read(xml, name: "again.xml")
        #expect(again == timeline)
    }

    @Test func exampleOneReadsTheFirstEdition() throws {
        let (timeline, diagnostics) = try Convert.read(Self.file("mkvtoolnix/example-chapters-1.xml"))
        #expect(timeline.chapters.map(\.title) == ["Intro", "Act 1", "Act 2", "Credits"])
        #expect(timeline.chapters.map(\.start) == ms([0, 60_000, 330_000, 740_000]))
        #expect(timeline.chapters.map(\.end) == ms([nil, nil, nil, 775_000]))
        // The second edition (one hidden, disabled chapter) is left out with a warning.
        #expect(diagnostics.map { "\($0.location?.line ?? 0) \($0.code)" } == ["59 matroska-chapters.other-editions"])
        #expect(timeline.chapters[0].extras[.matroskaChapters]?["ChapterSkipType"] == .string("1"))
        let (xml, _) = try Convert.write(timeline, as: .matroskaChapters)
        let (again, _) = try Convert.read(xml, name: "again.xml")
        #expect(again.chapters.map(\.title) == timeline.chapters.map(\.title))
        #expect(again.chapters.map(\.start) == timeline.chapters.map(\.start))
        #expect(again.chapters.map(\.end) == timeline.chapters.map(\.end))
        // The second edition is written back as it was.
        #expect(xml.contains("  <EditionEntry>\n    <ChapterAtom>\n      <ChapterTimeStart>00:02:00.000</ChapterTimeStart>\n      <ChapterTimeEnd>00:04:00.000</ChapterTimeEnd>\n      <ChapterFlagHidden>1</ChapterFlagHidden>\n      <ChapterFlagEnabled>0</ChapterFlagEnabled>"))
        #expect(again.extras[.matroskaChapters]?["EditionEntry"] == timeline.extras[.matroskaChapters]?["EditionEntry"])
    }

    @Test func exampleTwoFlattensNestedAtomsAndDecodesLatin1() throws {
        let (timeline, diagnostics) = try Convert.read(Self.file("mkvtoolnix/example-chapters-2.xml"))
        #expect(timeline.chapters.map(\.title) == [
            "erster Akt", "Ouvertüre", "Arie: Jetzt, Schätzchen, jetzt sind wir allein", "Dialog: Armer Jaquino",
            "zweiter Akt", "Ouvertüre und Arie: Gott! Welch Dunkel hier!", "Melodram und Duett: Wie kalt ist es",
            "Dialog: Er erwacht!",
        ])
        #expect(timeline.chapters.map(\.start) == ms([0, 0, 384_000, 670_000, 680_000, 680_000, 1_326_000, 1_647_000]))
        #expect(timeline.chapters.map(\.end) == ms([680_000, 384_000, 670_000, 680_000, 1_706_000, 1_326_000, 1_647_000, 1_706_000]))
        #expect(diagnostics.map(\.code) == ["text.not-utf8", "matroska-chapters.nested"])
        #expect(diagnostics[1].message.hasPrefix("6 chapter(s) are nested"))
        // Written again, the acts hold their pieces; the file has no UIDs,
        // so the writer makes them, and the second pass is the same.
        let (xml, _) = try Convert.write(timeline, as: .matroskaChapters)
        let (again, _) = try Convert.read(xml, name: "again.xml")
        let level: (Chapter) -> FieldValue? = { $0.extras[.matroskaChapters]?["level"] }
        #expect(again.chapters.map(\.title) == timeline.chapters.map(\.title))
        #expect(again.chapters.map(\.start) == timeline.chapters.map(\.start))
        #expect(again.chapters.map(\.end) == timeline.chapters.map(\.end))
        #expect(again.chapters.map(level) == timeline.chapters.map(level))
        #expect(try Convert.write(again, as: .matroskaChapters).0 == xml)
        #expect(xml.contains("    <ChapterAtom>\n      <ChapterUID>"))
        #expect(xml.contains("      <ChapterAtom>\n        <ChapterUID>"))
    }

    @Test(arguments: [
        ("chapters-invalid-atom-missing-start.xml", "matroska-chapters.no-start", 19, 5),
        ("chapters-invalid-child-node.xml", "matroska-chapters.unknown-element", 9, 5),
        ("chapters-invalid-malformed-data.xml", "matroska-chapters.malformed", 21, 7),
        ("chapters-invalid-malformed-xml.xml", "xml.not-well-formed", 28, 19),
    ])
    func brokenFilesFailWithALocatedError(name: String, code: String, line: Int, column: Int) throws {
        #expect(throws: Diagnostic.self) { try Convert.read(Self.file("mkvtoolnix/\(name)")) }
        do {
            _ = try Convert.read(Self.file("mkvtoolnix/\(name)"))
        } catch let error as Diagnostic {
            #expect(error.code == code)
            #expect(error.location == SourceLocation(file: name, line: line, column: column))
        }
    }

    @Test func converterSamplesMatchTheirExpectations() throws {
        // mkvextract-style nanoseconds and ChapString: read, with a repair warning.
        let (matroska, diagnostics) = try Convert.read(Self.file("mtillmann-chapters/matroska.xml"))
        #expect(matroska.chapters.count == 5)
        #expect(matroska.chapters[0].start == Timestamp(milliseconds: 6202))
        #expect(matroska.chapters[0].title == "Chapter 1 of 5")
        #expect(matroska.chapters[3].end == Timestamp(milliseconds: 542_001))
        #expect(matroska.chapters[4].start == Timestamp(milliseconds: 542_002))
        #expect(diagnostics.first?.code == "matroska-chapters.bare-nanoseconds")

        let (mkvmerge, mkvmergeDiagnostics) = try Convert.read(Self.file("mtillmann-chapters/mkvmerge.xml"))
        #expect(mkvmerge.chapters.count == 5)
        #expect(mkvmerge.chapters[0].start == Timestamp(milliseconds: 6202))
        #expect(mkvmerge.chapters[0].title == "Chapter 1 of 5")
        #expect(mkvmerge.chapters[3].end == Timestamp(milliseconds: 542_001))
        #expect(mkvmergeDiagnostics.isEmpty, "\(mkvmergeDiagnostics)")
        // after_roundtrip: ch3_end_s 542.001.
        let (xml, _) = try Convert.write(mkvmerge, as: .matroskaChapters)
        #expect(try Convert.read(xml, name: "again.xml").0.chapters[3].end == Timestamp(milliseconds: 542_001))
    }
}
