import Foundation
import PropertyBased
import Testing
@testable import CueKit

/// Streamed, cue text whose only markup is `<i>`, `<b>` and `<u>` as both
/// writers write them stays in the input (`SourceLines.hasTags`, accepted
/// by `PlainTags`). It must come out in WebVTT and SRT, from SRT and WebVTT
/// input with LF or CR LF line ends, on one thread and on two, as its spans
/// come out when the whole timeline is read.
@Suite("Plain tags properties")
struct PlainTagsProperties {
    /// Cue text with such tags (closed in order, or not), text to escape
    /// around them, and other markup.
    static let pieces = [
        "<i>a</i>", "<b>é &学</b>", "<u> x > y</u>", "<i><b>a</b> c</i>", "<i>a\nb</i>", "<b><u></u></b>",
        "a", "é 学", " ", "&", ">", "\n", "<i>", "</i>", "<i>a\n", "\n</i>", "</b>", "<",
        "&amp;", "<v Ada>", "</v>", "<i.loud>", "<c>", "{\\an8}",
    ]
    static let text = Gen.int(in: 0...(pieces.count - 1)).array(of: 1...8).map { $0.map { pieces[$0] }.joined() }

    enum Input: String, CaseIterable { case srt, vtt }

    @Test(arguments: Input.allCases)
    func tagsStreamAsTheirSpansAreWritten(input: Input) async {
        var fromTheInput = 0
        await propertyCheck(count: 1500, input: Self.text) { text in
            if Self.isWrittenFromTheInput(text) { fromTheInput += 1 }
            Self.expectStreamingWritesTheWholeTimelinesBytes(text, from: input)
        }
        // Not a vacuous check: many texts took the path from the input.
        #expect(fromTheInput > 100, "\(fromTheInput)")
    }

    /// Text the writers would change (spaces alone dropped, a line break
    /// or an end tag with nothing before it in its tag) is not left in the
    /// input, and comes out as the whole timeline's.
    @Test(arguments: [
        "<i>\na</i>", "a<i>\nb</i>", "<i>a\n</i>", "<i> <i>a</i></i>", " <i>a</i>", "<i></i>a", "a <b> </b>c",
        "<i>a</i> <b>c</b>", "<i><b>a\n</b>c</i>",
    ])
    func textTheWritersWouldChangeIsNotLeftInTheInput(text: String) {
        #expect(!Self.isWrittenFromTheInput(text), "\(text.debugDescription)")
        for input in Input.allCases { Self.expectStreamingWritesTheWholeTimelinesBytes(text, from: input) }
    }

    @Test func tagsAroundTextAreLeftInTheInput() {
        for text in ["<i>a</i>", "a <i>b\nc</i> d", "<i><b>x</b> & y > z</i>", "<u>é</u>\n<b>学</b>"] {
            #expect(Self.isWrittenFromTheInput(text), "\(text.debugDescription)")
            for input in Input.allCases { Self.expectStreamingWritesTheWholeTimelinesBytes(text, from: input) }
        }
    }

    /// WebVTT text whose lines the reader need not look at twice, and text
    /// where it must: a line after `<v Name>` that is empty or starts with a
    /// space or a tab, a later line that starts with one or is only those.
    @Test(arguments: [
        "<v Ada>\na", "<v Ada> \na", "<v Ada>\t\nb", "<v Ada> a", "<v Ada>a\n b", "<v Ada>a\n \t", "a\n b", "a\n ",
        " a", "\ta\nb", "a\nb\nc", "<v Ada>a\nb",
    ])
    func linesThatMayBeBlankAreLookedAt(text: String) {
        Self.expectStreamingWritesTheWholeTimelinesBytes(text, from: .vtt)
    }

    /// A cue's `text` of lines left in the input is what either reader
    /// would have made of them: SRT's markup reader and WebVTT's cue text
    /// parser agree on accepted text (WebVTT takes it without `&`).
    @Test func acceptedTextReadsTheSameInBothFormats() async {
        await propertyCheck(count: 1500, input: Self.text) { text in
            guard Self.isWrittenFromTheInput(text) else { return }
            let bytes = Array(text.utf8)
            let lines = bytes.withUnsafeBufferPointer { buffer in
                SourceLines(text: buffer, lineCount: text.split(separator: "\n", omittingEmptySubsequences: false).count, hasTags: true).spans
            }
            #expect(lines == SRTMarkup.parse(text).spans, "\(text.debugDescription)")
            if !text.contains("&") {
                var parser = WebVTTCueTextParser()
                #expect(lines == bytes.withUnsafeBufferPointer { parser.parse($0) }, "\(text.debugDescription)")
            }
        }
    }

    /// Whether `PlainTags` accepts `text` (lines split at LF).
    static func isWrittenFromTheInput(_ text: String) -> Bool {
        var offset = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { number, line in
            defer { offset += line.utf8.count + 1 }
            return TextLine(start: offset, end: offset + line.utf8.count, number: number + 1)
        }
        return Array(text.utf8).withUnsafeBufferPointer { PlainTags.accept($0, lines) }
    }

    /// One cue of `text` in `input`, converted to WebVTT and SRT streamed
    /// (on one thread and on two) and whole, with LF and CR LF line ends.
    static func expectStreamingWritesTheWholeTimelinesBytes(_ text: String, from input: Input) {
        let file = input == .srt
            ? "1\n00:00:01,000 --> 00:00:02,000\n\(text)\n"
            : "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\(text)\n"
        for ending in ["\n", "\r\n"] {
            let bytes = Array(file.replacingOccurrences(of: "\n", with: ending).utf8)
            var converter = Converter()
            var whole = Diagnostics(), streamed = Diagnostics()
            let name = "t.\(input.rawValue)"
            guard let expected = try? converter.convert(bytes, name: name, to: [.vtt, .srt], diagnostics: &whole) else { continue }
            for threshold in [Int.max, 0] {
                converter.parallelStreamingThreshold = threshold
                let sinks = [Collector(), Collector()]
                _ = try? converter.convert(bytes, name: name, into: [(.vtt, sinks[0]), (.srt, sinks[1])], diagnostics: &streamed)
                #expect(sinks.map(\.bytes) == expected.outputs.map(\.bytes), "\(input): \(text.debugDescription)")
            }
        }
    }

    final class Collector: OutputSink {
        var bytes: [UInt8] = []
        func write(_ chunk: UnsafeBufferPointer<UInt8>) throws(Diagnostic) { bytes.append(contentsOf: chunk) }
    }
}
