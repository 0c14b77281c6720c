import Foundation
import Testing
@testable import CueKit

/// Podlove Simple Chapters: Normal Play Time, the reader, the writer.
@Suite("Podlove Simple Chapters")
struct PSCTests {
    private func read(_ text: String, strict: Bool = false) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics(strict: strict)
        let input = try Converter(readOptions: ReadOptions(strict: strict))
            .read(Array(text.utf8), name: "c.psc.xml", format: .psc, diagnostics: &diagnostics)
        return (input.timeline, diagnostics.items)
    }

    @Test func normalPlayTimeInEveryForm() {
        let cases: [(String, NormalPlayTime.Reading)] = [
            ("0", .time(Timestamp(milliseconds: 0))),
            ("01", .time(Timestamp(milliseconds: 1_000))),
            ("37", .time(Timestamp(milliseconds: 37_000))),
            ("01:02", .time(Timestamp(milliseconds: 62_000))),
            ("7:48", .time(Timestamp(milliseconds: 468_000))),
            ("01:02:03", .time(Timestamp(milliseconds: 3_723_000))),
            ("01:02:03.400", .time(Timestamp(milliseconds: 3_723_400))),
            ("05:12:03.5", .time(Timestamp(milliseconds: 18_723_500))),
            ("35:12.250", .time(Timestamp(milliseconds: 2_112_250))),
            ("12.3456", .time(Timestamp(milliseconds: 12_345))),
            (" 12 ", .time(Timestamp(milliseconds: 12_000))),
            ("1:75", .unnormalized(Timestamp(milliseconds: 135_000))),
            ("1:60:00", .unnormalized(Timestamp(milliseconds: 7_200_000))),
            ("1,5", .invalid),
            ("", .invalid),
            ("soon", .invalid),
            ("1:2:3:4", .invalid),
            ("-5", .invalid),
        ]
        for (text, expected) in cases {
            #expect(NormalPlayTime.read(text) == expected, "'\(text)'")
        }
        #expect(NormalPlayTime.string(Timestamp(milliseconds: 3_723_400)) == "01:02:03.400")
        #expect(NormalPlayTime.string(Timestamp(milliseconds: 0)) == "00:00:00.000")
    }

    @Test func readsTheSampleWithEveryTimeForm() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("psc/chapters.psc.xml"))
        #expect(diagnostics.isEmpty)
        #expect(timeline.chapters.map(\.start?.milliseconds) == [0, 37_000, 468_000, 2_112_250, 5_752_000, 18_723_500])
        #expect(timeline.chapters.map(\.title) == [
            "Intro", "Seconds only", "Minutes and seconds", "With a fraction", "Hours", "Half a second",
        ])
        #expect(timeline.chapters[2].url == "https://example.com/748")
        #expect(timeline.chapters[3].image == "https://example.com/img.png")
        #expect(timeline.chapters.allSatisfy { $0.end == nil && $0.isInTableOfContents })
        #expect(timeline.chapters[4].location?.line == 8)
        #expect(timeline.extras[.psc]?["version"] == .string("1.2"))
    }

    @Test func anyPrefixAndNamespaceVariantAndUnsortedChapters() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("psc/other-prefix.psc.xml"))
        #expect(timeline.chapters.map(\.title) == ["First & foremost", "Out of order"])
        #expect(timeline.chapters.map(\.start?.milliseconds) == [0, 10_000])
        #expect(diagnostics.map(\.code) == ["psc.unsorted"])
        #expect(diagnostics.first?.location?.line == 4)
        #expect(diagnostics.first?.severity == .warning)
        #expect(throws: Diagnostic.self) { try read(String(contentsOf: TestFiles.sample("psc/other-prefix.psc.xml"), encoding: .utf8), strict: true) }
    }

    @Test func badTimesAreReportedWhereTheyAre() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("invalid/psc-bad-times.psc.xml"))
        #expect(timeline.chapters.map(\.title) == ["Fine", "Seventy-five seconds"])
        #expect(timeline.chapters.map(\.start?.milliseconds) == [0, 135_000])
        #expect(diagnostics.map(\.code) == ["psc.bad-time", "psc.time-not-normalized", "psc.missing-start", "psc.bad-time"])
        #expect(diagnostics.map { $0.location?.line } == [4, 5, 6, 7])
        #expect(diagnostics[0].message.contains("found 'soon'"))
        #expect(diagnostics.allSatisfy { $0.location?.file == "psc-bad-times.psc.xml" && $0.format == .psc })
    }

    @Test func wrongRootIsALocatedError() throws {
        let error = Convert.readError("<?xml version=\"1.0\"?>\n<chapters><chapter start=\"0\" title=\"x\"/></chapters>", as: .psc)
        #expect(error?.code == "psc.root")
        #expect(error?.location?.line == 2)
        #expect(error?.message.contains("found <chapters>") == true)
    }

    @Test func undeclaredPSCPrefixIsReadWithAWarning() throws {
        let (timeline, diagnostics) = try read("<psc:chapters>\n<psc:chapter start=\"3\" title=\"t\"/>\n</psc:chapters>")
        #expect(timeline.chapters.map(\.title) == ["t"])
        #expect(diagnostics.map(\.code) == ["xml.undeclared-prefix"])
        #expect(diagnostics.first?.location?.line == 1)
    }

    @Test func writesTheSpecLayoutAndReadsBack() throws {
        var extras = FormatExtras()
        extras[.psc] = [Field("data-color", .string("blue"))]
        let timeline = Timeline(chapters: [
            Chapter(start: Timestamp(milliseconds: 0), title: "Intro & \"hello\""),
            Chapter(start: Timestamp(milliseconds: 3_723_400), title: "Later", url: "https://example.com/?a=1&b=2", image: "https://example.com/i.png", extras: extras),
        ])
        let (text, diagnostics) = try Convert.write(timeline, as: .psc)
        #expect(diagnostics.isEmpty)
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">
              <psc:chapter start="00:00:00.000" title="Intro &amp; &quot;hello&quot;"/>
              <psc:chapter start="01:02:03.400" title="Later" href="https://example.com/?a=1&amp;b=2" image="https://example.com/i.png" data-color="blue"/>
            </psc:chapters>

            """)
        let (reread, _) = try Convert.read(text, name: "x.psc.xml")
        #expect(reread.chapters.map(\.title) == timeline.chapters.map(\.title))
        #expect(reread.chapters.map(\.start) == timeline.chapters.map(\.start))
        #expect(reread.chapters[1].url == "https://example.com/?a=1&b=2")
        #expect(reread.chapters[1].extras == extras)
    }

    @Test func sampleRoundTripsThroughTheWriter() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("psc/chapters.psc.xml"))
        let (text, _) = try Convert.write(timeline, as: .psc)
        let (reread, _) = try Convert.read(text, name: "again.psc.xml")
        // The writer's inference adds end times; starts, titles and links stay.
        #expect(reread.chapters.map(\.start) == timeline.chapters.map(\.start))
        #expect(reread.chapters.map(\.title) == timeline.chapters.map(\.title))
        #expect(reread.chapters.map(\.url) == timeline.chapters.map(\.url))
        #expect(reread.chapters.map(\.image) == timeline.chapters.map(\.image))
    }

    @Test func writerReportsWhatPSCCannotHold() throws {
        let timeline = Timeline(
            cues: [Cue(start: .zero, end: Timestamp(milliseconds: 1000), text: [.text("hi")])],
            chapters: [
                Chapter(start: Timestamp(milliseconds: 5000), end: Timestamp(milliseconds: 6000), title: nil),
                Chapter(start: Timestamp(milliseconds: 7000), title: "Silent", isInTableOfContents: false),
                Chapter(start: Timestamp(milliseconds: 9000), title: "Last"),
            ])
        var diagnostics = Diagnostics()
        let bytes = try PSCWriter().write(timeline, options: WriteOptions(), diagnostics: &diagnostics)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<psc:chapter start=\"00:00:05.000\" title=\"Chapter 1\"/>"))
        #expect(!text.contains("Silent"))
        #expect(diagnostics.items.map(\.code) == [
            "psc.silent-chapters-dropped", "psc.untitled-chapters", "psc.end-times-dropped",
        ])
    }

    @Test func sniffingAndExtensionsPickPSC() throws {
        let registry = FormatRegistry.standard
        let bytes = try TestFiles.bytes(TestFiles.sample("psc/other-prefix.psc.xml"))
        #expect(registry.sniff(bytes)?.id == .psc)
        #expect(registry.format(forFileName: "show.psc.xml")?.id == .psc)
        #expect(registry.format(forFileName: "feed.xml")?.id == .rss)
    }

    @Test(.enabled(if: TestFiles.hasCorpus))
    func podloveSpecExamples() throws {
        let folder = "podcast20/spec-examples/podlove"
        let fixed = try #require(TestFiles.corpusFiles(folder, extensions: ["xml"]).first { $0.lastPathComponent.contains("fixed") })
        let (timeline, _) = try Convert.read(fixed)
        #expect(timeline.chapters.map(\.title) == ["Welcome", "Introducing Podlove", "Podlove WordPress Plugin", "Resumée"])
        #expect(timeline.chapters.map(\.start?.milliseconds) == [0, 187_000, 506_250, 762_000])
        // The verbatim copy closes with </feed>: a located error.
        let original = try #require(TestFiles.corpusFiles(folder, extensions: ["xml"]).first { $0.lastPathComponent.contains("original") })
        do {
            _ = try Convert.read(original)
            Issue.record("expected an error")
        } catch let error as Diagnostic {
            #expect(error.code == "xml.not-well-formed")
            #expect(error.location?.line == 24)
        }
    }
}
