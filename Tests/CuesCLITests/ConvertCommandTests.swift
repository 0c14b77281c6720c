import Foundation
import Testing

/// Runs the built `cues` binary and checks what a user sees: standard
/// output, standard error, exit codes and the files left behind.
@Suite("cues convert")
struct ConvertCommandTests {
    @Test func convertsAnEpisodeToWebVTT() throws {
        let result = try Cues.run(["convert", Cues.sample("episode/hard-cases.md"), "--to", "vtt"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("WEBVTT\n\n00:00:12.000 --> "))
        #expect(result.stderr.contains("hard-cases.md:33:8: warning: [episode] time 0:50 is earlier than 1:10 before it"))
    }

    @Test func convertsToSRT() throws {
        let result = try Cues.run(["convert", Cues.sample("episode/minimal.md"), "--to", "srt", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout == "1\n00:00:00,000 --> 00:00:05,000\nHost: Hello and welcome.\n\n2\n00:00:05,000 --> 00:00:06,000\nGoodbye.\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func readsStandardInput() throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: Cues.sample("episode/minimal.md")))
        let result = try Cues.run(["convert", "-", "--to", "timeline"], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"text\": \"Hello and welcome.\""))
    }

    @Test func badInputExitsOneWithALocatedErrorAndWritesNothing() throws {
        let directory = try Cues.temporaryDirectory()
        let output = directory.appendingPathComponent("out.vtt").path
        let result = try Cues.run(["convert", Cues.sample("invalid/sec-not-number.md"), "--to", "vtt", "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("sec-not-number.md:8:8: error: [episode] expected a number of seconds after 'sec:', found 'one minute'"))
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func anExistingOutputIsKeptWhenTheConversionFails() throws {
        let directory = try Cues.temporaryDirectory()
        let output = directory.appendingPathComponent("out.vtt")
        try Data("previous content\n".utf8).write(to: output)
        let result = try Cues.run(["convert", Cues.sample("invalid/transcript-not-list.md"), "--to", "vtt", "-o", output.path])
        #expect(result.status == 1)
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous content\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.vtt"])
    }

    @Test func writesTheOutputFile() throws {
        let directory = try Cues.temporaryDirectory()
        let output = directory.appendingPathComponent("out.vtt")
        let result = try Cues.run(["convert", Cues.sample("episode/minimal.md"), "--to", "vtt", "-o", output.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOf: output, encoding: .utf8).hasPrefix("WEBVTT\n"))
    }

    @Test func usageErrorsExitWith64() throws {
        let unknown = try Cues.run(["convert", Cues.sample("episode/minimal.md"), "--to", "docx"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown output format 'docx'"))
        let missing = try Cues.run(["convert", "--to", "vtt"])
        #expect(missing.status == 64)
    }

    @Test func refusesToOverwriteItsInput() throws {
        let directory = try Cues.temporaryDirectory()
        let input = directory.appendingPathComponent("episode.md")
        try FileManager.default.copyItem(atPath: Cues.sample("episode/minimal.md"), toPath: input.path)
        let before = try Data(contentsOf: input)
        let result = try Cues.run(["convert", input.path, "--to", "episode", "-o", input.path])
        #expect(result.status == 64)
        #expect(try Data(contentsOf: input) == before)
    }

    @Test func missingFileIsAnError() throws {
        let result = try Cues.run(["convert", "/nonexistent/episode.md", "--to", "vtt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot open '/nonexistent/episode.md'"))
    }
}
