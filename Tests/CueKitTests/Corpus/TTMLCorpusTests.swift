import Foundation
import Testing
@testable import CueKit

/// Real TTML and DFXP files (corpus `ttml/`): the W3C IMSC 1 tests with the
/// times their reference renderings change at, pycaption's DFXP fixtures
/// with its assertions, pysubs2's examples with the ASS they must give.
@Suite(.enabled(if: TestFiles.hasCorpus))
struct TTMLCorpusTests {
    static var w3cFiles: [URL] { TestFiles.corpusFiles("ttml/w3c-imsc-tests", extensions: ["ttml"]) }
    static var pycaptionFiles: [URL] { TestFiles.corpusFiles("ttml/pycaption-dfxp", extensions: ["dfxp"]) }

    @Test func allFilesAreThere() {
        #expect(Self.w3cFiles.count == 39)
        #expect(Self.pycaptionFiles.count == 28)
        #expect(TestFiles.corpusFiles("ttml/pysubs2", extensions: ["ttml"]).count == 2)
    }

    /// The times (ms) of `timeline`: cue starts and ends, timestamps, and 0.
    static func times(_ timeline: Timeline) -> Set<Int64> {
        var times: Set<Int64> = [0]
        func add(_ spans: [Span]) {
            for span in spans {
                switch span {
                case .timestamp(let time): times.insert(time.milliseconds)
                case .element(let element): add(element.children)
                default: break
                }
            }
        }
        for cue in timeline.cues {
            if let start = cue.start { times.insert(start.milliseconds) }
            if let end = cue.end { times.insert(end.milliseconds) }
            add(cue.text)
        }
        return times
    }

    /// Times in a test's reference list that no cue of ours begins or ends
    /// at, each for a reason checked by hand (ttml.md, "Conformance"):
    /// - begin or end of an element whose text is never shown (a `seq`
    ///   container's anonymous text lasts no time; a `p` or `span` that
    ///   begins after its parent ends), or of a container after its text
    ///   ended (a `div` or `p` with a longer `dur` than its content);
    /// - `<set>` animations of opacity (BasicTiming005), not modelled;
    /// - spans holding only line breaks at the end of a `p` (BasicTiming011, 012);
    /// - times of a `p` clipped to its region's interval (region-timing).
    static let unmatched: [String: Set<Int64>] = [
        "BasicTimeContainment004": [15_000, 20_000],
        "BasicTiming005": Set(stride(from: 1_000, through: 14_000, by: 1_000).map(Int64.init)),
        "BasicTiming007": [20_000],
        "BasicTiming010": [40_000],
        "BasicTiming011": [2_625, 2_813, 3_000],
        "BasicTiming012": [2_438, 2_625, 2_813, 3_000, 3_188, 3_375],
        "MediaParTiming002": [20_000, 25_000],
        "MediaParTiming003": [40_000],
        "MediaSeqTiming003": [5_000, 10_000, 15_000, 20_000],
        "MediaSeqTiming004": [25_000, 30_000, 35_000, 40_000],
        "MediaSeqTiming006": [15_000, 20_000],
        "MediaSeqTiming007": [15_000, 20_000, 25_000, 30_000],
        "region-timing": [5_000, 25_000],
    ]

    static let isdTimes: [String: [String]] = {
        guard let corpus = TestFiles.corpus,
              let data = try? Data(contentsOf: corpus.appendingPathComponent("ttml/w3c-imsc-tests/isd-times.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tests = json["tests"] as? [String: [String]] else { return [:] }
        return tests
    }()

    /// Seconds as upstream spells them ("19289.505167") in ms, half up.
    static func milliseconds(_ seconds: String) -> Int64 {
        let parts = seconds.split(separator: ".")
        let whole = Int64(parts[0])! * 1000
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let digits = (fraction + "0000000").prefix(7)  // 1e-7 s
        let tenthsOfMicro = Int64(digits)!
        return whole + (tenthsOfMicro + 5_000) / 10_000
    }

    @Test(arguments: w3cFiles)
    func w3cTimesAreTheReferenceRenderingsTimes(_ url: URL) throws {
        let name = url.deletingPathExtension().lastPathComponent
        let (timeline, diagnostics) = try Convert.read(url)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(name)")
        let expected = Set(try #require(Self.isdTimes[name], "\(name) has no times").map(Self.milliseconds))
        let found = Self.times(timeline)
        #expect(found.subtracting(expected).isEmpty, "\(name): times no rendering changes at: \(found.subtracting(expected).sorted())")
        #expect(expected.subtracting(found) == Self.unmatched[name] ?? [], "\(name): \(expected.subtracting(found).sorted())")
        if name != "unicode-non-bmp-character" { #expect(!timeline.cues.isEmpty, "\(name)") }
    }

    /// `TimeExpressions001` states each value in its text (`24f = 1.001s`).
    @Test func timeExpressionsAreWhatTheTestSays() throws {
        let url = try #require(Self.w3cFiles.first { $0.lastPathComponent == "TimeExpressions001.ttml" })
        let (timeline, _) = try Convert.read(url)
        let durations = timeline.cues.map { $0.end!.milliseconds - $0.start!.milliseconds }
        // 3723.83416667 s is 3723834 ms; 1.2 h 4320000 ms.
        #expect(durations == [1_200, 72_000, 4_320_000, 1_001, 2_000, 3_723_000, 3_723_235, 3_723_235, 3_723_834,
                              360_000_100, 360_000_000])
    }

    @Test func unicodeNonBMPAndSpecialCharactersAreKept() throws {
        let url = try #require(Self.w3cFiles.first { $0.lastPathComponent == "unicode-non-bmp-character.ttml" })
        let (timeline, _) = try Convert.read(url)
        #expect(timeline.cues.isEmpty || timeline.cues.allSatisfy { !$0.plainText.isEmpty })
    }

    @Test(arguments: w3cFiles + TestFiles.corpusFiles("ttml/pysubs2", extensions: ["ttml"]))
    func ttmlToTTMLKeepsEveryTimeTextAndStyle(_ url: URL) throws {
        let name = url.lastPathComponent
        let (source, _) = try Convert.read(url)
        let (first, _) = try Convert.write(source, as: .ttml, sourceFormat: .ttml)
        let (again, diagnostics) = try Convert.read(first, name: name, as: .ttml)
        #expect(again.cues.map(\.start) == source.cues.map(\.start), "\(name)")
        #expect(again.cues.map(\.text) == source.cues.map(\.text), "\(name)")
        #expect(again.cues.map(\.speaker) == source.cues.map(\.speaker), "\(name)")
        #expect(again.cues.map(\.settings) == source.cues.map(\.settings), "\(name)")
        // pysubs2's style id "My Italic" is no XML name: written (and read back) as My_Italic.
        if name != "ttml_serialize_reference.ttml" {
            #expect(again.cues.map(\.extras) == source.cues.map(\.extras), "\(name)")
            #expect(again.extras == source.extras, "\(name)")
        }
        // Open ends (a p without end in the source) were given one by time inference on writing.
        for (read, original) in zip(again.cues, source.cues) where original.end != nil {
            #expect(read.end == original.end, "\(name)")
        }
        #expect(!diagnostics.contains { $0.code.hasPrefix("ttml.") && $0.severity != .note }, "\(name): \(diagnostics)")
        let (second, _) = try Convert.write(again, as: .ttml, sourceFormat: .ttml)
        #expect(second == first, "\(name)")
    }

    // MARK: pycaption

    nonisolated(unsafe) static let expectations: [String: [String: Any]] = {
        guard let corpus = TestFiles.corpus,
              let data = try? Data(contentsOf: corpus.appendingPathComponent("ttml/pycaption-dfxp/expectations.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = json["files"] as? [String: [String: Any]] else { return [:] }
        return files
    }()

    /// Files libxml2 refuses (pycaption reads them with an HTML parser): a
    /// bare `<` or `&` and `&eacute;` in text. Each is a located error.
    static let notWellFormed: [String: (line: Int, column: Int)] = [
        "sample_dfxp_with_escaped_apostrophe.dfxp": (13, 10),
        "sample_dfxp_multiple_regions_input.dfxp": (30, 28),
    ]

    @Test(arguments: pycaptionFiles)
    func pycaptionFixturesReadAsItsTestsSay(_ url: URL) throws {
        let name = url.lastPathComponent
        let expected = Self.expectations[name] ?? [:]
        if let error = expected["error"] as? String, error != "no_captions" {
            do {
                _ = try Convert.read(url)
                Issue.record("\(name) was read")
            } catch let diagnostic as Diagnostic {
                #expect(diagnostic.code == (error == "timing_error" ? "ttml.time" : "ttml.parameter"), "\(name)")
                #expect(diagnostic.location?.file == name)
                #expect((diagnostic.location?.line ?? 0) >= 1 && (diagnostic.location?.column ?? 0) > 1, "\(name)")
            }
            return
        }
        if let place = Self.notWellFormed[name] {
            do {
                _ = try Convert.read(url)
                Issue.record("\(name) was read")
            } catch let diagnostic as Diagnostic {
                #expect(diagnostic.code == "xml.not-well-formed")
                #expect(diagnostic.location == SourceLocation(file: name, line: place.line, column: place.column))
            }
            return
        }
        let (timeline, diagnostics) = try Convert.read(url)
        if expected["error"] as? String == "no_captions" {
            #expect(timeline.cues.isEmpty)
            #expect(diagnostics.contains { $0.code == "ttml.no-cues" })
            return
        }
        #expect(!timeline.cues.isEmpty, "\(name)")
        if let count = expected["cue_count"] as? Int { #expect(timeline.cues.count == count, "\(name)") }
        if let language = expected["lang"] as? String { #expect(timeline.metadata["language"] == .string(language), "\(name)") }
        func near(_ ms: Int64?, _ us: Int) -> Bool {
            guard let ms else { return false }
            return abs(ms * 1000 - Int64(us)) <= 1000
        }
        if let times = expected["times_us"] as? [[Int]] {
            #expect(timeline.cues.count == times.count, "\(name)")
            for (cue, pair) in zip(timeline.cues, times) {
                #expect(near(cue.start?.milliseconds, pair[0]) && near(cue.end?.milliseconds, pair[1]), "\(name): \(cue)")
            }
        }
        if let cues = expected["cues"] as? [String: [String: Int]] {
            for (index, times) in cues {
                let cue = timeline.cues[Int(index)!]
                #expect(near(cue.start?.milliseconds, times["start_us"]!) && near(cue.end?.milliseconds, times["end_us"]!), "\(name)")
            }
        }
        if let texts = expected["texts"] as? [String] { #expect(timeline.cues.map(\.plainText) == texts, "\(name)") }
        if let vtt = expected["expected_vtt"] as? String {
            let (reference, _) = try Convert.read(url.deletingLastPathComponent().appendingPathComponent(vtt))
            #expect(timeline.cues.count == reference.cues.count, "\(name)")
            func squeezed(_ cue: Cue) -> String { cue.plainText.filter { !$0.isWhitespace } }
            for (cue, other) in zip(timeline.cues, reference.cues) {
                #expect(cue.start == other.start && cue.end == other.end, "\(name)")
                #expect(squeezed(cue) == squeezed(other), "\(name)")
            }
        }
    }

    @Test func pycaptionInlineStylesAreSpans() throws {
        let url = try #require(Self.pycaptionFiles.first { $0.lastPathComponent == "sample_dfxp_with_inline_style.dfxp" })
        let (timeline, diagnostics) = try Convert.read(url)
        // tts:fontstyle and friends, in pycaption's lower case, read as TTML's names (a repair).
        #expect(diagnostics.map(\.code).contains("ttml.style-case"))
        let text = timeline.cues[0].text
        #expect(text.prefix(2) == [.text("This is "), .element(SpanElement(.italic, children: [.text("italic")]))])
        #expect(text[3] == .element(SpanElement(.bold, children: [.text("bold ")])))
    }

    // MARK: pysubs2

    /// `Dialogue:` lines of an ASS file: start and end in centiseconds, text with `\N` as a line feed.
    static func dialogues(_ url: URL) throws -> [(start: Int64, end: Int64, text: String)] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Dialogue:") else { return nil }
            let fields = line.dropFirst(9).split(separator: ",", maxSplits: 9, omittingEmptySubsequences: false)
            func centiseconds(_ text: Substring) -> Int64 {
                let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
                let seconds = parts[2].split(separator: ".")
                return (Int64(parts[0])! * 3600 + Int64(parts[1])! * 60 + Int64(seconds[0])!) * 100 + Int64(seconds[1])!
            }
            let text = String(fields[9]).replacingOccurrences(of: "\\N", with: "\n").trimmingCharacters(in: .newlines)
            return (centiseconds(fields[1]), centiseconds(fields[2]), text)
        }
    }

    @Test func pysubs2ExampleGivesItsASS() throws {
        let folder = try #require(TestFiles.corpus).appendingPathComponent("ttml/pysubs2")
        let (timeline, _) = try Convert.read(folder.appendingPathComponent("ttml_example.ttml"))
        let expected = try Self.dialogues(folder.appendingPathComponent("ttml_example.ass"))
        #expect(timeline.cues.count == expected.count)
        for (cue, line) in zip(timeline.cues, expected) {
            #expect(cue.start!.milliseconds == line.start * 10 && cue.end!.milliseconds == line.end * 10)
            #expect(cue.plainText == line.text)
        }
    }

    @Test func pysubs2SerializeReference() throws {
        let url = try #require(TestFiles.corpus).appendingPathComponent("ttml/pysubs2/ttml_serialize_reference.ttml")
        let (timeline, diagnostics) = try Convert.read(url)
        #expect(timeline.cues.map(\.start?.milliseconds) == [1_000, 2_000, 2_000, 3_000, 4_000])
        #expect(timeline.cues.map(\.end?.milliseconds) == [2_000, 3_000, 3_000, 4_000, 5_000])
        #expect(timeline.cues[0].plainText == "Newline test\nNewline test\nHardspace test End of test")
        #expect(timeline.cues[1].text == [
            .text("Regular text"), .element(SpanElement(.italic, children: [.text("Now in italics")])), .text("not anymore"),
        ])
        // style="My Italic": one style whose id holds a space (a repair); a span turns italic off.
        #expect(timeline.cues[2].text == [
            .element(SpanElement(.italic, children: [.text("Italic text")])), .text("Now in regular"),
            .element(SpanElement(.italic, children: [.text("Italic again")])),
        ])
        #expect(diagnostics.map(\.code).contains("ttml.style-id-space"))
    }
}
