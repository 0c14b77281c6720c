import Foundation
import Testing
@testable import CueKit

/// The caption preview page: what it carries and lists. (How Chromium plays
/// it is in the CLI tests: ChromiumTests.)
@Suite("Caption preview")
struct CaptionPreviewTests {
    static let captions = Array(try! Data(contentsOf: TestFiles.sample("html/over-the-limits.vtt")))
    static let chapters = Array("WEBVTT\n\n00:00.000 --> 00:10.000\nOpening &amp; &lt;more&gt;\n\n00:10.000 --> 00:21.000\nClosing\n".utf8)

    static func page(_ preview: CaptionPreview) throws -> (String, CaptionPreview.Page) {
        let page = try preview.page()
        return (String(decoding: page.bytes, as: UTF8.self), page)
    }

    @Test func theLintFindsTheLimitsAndTheValues() throws {
        let (timeline, _) = try Convert.read(Self.captions, name: "over-the-limits.vtt")
        let findings = CaptionLint().findings(timeline)
        #expect(findings.map(\.kind) == ["line-too-long", "too-fast", "too-short", "too-long", "too-many-lines"])
        #expect(findings.map(\.cueIndex) == [1, 1, 2, 3, 4])
        #expect(findings.map(\.value) == [65, 65, 400, 9000, 3])
        #expect(findings.map(\.limit) == [42, 20, 833, 7000, 2])
        #expect(findings.map(\.line) == [0, nil, nil, nil, nil])
        // The same findings as the warnings `check` gives.
        #expect(CaptionLint().check(timeline).map(\.message) == findings.map { "cue \($0.cueIndex + 1): \($0.message)" })
    }

    @Test func thePageCarriesTheTracksAsGivenAndListsEveryCaption() throws {
        let (page, written) = try Self.page(CaptionPreview(
            captions: Self.captions, chapters: Self.chapters, style: .youtube, title: #"<b>"ep".vtt</b>"#))
        #expect(written.captionCount == 6)
        #expect(written.flaggedCount == 4)
        let tracks = page.components(separatedBy: "src=\"data:text/vtt;base64,").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(tracks == [Base64.encode(Self.captions), Base64.encode(Self.chapters)].map { String(decoding: $0, as: UTF8.self) })
        #expect(page.contains(#"<div class="pv-stage is-silent"><video class="pv-player" controls preload="metadata" playsinline data-duration="21000" aria-label="Player">"#))
        #expect(page.contains(#"<h1><bdi>&lt;b&gt;"ep".vtt&lt;/b&gt;</bdi></h1>"#))
        #expect(page.contains(#"<title>&lt;b&gt;"ep".vtt&lt;/b&gt; · caption preview</title>"#))
        let flagged = page.components(separatedBy: "<li class=\"pv-cue is-flagged\" id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(flagged == ["cue-2", "cue-3", "cue-4", "cue-5"])
        #expect(page.components(separatedBy: "<li class=\"pv-cue").count - 1 == 6)
        #expect(page.contains(#"<li class="pv-finding" data-kind="too-fast" data-value="65" data-limit="20"><b>Reading speed</b> 65 cps, at most 20 cps</li>"#))
        #expect(page.contains(#"<span class="pv-line is-over"><span class="pv-line-text" dir="auto">We have a great many things to talk about today, so let us begin.</span><span class="pv-line-length" title="characters">65</span></span>"#))
        #expect(page.contains(#"<button type="button" class="pv-chapter" data-start="10000"><span class="pv-time">0:10</span> <bdi>Closing</bdi></button>"#))
        #expect(page.contains("<bdi>Opening &amp; &lt;more&gt;</bdi>"))
        #expect(page.contains(##"<strong>4 captions break the limits:</strong> <a href="#cue-2">#2</a>, <a href="#cue-3">#3</a>"##))
        #expect(page.contains("Limits: 42 characters a line, 2 lines, 0.833 to 7 s on screen, 20 characters a second, gaps of none or at least 83 ms."))
    }

    @Test func aPageWithMediaAndNoChapters() throws {
        let (page, _) = try Self.page(CaptionPreview(
            captions: Array("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n".utf8), style: .netflix, mediaURL: #"ep 1.mp4" x="y"#, title: "ep"))
        #expect(page.contains(#"<div class="pv-stage"><video class="pv-player" controls preload="metadata" playsinline src="ep 1.mp4&quot; x=&quot;y" data-duration="2000""#))
        #expect(!page.contains("kind=\"chapters\""))
        #expect(!page.contains("class=\"pv-chapters\""))
        #expect(page.contains("<p class=\"pv-verdict is-good\">Every caption is within the limits.</p>"))
        #expect(page.contains(", gaps of none or at least 83 ms."))
    }

    @Test func captionsThatAreNotWebVTTAreAnError() {
        #expect(throws: Diagnostic.self) { try CaptionPreview(captions: Array("1\n00:00:01,000 --> 00:00:02,000\nHi\n".utf8), style: .youtube, title: "x").page() }
    }
}
