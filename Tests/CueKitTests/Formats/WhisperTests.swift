import Foundation
import Testing
@testable import CueKit

private func ms(_ value: Int64) -> Timestamp { Timestamp(milliseconds: value) }
private func ts(_ value: Int64) -> Span { .timestamp(Timestamp(milliseconds: value)) }

@Suite("Whisper-family speech-recognition JSON")
struct WhisperTests {
    let openAI = TestFiles.sample("whisper/openai.json")
    let whisperCpp = TestFiles.sample("whisper/whispercpp.json")
    let whisperX = TestFiles.sample("whisper/whisperx-diarized.json")

    // MARK: Reading the three variants (expected values written from the sample files)

    @Test func readsOpenAIWhisperWithWordTimes() throws {
        let (timeline, diagnostics) = try Convert.read(openAI)
        #expect(timeline.metadata == [Field("language", .string("en"))])
        #expect(timeline.cues.map(\.start) == [ms(0), ms(2500)])
        // 5.7600000000000005 s is 5760 ms: rounded, with a note, not a warning.
        #expect(timeline.cues.map(\.end) == [ms(2500), ms(5760)])
        #expect(timeline.cues[0].text == [
            ts(320), .text("Welcome "), ts(780), .text("back "), ts(1001), .text("to "), ts(1200), .text("the "),
            ts(1360), .text("show."), ts(1900),
        ])
        #expect(timeline.cues[1].text == [
            ts(2860), .text("Today "), ts(3200), .text("we "), ts(3400), .text("talk "), ts(3700), .text("about"), ts(4000),
            .text(" "), ts(4600), .text("captions."),
        ])
        #expect(timeline.cues[0].location == SourceLocation(file: "openai.json", line: 4, column: 5))
        let extras = try #require(timeline.cues[0].extras[.whisper])
        #expect(extras.map(\.key) == ["id", "seek", "tokens", "temperature", "avg_logprob", "compression_ratio", "no_speech_prob", "words"])
        #expect(extras["words"] == .list([0.91, 0.97, 0.99, 0.99, 0.95].map { .map([Field("probability", .scalar("\($0)"))]) }))
        #expect(diagnostics.map(\.code) == ["whisper.sub-millisecond"])
        #expect(diagnostics.first?.severity == .note)
        #expect(diagnostics.first?.location == SourceLocation(file: "openai.json", line: 27, column: 14))
    }

    @Test func readsWhisperCppFullOutputWithTokens() throws {
        let (timeline, diagnostics) = try Convert.read(whisperCpp)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.metadata.map(\.key) == ["systeminfo", "model", "params", "language", "result"])
        #expect(timeline.metadata["language"] == .string("en"))
        #expect(timeline.cues.map(\.start) == [ms(0), ms(2480)])
        #expect(timeline.cues.map(\.end) == [ms(2480), ms(4000)])
        // " don" + "'t" is one word; [_BEG_] and [_TT_124] are not words.
        #expect(timeline.cues[0].text == [
            ts(120), .text("We "), ts(400), .text("don't "), ts(800), .text("guess "), ts(1300), .text("times."), ts(2000),
        ])
        // "We" starts with the segment: no timestamp before it.
        #expect(timeline.cues[1].text == [.text("We "), ts(2700), .text("read "), ts(3100), .text("them."), ts(3600)])
        // The "timestamps" strings say what "offsets" says and are not kept.
        #expect(timeline.cues[0].extras[.whisper]?.map(\.key) == ["tokens"])
    }

    @Test func readsWhisperXWithSpeakersAndAnUntimedWord() throws {
        let (timeline, diagnostics) = try Convert.read(whisperX)
        #expect(timeline.metadata == [Field("language", .string("en"))])
        #expect(timeline.cues.map(\.speaker) == ["SPEAKER_00", "SPEAKER_00", "SPEAKER_01"])
        #expect(timeline.cues.map(\.start) == [ms(500), ms(3600), ms(5600)])
        #expect(timeline.cues.map(\.end) == [ms(3200), ms(5100), ms(7250)])
        #expect(timeline.cues[0].text == [
            .text("Hello"), ts(900), .text(" "), ts(950), .text("and "), ts(1100), .text("welcome "), ts(1600), .text("to"),
            ts(1750), .text(" "), ts(1800), .text("cues."),
        ])
        // "2" has no time: no timestamp before it, and none after "has",
        // which would read as the start of "2"; that end is kept with the word.
        #expect(timeline.cues[1].text == [
            .text("It"), ts(3700), .text(" "), ts(3750), .text("has 2 "), ts(4300), .text("readers"), ts(4800), .text(" "),
            ts(4850), .text("now."),
        ])
        guard case .list(let words)? = timeline.cues[1].extras[.whisper]?["words"] else {
            Issue.record("no word extras")
            return
        }
        #expect(words[1] == .map([Field("score", .scalar("0.9")), Field("end", .scalar("4"))]))
        #expect(words[2] == .map([]))
        #expect(diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } == ["24:9 whisper.untimed-word"])
        #expect(diagnostics[0].message == "1 word(s) have no start time (the aligner could not place them); kept untimed between the words around them, first here")
    }

    @Test func speakerNamesRenameDiarizedLabels() throws {
        let converter = Converter(readOptions: ReadOptions(speakerNames: ["SPEAKER_00": "Alexey", "SPEAKER_01": "Guest"]))
        var diagnostics = Diagnostics()
        let read = try converter.read(TestFiles.bytes(whisperX), name: "x.json", diagnostics: &diagnostics)
        #expect(read.timeline.cues.map(\.speaker) == ["Alexey", "Alexey", "Guest"])
        var srtConverter = converter
        srtConverter.segmentation = .auto
        let srt = String(decoding: try srtConverter.convert(TestFiles.bytes(whisperX), name: "x.json", to: .srt, diagnostics: &diagnostics), as: UTF8.self)
        #expect(srt.contains("Alexey: Hello and welcome to cues.\n"))
        #expect(srt.contains("Guest: Thanks, glad to be here.\n"))
        let vtt = String(decoding: try converter.convert(TestFiles.bytes(whisperX), name: "x.json", to: .vtt, diagnostics: &diagnostics), as: UTF8.self)
        #expect(vtt.contains("<v Alexey>Hello<00:00:00.900>"))
        #expect(vtt.contains("<v Guest>Thanks,"))
        let episode = String(decoding: try converter.convert(TestFiles.bytes(whisperX), name: "x.json", to: .episode, diagnostics: &diagnostics), as: UTF8.self)
        #expect(episode.contains("  who: Alexey\n"))
        #expect(episode.contains("  who: Guest\n"))
    }

    @Test func secondsAreReadExactlyAndABareSegmentsArrayReads() throws {
        let text = """
            [{"id": 0, "start": 1.001, "end": 7.6000000000000005, "text": " One."},
             {"id": 1, "start": 7.6000000000000005, "end": 36.6, "text": " Two."}]
            """
        let (timeline, _) = try Convert.read(text, name: "bare.json")
        #expect(timeline.cues.map(\.start) == [ms(1001), ms(7600)])
        #expect(timeline.cues.map(\.end) == [ms(7600), ms(36600)])
        #expect(timeline.cues.map(\.plainText) == ["One.", "Two."])
        // 0.0005 rounds half away from zero; 0.0004999 rounds down.
        let (rounded, _) = try Convert.read(#"{"segments": [{"start": 0.0005, "end": 0.0014999, "text": "x"}]}"#, name: "r.json")
        #expect(rounded.cues[0].start == ms(1))
        #expect(rounded.cues[0].end == ms(1))
    }

    @Test func whisperCppTimestampStringsAreReadWhenOffsetsAreMissing() throws {
        let text = #"{"transcription": [{"timestamps": {"from": "01:00:02,500", "to": "01:00:04,000"}, "text": " Hi."}]}"#
        let (timeline, diagnostics) = try Convert.read(text, name: "t.json")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.cues.map(\.start) == [ms(3_602_500)])
        #expect(timeline.cues.map(\.end) == [ms(3_604_000)])
        // Hours past what milliseconds can count, or a signed fraction, are not a time.
        for bad in ["99999999999999999:00:00,000", "00:00:01,-12"] {
            let (untimed, warnings) = try Convert.read(
                #"{"transcription": [{"timestamps": {"from": "\#(bad)"}, "text": " Hi."}]}"#, name: "t.json")
            #expect(untimed.cues.map(\.start) == [nil], "\(bad)")
            #expect(warnings.map(\.code).contains("whisper.no-start"), "\(bad)")
        }
    }

    @Test func anEmptySegmentsArrayIsZeroCues() throws {
        let (timeline, diagnostics) = try Convert.read(#"{"text": "", "segments": [], "language": "en"}"#, name: "empty.json")
        #expect(timeline.cues.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    // MARK: Errors and repairs

    @Test func segmentsThatAreNotAnArrayAreALocatedError() throws {
        let text = try String(contentsOf: TestFiles.sample("invalid/whisper-segments-not-array.whisper.json"), encoding: .utf8)
        let error = Convert.readError(text, name: "whisper-segments-not-array.whisper.json")
        #expect(error?.code == "whisper.type")
        #expect(error?.location == SourceLocation(file: "whisper-segments-not-array.whisper.json", line: 3, column: 15))
        #expect(error?.message == "expected \"segments\" to be an array of segment objects, found an object")
    }

    @Test func otherShapesAreLocatedErrors() throws {
        let none = Convert.readError(#"{"language": "en"}"#, name: "n.json", as: .whisper)
        #expect(none?.code == "whisper.no-segments")
        #expect(none?.location == SourceLocation(file: "n.json", line: 1, column: 1))
        let notObject = Convert.readError(#""just text""#, name: "s.json", as: .whisper)
        #expect(notObject?.code == "whisper.not-object")
        let badSegment = Convert.readError("{\"segments\": [\n  42\n]}", name: "b.json", as: .whisper)
        #expect(badSegment?.code == "whisper.type")
        #expect(badSegment?.location == SourceLocation(file: "b.json", line: 2, column: 3))
        let notJSON = Convert.readError("{\"segments\": [\n  {\"start\": 1,}\n]}", name: "j.json", as: .whisper)
        #expect(notJSON?.location?.line == 2)
        let transcription = Convert.readError(#"{"transcription": {"text": "x"}}"#, name: "c.json", as: .whisper)
        #expect(transcription?.code == "whisper.type")
        #expect(transcription?.location == SourceLocation(file: "c.json", line: 1, column: 19))
    }

    @Test func segmentProblemsAreRepairsThatStrictRefuses() throws {
        let url = TestFiles.sample("invalid/whisper-problems.whisper.json")
        let (timeline, diagnostics) = try Convert.read(url)
        #expect(diagnostics.filter { $0.code.hasPrefix("whisper.") }.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } == [
            "3:27 whisper.end-before-start",
            "4:5 whisper.no-start",
            "5:5 whisper.word-time",
        ])
        #expect(timeline.cues[0].end == nil)
        #expect(timeline.cues[1].start == nil)
        // "word" at 4.5 s is outside its segment (3 to 4 s): kept, untimed.
        #expect(timeline.cues[2].text == [.text("A word "), ts(3500), .text("outside."), ts(3900)])
        var strict = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) {
            _ = try Converter(readOptions: ReadOptions(strict: true)).read(TestFiles.bytes(url), name: "p.json", diagnostics: &strict)
        }
    }

    // MARK: Lint

    @Test func emptySegmentsAndRepeatsAreKeptWithAWarning() throws {
        let text = """
            {"segments": [
              {"start": 0, "end": 1, "text": " ..."},
              {"start": 1, "end": 2, "text": " I'm sorry."},
              {"start": 2, "end": 3, "text": " I'm sorry."},
              {"start": 3, "end": 4, "text": " I'm sorry."},
              {"start": 4, "end": 9, "text": " got them, got them, got them, got them, got them,"},
              {"start": 9, "end": 10, "text": ""}
            ], "language": "en"}
            """
        let (timeline, diagnostics) = try Convert.read(text, name: "lint.json")
        #expect(timeline.cues.count == 6)
        #expect(diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } == [
            "2:3 whisper.empty-segment", "6:3 whisper.repeated-phrase", "3:3 whisper.repeated-text",
        ])
        #expect(diagnostics[0].message.hasPrefix("2 segment(s) have no words"))
        #expect(diagnostics[2].message.hasSuffix("first here: \"I'm sorry.\" 3 times"))
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        // People repeat themselves a little: twice in a row, or "no, no, no" in one segment, is not reported.
        let (_, quiet) = try Convert.read(#"{"segments": [{"start": 0, "end": 1, "text": "No, no, no."}, {"start": 1, "end": 2, "text": "Yes."}, {"start": 2, "end": 3, "text": "Yes."}]}"#, name: "q.json")
        #expect(quiet.isEmpty, "\(quiet)")
    }

    // MARK: Sniffing

    @Test func sniffsEveryVariantAndLeavesOtherJSONAlone() throws {
        let registry = FormatRegistry.standard
        for url in [openAI, whisperCpp, whisperX] {
            #expect(registry.sniff(try TestFiles.bytes(url))?.id == .whisper, "\(url.lastPathComponent)")
        }
        #expect(registry.sniff(Array(#"[{"id": 0, "seek": 0, "start": 0.0, "end": 1.0, "text": " Hi"}]"#.utf8))?.id == .whisper)
        #expect(registry.sniff(Array(#"{"segments": [], "word_segments": [], "language": "en"}"#.utf8))?.id == .whisper)
        // An OpenAI result whose transcript text runs past the bytes sniffed.
        let long = "{\"text\": \"" + String(repeating: "word ", count: 2000) + "\", \"segments\": []}"
        #expect(registry.sniff(Array(long.utf8))?.id == .whisper)
        // Podcasting 2.0 transcripts, chapters and timelines stay theirs.
        #expect(registry.sniff(try TestFiles.bytes(TestFiles.sample("transcript/interview.transcript.json")))?.id == .transcript)
        let unversioned = #"{"segments": [{"speaker": "A", "startTime": 0, "endTime": 1, "body": "Hi"}]}"#
        #expect(registry.sniff(Array(unversioned.utf8))?.id != .whisper)
        #expect(registry.sniff(Array(#"{"version": "1.2.0", "chapters": []}"#.utf8))?.id == .chapters)
        #expect(registry.format(forFileName: "show.whisper.json")?.id == .whisper)
    }

    // MARK: Word times all the way out

    @Test func everyWordTimeSurvivesWebVTTAndBack() throws {
        for url in [openAI, whisperCpp, whisperX] {
            let (timeline, _) = try Convert.read(url)
            let (vtt, _) = try Convert.write(timeline, as: .vtt, sourceFormat: .whisper)
            let (back, diagnostics) = try Convert.read(vtt, name: "back.vtt")
            #expect(!diagnostics.contains { $0.severity >= .warning }, "\(diagnostics)")
            #expect(Self.sameWordTimes(Self.timedWords(timeline), Self.timedWords(back)), "\(url.lastPathComponent)")
        }
    }

    @Test func podcastTranscriptGetsOneSegmentPerWord() throws {
        let (timeline, _) = try Convert.read(whisperX)
        let (json, diagnostics) = try Convert.write(timeline, as: .transcript, sourceFormat: .whisper)
        #expect(!diagnostics.contains { $0.code.hasPrefix("transcript.") && $0.severity >= .warning }, "\(diagnostics)")
        let (back, backDiagnostics) = try Convert.read(json, name: "w.transcript.json")
        #expect(backDiagnostics.isEmpty, "\(backDiagnostics)")
        // 15 words, the untimed "2" in the segment of "has".
        #expect(back.cues.map(\.plainText) == [
            "Hello", "and", "welcome", "to", "cues.", "It", "has 2", "readers", "now.", "Thanks,", "glad", "to", "be", "here.",
        ])
        #expect(back.cues.map { $0.start!.milliseconds } == [500, 950, 1100, 1600, 1800, 3600, 3750, 4300, 4850, 5600, 6200, 6500, 6600, 6800])
        #expect(back.cues.map { $0.end!.milliseconds } == [900, 1100, 1600, 1750, 3200, 3700, 4300, 4800, 5100, 6000, 6500, 6600, 6750, 7250])
        #expect(back.cues.map(\.speaker) == Array(repeating: "SPEAKER_00", count: 9) + Array(repeating: "SPEAKER_01", count: 5))
        #expect(json.contains("""
                {
                  "speaker": "SPEAKER_01",
                  "startTime": 5.6,
                  "endTime": 6,
                  "body": "Thanks,"
                },
            """))
    }

    @Test func formatsWithoutWordTimesDropThemWithOneWarning() throws {
        let (timeline, _) = try Convert.read(openAI)
        let (_, diagnostics) = try Convert.write(timeline, as: .srt, sourceFormat: .whisper)
        let lossy = diagnostics.filter { $0.message.contains("inline timestamps") }
        #expect(lossy.count == 1, "\(diagnostics)")
    }

    @Test func writersSayWhatTheyLeaveOutOnce() throws {
        let (timeline, _) = try Convert.read(whisperCpp)
        let (_, vtt) = try Convert.write(timeline, as: .vtt, sourceFormat: .whisper)
        #expect(vtt.filter { $0.code == "whisper.lossy-elsewhere" }.map(\.message) == [
            "2 segment(s) carry recogniser data (tokens) and 5 top-level field(s) (systeminfo, model, params, language, result), which vtt cannot hold; written without them",
        ])
        // Episode YAML writes every metadata key: only the segments' data is reported.
        let (_, episode) = try Convert.write(timeline, as: .episode, sourceFormat: .whisper)
        #expect(episode.filter { $0.code == "whisper.lossy-elsewhere" }.map(\.message) == [
            "2 segment(s) carry recogniser data (tokens), which episode cannot hold; written without them",
        ])
        let (_, kept) = try Convert.write(timeline, as: .timeline, sourceFormat: .whisper)
        #expect(!kept.contains { $0.code == "whisper.lossy-elsewhere" })
    }

    // MARK: Episode from recognition output

    @Test func episodeLinesAreSpeakerTurnsThatReadBack() throws {
        let converter = Converter(readOptions: ReadOptions(speakerNames: ["SPEAKER_00": "Alexey", "SPEAKER_01": "Guest"]))
        var diagnostics = Diagnostics()
        let bytes = try converter.convert(TestFiles.bytes(whisperX), name: "x.json", to: .episode, diagnostics: &diagnostics)
        let episode = String(decoding: bytes, as: UTF8.self)
        #expect(episode == """
            ---
            language: en
            transcript:
            - line: Hello and welcome to cues. It has 2 readers now.
              sec: 0.5
              time: '0:00'
              who: Alexey
            - line: Thanks, glad to be here.
              sec: 5.6
              time: '0:05'
              who: Guest
            ---

            """)
        let (back, backDiagnostics) = try Convert.read(episode, name: "x.md")
        #expect(backDiagnostics.isEmpty, "\(backDiagnostics)")
        #expect(back.cues.map(\.plainText) == ["Hello and welcome to cues. It has 2 readers now.", "Thanks, glad to be here."])
        #expect(back.cues.map(\.speaker) == ["Alexey", "Guest"])
        #expect(back.cues.map(\.start) == [ms(500), ms(5600)])
    }

    @Test func anEpisodeLineStartsAtItsFirstWord() throws {
        var diagnostics = Diagnostics()
        let bytes = try Converter().convert(TestFiles.bytes(openAI), name: "o.json", to: .episode, diagnostics: &diagnostics)
        let episode = String(decoding: bytes, as: UTF8.self)
        // The segment starts at 0.0 s, its first word at 0.32 s.
        #expect(episode.contains("- line: Welcome back to the show. Today we talk about captions.\n  sec: 0.32\n"))
    }

    @Test func speakerTurnsKeepEveryWordTime() throws {
        var (timeline, _) = try Convert.read(whisperX)
        let before = Self.timedWords(timeline)
        SpeakerTurns.merge(&timeline)
        #expect(timeline.cues.count == 2)
        #expect(timeline.cues.map(\.start) == [ms(500), ms(5600)])
        #expect(timeline.cues.map(\.end) == [ms(5100), ms(7250)])
        #expect(Self.timedWords(timeline) == before)
    }

    // MARK: Golden files

    /// Each sample as every format a recogniser's output goes to, kept in
    /// `Tests/Golden/whisper/` (the WhisperX speakers named as `--speakers` would).
    @Test(arguments: ["openai", "whispercpp", "whisperx-diarized"], [FormatID.vtt, .srt, .transcript, .episode, .timeline])
    func goldenOutputs(sample: String, format: FormatID) throws {
        let converter = Converter(readOptions: ReadOptions(speakerNames: ["SPEAKER_00": "Alexey", "SPEAKER_01": "Guest"]))
        var diagnostics = Diagnostics()
        let url = TestFiles.sample("whisper/\(sample).json")
        let bytes = try converter.convert(TestFiles.bytes(url), name: url.lastPathComponent, to: format, diagnostics: &diagnostics)
        let ext = FormatRegistry.standard[format]!.preferredExtension
        Golden.check(String(decoding: bytes, as: UTF8.self), "whisper/\(sample).\(ext)")
    }

    // MARK: Helpers

    /// Every word with its start and end as the cue text states them
    /// (the first word of a cue starting with the cue).
    static func timedWords(_ timeline: Timeline) -> [TimedWord] {
        timeline.cues.flatMap { cue in
            var words = WordTimes.words(cue.text, cueStart: cue.start)
            if let last = words.indices.last, words[last].end == nil { words[last].end = cue.end }
            return words
        }
    }

    /// Whether `after` has the words of `before` in order, each time
    /// `before` states the same (an untimed word may gain a time when a
    /// caption starts with it).
    static func sameWordTimes(_ before: [TimedWord], _ after: [TimedWord]) -> Bool {
        before.count == after.count && zip(before, after).allSatisfy { old, new in
            old.text == new.text && (old.start == nil || old.start == new.start) && (old.end == nil || old.end == new.end)
        }
    }
}
