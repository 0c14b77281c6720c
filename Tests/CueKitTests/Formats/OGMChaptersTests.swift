import Foundation
import Testing
@testable import CueKit

@Suite("OGM chapter lists")
struct OGMChaptersTests {
    let sample = TestFiles.sample("ogm-chapters/chapters.txt")

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    @Test func readsStartsAndNames() throws {
        let (timeline, diagnostics) = try Convert.read(sample)
        #expect(timeline.chapters.map(\.title) == ["Cold open", "Harbour walk = a long one", "Über die Brücke", nil])
        #expect(timeline.chapters.map(\.start) == ms([0, 65_250, 1_200_500, 3_725_250]))
        #expect(timeline.chapters.allSatisfy { $0.end == nil })
        #expect(timeline.chapters[1].location == SourceLocation(file: "chapters.txt", line: 3, column: 1))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func writesTheSampleAsItIs() throws {
        let (timeline, _) = try Convert.read(sample)
        let (text, diagnostics) = try Convert.write(timeline, as: .ogmChapters)
        #expect(text == String(decoding: try TestFiles.bytes(sample), as: UTF8.self))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(try Convert.read(text, name: "again.txt").0 == timeline)
    }

    @Test func aHundredChaptersGetThreeDigits() throws {
        let timeline = Timeline(chapters: (0..<100).map { Chapter(start: Timestamp(seconds: Int64($0) * 60), title: "Part \($0 + 1)") })
        let (text, _) = try Convert.write(timeline, as: .ogmChapters)
        #expect(text.hasPrefix("CHAPTER001=00:00:00.000\nCHAPTER001NAME=Part 1\n"))
        #expect(text.hasSuffix("CHAPTER100=01:39:00.000\nCHAPTER100NAME=Part 100\n"))
    }

    @Test func reportsWhatTheListCannotHold() throws {
        let timeline = Timeline(chapters: [
            Chapter(start: Timestamp(seconds: 30), end: Timestamp(seconds: 40), title: "Second", url: "https://example.org"),
            Chapter(start: .zero, title: "Two\nlines"),
            Chapter(start: Timestamp(seconds: 50), title: "Hidden", isInTableOfContents: false),
        ])
        let (text, diagnostics) = try Convert.write(timeline, as: .ogmChapters)
        #expect(text == "CHAPTER01=00:00:00.000\nCHAPTER01NAME=Two lines\nCHAPTER02=00:00:30.000\nCHAPTER02NAME=Second\n")
        #expect(diagnostics.map(\.code) == [
            "ogm-chapters.reordered", "ogm-chapters.silent-left-out", "ogm-chapters.title-line-breaks",
            "ogm-chapters.end-times-dropped", "ogm-chapters.links-dropped",
        ])
    }

    @Test func unnamedAndUnsortedChaptersAreReportedFinerTimesRounded() throws {
        let text = "CHAPTER01=00:05:00.000\nCHAPTER01NAME=Late\n\nCHAPTER02=00:00:01.0005\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "u.txt")
        #expect(timeline.chapters.map(\.title) == [nil, "Late"])
        #expect(timeline.chapters.map(\.start) == ms([1001, 300_000]))
        #expect(diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" } == [
            "4:1 ogm-chapters.no-name", "4:11 ogm-chapters.sub-millisecond", "4:1 ogm-chapters.out-of-order",
        ])
    }

    @Test func errorsAreLocated() throws {
        let invalid = try String(contentsOf: TestFiles.sample("invalid/ogm-chapters-name-without-time.txt"), encoding: .utf8)
        let name = Convert.readError(invalid, name: "n.txt")
        #expect(name?.code == "ogm-chapters.name-without-time")
        #expect(name?.location == SourceLocation(file: "n.txt", line: 3, column: 1))
        #expect(name?.message == "expected a line 'CHAPTER03=' with the start before this name, found none")

        let cases: [(String, String, Int, Int)] = [
            ("CHAPTER01=00:00:00.000\nCHAPTER01NAME=A\nfoo\n", "ogm-chapters.bad-line", 3, 1),
            ("CHAPTER01=00:00:00.000\nCHAPTER01=00:01:00.000\n", "ogm-chapters.repeated-number", 2, 1),
            ("CHAPTER01=00:00:00.000\nCHAPTER01NAME=A\nCHAPTER01NAME=B\n", "ogm-chapters.repeated-number", 3, 1),
            ("CHAPTER01=00:00:00.000\nCHAPTER02=soon\n", "ogm-chapters.bad-time", 2, 11),
            ("CHAPTER01=-00:00:01.000\n", "ogm-chapters.bad-time", 1, 11),
        ]
        for (text, code, line, column) in cases {
            let error = Convert.readError(text, name: "e.txt", as: .ogmChapters)
            #expect(error?.code == code, "\(text)")
            #expect(error?.location == SourceLocation(file: "e.txt", line: line, column: column), "\(text)")
        }
        let empty = Convert.readError("\n\n", name: "e.txt", as: .ogmChapters)
        #expect(empty?.code == "ogm-chapters.none")
    }

    @Test func sniffsOGMListsOnly() throws {
        let sniff = OGMChaptersFormat.format.sniff!
        #expect(sniff(ArraySlice(try TestFiles.bytes(sample))))
        #expect(sniff(ArraySlice("CHAPTER001=00:00:06.202\nCHAPTER001NAME=Vorbis comment style".utf8)))
        #expect(!sniff(ArraySlice("CHAPTER01NAME=Name first\nCHAPTER01=00:00:00.000\n".utf8)))
        #expect(!sniff(ArraySlice("0:00 Intro\n1:00 Next\n".utf8)))
        #expect(!sniff(ArraySlice("Chapter01=00:00:00.000\n".utf8)))
        #expect(!sniff(ArraySlice("CHAPTER01=00:00:00.000\nA note\n".utf8)))
    }
}
