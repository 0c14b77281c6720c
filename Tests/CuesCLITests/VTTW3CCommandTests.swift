import Foundation
import Testing

/// `--w3c`: WebVTT read exactly as the W3C parser reads it, against the
/// default reading that repairs timings a person can read.
@Suite("cues convert --w3c")
struct VTTW3CCommandTests {
    @Test func readableTimingsAreRepairedByDefaultAndSkippedWithW3C() throws {
        let sample = Cues.sample("vtt/readable-timings.vtt")
        let forgiving = try Cues.run(["convert", sample, "--to", "srt"])
        #expect(forgiving.status == 0, "\(forgiving.stderr)")
        #expect(forgiving.stdout.contains("1\n00:00:03,390 --> 00:00:05,100\nOne-digit minutes.\n"))
        #expect(forgiving.stdout.contains("5\n00:10:00,000 --> 00:10:02,500\n"))
        #expect(forgiving.stderr.contains(
            "readable-timings.vtt:19:1: warning: [vtt] expected a cue timing line such as '00:01.000 --> 00:04.000', found '00:02:04.08 --> 00:02:07.12': a 2-digit fraction in the start and end times; read as 00:02:04.080 --> 00:02:07.120"))

        let w3c = try Cues.run(["convert", sample, "--to", "srt", "--w3c"])
        #expect(!w3c.stdout.contains("One-digit minutes."))
        #expect(w3c.stderr.contains("readable-timings.vtt:19:1: warning: [vtt] expected a cue timing line"))
        #expect(w3c.stderr.contains("the cue is skipped, as a WebVTT parser does"))

        let strict = try Cues.run(["convert", sample, "--to", "srt", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("readable-timings.vtt:7:1: error: [vtt] expected a cue timing line"))
    }

    @Test func helpDescribesTheFlag() throws {
        let help = try Cues.run(["convert", "--help"])
        #expect(help.stdout.contains("--w3c"))
    }
}
