import Foundation
import Testing

/// TTML on the command line: `--profile imsc|dfxp`, sniffing a `.xml` file.
@Suite("cues convert with TTML")
struct TTMLCommandTests {
    @Test func profileChoosesIMSCOrDFXP() throws {
        let sample = Cues.sample("ttml/features.ttml")
        let imsc = try Cues.run(["convert", sample, "--to", "ttml", "-q"])
        #expect(imsc.status == 0, "\(imsc.stderr)")
        #expect(imsc.stdout.contains(#"ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text""#))
        let dfxp = try Cues.run(["convert", sample, "--to", "ttml", "--profile", "dfxp", "-q"])
        #expect(dfxp.status == 0, "\(dfxp.stderr)")
        #expect(!dfxp.stdout.contains("contentProfiles"))
        #expect(dfxp.stdout.contains(#"<p xml:id="c1" begin="00:00:11.500" end="00:00:14.400""#))
        let explicit = try Cues.run(["convert", sample, "--to", "ttml", "--profile", "imsc", "-q"])
        #expect(explicit.stdout == imsc.stdout)
    }

    @Test func anUnknownProfileIsAUsageError() throws {
        let run = try Cues.run(["convert", Cues.sample("ttml/features.ttml"), "--to", "ttml", "--profile", "smpte"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--profile is imsc or dfxp, found 'smpte'"), "\(run.stderr)")
    }

    @Test func helpDescribesTheProfile() throws {
        let help = try Cues.run(["convert", "--help"])
        #expect(help.stdout.contains("--profile"))
        #expect(help.stdout.contains("The TTML a ttml output is: imsc (IMSC 1.1 Text, the\n"))
        #expect(help.stdout.contains("default) or dfxp (TTML 1 for older DFXP readers)."))
    }

    @Test func anXMLFileIsReadAsTTMLByItsContent() throws {
        let directory = try Cues.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("captions.xml")
        try Data(contentsOf: URL(fileURLWithPath: Cues.sample("ttml/features.ttml"))).write(to: input)
        let run = try Cues.run(["convert", input.path, "--to", "srt", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("1\n00:00:11,500 --> 00:00:14,400\nAda Lovelace: Welcome to the harbour,\neveryone.\n"), "\(run.stdout)")
    }
}
