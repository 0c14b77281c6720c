import Foundation
import Testing
@testable import CueKit

@Suite("Matroska chapters XML")
struct MatroskaChaptersTests {
    let sample = TestFiles.sample("matroska-chapters/chapters.xml")

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    @Test func readsTheDefaultEditionFlatteningNestedAtoms() throws {
        let (timeline, diagnostics) = try Convert.read(sample)
        #expect(timeline.chapters.map(\.title) == ["Cold open", "Harbour walk", "The lighthouse", "Sponsor", "Outro"])
        // 00:12:00.000400000 rounds to 12:00.000.
        #expect(timeline.chapters.map(\.start) == ms([0, 65_250, 720_000, 1_200_500, 3_725_250]))
        #expect(timeline.chapters.map(\.end) == ms([nil, 1_200_500, nil, nil, 4_000_000]))
        #expect(timeline.chapters.map(\.isInTableOfContents) == [true, true, true, false, true])
        #expect(timeline.chapters[0].extras[.matroskaChapters] == [
            Field("ChapterUID", .string("15904652631841997184")),
            Field("ChapterFlagEnabled", .string("1")),
            Field("ChapterDisplay", .list([
                .map([Field("ChapterString", .string("Cold open")), Field("ChapterLanguage", .string("eng")), Field("ChapLanguageIETF", .string("en"))]),
                .map([Field("ChapterString", .string("Kalter Einstieg")), Field("ChapterLanguage", .string("ger")), Field("ChapLanguageIETF", .string("de"))]),
            ])),
        ])
        #expect(timeline.chapters[2].extras[.matroskaChapters]?["level"] == .scalar("1"))
        #expect(timeline.chapters[3].extras[.matroskaChapters]?["ChapterSkipType"] == .string("2"))
        #expect(timeline.extras[.matroskaChapters] == [
            Field("EditionFlagHidden", .string("0")), Field("EditionFlagDefault", .string("1")),
            Field("EditionUID", .string("6101225403418811953")),
            // The other edition, whole, for writing Matroska again.
            Field("EditionEntry", .list([.map([
                Field("EditionUID", .string("42")),
                Field("ChapterAtom", .map([
                    Field("ChapterTimeStart", .string("00:00:00.000")),
                    Field("ChapterDisplay", .map([Field("ChapterString", .string("Director's cut"))])),
                ])),
            ])])),
        ])
        #expect(timeline.chapters[2].location == SourceLocation(file: "chapters.xml", line: 33, column: 7))
        // The DOCTYPE mkvmerge documents is no warning.
        #expect(diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code)" } == [
            "63:3 matroska-chapters.other-editions", "33:7 matroska-chapters.nested", "35:9 matroska-chapters.sub-millisecond",
        ])
    }

    @Test func writesTheSampleBackWithEverythingItKept() throws {
        let (timeline, _) = try Convert.read(sample)
        let (xml, diagnostics) = try Convert.write(timeline, as: .matroskaChapters)
        Golden.check(xml, "matroska-chapters/sample.xml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // Matroska to Matroska keeps every chapter of the edition read, the
        // nesting and the other edition: the second pass gives the same bytes.
        let (again, againDiagnostics) = try Convert.read(xml, name: "again.xml")
        #expect(again == timeline)
        #expect(againDiagnostics.map(\.code) == ["matroska-chapters.other-editions", "matroska-chapters.nested"])
        #expect(try Convert.write(again, as: .matroskaChapters).0 == xml)
    }

    @Test func writesChaptersFromElsewhereWithStableUIDs() throws {
        let timeline = Timeline(
            metadata: [Field("title", .string("Episode"))],
            chapters: [
                Chapter(start: Timestamp(seconds: 77), end: Timestamp(seconds: 90), title: "Harbour & <walk>", url: "https://example.org"),
                Chapter(start: .zero, title: "Cold open"),
                Chapter(start: Timestamp(seconds: 95), isInTableOfContents: false),
            ])
        let (xml, diagnostics) = try Convert.write(timeline, as: .matroskaChapters)
        #expect(try Convert.write(timeline, as: .matroskaChapters).0 == xml)
        #expect(xml.contains("<ChapterString>Harbour &amp; &lt;walk&gt;</ChapterString>"))
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- <!DOCTYPE Chapters SYSTEM \"matroskachapters.dtd\"> -->\n<Chapters>\n  <EditionEntry>\n    <EditionUID>"))
        #expect(diagnostics.map(\.code) == [
            "matroska-chapters.reordered", "matroska-chapters.links-dropped", "matroska-chapters.metadata-not-written",
        ])
        let (read, _) = try Convert.read(xml, name: "w.xml")
        #expect(read.chapters.map(\.start) == ms([0, 77_000, 95_000]))
        #expect(read.chapters.map(\.end) == ms([nil, 90_000, nil]))
        #expect(read.chapters.map(\.title) == ["Cold open", "Harbour & <walk>", nil])
        #expect(read.chapters.map(\.isInTableOfContents) == [true, true, false])
        let uids = read.chapters.compactMap { $0.extras[.matroskaChapters]?["ChapterUID"]?.text }
        #expect(uids.count == 3 && Set(uids).count == 3 && !uids.contains("0"))
        #expect(uids.allSatisfy { UInt64($0) != nil })
    }

    @Test func timesConvertExactly() {
        #expect(ChapterClock.read("00:06:12.680000000") == .clock(milliseconds: 372_680, isRounded: false))
        #expect(ChapterClock.read("1:02.5") == .clock(milliseconds: 62_500, isRounded: false))
        #expect(ChapterClock.read(" 02:24:54.2 ") == .clock(milliseconds: 8_694_200, isRounded: false))
        #expect(ChapterClock.read("00:00:00.0004999") == .clock(milliseconds: 0, isRounded: true))
        #expect(ChapterClock.read("00:00:00.0005") == .clock(milliseconds: 1, isRounded: true))
        #expect(ChapterClock.read("6202000000") == .nanoseconds(milliseconds: 6202, isRounded: false))
        #expect(ChapterClock.read("542001999999.99994") == .nanoseconds(milliseconds: 542_002, isRounded: true))
        #expect(ChapterClock.read("00:18") == .clock(milliseconds: 18_000, isRounded: false))
        for bad in ["asdasdasd", "", "1:2:3:4", "00:00:60.000", "00:61:00", "00:00:00.1234567890", "00:00:00.", "1::2",
                    // Minutes too many to count in milliseconds (found by scripts/fuzz).
                    "12172763028394216:10", "071346111601543586:18:00.500"] {
            #expect(ChapterClock.read(bad) == .invalid, "\(bad)")
        }
        #expect(ChapterClock.string(Timestamp(milliseconds: 8_694_200)) == "02:24:54.200000000")
        #expect(ChapterClock.string(Timestamp(milliseconds: 360_000_001), nanoseconds: false) == "100:00:00.001")
    }

    @Test func bareNanosecondsAreARepair() throws {
        let text = "<Chapters><EditionEntry><ChapterAtom><ChapterTimeStart>6202000000</ChapterTimeStart></ChapterAtom></EditionEntry></Chapters>"
        let (timeline, diagnostics) = try Convert.read(text, name: "n.xml")
        #expect(timeline.chapters.map(\.start) == ms([6202]))
        #expect(diagnostics.map(\.code) == ["matroska-chapters.bare-nanoseconds"])
        #expect(diagnostics[0].location == SourceLocation(file: "n.xml", line: 1, column: 38))
        var strict = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) {
            _ = try Converter(readOptions: ReadOptions(strict: true)).read(Array(text.utf8), name: "n.xml", diagnostics: &strict)
        }
    }

    @Test func errorsAreLocated() throws {
        let invalid = try String(contentsOf: TestFiles.sample("invalid/matroska-chapters-no-start.xml"), encoding: .utf8)
        let missing = Convert.readError(invalid, name: "matroska-chapters-no-start.xml")
        #expect(missing?.code == "matroska-chapters.no-start")
        #expect(missing?.location == SourceLocation(file: "matroska-chapters-no-start.xml", line: 8, column: 5))
        #expect(missing?.message == "expected a <ChapterTimeStart> in every <ChapterAtom>, found none in the chapter 'No start'")

        func error(_ body: String) -> Diagnostic? {
            Convert.readError("<?xml version=\"1.0\"?>\n<Chapters>\n  <EditionEntry>\n\(body)\n  </EditionEntry>\n</Chapters>\n", name: "e.xml", as: .matroskaChapters)
        }
        let atom = "    <ChapterAtom><ChapterTimeStart>00:00:01</ChapterTimeStart>"
        let cases: [(String, String, Int, Int)] = [
            ("    <ChunkyBacon>123</ChunkyBacon>", "matroska-chapters.unknown-element", 4, 5),
            ("\(atom)<ChapterFlagHidden>2</ChapterFlagHidden></ChapterAtom>", "matroska-chapters.malformed", 4, 63),
            ("\(atom)<ChapterUID>0</ChapterUID></ChapterAtom>", "matroska-chapters.malformed", 4, 63),
            // On a line of its own: a column is that of the first tag of its name on the line.
            ("\(atom)\n<ChapterTimeStart>00:00:02</ChapterTimeStart></ChapterAtom>", "matroska-chapters.repeated-element", 5, 1),
            ("    <ChapterAtom><ChapterTimeStart>soon</ChapterTimeStart></ChapterAtom>", "matroska-chapters.malformed", 4, 18),
            ("\(atom)<ChapterDisplay><ChapterTitle>x</ChapterTitle></ChapterDisplay></ChapterAtom>", "matroska-chapters.unknown-element", 4, 79),
        ]
        for (body, code, line, column) in cases {
            let found = error(body)
            #expect(found?.code == code, "\(body)")
            #expect(found?.location == SourceLocation(file: "e.xml", line: line, column: column), "\(body): \(found?.message ?? "")")
        }
        let root = Convert.readError("<Tags><Tag/></Tags>", name: "t.xml", as: .matroskaChapters)
        #expect(root?.code == "matroska-chapters.root")
        let none = Convert.readError("<Chapters>\n</Chapters>", name: "n.xml")
        #expect(none?.code == "matroska-chapters.no-edition")
        #expect(none?.location == SourceLocation(file: "n.xml", line: 1, column: 1))
    }

    @Test func anInternalDTDIsNeverExpanded() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE Chapters [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY name "Intro">]>
            <Chapters><EditionEntry><ChapterAtom><ChapterTimeStart>00:00:00</ChapterTimeStart>
            <ChapterDisplay><ChapterString>&name;&secret;</ChapterString></ChapterDisplay></ChapterAtom></EditionEntry></Chapters>
            """
        let (timeline, diagnostics) = try Convert.read(text, name: "dtd.xml")
        #expect(timeline.chapters.map(\.title) == [""])
        #expect(diagnostics.map(\.code).contains("xml.entities-ignored"))
        #expect(diagnostics.map(\.code).contains("xml.entity-not-expanded"))
    }

    @Test func sniffsTheChaptersRootOnly() throws {
        let sniff = MatroskaChaptersFormat.format.sniff!
        #expect(sniff(ArraySlice(try TestFiles.bytes(sample))))
        #expect(sniff(ArraySlice("<?xml version=\"1.0\"?>\n<!-- <!DOCTYPE Chapters SYSTEM \"matroskachapters.dtd\"> -->\n<Chapters>".utf8)))
        #expect(!sniff(ArraySlice("<psc:chapters xmlns:psc=\"http://podlove.org/simple-chapters\">".utf8)))
        #expect(!sniff(ArraySlice("<rss version=\"2.0\"><channel/></rss>".utf8)))
        #expect(!sniff(ArraySlice("CHAPTER01=00:00:00.000".utf8)))
    }

    @Test func otherFormatsSayWhatTheyDrop() throws {
        let (timeline, _) = try Convert.read(sample)
        let (_, diagnostics) = try Convert.write(timeline, as: .chapters, sourceFormat: .matroskaChapters)
        let loss = diagnostics.first { $0.code == "matroska-chapters.lossy-elsewhere" }
        #expect(loss?.severity == .warning)
        #expect(loss?.message == "the Matroska chapters have 1 other edition(s) and 1 further title(s) in other languages and 1 chapter(s) nested in another, which chapters cannot hold; written as the flat chapters of one edition with their first title")
    }
}

/// Whether mkvmerge takes the Matroska chapters cues writes, and FFmpeg
/// reads them back from the file it makes: runs only where `mkvmerge`,
/// `ffmpeg` and `ffprobe` are on the PATH.
@Suite("mkvmerge accepts cues' Matroska chapters", .enabled(if: MKVToolNix.isAvailable))
struct MKVMergeAcceptanceTests {
    let timeline = Timeline(chapters: [
        Chapter(start: .zero, title: "Cold open"),
        Chapter(start: Timestamp(milliseconds: 65_250), end: Timestamp(milliseconds: 90_000), title: "Harbour & walk"),
        Chapter(start: Timestamp(milliseconds: 90_000), title: "Über die Brücke"),
        Chapter(start: Timestamp(milliseconds: 100_001), title: "Outro"),
    ])

    @Test(arguments: [FormatID.matroskaChapters, .ogmChapters])
    func mkvmergeMuxesTheChaptersAndFFprobeShowsThem(format: FormatID) throws {
        let (text, _) = try Convert.write(timeline, as: format)
        let probe = try MKVToolNix.muxAndProbe(text, name: format == .matroskaChapters ? "ours.xml" : "ours.txt")
        #expect(probe.titles == ["Cold open", "Harbour & walk", "Über die Brücke", "Outro"])
        #expect(probe.startsInMilliseconds == [0, 65_250, 90_000, 100_001])
    }

    @Test func theSampleWithNestedAtomsGoesThrough() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("matroska-chapters/chapters.xml"))
        let (text, _) = try Convert.write(timeline, as: .matroskaChapters)
        let probe = try MKVToolNix.muxAndProbe(text, name: "sample.xml")
        // FFmpeg lists the top-level atoms (not the nested one), hidden ones
        // too, each titled by its last display (the German one for the first).
        #expect(probe.titles == ["Kalter Einstieg", "Harbour walk", "Sponsor", "Outro"])
        #expect(probe.startsInMilliseconds == [0, 65_250, 1_200_500, 3_725_250])
    }
}

/// mkvmerge from MKVToolNix, with FFmpeg to make a file and read it back.
enum MKVToolNix {
    static let isAvailable = FFmpegTools.isAvailable && FFmpegTools.path("mkvmerge") != nil

    /// Muxes `chapters` (a chapter file named `name`) into ten minutes of
    /// silence with mkvmerge and returns the chapters ffprobe sees.
    static func muxAndProbe(_ chapters: String, name: String) throws -> (titles: [String?], startsInMilliseconds: [Int64]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cues-mkvmerge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try Data(chapters.utf8).write(to: file)
        let audio = directory.appendingPathComponent("a.mka"), output = directory.appendingPathComponent("out.mka")
        let ffmpeg = try FFmpegTools.run("ffmpeg", [
            "-nostdin", "-v", "error", "-f", "lavfi", "-t", "4000", "-i", "anullsrc=r=8000:cl=mono", "-c:a", "pcm_s16le", audio.path,
        ])
        #expect(ffmpeg.status == 0, "\(ffmpeg.stderr)")
        let mkvmerge = try FFmpegTools.run("mkvmerge", ["-q", "-o", output.path, "--chapters", file.path, audio.path])
        #expect(mkvmerge.status == 0, "\(mkvmerge.stdout)\(mkvmerge.stderr)")
        let probe = try FFmpegTools.run("ffprobe", ["-v", "error", "-show_chapters", "-of", "json", output.path])
        #expect(probe.status == 0, "\(probe.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any]
        let found = json?["chapters"] as? [[String: Any]] ?? []
        let titles = found.map { ($0["tags"] as? [String: Any])?["title"] as? String }
        // start is in the chapter's time base, 1/1000000000 in Matroska.
        let starts = found.map { (Int64($0["start"] as? Int ?? -1)) / 1_000_000 }
        return (titles, starts)
    }
}
