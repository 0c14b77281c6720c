import Foundation
import Testing

/// `cues convert --to episode --shift` and `--scale`: the episode written
/// passes `cues check` without a time that disagrees with its sec (issue 27).
@Suite("Episode shift on the command line")
struct EpisodeShiftCommandTests {
    @Test(arguments: [["--shift", "+1s"], ["--shift", "-2.5s"], ["--scale", "25:23.976"]])
    func shiftedEpisodePassesCheck(arguments: [String]) throws {
        let directory = try Cues.temporaryDirectory()
        let output = directory.appendingPathComponent("moved.md")
        let convert = try Cues.run(["convert", Cues.sample("episode/hard-cases.md"), "--to", "episode", "-o", output.path] + arguments)
        #expect(convert.status == 0, "\(convert.stderr)")
        let check = try Cues.run(["check", output.path])
        #expect(check.status == 0)
        #expect(!check.stderr.contains("disagrees"), "\(check.stderr)")
    }

    @Test func shiftMovesAnUnquotedTime() throws {
        let result = try Cues.run(["convert", Cues.sample("episode/hard-cases.md"), "--to", "episode", "--shift", "+1s", "-q"])
        #expect(result.stdout.contains("  sec: 66\n  time: 1:06\n  who: Ada\n"))
    }
}
