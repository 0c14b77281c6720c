import Foundation
import Testing
@testable import CueKit

/// Reading and writing SRT through the converter, with chosen options.
enum SRTSupport {
    struct Read {
        var timeline: Timeline
        var diagnostics: [Diagnostic]
        var encoding: TextDecoding.Encoding
    }

    static func read(_ bytes: [UInt8], name: String, options: ReadOptions = ReadOptions()) throws -> Read {
        var diagnostics = Diagnostics()
        let input = try Converter(readOptions: options).read(bytes, name: name, format: .srt, diagnostics: &diagnostics)
        return Read(timeline: input.timeline, diagnostics: diagnostics.items, encoding: input.encoding)
    }

    static func read(_ text: String, name: String = "input.srt", options: ReadOptions = ReadOptions()) throws -> Read {
        try read(Array(text.utf8), name: name, options: options)
    }

    static func read(_ url: URL, options: ReadOptions = ReadOptions()) throws -> Read {
        try read(TestFiles.bytes(url), name: url.lastPathComponent, options: options)
    }

    /// The error reading throws, or nil.
    static func error(_ url: URL, options: ReadOptions = ReadOptions()) -> Diagnostic? {
        do {
            _ = try read(url, options: options)
            return nil
        } catch {
            return error as? Diagnostic
        }
    }

    /// `timeline` as SRT text (times as they are: no inference).
    static func write(_ timeline: Timeline, options: WriteOptions = WriteOptions()) throws -> (text: String, diagnostics: [Diagnostic]) {
        var diagnostics = Diagnostics()
        let bytes = try Converter(writeOptions: options).write(timeline, as: .srt, diagnostics: &diagnostics)
        return (String(decoding: bytes, as: UTF8.self), diagnostics.items)
    }

    static func text(_ url: URL) throws -> String {
        String(decoding: try TestFiles.bytes(url), as: UTF8.self)
    }

    static func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }
}

@Suite("SRT reader")
struct SRTReaderTests {
    /// Times in the common form take a fixed-place reading; every spelling
    /// around it (separator, arrow spacing, what follows) gives the same
    /// times as the general reading, and the near misses are still repaired.
    @Test func commonTimesReadTheSameAsTheGeneralReading() throws {
        var state: UInt64 = 99
        func next(_ bound: Int64) -> Int64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64(state >> 33) % bound
        }
        func clock(_ ms: Int64, _ separator: String) -> String {
            String(format: "%02lld:%02lld:%02lld%@%03lld", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, separator, ms % 1000)
        }
        var srt = ""
        var expected: [(Int64, Int64)] = []
        let arrows = [" --> ", "-->", "\t-->\t", "  -->  "]
        var time: Int64 = 0
        for index in 0..<400 {
            let start = time + next(8_000_000), end = start + next(10_000)  // up to about 900 hours
            time = end
            let separator = index % 3 == 0 ? "." : ","
            let tail = index % 5 == 0 ? " X1:10 X2:20 Y1:30 Y2:40" : (index % 7 == 0 ? "  " : "")
            srt += "\(index + 1)\n\(clock(start, separator))\(arrows[index % arrows.count])\(clock(end, separator))\(tail)\nline \(index)\n\n"
            expected.append((start, end))
        }
        let read = try SRTSupport.read(srt, name: "times.srt")
        #expect(read.timeline.cues.map { $0.start?.milliseconds ?? -1 } == expected.map(\.0))
        #expect(read.timeline.cues.map { $0.end?.milliseconds ?? -1 } == expected.map(\.1))
        #expect(read.diagnostics.allSatisfy { $0.severity != .warning })
        // Near misses of the common form go the general way and are repaired.
        let near = try SRTSupport.read("1\n00:60:00,000 --> 00:61:00,0000\nx\n", name: "near.srt")
        #expect(near.timeline.cues.first?.start == SRTSupport.ms(3_600_000))
        #expect(near.timeline.cues.first?.end == SRTSupport.ms(3_660_000))
        #expect(Set(near.diagnostics.map(\.code)) == ["srt.time-out-of-range", "srt.long-fraction"])
    }

    @Test func cueNumbersPastIntMaxAreReadNotTrapped() throws {
        // Found by scripts/fuzz (Samples/fuzz/srt-cue-number-overflow.srt):
        // the expected next number overflowed after a number of 20 digits.
        let fuzzed = try SRTSupport.read(TestFiles.sample("fuzz/srt-cue-number-overflow.srt"))
        #expect(fuzzed.timeline.cues.count == 2)
        let read = try SRTSupport.read(
            "9223372036854775807\n00:00:01,000 --> 00:00:02,000\na\n\n99999999999999999999\n00:00:03,000 --> 00:00:04,000\nb\n\n3\n00:00:05,000 --> 00:00:06,000\nc\n",
            name: "numbers.srt")
        #expect(read.timeline.cues.map(\.plainText) == ["a", "b", "c"])
        let note = read.diagnostics.first { $0.location == SourceLocation(file: "numbers.srt", line: 1, column: 1) }
        #expect(note?.message.hasPrefix("expected cue number 1, found 9223372036854775807 (2 cue number(s) out of sequence") == true)
        #expect(try SRTSupport.write(read.timeline).text.hasPrefix("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n"))
    }

    @Test func readsTheCanonicalSample() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/canonical.srt"))
        #expect(read.diagnostics.isEmpty)
        let cues = read.timeline.cues
        #expect(cues.map(\.start?.milliseconds) == [1000, 3500, 7250, 10_001, 62_003])
        #expect(cues.map(\.end?.milliseconds) == [3500, 7250, 10_001, 12_000, 3_723_004])
        #expect(cues[0].text == [.text("Welcome to the show.")])
        #expect(cues[1].text == [
            .element(SpanElement(.italic, children: [.text("This line is in italics,")])),
            .lineBreak,
            .text("and this one is "),
            .element(SpanElement(.bold, children: [.text("bold")])),
            .text(" and "),
            .element(SpanElement(.underline, children: [.text("underlined")])),
            .text("."),
        ])
        #expect(cues[2].text == [.element(SpanElement(.class, classes: ["yellow"], children: [.text("Yellow, as WebVTT's yellow class.")]))])
        #expect(cues[3].settings == [Field("line", .string("0")), Field("align", .string("center"))])
        #expect(cues[3].text == [.text("At the top of the picture.")])
        #expect(cues.allSatisfy { $0.extras.isEmpty && $0.id == nil && $0.speaker == nil })
        #expect(cues[4].location == SourceLocation(file: "canonical.srt", line: 19, column: 1))
    }

    @Test func crlfAndByteOrderMarkReadTheSame() throws {
        let plain = try SRTSupport.read(TestFiles.sample("srt/canonical.srt"))
        let windows = try SRTSupport.read(TestFiles.sample("srt/crlf-bom.srt"))
        #expect(windows.timeline == plain.timeline)
        #expect(windows.encoding == .utf8WithBOM)
        #expect(windows.diagnostics.isEmpty)
    }

    @Test func carriageReturnLineEnds() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/cr-only.srt"))
        #expect(read.timeline.cues.map(\.plainText) == ["Old Mac line ends:\ncarriage returns only.", "Second cue."])
        #expect(read.timeline.cues[1].location?.line == 7)
    }

    @Test func dotsSpacesAndLongHoursAreAcceptedSilently() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/dot-milliseconds.srt"))
        #expect(read.diagnostics.isEmpty)
        #expect(read.timeline.cues.map(\.start?.milliseconds) == [1000, 2500, 4000, 360_000_000])
        #expect(read.timeline.cues.map(\.end?.milliseconds) == [2500, 4000, 5000, 360_001_000])
        #expect(read.timeline.cues[1].plainText == "Extra spaces around the arrow.")
    }

    @Test func timingLinesStartCuesWithoutNumbersOrBlankLines() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/no-numbers.srt"))
        #expect(read.timeline.cues.map(\.plainText) == [
            "No numbers at all.", "Three blank lines above.", "No blank line above.",
            "A number but no blank line above, and no final newline.",
        ])
        #expect(read.timeline.cues.map(\.start?.milliseconds) == [1000, 2000, 3000, 4000])
        let missing = read.diagnostics.filter { $0.code == "srt.missing-blank-line" }
        #expect(missing.map(\.location?.line) == [8, 11])
        #expect(missing.allSatisfy { $0.severity == .warning })
        let unnumbered = read.diagnostics.first { $0.code == "srt.no-number" }
        #expect(unnumbered?.severity == .note)
        #expect(unnumbered?.message.hasPrefix("3 cue(s) have no cue number") == true)
    }

    @Test func repairsAreWarningsWithTheirPlace() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/repairs.srt"))
        let cues = read.timeline.cues
        // Short fractions are decimal: ,5 is 500 ms and ,25 is 250 ms.
        #expect(cues.map(\.start?.milliseconds) == [1500, 3000, 5000, 90_740, 100_000])
        #expect(cues.map(\.end?.milliseconds) == [2250, 4000, 6000, 91_000, 95_000])
        let found = read.diagnostics.map { "\($0.code)@\($0.location!.line):\($0.location!.column)" }
        #expect(found == [
            "srt.short-fraction@2:1", "srt.short-fraction@2:16",
            "srt.missing-hours@6:1", "srt.missing-hours@6:15",
            "srt.missing-milliseconds@10:1", "srt.missing-milliseconds@10:14",
            "srt.time-out-of-range@14:1", "srt.time-out-of-range@14:18",
            "srt.end-before-start@18:18",
        ])
        #expect(read.diagnostics[0].description
            == "repairs.srt:2:1: warning: [srt] expected three millisecond digits in the start time, found '00:00:01,5'; read as a decimal fraction, 00:00:01,500 (some tools would read 5 ms)")
        #expect(read.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func aColonBeforeTheMillisecondsIsARepair() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/colon-milliseconds.srt"))
        #expect(read.timeline.cues.map(\.start?.milliseconds) == [1000, 4609, 7000])
        #expect(read.timeline.cues.map(\.end?.milliseconds) == [4609, 6500, 9100])
        let found = read.diagnostics.map { "\($0.code)@\($0.location!.line):\($0.location!.column)" }
        #expect(found == ["srt.colon-fraction@2:1", "srt.colon-fraction@2:18", "srt.colon-fraction@6:1", "srt.colon-fraction@10:17"])
        #expect(read.diagnostics[1].description
            == "colon-milliseconds.srt:2:18: warning: [srt] expected ',' before the milliseconds in the end time, found '00:00:04:609'; read as 00:00:04,609")
        let strict = SRTSupport.error(TestFiles.sample("srt/colon-milliseconds.srt"), options: ReadOptions(strict: true))
        #expect(strict?.code == "srt.colon-fraction")
        #expect(strict?.location == SourceLocation(file: "colon-milliseconds.srt", line: 2, column: 1))
        // One or two digits after a third colon are a frame count (SMPTE), not milliseconds.
        for text in ["1\n00:00:01:12 --> 00:00:02,000\nx\n", "1\n00:00:01,000 --> 00:00:02:5\nx\n"] {
            #expect(throws: Diagnostic.self, "\(text)") { try SRTSupport.read(text) }
        }
    }

    @Test func strictModeTurnsTheFirstRepairIntoAnError() {
        let error = SRTSupport.error(TestFiles.sample("srt/repairs.srt"), options: ReadOptions(strict: true))
        #expect(error?.severity == .error)
        #expect(error?.code == "srt.short-fraction")
        #expect(error?.location == SourceLocation(file: "repairs.srt", line: 2, column: 1))
    }

    @Test func everyKindOfRepairFailsInStrictMode() throws {
        let cases: [(String, String)] = [
            ("1\n00:00:01,5 --> 00:00:02,000\nx\n", "srt.short-fraction"),
            ("1\n00:00:01,5000 --> 00:00:02,000\nx\n", "srt.long-fraction"),
            ("1\n01:02,000 --> 01:03,000\nx\n", "srt.missing-hours"),
            ("1\n00:00:01 --> 00:00:02,000\nx\n", "srt.missing-milliseconds"),
            ("1\n00:0:1,000 --> 00:00:02,000\nx\n", "srt.time-digits"),
            ("1\n00:00:61,000 --> 00:01:02,000\nx\n", "srt.time-out-of-range"),
            ("1\n00:00:01:000 --> 00:00:02,000\nx\n", "srt.colon-fraction"),
            ("1\n00:00:01,000 --> 00:00:02,000\nx\n2\n00:00:03,000 --> 00:00:04,000\ny\n", "srt.missing-blank-line"),
            ("1\n00:00:01,000 --> 00:00:02,000\nx\n\nmore text\n", "srt.blank-line-in-text"),
            ("Title\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n", "srt.text-before-first-cue"),
            ("1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n", "srt.number-without-cue"),
            ("intro\n00:00:01,000 --> 00:00:02,000\nx\n", "srt.not-a-number"),
        ]
        for (text, code) in cases {
            let lenient = try SRTSupport.read(text)
            #expect(lenient.diagnostics.contains { $0.code == code && $0.severity == .warning }, "\(code)")
            #expect(lenient.timeline.cues.count >= 1)
            #expect(throws: Diagnostic.self, "\(code)") { try SRTSupport.read(text, options: ReadOptions(strict: true)) }
            do {
                _ = try SRTSupport.read(text, options: ReadOptions(strict: true))
            } catch let error as Diagnostic {
                #expect(error.code == code)
                #expect(error.severity == .error)
            } catch {}
        }
    }

    @Test func strayTextAndStrayNumbersAreKeptOrSkippedAsDocumented() throws {
        let read = try SRTSupport.read("Title line\n\n1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nsecond part\n\n2\n\n3\n00:00:03,000 --> 00:00:04,000\nthird\n")
        #expect(read.timeline.cues.map(\.plainText) == ["first\nsecond part", "third"])
        #expect(read.diagnostics.first { $0.code == "srt.text-before-first-cue" }?.location?.line == 1)
        #expect(read.diagnostics.first { $0.code == "srt.blank-line-in-text" }?.location?.line == 7)
        #expect(read.diagnostics.first { $0.code == "srt.number-without-cue" }?.location?.line == 9)
    }

    @Test func aLineBeforeTheTimingThatIsNotANumberBecomesTheId() throws {
        let read = try SRTSupport.read("Intro\n00:00:01,000 --> 00:00:02,000\nHello\n")
        #expect(read.timeline.cues.first?.id == "Intro")
        #expect(read.timeline.cues.first?.plainText == "Hello")
    }

    @Test func overlapsAreWarningsWithTheirLine() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/markup.srt"))
        let overlap = read.diagnostics.filter { $0.code == "srt.overlap" }
        #expect(overlap.count == 1)
        #expect(overlap.first?.description
            == "markup.srt:21:1: warning: [srt] expected the cue to start at or after 00:00:05,000, when the cue timed on line 16 ends; found 00:00:04,500: the cues overlap")
    }

    @Test func repeatedWarningsAreCappedWithACount() throws {
        var text = ""
        for index in 0..<25 { text += "\(index + 1)\n00:00:\(String(format: "%02d", index)),5 --> 00:00:\(String(format: "%02d", index + 1)),000\nx\n\n" }
        let read = try SRTSupport.read(text)
        let short = read.diagnostics.filter { $0.code == "srt.short-fraction" }
        #expect(short.count == 11)
        #expect(short.last?.message == "15 more like the 'srt.short-fraction' warnings above (25 in all)")
    }

    @Test func markupMapsToSpansAndSettings() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/markup.srt"))
        let cues = read.timeline.cues
        #expect(cues[0].extras[.srt]?["timing"] == .string("X1:100 X2:600 Y1:050 Y2:100"))
        #expect(cues[0].plainText == "Display coordinates after the end time.")
        #expect(!read.diagnostics.contains { $0.code == "srt.timing-text" })
        #expect(cues[1].text == [
            .text("Struck out, "),
            .element(SpanElement(.class, classes: ["red"], children: [.text("small and red")])),
            .lineBreak,
            .element(SpanElement(.bold, children: [.text("Upper-case tags")])),
            .text(" and an unknown tag."),
        ])
        #expect(cues[1].extras[.srt]?["markup"] == .string(
            "<s>Struck out</s>, <font size=\"8\" color=\"red\">small and red</font>\n<B>Upper-case tags</B> and an <unknown>unknown tag</unknown>."))
        #expect(cues[2].text == [
            .text("2<3 and 5>1 are text, and so is {this}."), .lineBreak, .text("An override block, then MicroDVD."),
        ])
        #expect(cues[3].settings == [Field("line", .string("-1")), Field("align", .string("left"))])
        #expect(cues[3].text == [
            .element(SpanElement(.italic, children: [.text("Braces")])),
            .text(" and "),
            .element(SpanElement(.class, classes: ["lime"], children: [.text("lime")])),
            .lineBreak,
            .text("bottom left, then "),
            .element(SpanElement(.bold, children: [.text("an unclosed tag")])),
        ])
        // Text whose spans give it back exactly keeps no copy.
        #expect(cues[4].extras.isEmpty)
    }

    @Test func markupEdgeCases() {
        // Nested tags close inner ones; a stray closing tag is ignored; <br> breaks the line.
        #expect(SRTMarkup.parse("<b><i>x</b>y</i>").spans == [
            .element(SpanElement(.bold, children: [.element(SpanElement(.italic, children: [.text("x")]))])), .text("y"),
        ])
        #expect(SRTMarkup.parse("a<br>b").spans == [.text("a"), .lineBreak, .text("b")])
        #expect(SRTMarkup.parse("a < b > c").spans == [.text("a < b > c")])
        #expect(SRTMarkup.parse("{\\an9}x{\\an1}").alignment == 9)
        #expect(SRTMarkup.parse("<font face=\"Arial\">x</font>").spans == [.text("x")])
        #expect(SRTMarkup.parse("<font color='#F00'>x</font>").spans == [.element(SpanElement(.class, classes: ["red"], children: [.text("x")]))])
        #expect(SRTMarkup.parse("<font color=\"#123abc\">x</font>").spans == [.element(SpanElement(.class, classes: ["color-123abc"], children: [.text("x")]))])
        #expect(SRTMarkup.parse("<font color=brown size=24>x</font>").spans == [.element(SpanElement(.class, classes: ["color-brown"], children: [.text("x")]))])
    }

    @Test func speakerLabelsAreReadOnlyWhenAsked() throws {
        let url = TestFiles.sample("srt/speakers.srt")
        let plain = try SRTSupport.read(url)
        #expect(plain.timeline.cues.allSatisfy { $0.speaker == nil })
        #expect(plain.timeline.cues[0].plainText == "Ada: Welcome, everyone.")

        let read = try SRTSupport.read(url, options: ReadOptions(speakerLabels: true))
        let cues = read.timeline.cues
        #expect(cues.map(\.speaker) == ["Ada", "Ada", "GRACE HOPPER", "GRACE HOPPER", "Dr. Jane Smith", "Dr. Jane Smith", "Dr. Jane Smith"])
        #expect(cues.map(\.plainText) == [
            "Welcome, everyone.", "Still Ada, without a label.", "A YouTube-style label.",
            "Note: this is not a speaker.", "\nA label alone on its line.",
            "The same speaker, labelled again.", "So here is the thing: too many words for a name.",
        ])
        #expect(cues[2].extras[.srt]?["label"] == .string(">> GRACE HOPPER: "))
        #expect(cues[5].extras[.srt]?["label"] == .string("Dr. Jane Smith: "))
        #expect(cues[0].extras.isEmpty && cues[4].extras.isEmpty)
    }

    @Test func speakerLabelRules() {
        func name(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { SRTSpeakerLabel.find($0, from: 0, to: $0.count)?.name }
        }
        #expect(name("Travis: When you first get") == "Travis")
        #expect(name("John Doe: hi") == "John Doe")
        #expect(name("SPEAKER 2: hi") == "SPEAKER 2")
        #expect(name(">> ALICE: hi") == "ALICE")
        #expect(name(">>ALICE: hi") == "ALICE")
        #expect(name("Zoë: hi") == "Zoë")
        #expect(name("Ada:") == "Ada")
        #expect(name("Note: hi") == nil)
        #expect(name("PS: hi") == nil)
        #expect(name("note: hi") == nil)
        #expect(name("ada: hi") == nil)
        #expect(name("So here is the thing: hi") == nil)
        #expect(name("The time is 10:30") == nil)
        #expect(name("10:30 is the time") == nil)
        #expect(name("Ada:hi") == nil)
        #expect(name("http://example.com") == nil)
        #expect(name("Ada  Lovelace: two spaces") == nil)
        #expect(name("An Extremely Long Name That Goes On: x") == nil)
    }

    @Test func malformedFilesGiveLocatedErrorsNamingExpectedAndFound() {
        let expected: [(String, String)] = [
            ("srt-missing-arrow.srt", "srt-missing-arrow.srt:6:14: error: [srt] expected '-->' after the start time, found '->'"),
            ("srt-bad-time.srt", "srt-bad-time.srt:6:18: error: [srt] expected an end time such as 00:01:02,500, found '00:0004,000': minutes and seconds have two digits"),
            ("srt-missing-timing.srt", "srt-missing-timing.srt:6:1: error: [srt] expected a timing line such as 00:00:01,000 --> 00:00:02,000 after cue number 2, found 'The timing line of this cue is missing.'"),
            ("srt-no-cues.srt", "srt-no-cues.srt:1:1: error: [srt] expected a timing line such as 00:00:01,000 --> 00:00:02,000, found 'This is a plain text file,'; the file has no cue"),
        ]
        for (file, description) in expected {
            #expect(SRTSupport.error(TestFiles.sample("invalid/" + file))?.description == description)
        }
        #expect(SRTSupport.error(TestFiles.sample("invalid/srt-short-fraction.srt"), options: ReadOptions(strict: true))?.description
            == "srt-short-fraction.srt:2:1: error: [srt] expected three millisecond digits in the start time, found '00:00:01,5'; read as a decimal fraction, 00:00:01,500 (some tools would read 5 ms)")
        #expect(SRTSupport.error(TestFiles.sample("invalid/srt-short-fraction.srt")) == nil)
        #expect(SRTSupport.error(TestFiles.sample("invalid/srt-invalid-gb2312.srt"), options: ReadOptions(encoding: "GB2312"))?.description
            == "srt-invalid-gb2312.srt:3:3: error: [srt] expected text in GB2312, the encoding named, found bytes 0xFF 0xFF, which is not valid in it")
    }

    @Test func badTimingLinesName() throws {
        func message(_ text: String) -> String? {
            do {
                _ = try SRTSupport.read(text)
                return nil
            } catch {
                return (error as? Diagnostic)?.description
            }
        }
        #expect(message("1\nbadstarttime --> 00:00:02,000\nx\n") == "input.srt:2:1: error: [srt] expected a start time such as 00:01:02,500, found 'badstarttime'")
        #expect(message("1\n00:00:01,000 -->\nx\n") == "input.srt:2:17: error: [srt] expected an end time such as 00:01:02,500, found the end of the line")
        // Two digits after a third colon are a frame count (00:00:01:500 is read, a repair).
        #expect(message("1\n00:00:01:50 --> 00:00:02,000\nx\n") == "input.srt:2:1: error: [srt] expected a start time such as 00:01:02,500, found '00:00:01:50'")
        #expect(message("1\n00:00:01,000 00:00:02,000\nx\n") == "input.srt:2:14: error: [srt] expected '-->' after the start time, found '00:00:02,000'")
        #expect(message("1\n90,000 --> 91,000\nx\n") == "input.srt:2:1: error: [srt] expected a start time such as 00:01:02,500, found '90,000'")
        // Text that merely contains an arrow or a time stays text.
        let read = try SRTSupport.read("1\n00:00:01,000 --> 00:00:02,000\nA --> B\nat 10:30 sharp\n")
        #expect(read.timeline.cues.first?.plainText == "A --> B\nat 10:30 sharp")
    }

    @Test func emptyFilesAndEmptyCues() throws {
        let empty = try SRTSupport.read("\r\n\r\n")
        #expect(empty.timeline.cues.isEmpty)
        #expect(empty.diagnostics.map(\.code) == ["srt.empty"])
        let read = try SRTSupport.read("1\n00:00:01,000 --> 00:00:02,000\n\n\n2\n00:00:02,000 --> 00:00:03,000\nText\n")
        #expect(read.timeline.cues.map(\.text) == [[], [.text("Text")]])
    }

    @Test func sniffsSRTContent() {
        #expect(SRTFormat.looksLikeSRT(ArraySlice("1\n00:00:01,000 --> 00:00:02,000\nx".utf8)))
        #expect(SRTFormat.looksLikeSRT(ArraySlice("\n00:00:01.000 --> 00:00:02.000\nx".utf8)))
        #expect(!SRTFormat.looksLikeSRT(ArraySlice("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx".utf8)))
        #expect(!SRTFormat.looksLikeSRT(ArraySlice("---\ntitle: x\n".utf8)))
        #expect(FormatRegistry.standard.sniff(Array("1\n00:00:01,000 --> 00:00:02,000\nx\n".utf8))?.id == .srt)
    }
}

@Suite("SRT writer")
struct SRTWriterTests {
    @Test func srtToSRTKeepsEveryCueAndTagAndIsStable() throws {
        let source = try SRTSupport.text(TestFiles.sample("srt/markup.srt"))
        let read = try SRTSupport.read(TestFiles.sample("srt/markup.srt"))
        let (written, diagnostics) = try SRTSupport.write(read.timeline)
        #expect(diagnostics.isEmpty)
        // Only the two spaces before the coordinates become one.
        #expect(written == source.replacingOccurrences(of: ",000  X1:", with: ",000 X1:"))
        let again = try SRTSupport.write(try SRTSupport.read(written).timeline).text
        #expect(again == written)
    }

    @Test func canonicalSampleRoundTripsByteForByte() throws {
        let source = try SRTSupport.text(TestFiles.sample("srt/canonical.srt"))
        let written = try SRTSupport.write(try SRTSupport.read(TestFiles.sample("srt/canonical.srt")).timeline).text
        #expect(written == source)
        // The CRLF + BOM variant is written back the same way when asked.
        let windows = try SRTSupport.write(
            try SRTSupport.read(TestFiles.sample("srt/crlf-bom.srt")).timeline,
            options: WriteOptions(crlf: true, byteOrderMark: true)).text
        #expect(Array(windows.utf8) == (try TestFiles.bytes(TestFiles.sample("srt/crlf-bom.srt"))))
    }

    @Test func speakerLabelsRoundTrip() throws {
        let url = TestFiles.sample("srt/speakers.srt")
        let read = try SRTSupport.read(url, options: ReadOptions(speakerLabels: true))
        #expect(try SRTSupport.write(read.timeline).text == (try SRTSupport.text(url)))
    }

    @Test func writesSequentialNumbersCommaTimesAndLFByDefault() throws {
        let timeline = Timeline(cues: [
            Cue(id: "a", start: SRTSupport.ms(1), end: SRTSupport.ms(999), speaker: "Ada", text: [.text("One")]),
            Cue(start: SRTSupport.ms(1001), end: SRTSupport.ms(3_600_000 + 59_999), speaker: "Ada", text: [.text("Two")]),
            Cue(start: SRTSupport.ms(360_000_001), end: SRTSupport.ms(360_000_002), speaker: "Grace", text: [.text("Three")]),
        ])
        let expected = "1\n00:00:00,001 --> 00:00:00,999\nAda: One\n\n2\n00:00:01,001 --> 01:00:59,999\nTwo\n\n3\n100:00:00,001 --> 100:00:00,002\nGrace: Three\n"
        #expect(try SRTSupport.write(timeline).text == expected)
        let windows = try SRTSupport.write(timeline, options: WriteOptions(crlf: true, byteOrderMark: true)).text
        #expect(windows == "\u{FEFF}" + expected.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func stylingSettingsAndLosses() throws {
        let timeline = Timeline(cues: [
            Cue(start: .zero, end: SRTSupport.ms(1000), text: [
                .element(SpanElement(.class, classes: ["yellow"], children: [.text("gold")])),
                .text(" "),
                .element(SpanElement(.class, classes: ["color-ff8800"], children: [.text("orange")])),
            ], settings: [Field("line", .string("0")), Field("align", .string("start"))]),
            Cue(start: SRTSupport.ms(1000), end: SRTSupport.ms(2000), text: [
                .element(SpanElement(.voice("Ada"), children: [.text("voiced")])),
                .element(SpanElement(.class, classes: ["loud"], children: [.text(" loud")])),
            ], settings: [Field("position", .string("10%")), Field("align", .string("center"))]),
            Cue(start: SRTSupport.ms(2000), end: SRTSupport.ms(3000), text: []),
            Cue(start: SRTSupport.ms(3000), end: SRTSupport.ms(4000), text: [.text("after an empty cue")],
                settings: [Field("line", .string("50%"))]),
        ])
        let (text, diagnostics) = try SRTSupport.write(timeline)
        #expect(text == """
            1
            00:00:00,000 --> 00:00:01,000
            {\\an7}<font color="#ffff00">gold</font> <font color="#ff8800">orange</font>

            2
            00:00:01,000 --> 00:00:02,000
            voiced loud

            3
            00:00:02,000 --> 00:00:03,000

            4
            00:00:03,000 --> 00:00:04,000
            {\\an5}after an empty cue

            """)
        #expect(diagnostics.map(\.code).sorted() == ["srt.lossy-settings", "srt.lossy-styling"])
        #expect(diagnostics.first { $0.code == "srt.lossy-styling" }?.message.hasPrefix("1 cue(s)") == true)
        // The empty cue reads back as an empty cue.
        #expect(try SRTSupport.read(text).timeline.cues.map(\.text.isEmpty) == [false, false, true, false])
    }

    @Test func positionsMapBothWays() {
        for number in 1...9 {
            #expect(NumpadPosition.alignment(from: NumpadPosition.settings(forAlignment: number)).number == number)
        }
        #expect(NumpadPosition.alignment(from: [Field("align", .string("center"))]).number == nil)
        #expect(NumpadPosition.alignment(from: [Field("align", .string("end"))]).number == 3)
        #expect(NumpadPosition.alignment(from: [Field("line", .string("90%"))]).number == 2)
    }

    @Test func srtOnlyDataIsReportedWhenWrittenElsewhere() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/markup.srt"))
        let (_, diagnostics) = try Convert.write(read.timeline, as: .vtt, sourceFormat: .srt)
        let loss = diagnostics.first { $0.code == "srt.lossy-elsewhere" }
        #expect(loss?.message == "3 cue(s) have SRT markup that maps to no span (such as <s>, <font size>, unknown tags or {\\…} codes) and 1 cue(s) have text after the end time (such as X1: X2: Y1: Y2: coordinates), which vtt cannot hold; written without it")
        let (_, toTimeline) = try Convert.write(read.timeline, as: .timeline)
        #expect(!toTimeline.contains { $0.code == "srt.lossy-elsewhere" })
        let (_, toSRT) = try Convert.write(read.timeline, as: .srt)
        #expect(!toSRT.contains { $0.code == "srt.lossy-elsewhere" })
    }
}

@Suite("SRT times across formats")
struct SRTTimesTests {
    @Test func srtToWebVTTKeepsEveryMillisecond() throws {
        let read = try SRTSupport.read(TestFiles.sample("srt/canonical.srt"))
        let (vtt, _) = try Convert.write(read.timeline, as: .vtt, sourceFormat: .srt)
        let cues = CaptionOracle.cues(vtt)
        #expect(cues.map(\.start) == [1000, 3500, 7250, 10_001, 62_003])
        #expect(cues.map(\.end) == [3500, 7250, 10_001, 12_000, 3_723_004])
        #expect(vtt.contains("00:00:10.001 --> 00:00:12.000 line:0 align:center\nAt the top of the picture.\n"))
        #expect(vtt.contains("<c.yellow>Yellow, as WebVTT's yellow class.</c>"))
    }

    /// Stands in for VTT to SRT until the WebVTT reader lands: a timeline as
    /// a WebVTT reader would give it (times, settings, classes), through
    /// timeline JSON, to SRT.
    @Test func timelineToSRTKeepsEveryMillisecond() throws {
        let times: [(Int64, Int64)] = [(0, 1), (999, 1000), (1001, 59_999), (60_000, 3_599_999), (3_600_001, 360_000_123)]
        let timeline = Timeline(cues: times.enumerated().map { index, time in
            Cue(id: "c\(index)", start: SRTSupport.ms(time.0), end: SRTSupport.ms(time.1), text: [.text("cue \(index)")])
        })
        var diagnostics = Diagnostics()
        let json = try Converter().write(timeline, as: .timeline, diagnostics: &diagnostics)
        let (fromJSON, _) = try Convert.read(json, name: "cues.timeline.json")
        let (srt, _) = try Convert.write(fromJSON, as: .srt, sourceFormat: .timeline)
        #expect(srt.contains("1\n00:00:00,000 --> 00:00:00,001\n"))
        #expect(srt.contains("5\n01:00:00,001 --> 100:00:00,123\n"))
        let cues = try SRTSupport.read(srt).timeline.cues
        #expect(cues.map(\.start!.milliseconds) == times.map(\.0))
        #expect(cues.map(\.end!.milliseconds) == times.map(\.1))
    }

    @Test func episodeToSRTKeepsEveryStartToTheMillisecond() throws {
        let (episode, _) = try Convert.read(TestFiles.sample("episode/hard-cases.md"))
        // The times inference keeps from the episode (it sets aside one that goes backwards).
        var prepared = Diagnostics()
        let timed = try Converter(segmentation: .never).prepared(episode, for: .srt, sourceFormat: .episode, diagnostics: &prepared)
        let kept = zip(episode.cues, timed.cues).compactMap { source, cue in
            source.start != nil && source.start == cue.start ? cue.start!.milliseconds : nil
        }
        #expect(kept == [12_000, 65_000, 70_000, 90_000, 120_000, 150_000])
        // Whole lines: every cue has exactly the time inference gave it.
        let (srt, _) = try Convert.write(episode, as: .srt, sourceFormat: .episode, segmentation: .never)
        let reread = try SRTSupport.read(srt)
        #expect(reread.timeline.cues.map(\.start) == timed.cues.map(\.start))
        #expect(reread.timeline.cues.map(\.end) == timed.cues.map(\.end))
        #expect(!reread.diagnostics.contains { $0.severity == .warning })
        // Captions cut from the lines: each kept time still starts a caption.
        let (captions, _) = try Convert.write(episode, as: .srt, sourceFormat: .episode, segmentation: .auto)
        let starts = Set(try SRTSupport.read(captions).timeline.cues.map(\.start!.milliseconds))
        #expect(Set(kept).isSubset(of: starts))
    }
}

/// Every SRT file in the shared corpus: what it must read as, or the error it must give.
@Suite("SRT corpus", .enabled(if: TestFiles.hasCorpus))
struct SRTCorpusTests {
    static let folders = ["antennapod", "cdown-srt", "podcast-namespace", "pysrt"]
    static let files = folders.flatMap { TestFiles.corpusFiles("srt/" + $0, extensions: ["srt"]) }

    static func file(_ path: String) -> URL {
        TestFiles.corpus!.appendingPathComponent("srt/" + path)
    }

    /// Files broken on purpose, and where they fail.
    static let broken: [String: String] = [
        "SrtTranscriptParserTest-srtStrBad1.srt": "SrtTranscriptParserTest-srtStrBad1.srt:1:1: error: [srt] expected a start time such as 00:01:02,500, found '00:0000,000': minutes and seconds have two digits",
        "SrtTranscriptParserTest-srtStrBad2.srt": "SrtTranscriptParserTest-srtStrBad2.srt:1:18: error: [srt] expected an end time such as 00:01:02,500, found '00:0002,730': minutes and seconds have two digits",
        "SrtTranscriptParserTest-strBad3.srt": "SrtTranscriptParserTest-strBad3.srt:1:1: error: [srt] expected a timing line such as 00:00:01,000 --> 00:00:02,000, found 'John Doe: Promoting your podcast in a new'; the file has no cue",
    ]

    /// Cue counts of the files that read.
    static let cueCounts: [String: Int] = [
        "SrtTranscriptParserTest-allNewlinesStr.srt": 0,
        "SrtTranscriptParserTest-srtStr.srt": 3,
        "ascii.srt": 3, "gb2312.srt": 3,
        "example.srt": 222,
        "bom-utf-16-be.srt": 7, "bom-utf-16-le.srt": 7, "bom-utf-32-be.srt": 7, "bom-utf-32-le.srt": 7, "bom-utf-8.srt": 7,
        "capability_tester.srt": 37, "empty.srt": 7, "invalid.srt": 1, "no-indexes.srt": 7,
        "utf-8.srt": 1332, "windows-1252.srt": 1332,
    ]

    @Test func everyCorpusFileIsAccountedFor() {
        #expect(Self.files.count == 19)
        for file in Self.files {
            let name = file.lastPathComponent
            #expect(Self.broken[name] != nil || Self.cueCounts[name] != nil, "\(name) has no expectation")
        }
    }

    @Test(arguments: files)
    func readsOrFailsWithALocatedError(file: URL) throws {
        let name = file.lastPathComponent
        if let expected = Self.broken[name] {
            #expect(SRTSupport.error(file)?.description == expected)
            return
        }
        let read = try SRTSupport.read(file)
        #expect(read.timeline.cues.count == Self.cueCounts[name], "\(name)")
        for diagnostic in read.diagnostics where diagnostic.location != nil {
            #expect(diagnostic.location?.file == name)
            #expect((diagnostic.location?.line ?? 0) > 0)
        }
        // SRT to SRT keeps every cue, and writing twice gives the same bytes.
        let written = try SRTSupport.write(read.timeline).text
        let reread = try SRTSupport.read(written, name: "written.srt")
        #expect(reread.timeline.cues.count == read.timeline.cues.count)
        #expect(reread.timeline.cues.map(\.text) == read.timeline.cues.map(\.text), "\(name)")
        #expect(reread.timeline.cues.map(\.start) == read.timeline.cues.map(\.start))
        #expect(try SRTSupport.write(reread.timeline).text == written)
    }

    @Test func byteOrderMarkedFilesDecodeToTheSameText() throws {
        let reference = try SRTSupport.read(Self.file("pysrt/bom-utf-8.srt"))
        #expect(reference.encoding == .utf8WithBOM)
        #expect(reference.timeline.cues[0].plainText == "About 2 months ago I found myself on\nthe comment section of YouTube")
        #expect(reference.timeline.cues[6].plainText == "So what I thought I do is instead if answering on a YouTube comment is organize a global awareness day")
        let encodings: [(String, TextDecoding.Encoding)] = [
            ("bom-utf-16-le.srt", .utf16LE), ("bom-utf-16-be.srt", .utf16BE),
            ("bom-utf-32-le.srt", .utf32LE), ("bom-utf-32-be.srt", .utf32BE),
        ]
        for (name, encoding) in encodings {
            let read = try SRTSupport.read(Self.file("pysrt/" + name))
            #expect(read.encoding == encoding, "\(name)")
            #expect(read.diagnostics.isEmpty, "\(name)")
            #expect(read.timeline == reference.timeline, "\(name)")
        }
    }

    @Test func windows1252FallsBackWithAWarningAndMatchesTheUTF8File() throws {
        let utf8 = try SRTSupport.read(Self.file("pysrt/utf-8.srt"))
        let latin = try SRTSupport.read(Self.file("pysrt/windows-1252.srt"))
        #expect(utf8.encoding == .utf8)
        #expect(latin.encoding == .windows1252)
        let warning = latin.diagnostics.first { $0.code == "text.not-utf8" }
        #expect(warning?.description == "windows-1252.srt:7:20: warning: [srt] expected UTF-8 text, found byte 0xC9; read the file as Windows-1252")
        #expect(warning?.hint == .encoding)
        #expect(latin.timeline == utf8.timeline)
        // The decoded text, written out by hand.
        #expect(latin.timeline.cues[1].plainText == "CE FILM RELATE DES ÉVÉNEMENTS\nQUI ONT EXISTÉ.")
        #expect(latin.timeline.cues[3].plainText == "Il fut un temps,\navant l'existence du câble,")
        #expect(latin.timeline.cues[4].plainText == "où le présentateur local\nrégnait en maître.")
        #expect(latin.timeline.cues[0].start == SRTSupport.ms(1000))
        #expect(latin.timeline.cues[1331].plainText == "Downloaded From www.AllSubs.org")
        #expect(latin.timeline.cues[1331].end == SRTSupport.ms(5_849_634))
        // Strict mode refuses to guess the encoding.
        #expect(SRTSupport.error(Self.file("pysrt/windows-1252.srt"), options: ReadOptions(strict: true))?.code == "text.not-utf8")
        // Naming the encoding reads it without a warning.
        let named = try SRTSupport.read(Self.file("pysrt/windows-1252.srt"), options: ReadOptions(encoding: "Windows-1252"))
        #expect(named.timeline == utf8.timeline)
        #expect(!named.diagnostics.contains { $0.code == "text.not-utf8" })
    }

    @Test func gb2312NeedsItsEncodingNamed() throws {
        let guessed = try SRTSupport.read(Self.file("cdown-srt/gb2312.srt"))
        #expect(guessed.diagnostics.first { $0.code == "text.not-utf8" }?.location == SourceLocation(file: "gb2312.srt", line: 3, column: 1))
        let read = try SRTSupport.read(Self.file("cdown-srt/gb2312.srt"), options: ReadOptions(encoding: "GB2312"))
        #expect(read.encoding.name == "GB2312")
        #expect(read.timeline.cues.map(\.plainText) == [
            "宇宙守护神  保护我们远离邪恶",
            "他能徒手抓住子弹  拦住疾速的火车",
            "轻轻一跳就能飞跃高楼",
        ])
        #expect(read.timeline.cues.map(\.start?.milliseconds) == [27_000, 31_500, 34_100])
        let ascii = try SRTSupport.read(Self.file("cdown-srt/ascii.srt"))
        #expect(read.timeline.cues.map(\.start) == ascii.timeline.cues.map(\.start))
        #expect(ascii.diagnostics.first { $0.code == "srt.numbering" }?.message
            == "expected cue number 1, found 2 (3 cue number(s) out of sequence, first here); numbers are written 1, 2, 3, …")
    }

    @Test func capabilityTesterKeepsEveryTagThroughSRT() throws {
        let url = Self.file("pysrt/capability_tester.srt")
        let read = try SRTSupport.read(url)
        let cues = read.timeline.cues
        #expect(cues[1].text[4] == .element(SpanElement(.class, classes: ["blue"], children: [.text("This text should be blue")])))
        #expect(cues[9].extras[.srt]?["timing"] == .string("X1:000 X2:000 Y1:050 Y2:100"))
        #expect(cues[10].settings == NumpadPosition.settings(forAlignment: 8))
        // "The second position must be ignored": the first {\an} wins.
        #expect(cues[14].settings == NumpadPosition.settings(forAlignment: 4))
        #expect(cues[28].plainText == "Hide these tags: \nalso hide these tags: \nbut show this: {normal text}")
        // SRT to SRT: the file itself, with LF line ends, no BOM, and single spaces before the coordinates.
        var source = try SRTSupport.text(url).replacingOccurrences(of: "\r\n", with: "\n")
        source.removeFirst()  // the BOM
        source = source.replacingOccurrences(of: ",500  X1:", with: ",500 X1:")
        let written = try SRTSupport.write(read.timeline).text
        #expect(written + "\n" == source)
        let windows = try SRTSupport.write(read.timeline, options: WriteOptions(crlf: true, byteOrderMark: true)).text
        #expect(windows + "\r\n" == "\u{FEFF}" + source.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func toleranceCases() throws {
        let empty = try SRTSupport.read(Self.file("pysrt/empty.srt"))
        #expect(empty.timeline.cues.map(\.text.isEmpty) == [false, false, true, true, false, false, false])
        let noIndexes = try SRTSupport.read(Self.file("pysrt/no-indexes.srt"))
        let indexed = try SRTSupport.read(Self.file("pysrt/bom-utf-8.srt"))
        #expect(noIndexes.timeline == indexed.timeline)
        let invalid = try SRTSupport.read(Self.file("pysrt/invalid.srt"))
        #expect(invalid.timeline.cues.first?.start == SRTSupport.ms(1000))
        #expect(invalid.timeline.cues.first?.end == SRTSupport.ms(10_000))
        #expect(SRTSupport.error(Self.file("pysrt/invalid.srt"), options: ReadOptions(strict: true))?.description
            == "invalid.srt:2:1: error: [srt] expected milliseconds after the seconds in the start time, found '00:00:01'; read as 00:00:01,000")
    }

    @Test func antennaPodCases() throws {
        let read = try SRTSupport.read(Self.file("antennapod/SrtTranscriptParserTest-srtStr.srt"), options: ReadOptions(speakerLabels: true))
        let cues = read.timeline.cues
        #expect(cues[0].speaker == "John Doe")
        #expect(cues[0].plainText == "Promoting your podcast in a new")
        #expect(cues[0].start == .zero && cues[0].end == SRTSupport.ms(50_730))
        // '00:00:90,740' has 90 seconds: read as 90.74 s, with a repair warning.
        #expect(cues[1].start == SRTSupport.ms(90_740))
        #expect(read.diagnostics.first { $0.code == "srt.time-out-of-range" }?.location?.line == 6)
        #expect(cues[2].plainText == "We bring your favorite podcast.")
        #expect(cues[2].start == SRTSupport.ms(91_730))
        let newlines = try SRTSupport.read(Self.file("antennapod/SrtTranscriptParserTest-allNewlinesStr.srt"))
        #expect(newlines.timeline.cues.isEmpty)
        #expect(newlines.diagnostics.map(\.code) == ["srt.empty"])
    }

    @Test func podcastNamespaceExampleRoundTripsWithSpeakerLabels() throws {
        let url = Self.file("podcast-namespace/example.srt")
        let read = try SRTSupport.read(url, options: ReadOptions(speakerLabels: true))
        #expect(read.timeline.speakers == ["Travis", "Sarah", "Gilon"])
        #expect(read.timeline.cues[1].speaker == "Travis")
        #expect(try SRTSupport.write(read.timeline).text == (try SRTSupport.text(url)))
    }
}
