import Foundation
import PropertyBased
import Testing
@testable import CueKit

/// The SRT reader keeps a cue's markup as written only when its spans would
/// not give it back; `SRTMarkup` says so without rendering when the only
/// tags are `<i>`, `<b>` and `<u>` written as `SRTText` writes them and
/// closed in order. That shortcut must never be wrong.
@Suite("SRT markup properties")
struct SRTMarkupProperties {
    /// Pieces of cue text: tags written as the writer writes them, tags in
    /// other spellings, tags that map to nothing, and text.
    static let pieces = [
        "<i>", "</i>", "<b>", "</b>", "<u>", "</u>",
        "<I>", "</B>", "<i >", "</u >", "<br>", "<s>", "</x>", "<font color=red>", "</font>",
        "{\\an8}", "{i}", "{/i}", "{y:i}", "<", ">", "{", "}",
        "a", "é 学", "\n", "x y",
    ]
    static let text = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...12).map { $0.map { pieces[$0] }.joined() }

    @Test func textSaidToRenderAsWrittenRendersAsWritten() async {
        await propertyCheck(count: 2000, input: Self.text) { text in
            let parsed = SRTMarkup.parse(text)
            if parsed.rendersAsWritten {
                let rendered = String(decoding: SRTText.render(parsed.spans, alignment: parsed.alignment), as: UTF8.self)
                #expect(rendered == text, "said to render as written: \(text.debugDescription)")
            }
        }
    }

    /// Cue text with the tags both writers write as they stand (closed in
    /// order, or not), and text to escape around them.
    static let plainTagPieces = [
        "<i>a</i>", "<b>é &学</b>", "<u> x > y</u>", "<i><b>a</b> c</i>", "<i>a\nb</i>", "<b><u></u></b>",
        "a", "é 学", " ", "&", ">", "\n", "<i>", "</i>", "<i>a\n", "\n</i>", "</b>", "<",
    ]
    static let plainTagText = Gen.int(in: 0...(plainTagPieces.count - 1)).array(of: 1...8)
        .map { $0.map { plainTagPieces[$0] }.joined() }

    /// Streamed, a cue whose only markup is such tags is written from the
    /// input (`SourceLines.hasTags`); it must come out in WebVTT and SRT,
    /// with LF or CR LF line ends, as its spans come out when the whole
    /// timeline is read.
    @Test func plainTagsStreamAsTheirSpansAreWritten() async throws {
        var fromTheInput = 0
        await propertyCheck(count: 1500, input: Self.plainTagText) { text in
            if Self.isWrittenFromTheInput(text) { fromTheInput += 1 }
            Self.expectStreamingWritesTheWholeTimelinesBytes(text)
        }
        // Not a vacuous check: many texts took the path from the input.
        #expect(fromTheInput > 200, "\(fromTheInput)")
    }

    /// Text the writers would change (spaces alone dropped, a line break
    /// or an end tag with nothing before it in its tag) is not written from
    /// the input, and comes out as the whole timeline's.
    @Test(arguments: [
        "<i>\na</i>", "a<i>\nb</i>", "<i>a\n</i>", "<i> <i>a</i></i>", " <i>a</i>", "<i></i>a", "a <b> </b>c",
        "<i>a</i> <b>c</b>", "<i><b>a\n</b>c</i>",
    ])
    func textTheWritersWouldChangeIsNotWrittenFromTheInput(text: String) {
        #expect(!Self.isWrittenFromTheInput(text), "\(text.debugDescription)")
        Self.expectStreamingWritesTheWholeTimelinesBytes(text)
    }

    @Test func tagsAroundTextAreWrittenFromTheInput() {
        for text in ["<i>a</i>", "a <i>b\nc</i> d", "<i><b>x</b> & y > z</i>", "<u>é</u>\n<b>学</b>"] {
            #expect(Self.isWrittenFromTheInput(text), "\(text.debugDescription)")
            Self.expectStreamingWritesTheWholeTimelinesBytes(text)
        }
    }

    /// Whether `SRTMarkup.hasOnlyPlainTags` accepts `text` (lines split at LF).
    static func isWrittenFromTheInput(_ text: String) -> Bool {
        var offset = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { number, line in
            defer { offset += line.utf8.count + 1 }
            return TextLine(start: offset, end: offset + line.utf8.count, number: number + 1)
        }
        return Array(text.utf8).withUnsafeBufferPointer { SRTMarkup.hasOnlyPlainTags($0, lines) }
    }

    /// One cue of `text`, converted to WebVTT and SRT streamed (on one
    /// thread and on two) and whole, with LF and CR LF line ends.
    static func expectStreamingWritesTheWholeTimelinesBytes(_ text: String) {
        for ending in ["\n", "\r\n"] {
            let srt = Array(("1\n00:00:01,000 --> 00:00:02,000\n" + text + "\n").replacingOccurrences(of: "\n", with: ending).utf8)
            var converter = Converter()
            var whole = Diagnostics(), streamed = Diagnostics()
            guard let expected = try? converter.convert(srt, name: "t.srt", to: [.webVTT, .srt], diagnostics: &whole) else { continue }
            for threshold in [Int.max, 0] {
                converter.parallelStreamingThreshold = threshold
                let sinks = [Collector(), Collector()]
                _ = try? converter.convert(srt, name: "t.srt", into: [(.webVTT, sinks[0]), (.srt, sinks[1])], diagnostics: &streamed)
                #expect(sinks.map(\.bytes) == expected.outputs.map(\.bytes), "\(text.debugDescription)")
            }
        }
    }

    final class Collector: OutputSink {
        var bytes: [UInt8] = []
        func write(_ chunk: UnsafeBufferPointer<UInt8>) throws(Diagnostic) { bytes.append(contentsOf: chunk) }
    }

    @Test func theWriterSpellingClosedInOrderIsRecognised() {
        #expect(SRTMarkup.parse("<i>a</i>\nb<b>c<u>d</u></b>").rendersAsWritten)
        #expect(SRTMarkup.parse("plain < text > {here}").rendersAsWritten)
        // Anything else is rendered to find out.
        for text in ["<I>a</I>", "<i>a", "<b><i>x</b>y</i>", "a</i>", "<i >a</i>", "a<br>b", "{\\an8}a", "{i}a{/i}", "<s>a</s>"] {
            #expect(!SRTMarkup.parse(text).rendersAsWritten, "\(text)")
        }
    }
}
