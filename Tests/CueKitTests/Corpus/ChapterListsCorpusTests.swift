import Foundation
import Testing
@testable import CueKit

/// The text chapter lists of `chapters-more/mtillmann-chapters` (one sample
/// per format of a chapter converter; see its MANIFEST.md and
/// expectations.json): OGM and mp4chaps lists read as expected, and the
/// sniffers of the formats of issue 24 claim their own samples only.
@Suite("Chapter lists corpus", .enabled(if: TestFiles.hasCorpus))
struct ChapterListsCorpusTests {
    static func file(_ name: String) throws -> URL {
        try #require(TestFiles.corpus).appendingPathComponent("chapters-more/mtillmann-chapters/\(name)")
    }

    @Test func mkvmergeSimpleChaptersReadAsOGM() throws {
        let (timeline, diagnostics) = try Convert.read(Self.file("mkvmerge.simple.txt"))
        #expect(timeline.chapters.count == 5)
        #expect(timeline.chapters[0].start == Timestamp(milliseconds: 6202))
        #expect(timeline.chapters[0].title == "Chapter 1 of 5")
        #expect(timeline.chapters[4].title == "Chapter 5 of 5")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // after_roundtrip: ch3_start_s 376.882.
        let (text, _) = try Convert.write(timeline, as: .ogmChapters)
        #expect(try Convert.read(text, name: "again.txt").0.chapters[3].start == Timestamp(milliseconds: 376_882))
    }

    @Test func vorbisCommentChaptersReadTheSame() throws {
        let (timeline, _) = try Convert.read(Self.file("vorbiscomment.txt"))
        #expect(timeline.chapters.count == 5)
        #expect(timeline.chapters[0].start == Timestamp(milliseconds: 6202))
        #expect(timeline.chapters[0].title == "Chapter 1 of 5")
        #expect(timeline.chapters[3].start == Timestamp(milliseconds: 376_882))
    }

    @Test func mp4chapsListReadsWithItsLink() throws {
        let (timeline, diagnostics) = try Convert.read(Self.file("mp4chaps.txt"))
        #expect(timeline.chapters.count == 5)
        #expect(timeline.chapters[0].start == .zero)
        #expect(timeline.chapters[0].title == "Chapter 1")
        #expect(timeline.chapters[1].title == "Chapter 2")
        #expect(timeline.chapters[1].url == "https://www.github.com")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // after_roundtrip: ch3_start_s 2482.67.
        let (text, _) = try Convert.write(timeline, as: .mp4chaps)
        let (again, _) = try Convert.read(text, name: "again.chapters.txt")
        #expect(again.chapters[3].start == Timestamp(milliseconds: 2_482_670))
        #expect(again == timeline)
    }

    @Test func eachSampleIsClaimedByItsOwnFormatOnly() throws {
        let mine: [FormatID] = [.audacity, .matroskaChapters, .ogmChapters, .mp4chaps]
        let expected: [String: FormatID] = [
            "matroska.xml": .matroskaChapters, "mkvmerge.xml": .matroskaChapters,
            "mkvmerge.simple.txt": .ogmChapters, "vorbiscomment.txt": .ogmChapters, "mp4chaps.txt": .mp4chaps,
        ]
        let folder = try Self.file("")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "MANIFEST.md" && $0 != "expectations.json" }.sorted()
        #expect(names.count == 19)
        for name in names {
            let head = ArraySlice(try TestFiles.bytes(folder.appendingPathComponent(name)).prefix(4096))
            let claimed = mine.filter { FormatRegistry.standard[$0]!.sniff!(head) }
            #expect(claimed == (expected[name].map { [$0] } ?? []), "\(name)")
        }
        for format in mine {
            #expect(Convert.readError("asdf", name: "asdf", as: format) != nil, "\(format)")
            #expect(!FormatRegistry.standard[format]!.sniff!(ArraySlice("asdf".utf8)))
        }
    }
}
