import CaptionsCSV
import CueKit
import Foundation
import Testing

/// The captions CSV format, read and written through a registry that
/// holds it beside the standard formats.
@Suite("Captions CSV")
struct CaptionsCSVTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    let converter = Converter(registry: .withCaptionsCSV)

    @Test func theSampleIsRecognisedByItsContentAndRead() throws {
        var diagnostics = Diagnostics()
        // A name without an extension: the header row says what it is.
        let input = try converter.read(try Self.sample("interview.csv"), name: "interview", diagnostics: &diagnostics)
        #expect(input.format.id == CaptionsCSV.id)
        let cues = input.timeline.cues
        #expect(cues.map(\.speaker) == ["Ada", "Grace", "Ada", "Grace"])
        #expect(cues.map(\.plainText) == [
            "Welcome back, everyone.", "Thanks, Ada.\nGlad to be here.", "Today: the \"fast path\" of cues.",
            "It streams one cue at a time.",
        ])
        #expect(cues.map(\.start?.milliseconds) == [1000, 4500, 7250, 12_500])
        #expect(cues.map(\.end?.milliseconds) == [4500, 7250, nil, 15_000])
        // The second cue's text takes two lines of the file.
        #expect(cues[3].location == SourceLocation(file: "interview", line: 6, column: 1))
        #expect(diagnostics.items.isEmpty)
    }

    @Test func theSampleConvertsToTheWebVTTAPersonChecked() throws {
        var diagnostics = Diagnostics()
        let vtt = try converter.convert(try Self.sample("interview.csv"), name: "interview.csv", to: .vtt, diagnostics: &diagnostics)
        #expect(vtt == (try Self.sample("interview.expected.vtt")))
        // The third cue had no end: it ends where the next starts, the
        // rule rather than a repair, so nothing is said of it.
        #expect(diagnostics.items.isEmpty)
    }

    @Test func captionsFromAnotherFormatWriteAsCSVAndReadBack() throws {
        let srt = "1\n00:00:01,000 --> 00:00:02,500\n<i>Quoted \"words\", and a comma</i>\n\n2\n00:01:02,000 --> 00:01:04,000\nTwo\nlines\n"
        var diagnostics = Diagnostics()
        let csv = try converter.convert(Array(srt.utf8), name: "in.srt", to: CaptionsCSV.id, diagnostics: &diagnostics)
        #expect(String(decoding: csv, as: UTF8.self) == """
            start,end,speaker,text
            00:00:01.000,00:00:02.500,,"Quoted ""words"", and a comma"
            00:01:02.000,00:01:04.000,,"Two
            lines"

            """)
        #expect(diagnostics.items.map(\.code) == ["captions-csv.markup"])
        var again = Diagnostics()
        let back = try converter.read(csv, name: "out.csv", diagnostics: &again)
        #expect(back.timeline.cues.map(\.plainText) == ["Quoted \"words\", and a comma", "Two\nlines"])
        #expect(back.timeline.cues.map(\.end?.milliseconds) == [2500, 64_000])
    }

    @Test func aBadTimeIsALocatedError() throws {
        let csv = "speaker,start,text\nAda,00:00:01.000,fine\nGrace,1:75,not a time\n"
        var diagnostics = Diagnostics()
        #expect(throws: Diagnostic.error(
            "captions-csv.time", "expected a time such as 00:01:02.500, 01:02.5 or 62.5, found '1:75'",
            at: SourceLocation(file: "bad.csv", line: 3, column: 7), format: CaptionsCSV.id)) {
            try converter.read(Array(csv.utf8), name: "bad.csv", diagnostics: &diagnostics)
        }
    }

    @Test func anOpenQuoteIsALocatedError() throws {
        let csv = "start,text\n1,\"never closed\n2,more\n"
        var diagnostics = Diagnostics()
        #expect(throws: Diagnostic.error(
            "captions-csv.open-quote", "expected a closing quote for the field that starts here, found the end of the file",
            at: SourceLocation(file: "open.csv", line: 2, column: 3), format: CaptionsCSV.id)) {
            try converter.read(Array(csv.utf8), name: "open.csv", diagnostics: &diagnostics)
        }
    }

    @Test func aRowWithoutTextIsARepairThatStrictRefuses() throws {
        let csv = "start,text\n1,one\n2,\n3,three\n"
        var diagnostics = Diagnostics()
        let read = try converter.read(Array(csv.utf8), name: "gap.csv", diagnostics: &diagnostics)
        #expect(read.timeline.cues.map(\.plainText) == ["one", "three"])
        #expect(diagnostics.items.map(\.code) == ["captions-csv.no-text"])
        #expect(diagnostics.items.first?.location == SourceLocation(file: "gap.csv", line: 3, column: 1))
        var strict = converter
        strict.readOptions.strict = true
        var strictDiagnostics = Diagnostics()
        #expect(throws: Diagnostic.self) { try strict.read(Array(csv.utf8), name: "gap.csv", diagnostics: &strictDiagnostics) }
    }

    @Test func aHeaderWithoutTextIsAnErrorWhenTheFormatIsNamed() throws {
        var diagnostics = Diagnostics()
        #expect(throws: Diagnostic.error(
            "captions-csv.header", "expected a header row naming at least the columns start and text, found 'start,end'",
            at: SourceLocation(file: "times.csv", line: 1, column: 1), format: CaptionsCSV.id)) {
            try converter.read(Array("start,end\n1,2\n".utf8), name: "times.csv", format: CaptionsCSV.id, diagnostics: &diagnostics)
        }
    }
}
