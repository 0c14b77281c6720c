import Foundation
import Testing

/// WebVTT through the built `cues` binary: what a user sees.
@Suite("cues convert (WebVTT)")
struct VTTCommandTests {
    @Test func timelineShowsTheParsedCues() throws {
        let result = try Cues.run(["convert", Cues.sample("vtt/blocks.vtt"), "--to", "timeline"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("\"id\": \"first\""))
        #expect(result.stdout.contains("\"text\": \"In the speaker region.\""))
        #expect(result.stdout.contains("\"region\": \"speaker\""))
        #expect(result.stdout.contains("\"trailingNotes\""))
    }

    @Test func webVTTToWebVTTKeepsTheFile() throws {
        let result = try Cues.run(["convert", Cues.sample("vtt/blocks.vtt"), "--to", "vtt"])
        #expect(result.status == 0)
        let original = String(decoding: try Data(contentsOf: URL(fileURLWithPath: Cues.sample("vtt/blocks.vtt"))), as: UTF8.self)
        #expect(result.stdout == original)
    }

    @Test func aFileWithoutSignatureExitsOneWithItsLocation() throws {
        // By content the file is SRT, so the WebVTT reader is asked for by name.
        let result = try Cues.run(["convert", Cues.sample("invalid/vtt-no-signature.vtt"), "--from", "vtt", "--to", "srt"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("vtt-no-signature.vtt:1:1: error: [vtt] expected the file to start with 'WEBVTT'"))
    }

    @Test func aSkippedCueIsAWarningAndStrictMakesItAnError() throws {
        let lenient = try Cues.run(["convert", Cues.sample("invalid/vtt-comma-milliseconds.vtt"), "--to", "srt"])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("vtt-comma-milliseconds.vtt:6:1: warning: [vtt] expected a cue timing line"))
        #expect(lenient.stdout.contains("This cue is fine too."))
        let strict = try Cues.run(["convert", Cues.sample("invalid/vtt-comma-milliseconds.vtt"), "--to", "srt", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("vtt-comma-milliseconds.vtt:6:1: error: [vtt] expected a cue timing line"))
    }

    @Test func aChaptersTrackIsReadByItsName() throws {
        let result = try Cues.run(["convert", Cues.sample("vtt-chapters/episode.chapters.vtt"), "--to", "timeline"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"title\": \"Scrolling Effects & Demos\""))
    }
}
