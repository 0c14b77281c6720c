import Testing
@testable import CueKit

/// The escaping writer of the HTML pages, Base64 for their `data:` URLs and
/// the media URLs they link.
@Suite("HTML escaping")
struct HTMLEscapingTests {
    static func escaped(_ body: (inout TextOutput) -> Void) -> String {
        var out = TextOutput(options: WriteOptions())
        body(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test func textAndAttributeValues() {
        let text = #"a & b < c > d "e" 'f' &amp; é 🙂"#
        #expect(Self.escaped { $0.appendHTML(text: text) } == #"a &amp; b &lt; c &gt; d "e" 'f' &amp;amp; é 🙂"#)
        #expect(Self.escaped { $0.appendHTML(attribute: text) } == #"a &amp; b &lt; c &gt; d &quot;e&quot; 'f' &amp;amp; é 🙂"#)
        #expect(Self.escaped { $0.appendHTMLAttribute("title", #"x" onclick="y"#) } == #" title="x&quot; onclick=&quot;y""#)
        #expect(Self.escaped { $0.appendHTML(text: "") } == "")
    }

    @Test func codePointsHTMLForbidsAreReplacedAndCounted() {
        var replaced = 0
        let input = "\u{0}\u{8}\t\n\u{C}\r\u{1F}\u{7F}\u{80}\u{9F}\u{A0}\u{FDCF}\u{FDF0}\u{FFFD}"
            + [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF].map { String(UnicodeScalar($0)!) }.joined() + "\u{1FFFD}\u{202E}"
        let written = Self.escaped { replaced = $0.appendHTML(text: input) }
        #expect(written == "\u{FFFD}\u{FFFD}\t\n\u{C}\r\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{A0}\u{FDCF}\u{FDF0}\u{FFFD}"
            + String(repeating: "\u{FFFD}", count: 6) + "\u{1FFFD}\u{202E}")
        #expect(replaced == 12)
    }

    @Test func linesTakeTheChosenLineEnd() {
        var out = TextOutput(options: WriteOptions(crlf: true))
        out.appendLines("a\nb\n\nc")
        out.appendLines("\n")
        #expect(String(decoding: out.bytes, as: UTF8.self) == "a\r\nb\r\n\r\nc\r\n")
    }

    @Test func base64OfTheRFC4648Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(String(decoding: Base64.encode(Array(plain.utf8)), as: UTF8.self) == encoded)
        }
        #expect(String(decoding: Base64.encode([0xFF, 0xFE, 0x00, 0x3E, 0x3F]), as: UTF8.self) == "//4APj8=")
    }

    @Test func mediaURLsAreMadeValid() {
        for (given, valid) in [
            ("episode.mp3", "episode.mp3"), ("https://x.org/a/b.mp3?x=1&y=2#t=3", "https://x.org/a/b.mp3?x=1&y=2#t=3"),
            ("a b.mp3", "a%20b.mp3"), (#"a"b<c>.mp3"#, "a%22b%3Cc%3E.mp3"), ("ép.mp3", "%C3%A9p.mp3"),
            ("100%.mp3", "100%25.mp3"), ("a%2Fb.mp3", "a%2Fb.mp3"), ("a%2.mp3", "a%252.mp3"), ("a\\b|c.mp3", "a%5Cb%7Cc.mp3"),
        ] {
            #expect(HTMLMediaURL.valid(given) == valid, "\(given)")
        }
    }
}
