import Foundation
import Testing
@testable import CueKit

/// TTML / IMSC / DFXP: time expressions, the reader, the writer, sniffing.
@Suite("TTML")
struct TTMLTests {
    private func read(_ text: String, strict: Bool = false) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics(strict: strict)
        let input = try Converter(readOptions: ReadOptions(strict: strict))
            .read(Array(text.utf8), name: "t.ttml", format: .ttml, diagnostics: &diagnostics)
        return (input.timeline, diagnostics.items)
    }

    private func error(_ text: String, strict: Bool = false) -> Diagnostic? {
        do {
            _ = try read(text, strict: strict)
            return nil
        } catch let error as Diagnostic {
            return error
        } catch {
            return nil
        }
    }

    private static func document(_ body: String, root: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" \
        xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en"\(root)>
        <body><div>\(body)</div></body>
        </tt>
        """
    }

    private static func parameters(_ attributes: String) -> TTMLTimingParameters {
        let root = try! XMLTreeParser.parse(
            Array("<tt xmlns='http://www.w3.org/ns/ttml' xmlns:ttp='http://www.w3.org/ns/ttml#parameter' \(attributes)/>".utf8),
            name: nil, format: .ttml).root
        return try! TTMLTimingParameters.read(root).get()
    }

    // MARK: Time expressions

    @Test func everyTimeExpressionInNanoseconds() {
        let ntsc = Self.parameters("ttp:frameRate='24' ttp:frameRateMultiplier='1000 1001' ttp:tickRate='60'")
        let subframes = Self.parameters("ttp:frameRate='24' ttp:subFrameRate='2'")
        let plain = TTMLTimingParameters()
        let cases: [(String, TTMLTimingParameters, Int64)] = [
            ("01:02:03", plain, 3_723_000_000_000),
            ("01:02:03.235", plain, 3_723_235_000_000),
            ("01:02:03.2350", plain, 3_723_235_000_000),
            ("100:00:00.1", plain, 360_000_100_000_000),
            // 20 frames at 24 × 1000/1001: 20 × 1001 / 24000 s = 0.834166666… s.
            ("01:02:03:20", ntsc, 3_723_834_166_667),
            ("100:00:00:00", ntsc, 360_000_000_000_000),
            // 12 frames and 1 sub-frame of 2 at 24 fps: 25/48 s.
            ("00:00:01:12.1", subframes, 1_520_833_333),
            ("1.2s", plain, 1_200_000_000),
            ("1.2m", plain, 72_000_000_000),
            ("1.2h", plain, 4_320_000_000_000),
            ("0.004h", plain, 14_400_000_000),
            ("10000ms", plain, 10_000_000_000),
            ("0.5ms", plain, 500_000),
            ("24f", ntsc, 1_001_000_000),
            ("300f", subframes, 12_500_000_000),
            ("1.5f", plain, 50_000_000),  // 30 fps by default
            ("120t", ntsc, 2_000_000_000),
            ("7t", plain, 7_000_000_000),  // 1 tick a second without a frame rate
            // 48 ticks a second by default: frame rate × sub-frame rate.
            ("48t", subframes, 1_000_000_000),
            (" 5s ", plain, 5_000_000_000),
        ]
        for (text, parameters, expected) in cases {
            #expect(TTMLTimeExpression.read(text, parameters: parameters)?.nanoseconds == expected, "'\(text)'")
        }
        #expect(TTMLTimeExpression.read("0:00:02.07", parameters: plain) == .init(nanoseconds: 2_070_000_000, shortHours: true))
        for bad in ["", "5", "0:05", "00:00:05.", "00:60:00", "00:00:61", "00:0:05", "1.s", "3.5 s", "1x", "-1s", "1e3s",
                    "00:00:01:", "wallclock(2020-01-01T00:00:00)", "99999999999999999999h"] {
            #expect(TTMLTimeExpression.read(bad, parameters: plain) == nil, "'\(bad)'")
        }
    }

    @Test func defaultTickRateComesFromTheFrameRates() {
        let parameters = Self.parameters("ttp:frameRate='30' ttp:subFrameRate='2'")
        #expect(parameters.tickRate.numerator == 60 && parameters.tickRate.denominator == 1)
        let ntsc = Self.parameters("ttp:frameRate='30' ttp:frameRateMultiplier='1000 1001'")
        #expect(ntsc.tickRate.numerator == 30_000 && ntsc.tickRate.denominator == 1001)
        #expect(TTMLTimingParameters().tickRate.numerator == 1)
    }

    @Test func millisecondsRoundHalfAwayFromZero() {
        #expect(TTMLReader.milliseconds(1_499_999) == 1)
        #expect(TTMLReader.milliseconds(1_500_000) == 2)
        #expect(TTMLReader.milliseconds(3_723_834_166_667) == 3_723_834)
    }

    // MARK: Reading

    @Test func readsTheFeatureSample() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("ttml/features.ttml"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.metadata["language"] == .string("en"))
        #expect(timeline.metadata["title"] == .string("Harbour walk"))
        let cues = timeline.cues
        // Offsets from each div's begin (10 s, 30 s); frames at 25 fps; ticks at 10 MHz.
        #expect(cues.map(\.start?.milliseconds) == [11_500, 15_000, 18_000, 30_000, 31_000, 32_500, 41_000])
        #expect(cues.map(\.end?.milliseconds) == [14_400, 17_000, 19_500, 31_000, 32_500, 34_000, 44_000])
        #expect(cues.map(\.speaker) == ["Ada Lovelace", nil, nil, "bob", nil, nil, nil])
        #expect(cues.map(\.id) == ["c1", nil, nil, nil, nil, nil, nil])
        #expect(cues[0].text == [.text("Welcome to the harbour,"), .lineBreak, .text("everyone.")])
        #expect(cues[1].text == [.element(SpanElement(.italic, children: [.text("Gulls overhead")]))])
        #expect(cues[1].settings == [Field("line", .string("0"))])
        #expect(cues[2].text == [
            .element(SpanElement(.bold, children: [.text("Bold")])), .text(" and "),
            .element(SpanElement(.underline, children: [.text("underlined")])), .text(" and "),
            // Bold, italic and underline go around the stretch they cover, spans' classes inside.
            .element(SpanElement(.italic, children: [.element(SpanElement(.class, classes: ["em"], children: [.text("emphasised")]))])),
            .text(" and "),
            .element(SpanElement(.class, classes: ["cues-inline-1"], children: [.text("yellow")])), .text("."),
        ])
        #expect(cues[4].text == [.element(SpanElement(.language("fr"), children: [
            .text("Puis "), .element(SpanElement(.language("de"), children: [.text("ein Wort")])),
        ]))])
        #expect(cues[6].text == [
            .text("One "), .timestamp(Timestamp(milliseconds: 42_000)), .text("by "),
            .timestamp(Timestamp(milliseconds: 43_000)), .text("one"),
        ])
        #expect(cues[6].settings == [Field("align", .string("start"))])
        #expect(cues[0].extras[.ttml]?["region"] == .string("bottom"))
        #expect(cues[1].extras[.ttml]?["region"] == .string("top"))
        #expect(cues[1].extras[.ttml]?["style"] == .string("em"))
        #expect(cues[6].extras[.ttml]?["attributes"] == .map([Field("tts:textAlign", .string("start"))]))
        #expect(timeline.extras[.ttml]?["styles"] == .list([
            .map([Field("xml:id", .string("base")), Field("tts:color", .string("white")),
                  Field("tts:fontFamily", .string("proportionalSansSerif"))]),
            .map([Field("xml:id", .string("em")), Field("style", .string("base")), Field("tts:fontStyle", .string("italic"))]),
            .map([Field("xml:id", .string("cues-inline-1")), Field("tts:color", .string("yellow"))]),
        ]))
        guard case .list(let regions)? = timeline.extras[.ttml]?["regions"] else {
            Issue.record("no regions kept")
            return
        }
        #expect(regions.count == 2)
    }

    @Test func timeContainmentClipsToTheParentAndSequencesFollowEachOther() throws {
        let (timeline, _) = try read(Self.document("""
            <p begin="1s" end="3s">Par</p>
            </div><div begin="10s" dur="5s" timeContainer="seq">
            <p dur="2s">One</p><p begin="1s" dur="1s">Two</p><p end="9s">Three</p>
            </div><div begin="20s" end="21s"><p begin="0.5s" end="5s">Clipped</p><p begin="2s" end="3s">Never</p>
            """))
        // seq: One 10–12, Two begins 1 s after One ends (13–14), Three ends 9 s after Two (23), clipped to 15.
        #expect(timeline.cues.map(\.plainText) == ["Par", "One", "Two", "Three", "Clipped"])
        #expect(timeline.cues.map(\.start?.milliseconds) == [1_000, 10_000, 13_000, 14_000, 20_500])
        #expect(timeline.cues.map(\.end?.milliseconds) == [3_000, 12_000, 14_000, 15_000, 21_000])
    }

    @Test func spansWithTheirOwnTimesCutTheParagraph() throws {
        let (timeline, _) = try read(Self.document("""
            <p begin="0s" end="10s"><span end="5s">First half</span> <span begin="5s">second half</span></p>
            """))
        #expect(timeline.cues.map(\.plainText) == ["First half", "second half"])
        #expect(timeline.cues.map(\.start?.milliseconds) == [0, 5_000])
        #expect(timeline.cues.map(\.end?.milliseconds) == [5_000, 10_000])
    }

    @Test func whiteSpaceCollapsesUnlessPreserved() throws {
        let (timeline, _) = try read(Self.document("""
            <p begin="0s" end="1s">
              two   words <br/>  and\tmore
            </p>
            <p begin="1s" end="2s" xml:space="preserve">keep  this
            line</p>
            """))
        #expect(timeline.cues[0].text == [.text("two words"), .lineBreak, .text("and more")])
        #expect(timeline.cues[1].text == [.text("keep  this"), .lineBreak, .text("line")])
    }

    @Test func oldDFXPNamespacesAndPrefixesAreRead() throws {
        let text = """
            <?xml version="1.0"?>
            <tt:tt xmlns:tt="http://www.w3.org/2006/10/ttaf1" xmlns:tts="http://www.w3.org/2006/10/ttaf1#style" xml:lang="en">
            <tt:body><tt:div><tt:p begin="1s" end="2s"><tt:span tts:fontWeight="bold">Old</tt:span> DFXP</tt:p></tt:div></tt:body>
            </tt:tt>
            """
        let (timeline, _) = try read(text)
        #expect(timeline.cues.first?.text == [.element(SpanElement(.bold, children: [.text("Old")])), .text(" DFXP")])
        #expect(FormatRegistry.standard.sniff(Array(text.utf8))?.id == .ttml)
    }

    @Test func speakersOnSpansAreVoices() throws {
        let (timeline, _) = try read("""
            <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en">
            <head><metadata><ttm:agent xml:id="a"><ttm:name type="alias">Al</ttm:name><ttm:name type="full">Alice</ttm:name></ttm:agent>
            <ttm:agent xml:id="b"><ttm:name>Bea</ttm:name></ttm:agent></metadata></head>
            <body><div><p begin="0s" end="1s" ttm:agent="a">Hi <span ttm:agent="b">hello</span></p></div></body></tt>
            """)
        #expect(timeline.cues.first?.speaker == "Alice")
        #expect(timeline.cues.first?.text == [.text("Hi "), .element(SpanElement(.voice("Bea"), children: [.text("hello")]))])
    }

    // MARK: Errors and repairs

    @Test func badTimesAreLocatedAtTheirAttribute() throws {
        do {
            _ = try Convert.read(TestFiles.sample("invalid/ttml-bad-time.ttml"))
            Issue.record("read")
        } catch let found as Diagnostic {
            #expect(found.code == "ttml.time")
            #expect(found.location == SourceLocation(file: "ttml-bad-time.ttml", line: 7, column: 15))
            #expect(found.message.contains("found '3.5 s'"))
            #expect(found.format == .ttml)
        }

        // Several p on one line: the second one's attribute.
        let oneLine = error(#"<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">a</p><p begin="1s" end="2">b</p></div></body></tt>"#)
        #expect(oneLine?.code == "ttml.time")
        #expect(oneLine?.location?.line == 1)
        #expect(oneLine?.location?.column == 97)
    }

    @Test func badParametersAreLocatedErrors() throws {
        do {
            _ = try Convert.read(TestFiles.sample("invalid/ttml-bad-frame-rate.ttml"))
            Issue.record("read")
        } catch let error as Diagnostic {
            #expect(error.code == "ttml.parameter")
            #expect(error.location == SourceLocation(file: "ttml-bad-frame-rate.ttml", line: 3, column: 34))
            #expect(error.message == "expected a frame rate as a whole number from 1 to 1000000, found '29.97'")
        }
        let zero = error(Self.document(#"<p begin="0s" end="1s">x</p>"#, root: #" ttp:tickRate="0""#))
        #expect(zero?.code == "ttml.parameter")
        #expect(zero?.location?.line == 2)
    }

    @Test func wrongRootAndBrokenXMLAreLocatedErrors() {
        let root = error("<?xml version=\"1.0\"?>\n<tt><body/></tt>")
        #expect(root?.code == "ttml.root")
        #expect(root?.location?.line == 2)
        let broken = error(Self.document(#"<p begin="0s" end="1s">a < b</p>"#))
        #expect(broken?.code == "xml.not-well-formed")
        #expect(broken?.location?.line == 3)
    }

    @Test func aDeclarationAfterWhiteSpaceIsARepair() throws {
        let text = "\n<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body><div>\n<p begin=\"0:00:01.0\" end=\"x\">late</p></div></body></tt>"
        // Lines stay where they were: the bad end is on line 5.
        let bad = error(text)
        #expect(bad?.code == "ttml.time")
        #expect(bad?.location?.line == 5)
        let fixed = text.replacingOccurrences(of: "end=\"x\"", with: "end=\"00:00:02.000\"")
        let (timeline, diagnostics) = try read(fixed)
        #expect(timeline.cues.map(\.plainText) == ["late"])
        #expect(diagnostics.map(\.code) == ["ttml.late-declaration", "ttml.short-hours"])
        #expect(diagnostics.first?.location?.line == 2)
        #expect(diagnostics.last?.location == SourceLocation(file: "t.ttml", line: 5, column: 11))
        #expect(error(fixed, strict: true)?.code == "ttml.late-declaration")
    }

    @Test func unknownReferencesAndOpenEndsAreWarnings() throws {
        let (timeline, diagnostics) = try read(Self.document(#"<p begin="1s" style="nope" region="gone">Open</p>"#))
        // No end anywhere: TTML shows it to the end of the document; time inference gives one when writing.
        #expect(timeline.cues.map(\.start?.milliseconds) == [1_000])
        #expect(timeline.cues.first?.end == nil)
        #expect(diagnostics.map(\.code) == ["ttml.unknown-reference", "ttml.unknown-reference", "ttml.open-end"])
        #expect(diagnostics.map { $0.location?.column } == [47, 33, 12])
        #expect(diagnostics.allSatisfy { $0.location?.line == 3 && $0.severity == .warning })
        #expect(diagnostics[0].message == "expected a declared region, found a reference to region 'gone' that nothing declares (1 time(s), first here); ignored")
        #expect(timeline.cues.first?.extras[.ttml] == nil)
    }

    @Test func aStyleLoopIsIgnoredWithAWarning() throws {
        let (timeline, diagnostics) = try read("""
            <tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en">
            <head><styling>
            <style xml:id="a" style="b" tts:fontWeight="bold"/>
            <style xml:id="b" style="a" tts:fontStyle="italic"/>
            </styling></head>
            <body><div><p begin="0s" end="1s" style="a">x</p></div></body></tt>
            """)
        // a = b's properties, then its own; b's reference back to a is ignored.
        #expect(timeline.cues.first?.text == [.element(SpanElement(.bold, children: [
            .element(SpanElement(.italic, children: [.text("x")])),
        ]))])
        #expect(diagnostics.map(\.code) == ["ttml.style-loop"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.ttml", line: 3, column: 26))
    }

    @Test func styleNamesInAnotherCaseAreARepair() throws {
        let text = Self.document(#"<p begin="0s" end="1s"><span tts:fontstyle="italic">a</span></p>"#)
        let (timeline, diagnostics) = try read(text)
        #expect(timeline.cues.first?.text == [.element(SpanElement(.italic, children: [.text("a")]))])
        #expect(diagnostics.map(\.code) == ["ttml.style-case"])
        #expect(error(text, strict: true)?.code == "ttml.style-case")
    }

    @Test func aDocumentWithoutTextHasNoCuesAndSaysSo() throws {
        let (timeline, diagnostics) = try read(Self.document(#"<p begin="1s" end="2s">   </p>"#))
        #expect(timeline.cues.isEmpty)
        #expect(diagnostics.map(\.code) == ["ttml.no-cues"])
    }

    // MARK: Writing

    static let written = Timeline(
        metadata: [Field("language", .string("en-GB")), Field("title", .string("Tides & times"))],
        cues: [
            Cue(id: "intro", start: Timestamp(milliseconds: 1_000), end: Timestamp(milliseconds: 3_500), speaker: "Ada",
                text: [.text("Hello <there>"), .lineBreak, .element(SpanElement(.italic, children: [.text("world")]))]),
            Cue(id: "2", start: Timestamp(milliseconds: 4_000), end: Timestamp(milliseconds: 6_000),
                text: [.element(SpanElement(.bold, children: [.text("Top")])), .text(" "),
                       .element(SpanElement(.underline, children: [.text("line")]))],
                settings: [Field("line", .string("0")), Field("align", .string("start"))]),
            Cue(start: Timestamp(milliseconds: 3_723_000), end: Timestamp(milliseconds: 3_725_000),
                text: [.text("One "), .timestamp(Timestamp(milliseconds: 3_724_000)), .text("by one")]),
        ])

    @Test func writesIMSCAsExpected() throws {
        var diagnostics = Diagnostics()
        let bytes = try TTMLWriter().write(Self.written, options: WriteOptions(), diagnostics: &diagnostics)
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en-GB" ttp:timeBase="media" ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
              <head>
                <metadata>
                  <ttm:title>Tides &amp; times</ttm:title>
                  <ttm:agent xml:id="speaker-1" type="person">
                    <ttm:name type="full">Ada</ttm:name>
                  </ttm:agent>
                </metadata>
                <layout>
                  <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:textAlign="center"/>
                  <region xml:id="top" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="before" tts:textAlign="center"/>
                </layout>
              </head>
              <body>
                <div>
                  <p xml:id="intro" begin="00:00:01.000" end="00:00:03.500" region="bottom" ttm:agent="speaker-1">Hello &lt;there&gt;<br/><span tts:fontStyle="italic">world</span></p>
                  <p begin="00:00:04.000" end="00:00:06.000" region="top" tts:textAlign="start"><span tts:fontWeight="bold">Top</span> <span tts:textDecoration="underline">line</span></p>
                  <p begin="01:02:03.000" end="01:02:05.000" region="bottom">One <span begin="00:00:01.000">by one</span></p>
                </div>
              </body>
            </tt>

            """
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(diagnostics.items.map(\.code) == ["ttml.id-dropped"])
    }

    @Test func theDFXPProfileNamesNoProfile() throws {
        var diagnostics = Diagnostics()
        let bytes = try TTMLWriter().write(Self.written, options: WriteOptions(ttmlProfile: .dfxp), diagnostics: &diagnostics)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("contentProfiles"))
        #expect(text.contains(#"<tt xmlns="http://www.w3.org/ns/ttml""#))
    }

    @Test func writtenCuesReadBackTheSame() throws {
        let (text, _) = try Convert.write(Self.written, as: .ttml)
        let (timeline, diagnostics) = try read(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.cues.map(\.start) == Self.written.cues.map(\.start))
        #expect(timeline.cues.map(\.end) == Self.written.cues.map(\.end))
        #expect(timeline.cues.map(\.text) == Self.written.cues.map(\.text))
        #expect(timeline.cues.map(\.speaker) == ["Ada", nil, nil])
        #expect(timeline.cues[1].settings == [Field("line", .string("0")), Field("align", .string("start"))])
        #expect(timeline.metadata["title"] == .string("Tides & times"))
    }

    @Test func ttmlRoundTripKeepsTimesTextStylesAndRegions() throws {
        let (source, _) = try Convert.read(TestFiles.sample("ttml/features.ttml"))
        let (first, _) = try Convert.write(source, as: .ttml, sourceFormat: .ttml)
        let (again, diagnostics) = try read(first)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        // Ids, times, text, speakers, settings and extras (regions, styles).
        #expect(again.cues == source.cues)
        #expect(again.extras == source.extras)
        #expect(again.metadata == source.metadata)
        let (second, _) = try Convert.write(again, as: .ttml, sourceFormat: .ttml)
        #expect(second == first)
        Golden.check(first, "ttml/features.ttml")
    }

    @Test func sniffing() {
        let registry = FormatRegistry.standard
        func sniffed(_ text: String) -> FormatID? { registry.sniff(Array(text.utf8))?.id }
        #expect(sniffed(Self.document("")) == .ttml)
        #expect(sniffed("<?xml version='1.0'?>\n<!-- c -->\n<tt:tt xmlns:tt='http://www.w3.org/ns/ttml'/>") == .ttml)
        #expect(sniffed("<tt xmlns=\"http://www.w3.org/2006/04/ttaf1\"/>") == .ttml)
        #expect(sniffed("<tt><body/></tt>") == nil)
        #expect(sniffed("<rss version=\"2.0\"><channel/></rss>") == .rss)
        let format = registry.format(forFileName: "captions.dfxp")
        #expect(format?.id == .ttml)
        #expect(registry.format(forFileName: "captions.ttml")?.id == .ttml)
    }
}
