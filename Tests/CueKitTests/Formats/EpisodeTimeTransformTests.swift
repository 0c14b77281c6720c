import Foundation
import Testing
@testable import CueKit

/// `--shift` and `--scale` on an episode written back as an episode: `sec`
/// and `time` both say the moved start, `time` in the style the source
/// wrote it in (issue 27); an untransformed round trip keeps the bytes.
@Suite("Episode times after a shift or scale")
struct EpisodeTimeTransformTests {
    /// Every way the source writes `time`, each in a form the writer keeps
    /// as it is: an untransformed round trip gives these bytes back.
    static let styles = """
        ---
        title: Styles
        transcript:
        - line: Unquoted, as many hand-written episodes have it.
          sec: 65
          time: 1:05
        - line: Quoted.
          sec: 70
          time: '1:10'
        - line: Minutes padded to two digits.
          sec: 75
          time: 01:15
        - line: Hours although under an hour.
          sec: 80
          time: 0:01:20
        - line: Just before the hour.
          sec: 3599
          time: 59:59
        - line: Just before the hour, quoted.
          sec: 3599
          time: '59:59'
        - line: A time without sec.
          time: 2:00
        - line: A time that disagrees with its sec.
          sec: 586
          time: '9:50'
        - line: Untimed.
        ---
        Notes.

        """

    /// The episode `text` converted to an episode as `cues convert --to
    /// episode` does, with `transform`.
    static func convert(_ text: String, name: String = "e.md", transform: TimeTransform) throws -> (String, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let conversion = try Converter().convert(
            Array(text.utf8), name: name, to: [.episode], transform: transform, diagnostics: &diagnostics)
        #expect(conversion.failures.isEmpty)
        return (String(decoding: conversion.outputs[0].bytes, as: UTF8.self), diagnostics.items)
    }

    @Test func untransformedRoundTripKeepsEveryStyle() throws {
        let (written, _) = try Self.convert(Self.styles, transform: TimeTransform())
        #expect(written == Self.styles)
    }

    @Test func shiftRewritesTimeInItsOwnStyle() throws {
        let (written, _) = try Self.convert(Self.styles, transform: TimeTransform(offset: 1000))
        #expect(written == """
            ---
            title: Styles
            transcript:
            - line: Unquoted, as many hand-written episodes have it.
              sec: 66
              time: 1:06
            - line: Quoted.
              sec: 71
              time: '1:11'
            - line: Minutes padded to two digits.
              sec: 76
              time: 01:16
            - line: Hours although under an hour.
              sec: 81
              time: 0:01:21
            - line: Just before the hour.
              sec: 3600
              time: 1:00:00
            - line: Just before the hour, quoted.
              sec: 3600
              time: '1:00:00'
            - line: A time without sec.
              time: 2:01
            - line: A time that disagrees with its sec.
              sec: 587
              time: '9:47'
            - line: Untimed.
            ---
            Notes.

            """)
    }

    @Test func scaleRewritesTimeToTheWholeSecond() throws {
        // 25 to 23.976 fps: times × 3125/2997, to the nearest millisecond
        // (65 000 → 67 776.1, 70 000 → 72 989.7, 120 000 → 125 125.1,
        // 586 000 → 611 027.7, 3 599 000 → 3 752 711.0).
        let scale = try #require(TimeTransform.parseScale("25:23.976"))
        let (written, _) = try Self.convert(Self.styles, transform: TimeTransform(scale: scale))
        #expect(written.contains("  sec: 67.776\n  time: 1:07\n"))
        #expect(written.contains("  sec: 72.99\n  time: '1:12'\n"))
        #expect(written.contains("  sec: 3752.711\n  time: 1:02:32\n"))
        #expect(written.contains("- line: A time without sec.\n  time: 2:05\n"))
        #expect(written.contains("  sec: 611.028\n  time: '10:11'\n"))
        #expect(written.contains("- line: Untimed.\n---\n"))
    }

    @Test func shiftedOutputReadsBackWithTimesThatAgree() throws {
        for offset: Int64 in [1000, -1500, 59_000, 3_600_000, 250] {
            let transform = TimeTransform(offset: offset)
            let (written, _) = try Self.convert(Self.styles, transform: transform)
            let (reread, diagnostics) = try Convert.read(written, name: "shifted.md")
            let codes = diagnostics.map(\.code)
            #expect(!codes.contains("episode.time-disagrees"), "shift \(offset): \(written)")
            #expect(!codes.contains("episode.malformed-time"), "shift \(offset)")
            let (original, _) = try Convert.read(Self.styles, name: "e.md")
            let expected = original.cues.map { cue in cue.start.map { max(.zero, transform.apply($0)) } }
            // The line without sec keeps whole seconds only.
            let starts = reread.cues.map(\.start)
            #expect(starts[0..<6] == expected[0..<6], "shift \(offset)")
            #expect(starts[7...] == expected[7...], "shift \(offset)")
            #expect(starts[6]?.milliseconds == (expected[6]!.milliseconds / 1000) * 1000, "shift \(offset)")
            // And writing it again changes nothing.
            let (again, _) = try Self.convert(written, transform: TimeTransform())
            #expect(again == written, "shift \(offset)")
        }
    }

    @Test func aShiftWithinTheSameSecondKeepsTheRawTime() throws {
        let (written, _) = try Self.convert(Self.styles, transform: TimeTransform(offset: 300))
        #expect(written.contains("  sec: 65.3\n  time: 1:05\n"))
        #expect(written.contains("  sec: 75.3\n  time: 01:15\n"))
        // Moved, the time that disagreed is written afresh, and agrees.
        #expect(written.contains("  sec: 586.3\n  time: '9:46'\n"))
    }

    @Test func aQuotedSecStaysQuoted() throws {
        let text = "---\ntranscript:\n- line: Quoted sec.\n  sec: '65'\n  time: '1:05'\n---\n"
        let (unmoved, _) = try Self.convert(text, transform: TimeTransform())
        #expect(unmoved == text)
        let (written, _) = try Self.convert(text, transform: TimeTransform(offset: 1500))
        #expect(written.contains("  sec: '66.5'\n  time: '1:06'\n"))
    }

    @Test func clampedStartsSayZeroInTheirStyle() throws {
        let (written, diagnostics) = try Self.convert(Self.styles, transform: TimeTransform(offset: -100_000))
        #expect(written.contains("- line: Unquoted, as many hand-written episodes have it.\n  sec: 0\n  time: 0:00\n"))
        #expect(written.contains("- line: Hours although under an hour.\n  sec: 0\n  time: 0:00:00\n"))
        #expect(written.contains("- line: A time without sec.\n  time: 0:20\n"))
        #expect(diagnostics.contains { $0.code == "transform.clamped" })
    }

    @Test func hardCasesShiftedAsTheToolDoes() throws {
        let text = String(decoding: try TestFiles.bytes(TestFiles.sample("episode/hard-cases.md")), as: UTF8.self)
        let (written, _) = try Self.convert(text, name: "hard-cases.md", transform: TimeTransform(offset: 1000))
        #expect(written.contains("  sec: 13\n  time: 0:13\n"))
        #expect(written.contains("  sec: 66\n  time: 1:06\n"))
        #expect(written.contains("  sec: 121\n  time: '2:01'\n  who: 'Ada:'\n  mood: cheerful\n"))
        let (_, diagnostics) = try Convert.read(written, name: "shifted.md")
        #expect(!diagnostics.contains { $0.code == "episode.time-disagrees" })
    }

    @Test func timesBrokenInTheSourceAreWrittenAfreshWhenMoved() throws {
        let text = """
            ---
            transcript:
            - line: Seconds beyond 59.
              sec: 2787
              time: 37:567
            - line: Minutes beyond 59.
              sec: 3608
              time: 60:08
            - line: A time broken across lines.
              sec: 586
              time: '9:

                46'
            ---

            """
        let (unmoved, _) = try Self.convert(text, transform: TimeTransform())
        #expect(try Convert.read(unmoved, name: "unmoved.md").0 == Convert.read(text, name: "e.md").0)
        let (written, _) = try Self.convert(text, transform: TimeTransform(offset: 2000))
        // `37:567` is no number to YAML, so it was a string: the new time is
        // one too, quoted because `46:29` unquoted would be a number.
        #expect(written.contains("  sec: 2789\n  time: '46:29'\n"))
        #expect(written.contains("  sec: 3610\n  time: 1:00:10\n"))
        #expect(written.contains("  sec: 588\n  time: '9:48'\n"))
        let (_, diagnostics) = try Convert.read(written, name: "moved.md")
        let quirks: Set<String> = ["episode.time-disagrees", "episode.malformed-time", "episode.bad-time"]
        #expect(!diagnostics.contains { quirks.contains($0.code) }, "\(diagnostics)")
    }
}
