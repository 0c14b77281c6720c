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

    @Test func theWriterSpellingClosedInOrderIsRecognised() {
        #expect(SRTMarkup.parse("<i>a</i>\nb<b>c<u>d</u></b>").rendersAsWritten)
        #expect(SRTMarkup.parse("plain < text > {here}").rendersAsWritten)
        // Anything else is rendered to find out.
        for text in ["<I>a</I>", "<i>a", "<b><i>x</b>y</i>", "a</i>", "<i >a</i>", "a<br>b", "{\\an8}a", "{i}a{/i}", "<s>a</s>"] {
            #expect(!SRTMarkup.parse(text).rendersAsWritten, "\(text)")
        }
    }
}
