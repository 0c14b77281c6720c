import Foundation
import Testing
@testable import CueKit

/// Real WebVTT files (corpus `vtt/`): every file reads (the two without a
/// signature are refused, as the spec says), and VTT → VTT → VTT keeps the
/// cues and gives the same bytes twice. Read as the W3C parser reads
/// (`ReadOptions.w3cWebVTT`), except where a test says it reads by default.
@Suite(.enabled(if: TestFiles.hasCorpus))
struct VTTCorpusTests {
    /// Files that are not WebVTT by the spec's signature check (webvtt-py
    /// refuses them too).
    static let notWebVTT: Set<String> = ["empty.vtt", "invalid.vtt"]

    static var files: [URL] {
        TestFiles.corpusFiles("vtt/glut23-webvtt-py", extensions: ["vtt"])
            + TestFiles.corpusFiles("vtt/podcast-namespace", extensions: ["vtt"])
    }

    @Test func allFilesAreThere() {
        #expect(Self.files.count == 19)
    }

    @Test(arguments: files)
    func readsAndRoundTrips(_ url: URL) throws {
        let name = url.lastPathComponent
        if Self.notWebVTT.contains(name) {
            var diagnostics = Diagnostics()
            do {
                // invalid.vtt is SRT by content; read it as WebVTT, as its name says.
                _ = try W3CReading.converter.read(TestFiles.bytes(url), name: name, format: .vtt, diagnostics: &diagnostics)
                Issue.record("\(name) was read")
            } catch let error as Diagnostic {
                #expect(error.code == "vtt.no-signature")
                #expect(error.location?.line == 1)
            }
            return
        }
        let (timeline, _) = try W3CReading.read(url)
        let (first, _) = try Convert.write(timeline, as: .vtt, sourceFormat: .vtt)
        let (again, diagnostics) = try W3CReading.read(first, name: name, as: .vtt)
        #expect(again.cues == timeline.cues, "\(name)")
        #expect(again.extras == timeline.extras, "\(name)")
        #expect(diagnostics.filter { $0.code.hasPrefix("vtt.") }.isEmpty, "\(name): our output reads without warnings")
        let (second, _) = try Convert.write(again, as: .vtt, sourceFormat: .vtt)
        #expect(second == first, "\(name)")
    }

    static func read(_ name: String) throws -> (Timeline, [Diagnostic]) {
        let url = try #require(files.first { $0.lastPathComponent == name })
        return try W3CReading.read(url)
    }

    /// Counts and details from webvtt-py's own expectations (its MANIFEST),
    /// where webvtt-py follows the spec.
    @Test func detailsOfKnownFiles() throws {
        #expect(try Self.read("sample.vtt").0.cues.count == 16)
        #expect(try Self.read("sample.vtt").0.cues.last?.end == Timestamp(milliseconds: 64_300))
        let identifiers = try Self.read("using_identifiers.vtt").0
        #expect(identifiers.cues.map(\.id) == [nil, "second caption", nil, "4", nil, nil])
        #expect(try Self.read("comments.vtt").0.cues.count == 3)
        let styles = try Self.read("styles.vtt").0
        #expect(styles.cues.count == 1)
        if case .list(let blocks)? = styles.extras[.vtt]?[WebVTTExtras.blocks] {
            #expect(blocks.count == 2)
            #expect(blocks.allSatisfy { $0.text?.hasPrefix("STYLE\n") == true })
        } else {
            Issue.record("styles.vtt: no STYLE blocks kept")
        }
        #expect(try Self.read("captions_with_bom.vtt").0.cues.count == 4)
        #expect(try Self.read("metadata_headers.vtt").0.cues.count == 2)
        #expect(try Self.read("metadata_headers_multiline.vtt").0.cues.count == 2)
        #expect(try Self.read("missing_caption_text.vtt").0.cues.count == 5)
        let inCueText = try Self.read("invalid_timeframe_in_cue_text.vtt").0
        #expect(inCueText.cues.count == 4)
        #expect(inCueText.cues[1].text.isEmpty)
        // Spec, not webvtt-py: a bad timing skips only its cue (7 timing lines, one bad).
        let (badTiming, warnings) = try Self.read("invalid_timeframe.vtt")
        #expect(badTiming.cues.count == 6)
        #expect(warnings.map(\.code) == ["vtt.bad-timing"])
        #expect(warnings.first?.location?.line == 6)
        let (missing, skipped) = try Self.read("missing_timeframe.vtt")
        #expect(missing.cues.count == 6)
        #expect(skipped.map(\.code) == ["vtt.no-timing"])

        let youtube = try Self.read("youtube_dl.vtt").0
        #expect(youtube.cues.count == 4)
        #expect(youtube.extras[.vtt]?[WebVTTExtras.header]?.text?.hasPrefix("Kind: captions\nLanguage: en\nStyle:") == true)
        #expect(youtube.cues[2].text.contains(.timestamp(Timestamp(milliseconds: 304_199))))

        let podcast = try Self.read("example.vtt").0
        #expect(podcast.cues.count == 7)
        #expect(podcast.cues.compactMap(\.speaker) == ["Sarah", "Sarah", "Sarah", "Sarah", "Sarah", "Gillian", "Gillian"])
        #expect(podcast.cues[2].plainText.contains("Podcasting Q&A"))

        let (netflix, netflixWarnings) = try Self.read("netflix_chicas_del_cable.vtt")
        #expect(netflix.cues.count == 865)
        // `position:50.00%,middle` and `align:middle` are not WebVTT: one
        // counted warning each; `size` and `line` are kept.
        #expect(netflixWarnings.filter { $0.code == "vtt.bad-setting" }.count == 2)
        #expect(netflix.cues[1].settings == [Field("size", .string("80.00%")), Field("line", .string("79.33%"))])
    }

    /// By default the reader repairs what the W3C parser skips; on these
    /// files that is only Netflix's `middle` (the old name of `center`):
    /// every other file reads the same both ways.
    @Test func readingByDefaultDiffersOnlyByRepairs() throws {
        for url in Self.files where !Self.notWebVTT.contains(url.lastPathComponent) {
            let name = url.lastPathComponent
            let (forgiving, diagnostics) = try Convert.read(url)
            let (w3c, _) = try W3CReading.read(url)
            let repairs = diagnostics.filter { ["vtt.repaired-timing", "vtt.middle-alignment"].contains($0.code) }
            if name == "netflix_chicas_del_cable.vtt" {
                #expect(repairs.map(\.code) == ["vtt.middle-alignment", "vtt.middle-alignment"])
                #expect(forgiving.cues.count == w3c.cues.count)
                #expect(forgiving.cues.flatMap(\.settings).contains(Field("align", .string("center"))))
                #expect(forgiving.cues.flatMap(\.settings).contains(Field("position", .string("50.00%,center"))))
            } else {
                #expect(repairs.isEmpty, "\(name)")
                #expect(forgiving.cues == w3c.cues, "\(name)")
            }
        }
    }
}
