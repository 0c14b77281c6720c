import Foundation
import Testing
@testable import CueKit

/// Caption-to-caption conversions stream cue by cue; they must give the same
/// bytes and the same diagnostics as converting the whole timeline.
@Suite("Streaming conversion")
struct StreamingConversionTests {
    final class Collector: OutputSink {
        var bytes: [UInt8] = []
        var chunks = 0
        var failAfter: Int?

        func write(_ chunk: UnsafeBufferPointer<UInt8>) throws(Diagnostic) {
            if let failAfter, bytes.count + chunk.count > failAfter {
                throw .error("test.disk-full", "no space left")
            }
            bytes.append(contentsOf: chunk)
            chunks += 1
        }
    }

    /// Streamed and whole conversions of `bytes` to `formats`; `parallel`
    /// streams with the reader on a thread of its own, whatever the size.
    private func both(
        _ bytes: [UInt8], name: String, to formats: [FormatID], transform: TimeTransform = TimeTransform(), parallel: Bool = false
    ) throws -> (streamed: [[UInt8]], whole: [[UInt8]], streamedDiagnostics: [String], wholeDiagnostics: [String], didStream: Bool) {
        var converter = Converter()
        converter.parallelStreamingThreshold = parallel ? 0 : .max
        let collectors = formats.map { _ in Collector() }
        var streamDiagnostics = Diagnostics()
        let result = try converter.convert(
            bytes, name: name, into: zip(formats, collectors).map { ($0, $1 as any OutputSink) }, transform: transform,
            diagnostics: &streamDiagnostics)
        var wholeDiagnostics = Diagnostics()
        let whole = try converter.convert(bytes, name: name, to: formats, transform: transform, diagnostics: &wholeDiagnostics)
        return (collectors.map(\.bytes), whole.outputs.map(\.bytes),
                streamDiagnostics.items.map(\.description).sorted(), wholeDiagnostics.items.map(\.description).sorted(),
                result.streamed)
    }

    @Test(arguments: [false, true])
    func anEndBeforeItsStartIsRepairedAlikeBothWays(parallel: Bool) throws {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\none\n\n2\n00:00:05,000 --> 00:00:04,000\ninverted\n\n"
            + "3\n00:00:09,000 --> 00:00:10,000\nthree\n\n4\n00:00:20,000 --> 00:00:19,500\nlast\n"
        let result = try both(Array(srt.utf8), name: "inverted.srt", to: [.srt, .vtt], parallel: parallel)
        #expect(result.didStream)
        #expect(result.streamed == result.whole)
        #expect(result.streamedDiagnostics == result.wholeDiagnostics)
        let written = String(decoding: result.streamed[0], as: UTF8.self)
        #expect(written.contains("00:00:05,000 --> 00:00:09,000\ninverted"))
        #expect(written.contains("00:00:20,000 --> 00:00:21,000\nlast"))
        #expect(result.streamedDiagnostics.filter { $0.contains("inference.end-before-start") || $0.contains("the cue ends") }.count == 2)
    }

    @Test(arguments: [false, true])
    func anInvertedCueHeldForItsEndOwnsItsText(parallel: Bool) throws {
        // A NUL makes the WebVTT reader parse a normalised copy of the input,
        // freed when it returns; the cue held for the next start must not
        // point into it (fuzz finding, Samples/fuzz/vtt-inverted-cue-held-past-its-buffer.vtt).
        let vtt = "WEBVTT\n\n00:40:01.000 --> 00:00:02.000\nHeld until the end.\n\n00:00:03.000 --> 00:00:04.000\nA NUL \u{0} here.\n"
        let result = try both(Array(vtt.utf8), name: "held.vtt", to: [.srt, .vtt], parallel: parallel)
        #expect(result.streamed == result.whole)
        #expect(String(decoding: result.streamed[0], as: UTF8.self).contains("Held until the end."))
        let replay = try Data(contentsOf: TestFiles.sample("fuzz/vtt-inverted-cue-held-past-its-buffer.vtt"))
        let found = try both(Array(replay), name: "finding.vtt", to: [.srt, .vtt], parallel: parallel)
        #expect(found.streamed == found.whole)
        #expect(String(decoding: found.streamed[1], as: UTF8.self).contains("This cue is fine."))
    }

    /// The errors of the two ways for input that one of them cannot convert.
    private func failures(_ bytes: [UInt8], name: String, to formats: [FormatID], parallel: Bool) -> (streamed: String?, whole: String?) {
        var converter = Converter()
        converter.parallelStreamingThreshold = parallel ? 0 : .max
        func failure(_ body: (inout Diagnostics) throws -> Void) -> String? {
            var diagnostics = Diagnostics()
            do { try body(&diagnostics) } catch { return "\(error)" }
            return nil
        }
        return (
            failure { _ = try converter.convert(bytes, name: name, into: formats.map { ($0, Collector() as any OutputSink) }, diagnostics: &$0) },
            failure { _ = try converter.convert(bytes, name: name, to: formats, diagnostics: &$0) })
    }

    static let samples: [String] = {
        let directories = ["srt", "vtt"]
        return directories.flatMap { directory -> [String] in
            let url = TestFiles.sample(directory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix(".srt") || ($0.hasSuffix(".vtt") && !$0.hasSuffix(".chapters.vtt")) }
                .sorted().map { "\(directory)/\($0)" }
        }
    }()

    @Test(arguments: samples, [false, true])
    func samplesStreamToTheSameBytes(path: String, parallel: Bool) throws {
        let bytes = try TestFiles.bytes(TestFiles.sample(path))
        guard let result = try? both(bytes, name: path, to: [.vtt, .srt, .ass], parallel: parallel) else {
            // Broken on purpose: both ways stop with the same error.
            let failures = failures(bytes, name: path, to: [.vtt, .srt, .ass], parallel: parallel)
            #expect(failures.streamed != nil && failures.streamed == failures.whole, "\(path)")
            return
        }
        #expect(result.didStream)
        #expect(result.streamed == result.whole, "\(path)")
        #expect(result.streamedDiagnostics == result.wholeDiagnostics, "\(path)")
    }

    @Test(arguments: [false, true])
    func shiftedAndOutOfOrderCuesGiveTheSameWarnings(parallel: Bool) throws {
        let srt = "1\n00:00:05,000 --> 00:00:06,000\nlate\n\n2\n00:00:01,000 --> 00:00:02,000\nearly\n\n3\n00:00:00,500 --> 00:00:00,900\ngone\n"
        let result = try both(Array(srt.utf8), name: "order.srt", to: [.vtt], transform: TimeTransform(offset: -1000), parallel: parallel)
        #expect(result.streamed == result.whole)
        #expect(result.streamedDiagnostics == result.wholeDiagnostics)
        #expect(result.streamedDiagnostics.contains { $0.contains("transform.dropped") || $0.contains("were dropped") })
        #expect(result.streamedDiagnostics.contains { $0.contains("is earlier than") })
    }

    @Test(.enabled(if: TestFiles.hasCorpus), arguments: TestFiles.corpusFiles("vtt", extensions: ["vtt"], recursive: true) + TestFiles.corpusFiles("srt", extensions: ["srt"], recursive: true))
    func corpusStreamsToTheSameBytes(file: URL) throws {
        let bytes = try TestFiles.bytes(file)
        for parallel in [false, true] {
            guard let result = try? both(bytes, name: file.lastPathComponent, to: [.vtt, .srt, .ass], parallel: parallel) else {
                let failures = failures(bytes, name: file.lastPathComponent, to: [.vtt, .srt, .ass], parallel: parallel)
                #expect(failures.streamed != nil && failures.streamed == failures.whole, "\(file.lastPathComponent)")
                continue
            }
            #expect(result.streamed == result.whole, "\(file.lastPathComponent)")
            #expect(result.streamedDiagnostics == result.wholeDiagnostics, "\(file.lastPathComponent)")
        }
    }

    /// Plain cue text is copied from the input by the streaming writers:
    /// every line ending, escapes at every offset of a word, and the repairs
    /// that take a cue off that path give what the whole timeline gives.
    @Test(arguments: ["\n", "\r\n", "\r", "mixed"])
    func plainTextCopiedFromTheInputMatchesTheWholeTimeline(ending: String) throws {
        var srt = ""
        var number = 0
        func line(_ text: String, _ index: Int) -> String {
            let end = ending == "mixed" ? ["\n", "\r\n", "\r"][index % 3] : ending
            return text + end
        }
        for offset in 0..<12 {
            let padding = String(repeating: "x", count: offset)
            for text in ["\(padding)Tom & Jerry > all", "\(padding)<b not markup", "\(padding)a --> b", "\(padding)été — 東京 🙂&"] {
                number += 1
                srt += line("\(number)", number) + line("00:00:\(String(format: "%02d", number % 60)),000 --> 00:00:\(String(format: "%02d", number % 60)),500", number)
                srt += line(text, number) + line("second \(text)", number + 1) + line("", number)
            }
        }
        srt += line("900", 1) + line("00:01:00,000 --> 00:01:01,000", 1) + line("Alex:", 1) + line("label alone", 2) + line("", 3)
        srt += line("901", 1) + line("00:01:02,000 --> 00:01:03,000", 1) + line("before a blank", 1) + line("", 2) + line("after it", 3)
        for speakerLabels in [false, true] {
            var converter = Converter(readOptions: ReadOptions(speakerLabels: speakerLabels))
            converter.parallelStreamingThreshold = speakerLabels ? 0 : .max
            let collectors = [Collector(), Collector()]
            var streamed = Diagnostics(), whole = Diagnostics()
            let result = try converter.convert(Array(srt.utf8), name: "endings.srt", into: [(.vtt, collectors[0]), (.srt, collectors[1])], diagnostics: &streamed)
            let expected = try converter.convert(Array(srt.utf8), name: "endings.srt", to: [.vtt, .srt], diagnostics: &whole)
            #expect(result.streamed)
            #expect(collectors.map(\.bytes) == expected.outputs.map(\.bytes), "\(ending) labels: \(speakerLabels)")
        }
        var diagnostics = Diagnostics()
        let vtt = try Converter().convert(Array(srt.utf8), name: "endings.srt", to: [.vtt], diagnostics: &diagnostics)
        let text = String(decoding: vtt.outputs[0].bytes, as: UTF8.self)
        #expect(text.contains("\nxxxTom &amp; Jerry &gt; all\nsecond xxxTom &amp; Jerry &gt; all\n"))
        #expect(text.contains("\nxxxxxxx&lt;b not markup\n"))
        #expect(text.contains("\na --&gt; b\n"))
        #expect(text.contains("\nxxxxxxxxxxxété — 東京 🙂&amp;\n"))
    }

    /// The same for WebVTT, whose plain text may follow a `<v Name>`.
    @Test(arguments: ["\n", "\r\n", "\r"], [false, true])
    func plainWebVTTTextCopiedFromTheInputMatchesTheWholeTimeline(ending: String, parallel: Bool) throws {
        let payloads = [
            "plain & simple > all", "<v Bob>hello there", "<v  Bob   Smith >spaced name", "<v.loud Bob>with a class",
            "<v >no name", "<v Bob>\nfirst line empty", "<v Bob> \nblank first line", "<v Bob>text &amp; more",
            "two\nlines", "line\n   \nspaces only", "<v Ann>one\ntwo\nthree", "<i>styled</i>", "<v Bob><i>styled</i>",
            "a\u{0}nul", "<v Bob", "<vBob>tight", "<v\tTab>tabbed", "<v Bob>a --> b",
        ]
        var vtt = "WEBVTT" + ending + ending
        for (index, payload) in payloads.enumerated() {
            vtt += "00:00:\(String(format: "%02d", index)).000 --> 00:00:\(String(format: "%02d", index)).500" + ending
            vtt += payload.replacingOccurrences(of: "\n", with: ending) + ending + ending
        }
        let result = try both(Array(vtt.utf8), name: "plain.vtt", to: [.srt, .vtt], parallel: parallel)
        #expect(result.didStream)
        #expect(result.streamed == result.whole, "\(ending.debugDescription)")
        #expect(result.streamedDiagnostics == result.wholeDiagnostics)
        let srt = String(decoding: result.whole[0], as: UTF8.self)
        #expect(srt.contains("\nBob Smith: spaced name\n"))
        #expect(srt.contains("\nAnn: one\ntwo\nthree\n"))
    }

    @Test func largeOutputsReachTheSinkInChunks() throws {
        var srt = ""
        for index in 0..<40_000 {
            srt += "\(index + 1)\n00:00:\(String(format: "%02d", index % 60)),000 --> 00:00:\(String(format: "%02d", index % 60)),500\nLine number \(index) of a long file.\n\n"
        }
        let collector = Collector()
        var diagnostics = Diagnostics()
        _ = try Converter().convert(Array(srt.utf8), name: "long.srt", into: [(.vtt, collector)], diagnostics: &diagnostics)
        #expect(collector.chunks > 1)
        #expect(collector.bytes.count > 1 << 20)
    }

    @Test(arguments: [false, true])
    func aSinkFailureStopsTheConversion(parallel: Bool) throws {
        var srt = ""
        for index in 0..<40_000 { srt += "\(index + 1)\n00:00:01,000 --> 00:00:02,000\nText \(index)\n\n" }
        let collector = Collector()
        collector.failAfter = 10
        var diagnostics = Diagnostics()
        var converter = Converter()
        converter.parallelStreamingThreshold = parallel ? 0 : .max
        let error = #expect(throws: Diagnostic.self) {
            _ = try converter.convert(Array(srt.utf8), name: "full.srt", into: [(.vtt, collector)], diagnostics: &diagnostics)
        }
        #expect(error?.code == "test.disk-full")
        #expect(error?.format == .vtt)
        #expect(collector.bytes.isEmpty)
    }

    /// A large file read on a thread of its own gives what one thread gives,
    /// also when the reader stops at an error (strict) after many cues.
    @Test func readingAlongsideWritingGivesTheSameResult() throws {
        var srt = ""
        for index in 0..<30_000 {
            srt += "\(index + 1)\n00:\(String(format: "%02d", index / 600 % 60)):\(String(format: "%02d", index / 10 % 60)),\(String(format: "%03d", index % 10 * 100)) --> 00:59:59,999\n"
            srt += index % 7 == 0 ? "<i>Line</i> \(index) été 東京\n\n" : "Line \(index) & more\nsecond line\n\n"
        }
        var sequential = Converter(), parallel = Converter()
        sequential.parallelStreamingThreshold = .max
        parallel.parallelStreamingThreshold = 1 << 20
        #expect(srt.utf8.count > 1 << 20)
        var outputs: [[[UInt8]]] = [], reports: [[String]] = []
        for converter in [sequential, parallel] {
            let collectors = [Collector(), Collector()]
            var diagnostics = Diagnostics()
            let result = try converter.convert(
                Array(srt.utf8), name: "long.srt", into: [(.vtt, collectors[0]), (.srt, collectors[1])], diagnostics: &diagnostics)
            #expect(result.streamed)
            outputs.append(collectors.map(\.bytes))
            reports.append(diagnostics.items.map(\.description))
        }
        let sameOutputs = outputs[0] == outputs[1]  // not printed whole when they differ
        #expect(sameOutputs)
        #expect(reports[0] == reports[1])
        #expect(reports[0].contains { $0.contains("srt.overlap") })

        // A timing line the reader cannot read, near the end, in strict mode.
        let broken = srt + "30001\n00:00:01,000 -> 00:00:02,000\nbad arrow\n"
        var errors: [Diagnostic?] = []
        for var converter in [sequential, parallel] {
            converter.readOptions.strict = true
            var diagnostics = Diagnostics(strict: true)
            errors.append(#expect(throws: Diagnostic.self) {
                _ = try converter.convert(Array(broken.utf8), name: "broken.srt", into: [(.vtt, Collector())], diagnostics: &diagnostics)
            })
        }
        #expect(errors[0]?.description == errors[1]?.description)
        #expect(errors[1]?.location?.line == srt.utf8.count(where: { $0 == 0x0A }) + 2)
        #expect(errors[1]?.location?.file == "broken.srt")
    }

    @Test func transcriptsAreNotStreamed() throws {
        let bytes = try TestFiles.bytes(TestFiles.sample("episode/minimal.md"))
        let result = try both(bytes, name: "minimal.md", to: [.srt])
        #expect(!result.didStream)
        #expect(result.streamed == result.whole)
    }

    @Test func inputThatIsNotStreamedIsDecodedOnceAndWarnedOnce() throws {
        // UTF-16LE without a byte order mark: one decoding warning, whichever path runs.
        let episode = "---\ntranscript:\n- line: hello\n  sec: 1\n---\n"
        let bytes = episode.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = try both(bytes, name: "wide.md", to: [.srt])
        #expect(!result.didStream)
        #expect(result.streamedDiagnostics.filter { $0.contains("[episode]") && $0.contains("UTF-16LE") }.count == 1)
        #expect(result.streamedDiagnostics == result.wholeDiagnostics)
    }
}
