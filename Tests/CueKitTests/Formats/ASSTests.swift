import Foundation
import Testing
@testable import CueKit

/// ASS and SSA scripts: the samples read with values written by hand from
/// the files, every diagnostic located, ASS round trips, sniffing, and the
/// override tags one by one.
@Suite("ASS/SSA")
struct ASSTests {
    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }
    static let top = NumpadPosition.settings(forAlignment: 8)

    static func read(_ sample: String) throws -> (Timeline, [Diagnostic]) {
        try Convert.read(TestFiles.sample(sample), as: .ass)
    }

    static func text(_ timeline: Timeline, as format: FormatID = .ass) throws -> (String, [Diagnostic]) {
        try Convert.write(timeline, as: format, sourceFormat: .ass)
    }

    // MARK: Reading the samples

    @Test func styledSampleReadsEveryMapping() throws {
        let (timeline, diagnostics) = try Self.read("ass/styled.ass")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.metadata["title"] == .string("Harbour Lights"))
        let cues = timeline.cues
        #expect(cues.count == 7)
        #expect(cues.map(\.start) == [1000, 4500, 5000, 9000, 14000, 12000, 16000].map(Self.ms))
        #expect(cues.map(\.end) == [4500, 7250, 9000, 12000, 16000, 14000, 18000].map(Self.ms))
        #expect(cues.map(\.speaker) == ["Alexey", "Maria", nil, "Alexey", "Maria", "Alexey", "Maria"])

        #expect(cues[0].text == [
            .text("Hello and "), .element(SpanElement(.italic, children: [.text("welcome")])), .lineBreak,
            .text("to Harbour Lights."),
        ])
        #expect(cues[0].extras[.ass]?[ASSExtras.events] == .list([
            .string("Comment: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,Timing notes: check the lighthouse shot"),
        ]))
        #expect(cues[0].extras[.ass]?[ASSExtras.text] == nil)
        #expect(cues[1].text == [
            .element(SpanElement(.bold, children: [.text("Thanks")])), .text(" for "),
            .element(SpanElement(.underline, children: [.text("having")])), .text(" me."),
        ])
        #expect(cues[1].extras.isEmpty)
        // The style Sign is top centre (alignment 8); layer and style kept for ASS.
        #expect(cues[2].text == [.text("NORTH PIER")])
        #expect(cues[2].settings == Self.top)
        #expect(cues[2].extras[.ass] == Fields([Field("Layer", .string("1")), Field("Style", .string("Sign"))]))
        // {\an8}, a colour (&H00FFFF& is BGR: yellow), \h.
        #expect(cues[3].settings == Self.top)
        #expect(cues[3].text == [
            .text("The "), .element(SpanElement(.class, classes: ["yellow"], children: [.text("yellow")])),
            .text(" lamp\u{A0}turns."),
        ])
        #expect(cues[3].extras.isEmpty)
        // Tags with no mapping: kept as written, the text too.
        #expect(cues[4].text == [.text("Two hundred steps.")])
        #expect(cues[4].settings.isEmpty)
        #expect(cues[4].extras[.ass]?[ASSExtras.tags] == .list([.string("\\pos(640,360)"), .string("\\fad(200,200)")]))
        #expect(cues[4].extras[.ass]?[ASSExtras.text] == .string("{\\pos(640,360)\\fad(200,200)}Two hundred steps."))
        // Karaoke: syllables start at 12.000 (left out: the cue's start), 12.500, 13.500.
        #expect(cues[5].text == [.text("Up "), .timestamp(Self.ms(12500)), .text("we "), .timestamp(Self.ms(13500)), .text("go.")])
        #expect(cues[5].extras.isEmpty)
        // Strike-out is kept as a tag; \n is a space under WrapStyle 0; \{ \} are braces.
        #expect(cues[6].text == [.text("Forty years, soft break and {braces}.")])
        #expect(cues[6].extras[.ass]?[ASSExtras.tags] == .list([.string("\\s1"), .string("\\s0")]))

        let kept = try #require(timeline.extras[.ass])
        #expect(kept[ASSExtras.trailingEvents] == .list([.string("Comment: 0,0:00:18.00,0:00:19.00,Default,,0,0,0,,End of scene")]))
        guard case .list(let sections)? = kept[ASSExtras.sections] else {
            Issue.record("no sections kept")
            return
        }
        #expect(sections.first == .string("[Aegisub Project Garbage]\nActive Line: 3"))
        #expect(sections.count == 2)
        #expect(sections.last?.text?.hasPrefix("[V4+ Styles]\nFormat: Name, Fontname,") == true)
    }

    @Test func ssaSampleUsesSSAAlignmentNumbersAndMarked() throws {
        let (timeline, diagnostics) = try Self.read("ass/legacy.ssa")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.cues.map(\.start) == [Self.ms(1000), Self.ms(3000)])
        #expect(timeline.cues.map(\.end) == [Self.ms(3000), Self.ms(5500)])
        #expect(timeline.cues[0].speaker == "Ann")
        #expect(timeline.cues[0].text == [.text("First line"), .lineBreak, .text("second line")])
        #expect(timeline.cues[0].settings.isEmpty)
        #expect(timeline.cues[0].extras.isEmpty)
        // SSA 6 is top centre.
        #expect(timeline.cues[1].settings == Self.top)
        #expect(timeline.cues[1].extras[.ass] == Fields([Field("Style", .string("Top"))]))
        #expect(timeline.extras[.ass]?[ASSExtras.eventFormat] == .string("Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text"))
    }

    @Test func fieldsInAnyNumberActorAndWrapStyle2() throws {
        let (timeline, diagnostics) = try Self.read("ass/short-format.ass")
        // Events out of order are ASS; only time inference mentions it.
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.cues.map(\.start) == [Self.ms(2000), Self.ms(0)])
        #expect(timeline.cues.map(\.speaker) == ["Sam", "Sam"])
        #expect(timeline.cues[0].text == [.text("Only four fields"), .lineBreak, .text("and a soft break")])
        #expect(timeline.cues[1].text == [.text("Before the one above, text, with, commas")])
        #expect(timeline.cues[1].extras.isEmpty)
    }

    /// Fields decided on their bytes: defaults left out, blanks kept, an
    /// empty text under a placing style, `Name` and `Actor` both given.
    @Test func eventFieldsAndEmptyPlacedText() throws {
        let script = """
            [Script Info]
            ScriptType: v4.00+

            [V4+ Styles]
            Format: Name, Alignment
            Style: Default,2
            Style: Sign,8

            [Events]
            Format: Layer, Start, End, Style, Name, Actor, MarginL, Effect, Text
            Dialogue:  0 ,0:00:01.00,0:00:02.00,Default,Sam,Sam, 000 ,,Plain words
            Dialogue: 2,0:00:03.00,0:00:04.00,Sign, Sam ,Kim,7,Fade,
            dialogue: 0,0:00:05.00,0:00:06.00,Default,,,0,,{\\i1}Styled{\\i0}

            """
        let (timeline, diagnostics) = try Convert.read(script, as: .ass)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let cues = timeline.cues
        #expect(cues.count == 3)
        #expect(cues[0].speaker == "Sam")
        #expect(cues[0].extras.isEmpty)
        #expect(cues[1].text.isEmpty)
        #expect(cues[1].settings == Self.top)
        #expect(cues[1].speaker == "Sam")
        #expect(cues[1].extras[.ass] == Fields([
            Field("Layer", .string("2")), Field("Style", .string("Sign")), Field("Name", .string(" Sam ")),
            Field("Name", .string("Kim")), Field("MarginL", .string("7")), Field("Effect", .string("Fade")),
        ]))
        #expect(cues[2].text == [.element(SpanElement(.italic, children: [.text("Styled")]))])
        #expect(cues[2].extras.isEmpty)
    }

    // MARK: Errors and repairs, located

    @Test func brokenFilesGiveLocatedErrors() {
        let cases = [
            ("ass-no-script-info.ass",
             "ass-no-script-info.ass:1:1: error: [ass] expected '[Script Info]' at the start of an ASS script, found 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,No head…'"),
            ("ass-format-without-text.ass",
             "ass-format-without-text.ass:5:9: error: [ass] expected the [Events] 'Format:' line to name Start, End and Text, found 'Layer, Start, End, Style, Name' without Text"),
        ]
        for (file, description) in cases {
            let error = #expect(throws: Diagnostic.self) { try Convert.read(TestFiles.sample("invalid/" + file)) }
            #expect(error?.description == description)
        }
        let empty = Convert.readError("", name: "empty.ass", as: .ass)
        #expect(empty?.description == "empty.ass:1:1: error: [ass] expected '[Script Info]' at the start of an ASS script, found nothing")
    }

    @Test func repairsAreLocatedWarningsAndStrictRefusesThem() throws {
        let url = TestFiles.sample("invalid/ass-problems.ass")
        let (timeline, diagnostics) = try Convert.read(url, as: .ass)
        let found = diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" }
        #expect(found == [
            "3:1 ass.unknown-line", "6:1 ass.no-format", "8:24 ass.bad-time", "9:13 ass.time-fraction", "10:11 ass.field-count",
        ])
        #expect(diagnostics[3].message == "expected two digits of hundredths in '0:00:03.5', found 1; read as 0:00:03.500 (a decimal fraction); libass and FFmpeg count hundredths and may show it elsewhere")
        #expect(timeline.cues.map(\.plainText) == ["Before any Format line", "One digit of hundredths", "Ends before it starts"])
        // The lines not read as cues are kept for ASS, in place.
        #expect(timeline.cues[1].extras[.ass]?[ASSExtras.events] == .list([
            .string("Dialogue: 0,0:00:02.00,soon,Default,,0,0,0,,A bad end time"),
        ]))
        #expect(timeline.cues[2].extras[.ass]?[ASSExtras.events] == .list([.string("Dialogue: 0,0:00:05.00,0:00:06.00")]))

        let strict = Converter(readOptions: ReadOptions(strict: true))
        var strictDiagnostics = Diagnostics(strict: true)
        let error = #expect(throws: Diagnostic.self) {
            try strict.read(TestFiles.bytes(url), name: "ass-problems.ass", format: .ass, diagnostics: &strictDiagnostics)
        }
        #expect(error?.description == "ass-problems.ass:3:1: error: [ass] expected 'Key: value' or a ';' comment in [Script Info], found 'Just words'; kept as written for ASS")
    }

    @Test func badStyleValuesAndFieldCountsAreLocated() throws {
        let script = """
            [Script Info]
            [V4+ Styles]
            Format: Name, Fontname, Alignment
            Style: Default,Arial,12
            Style: Short,Arial

            [Events]
            Format: Start, End, Style, Text
            Dialogue: 0:00:01.00,0:00:02.00,Short,x
            """
        let (timeline, diagnostics) = try Convert.read(script, name: "s.ass", as: .ass)
        #expect(diagnostics.map(\.description) == [
            "s.ass:4:22: warning: [ass] style 'Default': expected an alignment 1–9, found '12'; read as 2 (bottom centre)",
            "s.ass:5:8: warning: [ass] expected 3 fields as the 'Format:' line names, found 2; the missing ones take their defaults",
        ])
        #expect(timeline.cues.count == 1)
    }

    // MARK: Times

    @Test func timesReadAsWrittenAndWriteInHundredths() {
        func parse(_ text: String) -> (Int64, Int)? {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                ASSTime.parse(bytes, 0, bytes.count).map { ($0.time.milliseconds, $0.fractionDigits) }
            }
        }
        #expect(parse("0:00:01.50")! == (1500, 2))
        #expect(parse("0:0:0.04")! == (40, 2))
        #expect(parse("-1:59:54.93")! == (-7_194_930, 2))
        #expect(parse("12:00:00.00")! == (43_200_000, 2))
        #expect(parse("0:00:03.500")! == (3500, 3))
        #expect(parse("0:00:01.5")! == (1500, 1))
        #expect(parse("0:00:01.0005")! == (1001, 4))
        #expect(parse(" 0:01:02,25 ")! == (62_250, 2))
        #expect(parse("0:00:01")! == (1000, 0))
        #expect(parse("0:00") == nil)
        #expect(parse("soon") == nil)
        #expect(parse("0:00:01.") == nil)
        #expect(ASSTime.string(Self.ms(1234)) == "0:00:01.23")
        #expect(ASSTime.string(Self.ms(1235)) == "0:00:01.24")
        #expect(ASSTime.string(Self.ms(3_599_995)) == "1:00:00.00")
        #expect(ASSTime.string(Self.ms(36_000_000)) == "10:00:00.00")
        #expect(ASSTime.string(Self.ms(-50)) == "0:00:00.00")
    }

    // MARK: Override tags

    static func spans(_ text: String, wrapStyle2: Bool = false) -> ASSText.Result {
        ASSText.read(text, wrapStyle2: wrapStyle2, cueStart: Self.ms(1000), cueEnd: Self.ms(5000))
    }

    @Test func tagsSwitchStatesThatNest() {
        let result = Self.spans("{\\i1}a{\\b1}b{\\b0}c{\\i0}d")
        #expect(result.spans == [
            .element(SpanElement(.italic, children: [
                .text("a"), .element(SpanElement(.bold, children: [.text("b")])), .text("c"),
            ])),
            .text("d"),
        ])
        #expect(result.unmapped.isEmpty)
        // \r turns everything off; \b700 is bold, its weight kept as a tag.
        let reset = Self.spans("{\\b700\\u1}x{\\r}y")
        #expect(reset.spans == [
            .element(SpanElement(.bold, children: [.element(SpanElement(.underline, children: [.text("x")]))])), .text("y"),
        ])
        #expect(reset.unmapped == ["\\b700"])
        // Tags that only look like the mapped ones.
        let lookalikes = Self.spans("{\\blur2\\bord1\\iclip(0,0,1,1)\\shad0\\alpha&H80&\\clip(1,1,2,2)\\1a&HFF&}z")
        #expect(lookalikes.spans == [.text("z")])
        #expect(lookalikes.unmapped == ["\\blur2", "\\bord1", "\\iclip(0,0,1,1)", "\\shad0", "\\alpha&H80&", "\\clip(1,1,2,2)", "\\1a&HFF&"])
    }

    @Test func coloursPositionsAndEscapes() {
        let colour = Self.spans("{\\1c&HFF0000&}blue{\\c&H0000FF&}red{\\c}plain{\\c&H123456&}x")
        #expect(colour.spans == [
            .element(SpanElement(.class, classes: ["blue"], children: [.text("blue")])),
            .element(SpanElement(.class, classes: ["red"], children: [.text("red")])),
            .text("plain"),
            .element(SpanElement(.class, classes: ["color-563412"], children: [.text("x")])),
        ])
        // The first \an wins (libass); \a uses SSA numbers (6 is top centre).
        #expect(Self.spans("{\\an7}a{\\an3}b").alignment == 7)
        #expect(Self.spans("{\\an7}a{\\an3}b").unmapped == ["\\an3"])
        #expect(Self.spans("{\\a6}a").alignment == 8)
        #expect(Self.spans("{\\a9}a").alignment == 4)
        #expect(Self.spans("a\\Nb\\nc\\hd\\{e\\}f\\xg").spans == [.text("a"), .lineBreak, .text("b c\u{A0}d{e}f\\xg")])
        #expect(Self.spans("b\\nc", wrapStyle2: true).spans == [.text("b"), .lineBreak, .text("c")])
        // A comment block, an unclosed brace.
        let comment = Self.spans("a{note to self}b{c")
        #expect(comment.spans == [.text("ab{c")])
        #expect(comment.unmapped == ["{note to self}"])
        // Karaoke at the start and the end of the line leaves no timestamp.
        #expect(Self.spans("{\\K100}a{\\kf300}b{\\ko100}").spans == [.text("a"), .timestamp(Self.ms(2000)), .text("b")])
    }

    @Test func theWriterWritesWhatTheReaderReadsBack() {
        var losses = ASSTextWriter.Losses()
        // Nested colours and italics: written as the states they give.
        let nested: [Span] = [
            .element(SpanElement(.class, classes: ["lime"], children: [
                .text("a"), .element(SpanElement(.class, classes: ["color-102030"], children: [.text("b")])), .text("c"),
            ])),
            .element(SpanElement(.italic, children: [.element(SpanElement(.italic, children: [.text("{x}")]))])),
            .lineBreak, .text("d\u{A0}e"), .timestamp(Self.ms(3000)), .text("f"),
        ]
        let bytes = ASSTextWriter.render(nested, alignment: 9, start: Self.ms(1000), end: Self.ms(5000), losses: &losses)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "{\\an9\\k200\\c&H00FF00&}a{\\c&H302010&}b{\\c&H00FF00&}c{\\c\\i1}\\{x\\}{\\i0}\\Nd\\he{\\k200}f")
        #expect(!losses.styling && !losses.escapes)
        // Read back as runs: one colour at a time, one italic.
        let back = Self.spans(text)
        #expect(back.spans == [
            .element(SpanElement(.class, classes: ["lime"], children: [.text("a")])),
            .element(SpanElement(.class, classes: ["color-102030"], children: [.text("b")])),
            .element(SpanElement(.class, classes: ["lime"], children: [.text("c")])),
            .element(SpanElement(.italic, children: [.text("{x}")])),
            .lineBreak, .text("d\u{A0}e"), .timestamp(Self.ms(3000)), .text("f"),
        ])
        #expect(back.alignment == 9)
        var again = ASSTextWriter.Losses()
        #expect(ASSTextWriter.render(back.spans, alignment: 9, start: Self.ms(1000), end: Self.ms(5000), losses: &again) == bytes)
    }

    /// Long lines of tags that change nothing, of unclosed braces and of
    /// karaoke past the end read in linear time (a quadratic reader would
    /// take minutes on these 2 MB lines).
    @Test func hostileLinesReadInLinearTime() throws {
        let lines = [
            String(repeating: "a{\\pos(1,1)}", count: 150_000),
            String(repeating: "b{\\i0\\r\\c}", count: 150_000),
            "{\\k10}{\\k100000}" + String(repeating: "c{\\k10}", count: 250_000),
            String(repeating: "{", count: 2_000_000),
            String(repeating: "{\\t((((", count: 250_000) + "}",
        ]
        var script = "[Script Info]\n[Events]\nFormat: Start, End, Text\n"
        for line in lines { script += "Dialogue: 0:00:00.00,0:00:01.00," + line + "\n" }
        let started = Date()
        let (timeline, _) = try Convert.read(script, name: "hostile.ass")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(timeline.cues.map { $0.plainText.utf8.count } == [150_000, 150_000, 250_000, 2_000_000, 0])
        #expect(timeline.cues[2].text.count == 2)
    }

    // MARK: Sniffing

    @Test func sniffingFindsScriptInfoAfterBlankLines() {
        #expect(ASSFormat.looksLikeASS(ArraySlice("[Script Info]\nTitle: x".utf8)))
        #expect(ASSFormat.looksLikeASS(ArraySlice("\r\n  \n[script info]\n".utf8)))
        #expect(!ASSFormat.looksLikeASS(ArraySlice("[Events]\n".utf8)))
        #expect(!ASSFormat.looksLikeASS(ArraySlice("[Script".utf8)))
        #expect(FormatRegistry.standard.sniff(Array("\n[Script Info]\nScriptType: v4.00\n".utf8))?.id == .ass)
        #expect(FormatRegistry.standard.format(forFileName: "a.ssa")?.id == .ass)
    }

    @Test func aByteOrderMarkAndCRLFAreRead() throws {
        let script = "\u{FEFF}[Script Info]\r\nTitle: B\r\n\r\n[Events]\r\nFormat: Start, End, Text\r\nDialogue: 0:00:01.00,0:00:02.00,x\r\n"
        let (timeline, diagnostics) = try Convert.read(script, name: "bom.ass")
        #expect(diagnostics.isEmpty)
        #expect(timeline.metadata["title"] == .string("B"))
        #expect(timeline.cues.map(\.plainText) == ["x"])
    }

    // MARK: Round trips

    @Test(arguments: ["ass/styled.ass", "ass/legacy.ssa", "ass/short-format.ass"])
    func assToASSGivesTheScriptBack(sample: String) throws {
        let (timeline, _) = try Self.read(sample)
        let (written, diagnostics) = try Self.text(timeline)
        #expect(written == String(decoding: try TestFiles.bytes(TestFiles.sample(sample)), as: UTF8.self))
        #expect(!diagnostics.contains { $0.code.hasPrefix("ass.") })
    }

    @Test func editedCuesAreWrittenFromTheirSpans() throws {
        var (timeline, _) = try Self.read("ass/styled.ass")
        timeline.cues[4].text = [.text("Two hundred and twelve steps.")]
        timeline.cues[2].settings = []
        timeline.metadata["title"] = .string("Renamed")
        let (written, _) = try Self.text(timeline)
        #expect(written.contains("\nTitle: Renamed\n"))
        #expect(written.contains("\nDialogue: 0,0:00:14.00,0:00:16.00,Default,Maria,0,0,0,,Two hundred and twelve steps.\n"))
        // A cue without settings takes its style's place (top centre for Sign).
        #expect(written.contains("\nDialogue: 1,0:00:05.00,0:00:09.00,Sign,,0,0,0,,NORTH PIER\n"))
        let (reread, _) = try Convert.read(written, name: "edited.ass")
        #expect(reread.cues[2].settings == Self.top)
    }

    @Test func otherFormatsAreTwiceStable() throws {
        let vtt = """
            WEBVTT

            00:00:01.000 --> 00:00:02.504 line:0 align:start
            <v Ann>Hi <i>there</i> {x}</v>

            00:00:03.000 --> 00:00:05.000
            <c.yellow>Karaoke</c> <00:00:04.000>time
            """
        let (fromVTT, _) = try Convert.read(vtt, name: "a.vtt")
        let (first, _) = try Convert.write(fromVTT, as: .ass, sourceFormat: .vtt)
        let (again, _) = try Convert.read(first, name: "a.ass")
        let (second, _) = try Self.text(again)
        #expect(first == second)
        #expect(first.hasSuffix("""
            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:01.00,0:00:02.50,Default,Ann,0,0,0,,{\\an7}Hi {\\i1}there{\\i0} \\{x\\}
            Dialogue: 0,0:00:03.00,0:00:05.00,Default,,0,0,0,,{\\k100\\c&H00FFFF&}Karaoke{\\c} {\\k100}time

            """))
        #expect(again.cues.map(\.text) == fromVTT.cues.map(\.text))
    }

    /// What other caption formats make of every mapping (read by hand).
    @Test(arguments: [FormatID.vtt, .srt])
    func styledSampleAsOtherCaptions(format: FormatID) throws {
        let (timeline, _) = try Self.read("ass/styled.ass")
        let (written, _) = try Self.text(timeline, as: format)
        Golden.check(written, "ass/styled.\(FormatRegistry.standard[format]!.preferredExtension)")
    }

    // MARK: Losses

    @Test func anotherFormatGetsOneWarningForWhatItDrops() throws {
        let (timeline, _) = try Self.read("ass/styled.ass")
        let (_, diagnostics) = try Self.text(timeline, as: .srt)
        let lossy = diagnostics.filter { $0.code == "ass.lossy-elsewhere" }
        #expect(lossy.count == 1)
        #expect(lossy.first?.message == "the script's styles and sections (fonts, colours, outlines, margins), override tags that map to no span or setting in 2 cue(s) (such as \\pos, \\fad, \\s1, drawings), 2 Comment or other non-Dialogue event line(s), the layer, style, margins or effect of up to 1 cue(s) from the ASS script, which srt cannot hold; written without them")
    }

    @Test func theWriterSaysWhatASSCannotHold() throws {
        let timeline = Timeline(cues: [
            Cue(start: Self.ms(-500), end: Self.ms(1000), speaker: "Smith, Ann",
                text: [.element(SpanElement(.language("fr"), children: [.text("a\\nb")]))],
                settings: [Field("position", .string("10%"))]),
        ])
        let (written, diagnostics) = try Convert.write(timeline, as: .ass)
        #expect(written.hasSuffix("Dialogue: 0,0:00:00.00,0:00:01.00,Default,Smith; Ann,0,0,0,,a\\nb\n"))
        #expect(diagnostics.map(\.code) == [
            "ass.negative-time", "ass.name-comma", "ass.lossy-styling", "ass.backslash-escape", "ass.lossy-settings",
        ])
    }

    // MARK: Writer options and the made script

    @Test func theMadeScriptReadsWellOnVideo() throws {
        let timeline = Timeline(metadata: [Field("title", .string("T"))], cues: [Cue(start: .zero, end: Self.ms(1000), text: [.text("x")])])
        let (written, _) = try Convert.write(timeline, as: .ass)
        Golden.check(written, "ass/made.ass")
        var converter = Converter()
        converter.writeOptions.ass = ASSWriteOptions(font: "DejaVu Sans, Bold", fontSize: 44, position: .top)
        var diagnostics = Diagnostics()
        let optioned = String(decoding: try converter.write(timeline, as: .ass, diagnostics: &diagnostics), as: UTF8.self)
        #expect(optioned.contains("\nStyle: Default,DejaVu Sans; Bold,44,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,8,96,96,54,1\n"))
    }

    @Test func optionsRestyleKeptStyles() throws {
        let (timeline, _) = try Self.read("ass/legacy.ssa")
        var converter = Converter()
        converter.writeOptions.ass = ASSWriteOptions(font: "Roboto", position: .middle)
        var diagnostics = Diagnostics()
        let written = String(decoding: try converter.write(timeline, as: .ass, diagnostics: &diagnostics), as: UTF8.self)
        #expect(written.contains("\nStyle: Default,Roboto,28,16777215,65535,0,0,0,0,1,2,1,10,20,20,20,0,0\n"))
        #expect(written.contains("\nStyle: Top,Roboto,28,16777215,65535,0,0,0,-1,1,2,1,10,20,20,20,0,0\n"))
        // The cue of style Top keeps its own place, top centre: now a tag.
        #expect(written.contains(",Top,,0000,0000,0000,,{\\an8}At the top\n") || written.contains(",Top,,0,0,0,,{\\an8}At the top\n"))
    }
}
