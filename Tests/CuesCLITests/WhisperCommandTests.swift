import Foundation
import Testing

/// Speech-recognition JSON through the tool: `--speakers` names diarized
/// labels, inline or from a file.
@Suite("cues convert, Whisper JSON and --speakers")
struct WhisperCommandTests {
    static let diarized = Cues.sample("whisper/whisperx-diarized.json")

    @Test func speakersInlineNameTheLabelsInSRT() throws {
        let result = try Cues.run(["convert", Self.diarized, "--to", "srt", "--quiet", "--speakers", "SPEAKER_00=Alexey,SPEAKER_01=Guest"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            1
            00:00:00,500 --> 00:00:03,600
            Alexey: Hello and welcome to cues.

            2
            00:00:03,600 --> 00:00:05,600
            It has 2 readers now.

            3
            00:00:05,600 --> 00:00:07,750
            Guest: Thanks, glad to be here.

            """)
    }

    @Test func speakersFromAFileNameTheEpisodeLines() throws {
        let result = try Cues.run(["convert", Self.diarized, "--to", "episode", "--quiet", "--speakers", Cues.sample("whisper/names.txt")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("- line: Hello and welcome to cues. It has 2 readers now.\n  sec: 0.5\n  time: '0:00'\n  who: Alexey\n"))
        #expect(result.stdout.contains("- line: Thanks, glad to be here.\n  sec: 5.6\n  time: '0:05'\n  who: Guest\n"))
    }

    @Test func aLabelNotNamedStaysAsItIs() throws {
        let result = try Cues.run(["convert", Self.diarized, "--to", "vtt", "--quiet", "--speakers", "SPEAKER_01=Guest"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("<v SPEAKER_00>Hello"))
        #expect(result.stdout.contains("<v Guest>Thanks,"))
    }

    @Test func badSpeakerNamesAreUsageErrors() throws {
        let missingName = try Cues.run(["convert", Self.diarized, "--to", "vtt", "--speakers", "SPEAKER_00="])
        #expect(missingName.status == 64)
        #expect(missingName.stderr.contains("--speakers: expected LABEL=Name such as SPEAKER_00=Alexey, found 'SPEAKER_00='"))
        let twice = try Cues.run(["convert", Self.diarized, "--to", "vtt", "--speakers", "A=One,A=Two"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("the label A is named twice ('One' and 'Two')"))
        let noFile = try Cues.run(["convert", Self.diarized, "--to", "vtt", "--speakers", "no-such-names.txt"])
        #expect(noFile.status == 64)
        #expect(noFile.stderr.contains("cannot read the speaker names file: cannot open 'no-such-names.txt'"))
    }

    @Test func recognitionOutputIsSniffedWhateverItsName() throws {
        let directory = try Cues.temporaryDirectory()
        let renamed = directory.appendingPathComponent("episode-12.json")
        try Data(contentsOf: URL(fileURLWithPath: Cues.sample("whisper/openai.json"))).write(to: renamed)
        let result = try Cues.run(["info", renamed.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("format:   Whisper speech-recognition JSON (whisper)"))
    }
}
