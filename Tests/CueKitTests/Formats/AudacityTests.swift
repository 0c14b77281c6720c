import Foundation
import Testing
@testable import CueKit

@Suite("Audacity labels")
struct AudacityTests {
    let sample = TestFiles.sample("audacity/labels.txt")

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    @Test func readsPointAndRegionLabels() throws {
        let (timeline, diagnostics) = try Convert.read(sample)
        #expect(timeline.chapters.map(\.title) == ["Cold open", "Harbour walk", "Interview: Ada Host", "Interview: Ada Host", nil, "Outro"])
        #expect(timeline.chapters.map(\.start) == ms([0, 65_250, 90_000, 120_500, 1_800_000, 3_725_250]))
        // Point labels have no end of their own; region labels keep theirs.
        #expect(timeline.chapters.map(\.end) == ms([nil, nil, 120_500, 121_000, nil, nil]))
        #expect(timeline.chapters[2].location == SourceLocation(file: "labels.txt", line: 3, column: 1))
        #expect(diagnostics.map { "\($0.location?.line ?? 0) \($0.code)" } == [
            "4 audacity.frequencies-skipped", "6 audacity.sub-millisecond",
        ])
    }

    @Test func writesSixDecimalsExactlyAndPointLabelsWithoutAnEnd() throws {
        let (timeline, _) = try Convert.read(sample)
        let (text, diagnostics) = try Convert.write(timeline, as: .audacity)
        #expect(text == "0.000000\t0.000000\tCold open\n65.250000\t65.250000\tHarbour walk\n90.000000\t120.500000\tInterview: Ada Host\n120.500000\t121.000000\tInterview: Ada Host\n1800.000000\t1800.000000\t\n3725.250000\t3725.250000\tOutro\n")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let (again, _) = try Convert.read(text, name: "again.txt", as: .audacity)
        #expect(again == timeline)
        #expect(try Convert.write(again, as: .audacity).0 == text)
    }

    @Test func writesMillisecondsWithoutDoubleRounding() throws {
        // 1.001 s, 0.1 s, 4 h 59 s 999 ms and a negative time after a shift.
        let timeline = Timeline(chapters: [
            Chapter(start: Timestamp(milliseconds: -250), title: "before"),
            Chapter(start: Timestamp(milliseconds: 100), end: Timestamp(milliseconds: 1001), title: "a"),
            Chapter(start: Timestamp(milliseconds: 14_459_999), title: "b"),
        ])
        let (text, _) = try Convert.write(timeline, as: .audacity)
        #expect(text == "-0.250000\t-0.250000\tbefore\n0.100000\t1.001000\ta\n14459.999000\t14459.999000\tb\n")
    }

    @Test func reportsWhatALabelTrackCannotHold() throws {
        let timeline = Timeline(
            metadata: [Field("title", .string("Episode"))],
            chapters: [
                Chapter(start: .zero, title: "Two\nlines\tand a tab", url: "https://example.org"),
                Chapter(start: Timestamp(seconds: 10), title: "Hidden", isInTableOfContents: false),
            ])
        let (text, diagnostics) = try Convert.write(timeline, as: .audacity)
        #expect(text == "0.000000\t0.000000\tTwo lines and a tab\n10.000000\t10.000000\tHidden\n")
        #expect(diagnostics.map(\.code) == [
            "audacity.silent-written", "audacity.links-dropped", "audacity.title-flattened", "audacity.metadata-not-written",
        ])
    }

    @Test func errorsAreLocated() throws {
        let badTime = try String(contentsOf: TestFiles.sample("invalid/audacity-bad-time.txt"), encoding: .utf8)
        let error = Convert.readError(badTime, name: "audacity-bad-time.txt", as: .audacity)
        #expect(error?.code == "audacity.bad-time")
        #expect(error?.location == SourceLocation(file: "audacity-bad-time.txt", line: 2, column: 6))
        #expect(error?.message == "expected an end time in seconds such as 12.345000, found 'soon'")

        let spaces = Convert.readError("1.5\n2.000000 Intro\n", name: "n.txt", as: .audacity)
        #expect(spaces?.code == "audacity.bad-time")
        #expect(spaces?.location == SourceLocation(file: "n.txt", line: 2, column: 1))

        let start = Convert.readError("\n\nabc\t2\tx\n", name: "s.txt", as: .audacity)
        #expect(start?.code == "audacity.bad-time")
        #expect(start?.location == SourceLocation(file: "s.txt", line: 3, column: 1))
        #expect(start?.message == "expected a start time in seconds such as 12.345000, found 'abc'")

        let empty = Convert.readError("\n \n", name: "e.txt", as: .audacity)
        #expect(empty?.code == "audacity.none")
        #expect(empty?.location == SourceLocation(file: "e.txt", line: 1, column: 1))
    }

    @Test func linesWithoutAnEndAndDecimalCommasReadAsAudacityReadsThem() throws {
        // Audacity's LabelStruct::Import: a second field that is not a number
        // is the label of a one-sided label; CompatibleToDouble takes a comma.
        let text = "1.5\tIntro\n3\n4,25\t5,5\tComma\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "o.txt", as: .audacity)
        #expect(timeline.chapters.map(\.title) == ["Intro", nil, "Comma"])
        #expect(timeline.chapters.map(\.start) == ms([1500, 3000, 4250]))
        #expect(timeline.chapters.map(\.end) == ms([nil, nil, 5500]))
        #expect(diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" } == [
            "1:5 audacity.no-end-column", "3:1 audacity.decimal-comma",
        ])
    }

    @Test func anEndBeforeItsStartIsARepair() throws {
        let text = "5.000000\t4.000000\tBackwards\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "b.txt", as: .audacity)
        #expect(timeline.chapters.map(\.start) == [Timestamp(seconds: 5)])
        #expect(timeline.chapters.map(\.end) == [nil])
        #expect(diagnostics.map(\.code) == ["audacity.end-before-start"])
        #expect(diagnostics[0].location == SourceLocation(file: "b.txt", line: 1, column: 10))
        var strict = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) {
            _ = try Converter(readOptions: ReadOptions(strict: true)).read(Array(text.utf8), name: "b.txt", format: .audacity, diagnostics: &strict)
        }
    }

    @Test func overlappingAndUnsortedLabelsAreKeptWithWarnings() throws {
        let text = "10.0\t20.0\tB\n0.0\t15.0\tA\n12.0\t12.0\tC\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "o.txt", as: .audacity)
        #expect(timeline.chapters.map(\.title) == ["A", "B", "C"])
        #expect(diagnostics.map { "\($0.location?.line ?? 0) \($0.code)" } == ["2 audacity.out-of-order", "1 audacity.overlap"])
        #expect(diagnostics[1].message.hasPrefix("2 label(s) start before an earlier region label ends"))
    }

    @Test func regionLabelsOfOneNameInARowAreAllWritten() throws {
        // Canary-song labels: SIL, SIL are two regions, not a doubled header.
        let text = "0.0\t0.35\tSIL\n0.35\t0.664\tSIL\n0.664\t1.0\tcall\n"
        let (timeline, _) = try Convert.read(text, name: "sil.txt", as: .audacity)
        let (json, diagnostics) = try Convert.write(timeline, as: .chapters)
        #expect(!diagnostics.contains { $0.code == "chapters.repeated" })
        let (back, _) = try Convert.read(json, name: "sil.chapters.json")
        #expect(try Convert.write(back, as: .audacity).0 == "0.000000\t0.350000\tSIL\n0.350000\t0.664000\tSIL\n0.664000\t1.000000\tcall\n")
    }

    @Test func sniffsLabelTracksButNotChapterListsOrText() throws {
        let sniff = AudacityFormat.format.sniff!
        #expect(sniff(ArraySlice(try TestFiles.bytes(sample))))
        #expect(sniff(ArraySlice("1\t4\tmusic\n4\t7\n".utf8)))
        #expect(!sniff(ArraySlice("0:00 Intro\n1:00 Next\n".utf8)))
        #expect(!sniff(ArraySlice("Some notes.\n1.0\t2.0\tlabel\n".utf8)))
        #expect(!sniff(ArraySlice("12.5 13.5 spaces, not tabs\n".utf8)))
        #expect(!sniff(ArraySlice("\\\t100\t200\n".utf8)))
        #expect(!sniff(ArraySlice("CHAPTER01=00:00:00.000\n".utf8)))
        // `.txt` is YouTube's extension too: no warning that the name says otherwise.
        let (timeline, diagnostics) = try Convert.read(TestFiles.bytes(sample), name: "Labels.txt")
        #expect(timeline.chapters.count == 6)
        #expect(!diagnostics.contains { $0.code == "format.content-differs-from-name" })
        // A name no format of this content claims still gets the warning.
        let (_, named) = try Convert.read(TestFiles.bytes(sample), name: "labels.srt")
        #expect(named.contains { $0.code == "format.content-differs-from-name" })
    }
}
