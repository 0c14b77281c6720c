import Foundation
import Testing
@testable import CueKit

/// The WebVTT reader and writer on our own samples and inline inputs, with
/// expectations written from the W3C spec.
@Suite struct VTTTests {
    static func read(_ text: String, name: String = "t.vtt", strict: Bool = false, w3c: Bool = false) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics(strict: strict)
        let options = ReadOptions(strict: strict, w3cWebVTT: w3c)
        let timeline = try VTTReader().read(SourceText(text, name: name), options: options, diagnostics: &diagnostics)
        return (timeline, diagnostics.items)
    }

    /// A file read as the W3C parser reads it (`ReadOptions.w3cWebVTT`).
    static func readW3C(_ url: URL) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let input = try Converter(readOptions: ReadOptions(w3cWebVTT: true))
            .read(TestFiles.bytes(url), name: url.lastPathComponent, diagnostics: &diagnostics)
        return (input.timeline, diagnostics.items)
    }

    static func write(_ timeline: Timeline, crlf: Bool = false) throws -> (String, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let bytes = try VTTWriter().write(timeline, options: WriteOptions(crlf: crlf), diagnostics: &diagnostics)
        return (String(decoding: bytes, as: UTF8.self), diagnostics.items)
    }

    static func sample(_ name: String) throws -> (Timeline, [Diagnostic]) {
        try Convert.read(TestFiles.sample("vtt/\(name)"))
    }

    static func sampleText(_ name: String) throws -> String {
        String(decoding: try TestFiles.bytes(TestFiles.sample("vtt/\(name)")), as: UTF8.self)
    }

    // MARK: File structure

    @Test func cuesHaveIdentifiersTimesSettingsAndText() throws {
        let (timeline, diagnostics) = try Self.read("""
            WEBVTT

            one
            00:01.000 --> 00:02.500 align:start line:10%
            First line
            second line

            01:02:03.004 --> 01:02:04.000
            <i>Second</i> cue
            """)
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.count == 2)
        let first = timeline.cues[0]
        #expect(first.id == "one")
        #expect(first.start == Timestamp(milliseconds: 1000))
        #expect(first.end == Timestamp(milliseconds: 2500))
        #expect(first.settings == [Field("align", .string("start")), Field("line", .string("10%"))])
        #expect(first.text == [.text("First line"), .lineBreak, .text("second line")])
        #expect(first.location == SourceLocation(file: "t.vtt", line: 4, column: 1))
        let second = timeline.cues[1]
        #expect(second.id == nil)
        #expect(second.start == Timestamp(milliseconds: 3_723_004))
        #expect(second.end == Timestamp(milliseconds: 3_724_000))
        #expect(second.text == [.element(SpanElement(.italic, children: [.text("Second")])), .text(" cue")])
    }

    @Test func signatureLineAndHeaderAreKept() throws {
        let (timeline, _) = try Self.read("""
            WEBVTT\tMy captions
            Kind: captions
            Language: en
            X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000

            00:00.000 --> 00:01.000
            Hi
            """)
        #expect(timeline.cues.count == 1)
        #expect(timeline.extras[.vtt]?[WebVTTExtras.signature] == .string("\tMy captions"))
        #expect(timeline.extras[.vtt]?[WebVTTExtras.header] == .string("Kind: captions\nLanguage: en\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000"))
        let (written, _) = try Self.write(timeline)
        #expect(written == "WEBVTT\tMy captions\nKind: captions\nLanguage: en\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n00:00:00.000 --> 00:00:01.000\nHi\n")
    }

    @Test func aTimingLineRightAfterTheSignatureStartsACue() throws {
        let (timeline, _) = try Self.read("WEBVTT\n00:00.000 --> 00:01.000\ntext")
        #expect(timeline.cues.map(\.plainText) == ["text"])
        #expect(timeline.extras[.vtt] == nil)
    }

    @Test func signatureAloneGivesNoCues() throws {
        for text in ["WEBVTT", "WEBVTT\n", "WEBVTT \n\n", "WEBVTT\t"] {
            let (timeline, diagnostics) = try Self.read(text)
            #expect(timeline.cues.isEmpty)
            #expect(diagnostics.isEmpty)
        }
    }

    @Test(arguments: [
        ("vtt-no-signature.vtt", 1, 1, "expected the file to start with 'WEBVTT' followed by a space, a tab or a line break, found '00:00:00.500 --> 00:00:02.000'; this is not a WebVTT file"),
        ("vtt-bad-signature.vtt", 1, 7, "expected the file to start with 'WEBVTT' followed by a space, a tab or a line break, found 'WEBVTTX'; this is not a WebVTT file"),
        ("vtt-binary.vtt", 1, 1, "expected the file to start with 'WEBVTT' followed by a space, a tab or a line break, found '‰PNG'; this is not a WebVTT file"),
    ])
    func badSignatureIsALocatedError(file: String, line: Int, column: Int, message: String) throws {
        let bytes = try TestFiles.bytes(TestFiles.sample("invalid/\(file)"))
        var diagnostics = Diagnostics()
        do {
            // By content alone, vtt-no-signature.vtt is SRT (sniffing wins over the name).
            _ = try Convert.converter.read(bytes, name: file, format: .vtt, diagnostics: &diagnostics)
            Issue.record("\(file) was read")
        } catch {
            #expect(error.code == "vtt.no-signature")
            #expect(error.severity == .error)
            #expect(error.location == SourceLocation(file: file, line: line, column: column))
            #expect(error.message == message)
            #expect(error.format == .vtt)
        }
        if file == "vtt-binary.vtt" {
            #expect(diagnostics.items.map(\.code) == ["text.not-utf8"])
        }
    }

    @Test func contentThatIsSRTIsReadAsSRTWhateverItsName() throws {
        var diagnostics = Diagnostics()
        let bytes = try TestFiles.bytes(TestFiles.sample("invalid/vtt-no-signature.vtt"))
        #expect(try Convert.converter.read(bytes, name: "vtt-no-signature.vtt", diagnostics: &diagnostics).format.id == .srt)
        let binary = try TestFiles.bytes(TestFiles.sample("invalid/vtt-binary.vtt"))
        #expect(throws: Diagnostic.self) { try Convert.converter.read(binary, name: "vtt-binary.vtt", diagnostics: &diagnostics) }
    }

    @Test func otherFormatsTellWhatWebVTTDataTheyDrop() throws {
        var diagnostics = Diagnostics()
        let bytes = try TestFiles.bytes(TestFiles.sample("vtt/blocks.vtt"))
        _ = try Convert.converter.convert(bytes, name: "blocks.vtt", to: .srt, diagnostics: &diagnostics)
        let warning = try #require(diagnostics.items.first { $0.code == "vtt.lossy-elsewhere" })
        #expect(warning.message == "the header, 6 STYLE, REGION or NOTE block(s) from the WebVTT file, which srt cannot hold; written without them")
        var again = Diagnostics()
        _ = try Convert.converter.convert(bytes, name: "blocks.vtt", to: .timeline, diagnostics: &again)
        _ = try Convert.converter.convert(bytes, name: "blocks.vtt", to: .vtt, diagnostics: &again)
        #expect(!again.items.contains { $0.code == "vtt.lossy-elsewhere" })
    }

    @Test func emptyAndShortFilesAreNotWebVTT() {
        for text in ["", "WEBVT", "webvtt\n", "WEBVTTX"] {
            let error = Convert.readError(text, name: "x.vtt", as: .vtt)
            #expect(error?.code == "vtt.no-signature", "\(text.debugDescription)")
        }
    }

    @Test func lineEndingsCRLFAndCRReadLikeLF() throws {
        let lf = try Self.read("WEBVTT\n\nid\n00:00.000 --> 00:01.000\na\nb\n\n00:01.000 --> 00:02.000\nc\n").0
        let crlf = try Self.read("WEBVTT\r\n\r\nid\r\n00:00.000 --> 00:01.000\r\na\r\nb\r\n\r\n00:01.000 --> 00:02.000\r\nc\r\n").0
        let cr = try Self.read("WEBVTT\r\rid\r00:00.000 --> 00:01.000\ra\rb\r\r00:01.000 --> 00:02.000\rc\r").0
        #expect(lf.cues.count == 2)
        #expect(crlf.cues == lf.cues)
        #expect(cr.cues == lf.cues)
        // Line numbers count CR and CR LF as one line end each.
        #expect(cr.cues[1].location?.line == 8)
        #expect(crlf.cues[1].location?.line == 8)
    }

    /// Through a conversion, where the UTF-8 check has already said whether
    /// the input holds a CR or a NUL: CR LF, CR and NUL are still replaced
    /// at every distance from the ends of its blocks, and LF text is read as it is.
    @Test func lineEndsAndNULsAreReplacedAfterTheUTF8Check() throws {
        func srt(_ text: String) throws -> String {
            var diagnostics = Diagnostics()
            let bytes = try Convert.converter.convert(Array(text.utf8), name: "t.vtt", to: .srt, diagnostics: &diagnostics)
            return String(decoding: bytes, as: UTF8.self)
        }
        for padding in 0...40 {
            let words = String(repeating: "w", count: padding)
            let lf = "WEBVTT\n\n00:00.000 --> 00:01.000\n\(words)a\nb\n"
            let expected = "1\n00:00:00,000 --> 00:00:01,000\n\(words)a\nb\n"
            #expect(try srt(lf) == expected)
            #expect(try srt(lf.replacingOccurrences(of: "\n", with: "\r\n")) == expected, "CR LF, \(padding)")
            #expect(try srt(lf.replacingOccurrences(of: "\n", with: "\r")) == expected, "CR, \(padding)")
            let nul = try srt("WEBVTT\n\n00:00.000 --> 00:01.000\n\(words)a\u{0}\nb\n")
            #expect(nul == "1\n00:00:00,000 --> 00:00:01,000\n\(words)a\u{FFFD}\nb\n", "NUL, \(padding)")
        }
    }

    @Test func crlfSampleReadsAndWritesLF() throws {
        let (timeline, diagnostics) = try Self.sample("crlf.vtt")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.map(\.id) == ["intro", nil])
        #expect(timeline.cues[0].text == [.text("Line endings are CR LF here,"), .lineBreak, .text("as in the Podcasting 2.0 example.")])
        let (written, _) = try Self.write(timeline)
        #expect(written == "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:03.500\nLine endings are CR LF here,\nas in the Podcasting 2.0 example.\n\n00:00:03.500 --> 00:00:06.000\nA cue without an identifier.\n")
        let (crlf, _) = try Self.write(timeline, crlf: true)
        #expect(crlf == written.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func byteOrderMarkAndYouTubeHeader() throws {
        let (timeline, diagnostics) = try Self.sample("bom.vtt")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.count == 2)
        #expect(timeline.extras[.vtt]?[WebVTTExtras.header] == .string("Kind: captions\nLanguage: en"))
        #expect(timeline.cues[1].end == Timestamp(milliseconds: 4250))
        // Read directly (BOM still there), the reader skips it too.
        var diagnosticsDirect = Diagnostics()
        let direct = try VTTReader().read(
            SourceText(bytes: try TestFiles.bytes(TestFiles.sample("vtt/bom.vtt"))), options: ReadOptions(), diagnostics: &diagnosticsDirect)
        #expect(direct.cues == timeline.cues)
    }

    @Test func timingsWithoutHours() throws {
        let (timeline, _) = try Self.sample("no-hours.vtt")
        #expect(timeline.cues.map(\.start) == [1000, 4000, 3_599_000].map { Timestamp(milliseconds: $0) })
        #expect(timeline.cues.map(\.end) == [4000, 62_500, 3_601_000].map { Timestamp(milliseconds: $0) })
        let (written, _) = try Self.write(timeline)
        #expect(written == """
            WEBVTT

            00:00:01.000 --> 00:00:04.000
            Timings without hours: mm:ss.ttt.

            00:00:04.000 --> 00:01:02.500
            Minutes run to 59.

            00:59:59.000 --> 01:00:01.000
            One timing may have hours and the other not.

            """)
    }

    @Test func nulBecomesReplacementCharacterWithAWarning() throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n00:00.000 --> 00:01.000\nfoo\u{0}bar\n")
        #expect(timeline.cues[0].plainText == "foo\u{FFFD}bar")
        #expect(diagnostics.map(\.code) == ["vtt.nul"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.vtt", line: 4, column: 4))
    }

    // MARK: Blocks

    @Test func stylesRegionsAndNotesAreKeptInPlace() throws {
        let (timeline, diagnostics) = try Self.sample("blocks.vtt")
        #expect(diagnostics.isEmpty)
        let extras = try #require(timeline.extras[.vtt])
        #expect(extras[WebVTTExtras.signature] == .string(" - Styles, regions and notes"))
        #expect(extras[WebVTTExtras.blocks] == .list([
            .string("NOTE This file shows every kind of block\nbefore the first cue."),
            .string("STYLE\n::cue {\n  color: papayawhip;\n}\n::cue(.loud) { font-weight: bold; }"),
            .string("REGION\nid:speaker\nwidth:40%\nlines:3\nregionanchor:0%,100%\nviewportanchor:10%,90%\nscroll:up"),
            .string("NOTE A note between the region and the cues."),
        ]))
        #expect(extras[WebVTTExtras.trailingNotes] == .list([.string("NOTE A note after the last cue.")]))
        #expect(timeline.cues.map(\.id) == ["first", "second", nil])
        #expect(timeline.cues[0].extras.isEmpty)
        #expect(timeline.cues[1].extras[.vtt]?[WebVTTExtras.notes] == .list([.string("NOTE A note between cues stays before the second cue.")]))
        #expect(timeline.cues[0].settings == [Field("region", .string("speaker")), Field("align", .string("start"))])
        #expect(timeline.cues[1].settings == [
            Field("line", .string("0")), Field("position", .string("10%,line-left")),
            Field("size", .string("35%")), Field("align", .string("left")),
        ])
        #expect(timeline.cues[2].settings == [Field("vertical", .string("rl")), Field("line", .string("-1,end"))])

        var region = WebVTTRegion()
        region.id = "speaker"
        region.width = 40
        region.viewportAnchorX = 10
        region.viewportAnchorY = 90
        region.scrollsUp = true
        #expect(WebVTTRegion(block: "REGION\nid:speaker\nwidth:40%\nlines:3\nregionanchor:0%,100%\nviewportanchor:10%,90%\nscroll:up") == region)

        // Written back byte for byte: every block in its place.
        let (written, _) = try Self.write(timeline)
        #expect(written == (try Self.sampleText("blocks.vtt")))
    }

    @Test func styleAfterTheFirstCueIsIgnoredWithAWarning() throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n00:00.000 --> 00:01.000\na\n\nSTYLE\n::cue { color: red }\n")
        #expect(timeline.cues.count == 1)
        #expect(timeline.extras[.vtt] == nil)
        #expect(diagnostics.map(\.code) == ["vtt.block-after-cue"])
        #expect(diagnostics.first?.location?.line == 6)
    }

    @Test func aBlockWithoutTimingIsSkippedWithAWarning() throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\nstray\nid\n00:00.000 --> 00:01.000\na\n")
        // The arrow on the block's third line ends the block: both lines before it go.
        #expect(timeline.cues.count == 1)
        #expect(timeline.cues[0].id == nil)
        #expect(diagnostics.map(\.code) == ["vtt.no-timing"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.vtt", line: 3, column: 1))
        #expect(diagnostics.first?.message == "expected a cue timing line such as '00:01.000 --> 00:04.000' on the first or second line of the block, found 'stray'; 2 line(s) skipped, as a WebVTT parser does")
    }

    @Test func cuesWithoutBlankLinesBetween() throws {
        let (timeline, diagnostics) = try Self.sample("karaoke.vtt")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues.count == 3)
        #expect(timeline.cues[0].text == [
            .text("When the moon "),
            .timestamp(Timestamp(milliseconds: 17000)), .element(SpanElement(.class, children: [.text("hits")])),
            .timestamp(Timestamp(milliseconds: 17500)), .element(SpanElement(.class, children: [.text(" your")])),
            .timestamp(Timestamp(milliseconds: 18000)), .element(SpanElement(.class, children: [.text(" eye")])),
        ])
        #expect(timeline.cues[1].text == [
            .text("Like a "), .timestamp(Timestamp(milliseconds: 19000)), .text("big-a "),
            .timestamp(Timestamp(milliseconds: 19500)), .text("pizza "), .timestamp(Timestamp(milliseconds: 20000)), .text("pie"),
        ])
        #expect(timeline.cues[2].text == [
            .text("That's "), .timestamp(Timestamp(milliseconds: 21000)),
            .element(SpanElement(.class, classes: ["colorE5E5E5"], children: [.text("amore")])),
        ])
        let (written, _) = try Self.write(timeline)
        #expect(written == """
            WEBVTT
            Kind: captions
            Language: en

            00:00:16.500 --> 00:00:18.500 align:start position:0%
            When the moon <00:00:17.000><c>hits</c><00:00:17.500><c> your</c><00:00:18.000><c> eye</c>

            00:00:18.500 --> 00:00:20.500 align:start position:0%
            Like a <00:00:19.000>big-a <00:00:19.500>pizza <00:00:20.000>pie

            00:00:20.500 --> 00:00:21.500
            That's <00:00:21.000><c.colorE5E5E5>amore</c>

            """)
    }

    // MARK: Skipped cues and settings

    @Test func commaMillisecondsAreReadWithALocatedWarning() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("invalid/vtt-comma-milliseconds.vtt"))
        #expect(timeline.cues.map(\.plainText) == ["This cue is fine.", "SRT-style commas: a WebVTT parser skips this cue.", "This cue is fine too."])
        #expect(timeline.cues[1].start == Timestamp(milliseconds: 2000))
        #expect(diagnostics.map(\.description) == [
            "vtt-comma-milliseconds.vtt:6:1: warning: [vtt] expected a cue timing line such as '00:01.000 --> 00:04.000', found '00:00:02,000 --> 00:00:03,000': ',' before the milliseconds in the start and end times; read as 00:00:02.000 --> 00:00:03.000 (a WebVTT parser skips this cue)",
        ])
    }

    @Test func commaMillisecondsSkipTheCueWithALocatedWarningUnderW3C() throws {
        let (timeline, diagnostics) = try Self.readW3C(TestFiles.sample("invalid/vtt-comma-milliseconds.vtt"))
        #expect(timeline.cues.map(\.plainText) == ["This cue is fine.", "This cue is fine too."])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == "vtt.bad-timing")
        #expect(diagnostics.first?.location == SourceLocation(file: "vtt-comma-milliseconds.vtt", line: 6, column: 1))
        #expect(diagnostics.first?.message == "expected a cue timing line such as '00:01.000 --> 00:04.000', found '00:00:02,000 --> 00:00:03,000': the start time is not valid: the milliseconds follow ','; WebVTT needs '.'; the cue is skipped, as a WebVTT parser does")
    }

    @Test func strictModeRefusesASkippedCue() throws {
        let text = String(decoding: try TestFiles.bytes(TestFiles.sample("invalid/vtt-comma-milliseconds.vtt")), as: UTF8.self)
        #expect(throws: Diagnostic.self) { try Self.read(text, strict: true, w3c: true) }
        do {
            _ = try Self.read(text, strict: true, w3c: true)
        } catch let error as Diagnostic {
            #expect(error.code == "vtt.bad-timing")
            #expect(error.severity == .error)
            #expect(error.location?.line == 6)
        }
    }

    @Test(arguments: [
        ("00:00:00.000 --> 00:00:01.00", "the end time is not valid: the fraction has 2 digit(s); WebVTT needs exactly 3"),
        ("00:00:60.000 --> 00:01:00.000", "the start time is not valid: seconds must be at most 59"),
        ("0:00.000 --> 0:01.000", "the start time is not valid: a first field of 1 digit(s) or above 59 is read as hours, so minutes and seconds must follow"),
        ("00:00.000 x --> 00:01.000", "expected '-->' after the start time"),
        ("-00:00.000 --> 00:01.000", "the start time is not valid: it does not start with a digit"),
    ])
    func badTimings(line: String, why: String) throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n\(line)\ntext\n", w3c: true)
        #expect(timeline.cues.isEmpty)
        #expect(diagnostics.map(\.code) == ["vtt.bad-timing"])
        #expect(diagnostics.first?.message.contains(": \(why);") == true, "\(diagnostics.first?.message ?? "")")
    }

    @Test func invalidSettingsAreDroppedAndCounted() throws {
        let (timeline, diagnostics) = try Self.readW3C(TestFiles.sample("invalid/vtt-bad-settings.vtt"))
        #expect(timeline.cues.count == 2)
        #expect(timeline.cues.allSatisfy { $0.settings.isEmpty })
        #expect(diagnostics.map(\.description) == [
            "vtt-bad-settings.vtt:3:31: warning: [vtt] cue setting 'align:middle' is not valid (expected start, center, end, left or right); ignored, as a WebVTT parser does (2 times; the first is here)",
            "vtt-bad-settings.vtt:3:44: warning: [vtt] cue setting 'position:50%,middle' is not valid (expected the alignment after ',' to be line-left, center or line-right); ignored, as a WebVTT parser does",
            "vtt-bad-settings.vtt:6:44: warning: [vtt] cue setting 'size:120%' is not valid (expected a percentage from 0% to 100%); ignored, as a WebVTT parser does",
            "vtt-bad-settings.vtt:9:1: warning: [vtt] expected a cue timing line such as '00:01.000 --> 00:04.000' on the first or second line of the block, found 'Caption text without a timing line.'; 1 line(s) skipped, as a WebVTT parser does",
        ])
    }

    @Test func settingsFollowTheSpecsValidation() throws {
        let line = "00:00.000 --> 00:01.000 vertical:lr vertical:up line:-2 line:1.5,center line:1. line:101% "
            + "position:0%,line-right position:50 size:0% size:100.5% align:end align:justify region:nowhere x:y novalue:"
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n\(line)\ntext\n")
        #expect(timeline.cues[0].settings == [
            Field("vertical", .string("lr")), Field("line", .string("-2")), Field("line", .string("1.5,center")),
            Field("position", .string("0%,line-right")), Field("size", .string("0%")), Field("align", .string("end")),
            Field("region", .string("nowhere")),
        ])
        #expect(diagnostics.map(\.code).sorted() == [
            "vtt.bad-setting", "vtt.bad-setting", "vtt.bad-setting", "vtt.bad-setting", "vtt.bad-setting",
            "vtt.bad-setting", "vtt.bad-setting", "vtt.unknown-region",
        ])
    }

    @Test func manySkippedCuesAreListedUpToALimit() throws {
        let text = "WEBVTT\n\n" + (0..<120).map { "00:00:0\($0 % 10),000 --> 00:00:09.000\nbad \($0)\n" }.joined(separator: "\n")
        let (timeline, diagnostics) = try Self.read(text, w3c: true)
        #expect(timeline.cues.isEmpty)
        #expect(diagnostics.count == WebVTTParser.individualWarningLimit + 1)
        let summary = try #require(diagnostics.last)
        #expect(summary.message == "70 more 'vtt.bad-timing' warning(s) like the ones above were not listed; the first is here")
        // Cue 51 (0-based 50) starts on line 3 + 50 × 3.
        #expect(summary.location?.line == 153)
    }

    @Test func endBeforeStartIsKeptWithAWarning() throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n00:02.000 --> 00:01.000\nback\n")
        #expect(timeline.cues.count == 1)
        #expect(diagnostics.map(\.code) == ["vtt.end-before-start"])
        #expect(diagnostics.first?.severity == .warning)
    }

    // MARK: Cue text

    @Test func voicesSetTheSpeakerWhenTheyCoverTheWholeCue() throws {
        let (timeline, diagnostics) = try Self.sample("voices.vtt")
        #expect(diagnostics.isEmpty)
        let cues = timeline.cues
        #expect(cues.map(\.speaker) == ["Esme", "Mary", nil, "Roger Bingham", "Q&A host"])
        #expect(cues[0].text == [.text("It's a blue apple tree!")])
        #expect(cues[1].text == [.text("No way!")])
        #expect(cues[1].extras[.vtt]?[WebVTTExtras.voiceClasses] == .list([.string("first"), .string("loud")]))
        #expect(cues[2].text == [
            .element(SpanElement(.voice("Esme"), children: [.text("Hee!")])),
            .text(" "),
            .element(SpanElement(.italic, children: [.text("laughter")])),
        ])
        #expect(cues[4].text == [.text("Ask & answer, 3 < 4 > 2, caf\u{E9}\u{A0}au\u{A0}lait.")])

        let (written, _) = try Self.write(timeline)
        #expect(written == """
            WEBVTT

            00:00:00.000 --> 00:00:02.000
            <v Esme>It's a blue apple tree!

            00:00:02.000 --> 00:00:04.000
            <v.first.loud Mary>No way!

            00:00:04.000 --> 00:00:06.000
            <v Esme>Hee!</v> <i>laughter</i>

            00:00:06.000 --> 00:00:08.000
            <v Roger Bingham>Spaces in a voice name collapse.

            00:00:08.000 --> 00:00:10.000
            <v Q&amp;A host>Ask &amp; answer, 3 &lt; 4 &gt; 2, caf\u{E9}\u{A0}au\u{A0}lait.

            """)
    }

    @Test func rubyAndLanguageSpans() throws {
        let (timeline, diagnostics) = try Self.sample("ruby.vtt")
        #expect(diagnostics.isEmpty)
        #expect(timeline.cues[0].text == [
            .element(SpanElement(.ruby, children: [
                .text("漢"), .element(SpanElement(.rubyText, children: [.text("かん")])),
                .text("字"), .element(SpanElement(.rubyText, children: [.text("じ")])),
            ])),
            .text(" means Chinese characters."),
        ])
        #expect(timeline.cues[1].text == [
            .element(SpanElement(.ruby, classes: ["jp"], children: [
                .text("東京"), .element(SpanElement(.rubyText, children: [.text("とうきょう")])),
            ])),
            .text(" with the last rt left open."),
        ])
        #expect(timeline.cues[2].text == [
            .text("Sur les "),
            .element(SpanElement(.italic, classes: ["foreignphrase"], children: [
                .element(SpanElement(.language("en"), children: [.text("playground")])),
            ])),
            .text(", ici à Montpellier"),
        ])
        let (written, _) = try Self.write(timeline)
        #expect(written.contains("\n<ruby.jp>東京<rt>とうきょう</rt></ruby> with the last rt left open.\n"))
        #expect(written.contains("\nSur les <i.foreignphrase><lang en>playground</lang></i>, ici à Montpellier\n"))
    }

    @Test func ignoredMarkupIsCountedInOneWarning() throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n00:00.000 --> 00:01.000\nA <font color=red>red</font>\nand <00:00:0x> <rt>b</rt>\n")
        #expect(timeline.cues[0].text == [.text("A red"), .lineBreak, .text("and  b")])
        #expect(diagnostics.map(\.code) == ["vtt.ignored-markup"])
        #expect(diagnostics.first?.location == SourceLocation(file: "t.vtt", line: 4, column: 3))
        #expect(diagnostics.first?.message == "expected WebVTT cue markup, found the unknown tag <font> that a WebVTT parser ignores; the text around it is kept (3 times; the first is here)")
    }

    @Test func deepNestingIsCapped() throws {
        let depth = 10_000
        let text = "WEBVTT\n\n00:00.000 --> 00:01.000\n" + String(repeating: "<b>", count: depth) + "deep"
        let (timeline, diagnostics) = try Self.read(text)
        var levels = 0
        var spans = timeline.cues[0].text
        while case .element(let element)? = spans.first {
            levels += 1
            spans = element.children
        }
        #expect(levels == WebVTTCueTextParser.maximumDepth)
        #expect(spans == [.text("deep")])
        #expect(diagnostics.map(\.code) == ["vtt.nesting-too-deep"])
    }

    @Test func characterReferences() throws {
        var parser = WebVTTCueTextParser()
        func parse(_ text: String) -> [Span] { Array(text.utf8).withUnsafeBufferPointer { parser.parse($0) } }
        #expect(parse("&amp;&lt;&gt;&nbsp;&lrm;&rlm;") == [.text("&<>\u{A0}\u{200E}\u{200F}")])
        #expect(parse("&#65;&#x42;&#X43;&#128;&#0;&#xD800;&#x110000;") == [.text("ABC\u{20AC}\u{FFFD}\u{FFFD}\u{FFFD}")])
        #expect(parse("&notin; &notit; &not &eacute &ZZ; & x &#; &#x;") == [.text("\u{2209} \u{AC}it; \u{AC} \u{E9} &ZZ; & x &#; &#x;")])
        #expect(parse("<v A&amp;B &gt;>x") == [.element(SpanElement(.voice("A&B >"), children: [.text("x")]))])
    }

    // MARK: Bad input finishes fast

    @Test func tenMegabyteSingleLines() throws {
        let big = String(repeating: "abcdefghij", count: 1_000_000)
        let clock = ContinuousClock()
        // No signature: an error at once.
        var elapsed = clock.measure {
            #expect(Convert.readError(big, name: "big.vtt", as: .vtt)?.code == "vtt.no-signature")
        }
        #expect(elapsed < .seconds(5))
        // A 10 MB line that is not a cue: skipped with a located warning.
        elapsed = try clock.measure {
            let (timeline, diagnostics) = try Self.read("WEBVTT\n\n" + big + "\n")
            #expect(timeline.cues.isEmpty)
            #expect(diagnostics.map(\.code) == ["vtt.no-timing"])
            #expect(diagnostics.first?.location?.line == 3)
            #expect(diagnostics.first!.message.count < 400)
        }
        #expect(elapsed < .seconds(5))
        // A 10 MB cue text line, and one of 10 MB of tags.
        elapsed = try clock.measure {
            let (timeline, _) = try Self.read("WEBVTT\n\n00:00.000 --> 00:01.000\n" + big + "\n")
            #expect(timeline.cues.first?.plainText.utf8.count == 10_000_000)
            let tags = String(repeating: "<c.x>a</c><", count: 900_000)
            let (tagged, diagnostics) = try Self.read("WEBVTT\n\n00:00.000 --> 00:01.000\n" + tags + "\n")
            #expect(tagged.cues.count == 1)
            #expect(diagnostics.count == 1)
        }
        #expect(elapsed < .seconds(10))
        // A 10 MB settings line.
        elapsed = try clock.measure {
            let settings = String(repeating: "x:y align:z ", count: 850_000)
            let (timeline, diagnostics) = try Self.read("WEBVTT\n\n00:00.000 --> 00:01.000 " + settings + "\ntext\n")
            #expect(timeline.cues.count == 1)
            #expect(diagnostics.count == 2)
        }
        #expect(elapsed < .seconds(10))
    }

    // MARK: Writer

    @Test func writerEscapesTextAndWritesSpeakers() throws {
        let timeline = Timeline(cues: [
            Cue(id: "a-->b\nc", start: .zero, end: Timestamp(milliseconds: 1500), speaker: "Tom <Jr> & co",
                text: [.text("1 < 2 && 3 --> 2"), .lineBreak, .lineBreak, .element(SpanElement(.bold, children: [.text("bold")]))],
                settings: [Field("align", .string("start")), Field("align", .string("middle")), Field("foo", .string("bar"))]),
            Cue(start: Timestamp(milliseconds: -5), end: Timestamp(milliseconds: 61_000), text: Span.plain("plain")),
            Cue(start: Timestamp(milliseconds: 5), text: Span.plain("untimed end")),
        ])
        let (written, diagnostics) = try Self.write(timeline)
        #expect(written == """
            WEBVTT

            a-- >b c
            00:00:00.000 --> 00:00:01.500 align:start
            <v Tom &lt;Jr&gt; &amp; co>1 &lt; 2 &amp;&amp; 3 --&gt; 2
            <b>bold</b>

            00:00:00.000 --> 00:01:01.000
            plain

            """)
        #expect(Set(diagnostics.map(\.code)) == ["vtt.untimed", "vtt.negative-time", "vtt.empty-lines", "vtt.setting-dropped"])
        // And it reads back as written.
        let (again, _) = try Self.read(written)
        #expect(again.cues[0].speaker == "Tom <Jr> & co")
        #expect(again.cues[0].text == [.text("1 < 2 && 3 --> 2"), .lineBreak, .element(SpanElement(.bold, children: [.text("bold")]))])
        #expect(again.cues[0].id == "a-- >b c")
    }

    @Test func aClassOrNameEndingInDashesCannotMakeAnArrow() throws {
        let timeline = Timeline(cues: [
            Cue(start: .zero, end: Timestamp(milliseconds: 1000), speaker: "Bob--",
                text: [.element(SpanElement(.class, classes: ["a--"], children: [.text("x")]))]),
        ])
        let (written, _) = try Self.write(timeline)
        #expect(written.hasSuffix("\n<v Bob-- ><c.a-- >x</c>\n"))
        let (again, diagnostics) = try Self.read(written)
        #expect(diagnostics.isEmpty)
        #expect(again.cues.map(\.speaker) == ["Bob--"])
        #expect(again.cues.first?.text == timeline.cues[0].text)
    }

    @Test func writerTellsWhatItLeavesOut() throws {
        let timeline = Timeline(
            cues: [Cue(start: .zero, end: Timestamp(milliseconds: 1000), text: [.element(SpanElement(.class, classes: ["ok", "not ok", ""], children: [.text("x")]))])],
            chapters: [Chapter(start: .zero, title: "Intro")])
        let (written, diagnostics) = try Self.write(timeline)
        #expect(written.hasSuffix("<c.ok>x</c>\n"))
        // The chapters it does not write are the converter's to report (see ContentCheckTests).
        #expect(diagnostics.map(\.code) == ["vtt.class-dropped"])
    }

    /// Every sample: VTT → VTT keeps the cues and blocks; writing twice gives the same bytes.
    @Test(arguments: ["crlf.vtt", "bom.vtt", "no-hours.vtt", "blocks.vtt", "voices.vtt", "ruby.vtt", "karaoke.vtt"])
    func samplesRoundTrip(_ name: String) throws {
        let (timeline, diagnostics) = try Self.sample(name)
        #expect(diagnostics.isEmpty)
        let (first, writeDiagnostics) = try Convert.write(timeline, as: .vtt, sourceFormat: .vtt)
        #expect(writeDiagnostics.filter { $0.severity != .note }.isEmpty)
        let (again, _) = try Convert.read(first, name: name, as: .vtt)
        #expect(again.cues == timeline.cues)
        #expect(again.extras == timeline.extras)
        let (second, _) = try Convert.write(again, as: .vtt, sourceFormat: .vtt)
        #expect(second == first)
    }

    @Test func converterShowsParsedCuesAsTimeline() throws {
        var diagnostics = Diagnostics()
        let bytes = try TestFiles.bytes(TestFiles.sample("vtt/blocks.vtt"))
        let json = try Convert.converter.convert(bytes, name: "blocks.vtt", to: .timeline, diagnostics: &diagnostics)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let cues = try #require(object["cues"] as? [[String: Any]])
        #expect(cues.count == 3)
        #expect(cues[0]["id"] as? String == "first")
        #expect(cues[0]["start"] as? Int == 1000)
        #expect(cues[0]["end"] as? Int == 4000)
        #expect(cues[0]["text"] as? String == "In the speaker region.")
        #expect((cues[0]["settings"] as? [String: Any])?["region"] as? String == "speaker")
        #expect((cues[1]["extras"] as? [String: Any])?["vtt"] != nil)
        let extras = try #require((object["extras"] as? [String: Any])?["vtt"] as? [String: Any])
        #expect((extras["blocks"] as? [String])?.count == 4)

        let voices = try Convert.converter.convert(try TestFiles.bytes(TestFiles.sample("vtt/voices.vtt")), name: "voices.vtt", to: .timeline, diagnostics: &diagnostics)
        let text = String(decoding: voices, as: UTF8.self)
        #expect(text.contains("\"speaker\": \"Esme\""))
        #expect(text.contains("\"span\": \"voice\""))
    }
}
