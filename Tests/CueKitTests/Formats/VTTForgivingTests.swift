import Foundation
import Testing
@testable import CueKit

/// What the WebVTT reader repairs by default and the W3C parser skips:
/// timings a person reads at a glance, and `middle`, the old name of
/// `center`. With `ReadOptions.w3cWebVTT` the reader does exactly what the
/// spec (and a browser) does.
@Suite struct VTTForgivingTests {
    static func read(_ text: String, name: String = "t.vtt", strict: Bool = false, w3c: Bool = false) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics(strict: strict)
        let options = ReadOptions(strict: strict, w3cWebVTT: w3c)
        let timeline = try VTTReader().read(SourceText(text, name: name), options: options, diagnostics: &diagnostics)
        return (timeline, diagnostics.items)
    }

    static func readSample(w3c: Bool = false) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let converter = Converter(readOptions: ReadOptions(w3cWebVTT: w3c))
        let bytes = try TestFiles.bytes(TestFiles.sample("vtt/readable-timings.vtt"))
        let input = try converter.read(bytes, name: "readable-timings.vtt", diagnostics: &diagnostics)
        return (input.timeline, diagnostics.items)
    }

    // MARK: Timings

    @Test(arguments: [
        ("00:02:04.08 --> 00:02:07.120", 124_080, 127_120),
        ("00:01:39 --> 00:01:41.040", 99000, 101_040),
        ("00:0:03.390 --> 00:0:05.100", 3390, 5100),
        ("00:00:3.390 --> 00:00:05.100", 3390, 5100),
        ("1:02.5 --> 1:04.250", 62500, 64250),
        ("0:00.000 --> 0:01.000", 0, 1000),
        ("00:00:02,000 --> 00:00:03,000", 2000, 3000),
        ("00:00:04:609 --> 00:00:05.000", 4609, 5000),
        ("00:00:01.5004 --> 00:00:02.000", 1500, 2000),
        ("00:00:90.740 --> 00:01:35.000", 90740, 95000),
        ("00:75:00.000 --> 01:16:00.000", 4_500_000, 4_560_000),
        ("00:00:00.000 --> 00:00:01.00", 0, 1000),
        ("00:00:00.000-->00:00:01.5 align:start", 0, 1500),
    ] as [(String, Int64, Int64)])
    func readableTimingsAreRepaired(line: String, start: Int64, end: Int64) throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n\(line)\ntext\n")
        #expect(timeline.cues.map(\.start) == [Timestamp(milliseconds: start)], "\(line)")
        #expect(timeline.cues.map(\.end) == [Timestamp(milliseconds: end)], "\(line)")
        #expect(timeline.cues.map(\.plainText) == ["text"])
        #expect(diagnostics.map(\.code) == ["vtt.repaired-timing"], "\(line)")
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        // The W3C parser skips the cue.
        let (w3c, skipped) = try Self.read("WEBVTT\n\n\(line)\ntext\n", w3c: true)
        #expect(w3c.cues.isEmpty, "\(line)")
        #expect(skipped.map(\.code) == ["vtt.bad-timing"], "\(line)")
    }

    @Test func theWarningSaysWhereWhatWasExpectedFoundAndReadAs() throws {
        let (timeline, diagnostics) = try Self.readSample()
        #expect(timeline.cues.map(\.plainText) == [
            "One-digit minutes.", "A one-digit first field and short fractions.",
            "No milliseconds, and align:middle, the old name of center.", "Two-digit fractions.",
            "A comma and a colon before the milliseconds.",
        ])
        #expect(timeline.cues.map(\.start?.milliseconds) == [3390, 62500, 99000, 124_080, 600_000])
        #expect(timeline.cues.map(\.end?.milliseconds) == [5100, 64250, 101_040, 127_120, 602_500])
        let expected = "expected a cue timing line such as '00:01.000 --> 00:04.000', found"
        #expect(diagnostics.map(\.description) == [
            "readable-timings.vtt:7:1: warning: [vtt] \(expected) '00:0:03.390 --> 00:0:05.100': one-digit minutes in the start and end times; read as 00:00:03.390 --> 00:00:05.100 (a WebVTT parser skips this cue)",
            "readable-timings.vtt:11:1: warning: [vtt] \(expected) '1:02.5 --> 1:04.25': one-digit minutes and a 1-digit fraction in the start time, one-digit minutes and a 2-digit fraction in the end time; read as 00:01:02.500 --> 00:01:04.250 (a WebVTT parser skips this cue)",
            "readable-timings.vtt:15:1: warning: [vtt] \(expected) '00:01:39 --> 00:01:41.040 align:middle': no milliseconds in the start time; read as 00:01:39.000 --> 00:01:41.040 (a WebVTT parser skips this cue)",
            "readable-timings.vtt:15:27: warning: [vtt] expected 'align:center', found 'align:middle' (the name of center in early WebVTT drafts); read as 'align:center' (a WebVTT parser ignores the setting)",
            "readable-timings.vtt:19:1: warning: [vtt] \(expected) '00:02:04.08 --> 00:02:07.12': a 2-digit fraction in the start and end times; read as 00:02:04.080 --> 00:02:07.120 (a WebVTT parser skips this cue)",
            "readable-timings.vtt:23:1: warning: [vtt] \(expected) '00:10:00,000 --> 00:10:02:500 line:90%,middle': ',' before the milliseconds in the start time, ':' before the milliseconds in the end time; read as 00:10:00.000 --> 00:10:02.500 (a WebVTT parser skips this cue)",
            "readable-timings.vtt:23:31: warning: [vtt] expected 'line:90%,center', found 'line:90%,middle' (the name of center in early WebVTT drafts); read as 'line:90%,center' (a WebVTT parser ignores the setting)",
        ])
        #expect(diagnostics.prefix(3).map(\.code) == ["vtt.repaired-timing", "vtt.repaired-timing", "vtt.repaired-timing"])
        #expect(diagnostics[3].code == "vtt.middle-alignment")
    }

    @Test func theW3COptionSkipsWhatABrowserSkips() throws {
        let (timeline, diagnostics) = try Self.readSample(w3c: true)
        #expect(timeline.cues.isEmpty)
        #expect(diagnostics.map(\.code) == Array(repeating: "vtt.bad-timing", count: 5))
        #expect(diagnostics.first?.description
            == "readable-timings.vtt:7:1: warning: [vtt] expected a cue timing line such as '00:01.000 --> 00:04.000', found '00:0:03.390 --> 00:0:05.100': the start time is not valid: minutes must have exactly 2 digits; the cue is skipped, as a WebVTT parser does")
    }

    @Test func strictModeRefusesTheRepair() throws {
        #expect(throws: Diagnostic.self) { try Self.read("WEBVTT\n\n00:02:04.08 --> 00:02:07.120\ntext\n", strict: true) }
        do {
            _ = try Self.read("WEBVTT\n\n00:00:01.000 --> 00:02:07.12\ntext\n", strict: true)
        } catch let error as Diagnostic {
            #expect(error.code == "vtt.repaired-timing")
            #expect(error.severity == .error)
            #expect(error.location == SourceLocation(file: "t.vtt", line: 3, column: 18))
        }
    }

    @Test(arguments: [
        "00:00:1d.890 --> 00:00:02.000",
        "00:0004.000 --> 00:00:05.000",
        "5.000 --> 6.000",
        "-00:00.000 --> 00:01.000",
        "00:00.000 x --> 00:01.000",
        "00:00:01:12 --> 00:00:02.000",
        "00:00:01.000 --> 00:00:02.5x",
        "99999999999999999999:00:00.000 --> 00:01.000",
    ])
    func unreadableTimingsAreStillSkipped(line: String) throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n\(line)\ntext\n")
        #expect(timeline.cues.isEmpty, "\(line)")
        #expect(diagnostics.map(\.code) == ["vtt.bad-timing"], "\(line)")
    }

    @Test func manyRepairsAreListedUpToALimit() throws {
        let text = "WEBVTT\n\n" + (0..<60).map { "00:00:0\($0 % 10).5 --> 00:00:10.000\ncue \($0)\n" }.joined(separator: "\n")
        let (timeline, diagnostics) = try Self.read(text)
        #expect(timeline.cues.count == 60)
        #expect(diagnostics.count == WebVTTParser.individualWarningLimit + 1)
        #expect(diagnostics.last?.message == "10 more 'vtt.repaired-timing' warning(s) like the ones above were not listed; the first is here")
    }

    @Test func inlineTimestampsInCueTextKeepTheW3CRules() throws {
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n00:00.000 --> 00:02.000\nOne <00:01.5>two\n")
        #expect(timeline.cues[0].text == [.text("One two")])
        #expect(diagnostics.map(\.code) == ["vtt.ignored-markup"])
    }

    // MARK: Settings

    @Test func middleIsReadAsCenter() throws {
        let line = "00:00.000 --> 00:01.000 align:middle position:50%,middle line:0,middle size:50%"
        let (timeline, diagnostics) = try Self.read("WEBVTT\n\n\(line)\ntext\n\n00:01.000 --> 00:02.000 align:middle\nmore\n")
        #expect(timeline.cues[0].settings == [
            Field("align", .string("center")), Field("position", .string("50%,center")), Field("line", .string("0,center")),
            Field("size", .string("50%")),
        ])
        #expect(timeline.cues[1].settings == [Field("align", .string("center"))])
        #expect(diagnostics.map(\.code) == Array(repeating: "vtt.middle-alignment", count: 3))
        #expect(diagnostics[0].message.hasSuffix("(a WebVTT parser ignores the setting) (2 times; the first is here)"))
        #expect(diagnostics[1].message.hasPrefix("expected 'position:50%,center', found 'position:50%,middle'"))
        // Written back as center.
        let (written, _) = try VTTTests.write(timeline)
        #expect(written.contains("00:00:00.000 --> 00:00:01.000 align:center position:50%,center line:0,center size:50%\n"))
        // The W3C parser ignores the settings; a bad value with middle stays bad.
        let (w3c, ignored) = try Self.read("WEBVTT\n\n\(line)\ntext\n", w3c: true)
        #expect(w3c.cues[0].settings == [Field("size", .string("50%"))])
        #expect(ignored.map(\.code) == ["vtt.bad-setting", "vtt.bad-setting", "vtt.bad-setting"])
        let (bad, warnings) = try Self.read("WEBVTT\n\n00:00.000 --> 00:01.000 position:150%,middle\ntext\n")
        #expect(bad.cues[0].settings.isEmpty)
        #expect(warnings.map(\.code) == ["vtt.bad-setting"])
        #expect(throws: Diagnostic.self) { try Self.read("WEBVTT\n\n\(line)\ntext\n", strict: true) }
    }

    // MARK: Both readers, both ways

    @Test func theChaptersReaderRepairsToo() throws {
        let text = "WEBVTT\n\n00:00.000 --> 00:01:00\nIntro\n\n00:01:00.000 --> 00:02:00.000\nMain\n"
        var diagnostics = Diagnostics()
        let timeline = try VTTChaptersReader().read(SourceText(text, name: "c.chapters.vtt"), options: ReadOptions(), diagnostics: &diagnostics)
        #expect(timeline.chapters.map(\.title) == ["Intro", "Main"])
        #expect(diagnostics.items.map(\.code) == ["vtt.repaired-timing"])
        var w3cDiagnostics = Diagnostics()
        let w3c = try VTTChaptersReader().read(
            SourceText(text, name: "c.chapters.vtt"), options: ReadOptions(w3cWebVTT: true), diagnostics: &w3cDiagnostics)
        #expect(w3c.chapters.map(\.title) == ["Main"])
    }

    @Test(arguments: [false, true])
    func streamedAndWholeConversionsAgree(w3c: Bool) throws {
        let bytes = try TestFiles.bytes(TestFiles.sample("vtt/readable-timings.vtt"))
        var converter = Converter(readOptions: ReadOptions(w3cWebVTT: w3c))
        converter.parallelStreamingThreshold = .max
        final class Sink: OutputSink {
            var bytes: [UInt8] = []
            func write(_ chunk: UnsafeBufferPointer<UInt8>) throws(Diagnostic) { bytes.append(contentsOf: chunk) }
        }
        let sinks = [Sink(), Sink()]
        var streamedDiagnostics = Diagnostics()
        let result = try converter.convert(
            bytes, name: "r.vtt", into: [(.vtt, sinks[0] as any OutputSink), (.srt, sinks[1] as any OutputSink)],
            diagnostics: &streamedDiagnostics)
        #expect(result.streamed)
        var wholeDiagnostics = Diagnostics()
        let whole = try converter.convert(bytes, name: "r.vtt", to: [.vtt, .srt], diagnostics: &wholeDiagnostics)
        #expect(sinks.map(\.bytes) == whole.outputs.map(\.bytes))
        #expect(streamedDiagnostics.items.map(\.description).sorted() == wholeDiagnostics.items.map(\.description).sorted())
        if !w3c {
            #expect(String(decoding: sinks[0].bytes, as: UTF8.self).contains("00:01:39.000 --> 00:01:41.040 align:center\n"))
        }
    }
}
