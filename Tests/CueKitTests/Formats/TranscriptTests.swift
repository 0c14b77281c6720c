import Foundation
import Testing
@testable import CueKit

@Suite("JSON transcript reader and writer")
struct TranscriptTests {
    let interview = TestFiles.sample("transcript/interview.transcript.json")

    @Test func readsSegmentsAsCues() throws {
        let (timeline, diagnostics) = try Convert.read(interview)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.extras[.transcript] == [Field("version", .string("1.0.0")), Field("language", .string("en"))])
        let cues = timeline.cues
        #expect(cues.map(\.speaker) == ["Ada", "Grace", nil, "Ada"])
        #expect(cues.map(\.start) == [500, 3250, 7500, 9000].map { Timestamp(milliseconds: $0) })
        #expect(cues.map(\.end) == [Timestamp(milliseconds: 3250), Timestamp(milliseconds: 7001), Timestamp(seconds: 9), nil])
        #expect(cues[1].text == [.text("Thanks for having me."), .lineBreak, .text("It's good to be here.")])
        #expect(cues[1].extras[.transcript] == [Field("confidence", .scalar("0.93"))])
        #expect(cues[0].location == SourceLocation(file: "interview.transcript.json", line: 5, column: 5))
    }

    @Test func writesBackWithTheSameDataAndInfersTheMissingEnd() throws {
        let (timeline, _) = try Convert.read(interview)
        let (json, diagnostics) = try Convert.write(timeline, as: .transcript, sourceFormat: .transcript)
        let (reread, _) = try Convert.read(json, name: "again.transcript.json")
        #expect(reread.extras == timeline.extras)
        #expect(Array(reread.cues.prefix(3)) == Array(timeline.cues.prefix(3)))
        // The writer needs times: the last segment gets an end from time inference.
        var last = timeline.cues[3]
        #expect(reread.cues[3].end.map { $0 > last.start! } == true)
        last.end = reread.cues[3].end
        #expect(reread.cues[3] == last)
        #expect(!diagnostics.contains { $0.severity == .warning }, "\(diagnostics)")
        // Keys in the specification's order, then the source's own keys.
        #expect(json.contains("""
                  "speaker": "Grace",
                  "startTime": 3.25,
                  "endTime": 7.001,
                  "body": "Thanks for having me.\\nIt's good to be here.",
                  "confidence": 0.93
            """))
        #expect(json.hasPrefix("{\n  \"version\": \"1.0.0\",\n  \"language\": \"en\",\n  \"segments\": [\n"))
    }

    @Test func aMissingSegmentsArrayIsALocatedError() throws {
        let text = try String(contentsOf: TestFiles.sample("invalid/transcript-no-segments.transcript.json"), encoding: .utf8)
        let error = Convert.readError(text, name: "transcript-no-segments.transcript.json")
        #expect(error?.code == "transcript.no-segments")
        #expect(error?.location == SourceLocation(file: "transcript-no-segments.transcript.json", line: 1, column: 1))
        #expect(error?.message == "expected a \"segments\" array in the top-level object, found none")
    }

    @Test func segmentProblemsAreRepairs() throws {
        let text = """
            {"segments": [
              {"startTime": 2, "endTime": 1, "body": "ends too early"},
              {"speaker": "", "startTime": 1.5, "body": 42},
              {"endTime": 4}
            ]}
            """
        let (timeline, diagnostics) = try Convert.read(text, name: "p.transcript.json")
        #expect(diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } == [
            "1:1 transcript.no-version",
            "2:31 transcript.end-before-start",
            "3:45 transcript.type",
            "4:3 transcript.no-start",
            "4:3 transcript.no-body",
            "3:3 transcript.out-of-order",
        ])
        #expect(timeline.cues[0].end == nil)
        #expect(timeline.cues[1].speaker == nil)
        #expect(timeline.cues[1].extras[.transcript] == [Field("speaker", .string(""))])
        #expect(timeline.cues[1].plainText == "42")
        #expect(timeline.cues[2].start == nil && timeline.cues[2].end == Timestamp(seconds: 4))
        var strict = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) {
            _ = try Converter(readOptions: ReadOptions(strict: true)).read(Array(text.utf8), name: "p.transcript.json", diagnostics: &strict)
        }
    }

    @Test func writerReportsWhatTheFormatCannotHold() throws {
        let timeline = Timeline(
            metadata: [Field("title", .string("T"))],
            cues: [
                Cue(start: .zero, end: Timestamp(seconds: 1), text: [.element(SpanElement(.voice("Ada"), children: [.text("Hi")]))]),
                Cue(start: Timestamp(seconds: 1), end: Timestamp(seconds: 2), speaker: "Ada",
                    text: [.element(SpanElement(.italic, children: [.text("there")]))]),
            ],
            chapters: [Chapter(start: .zero, title: "Intro")])
        let (json, diagnostics) = try Convert.write(timeline, as: .transcript)
        let (reread, _) = try Convert.read(json, name: "w.transcript.json")
        // A voice span names the speaker; italics become plain text.
        #expect(reread.cues.map(\.speaker) == ["Ada", "Ada"])
        #expect(reread.cues.map(\.plainText) == ["Hi", "there"])
        #expect(diagnostics.map(\.code) == [
            "convert.chapters-dropped", "transcript.lossy-styling", "transcript.metadata-not-written",
        ])
    }

    @Test func sniffsTranscriptsButNotChapters() throws {
        let sniff = TranscriptFormat.format.sniff!
        #expect(sniff(ArraySlice(try TestFiles.bytes(interview))))
        #expect(!sniff(ArraySlice("{\"version\": \"1.2.0\", \"chapters\": []}".utf8)))
        let (timeline, _) = try Convert.read(TestFiles.bytes(interview), name: "episode-12.json")
        #expect(timeline.cues.count == 4)
    }
}

@Suite("JSON transcript corpus", .enabled(if: TestFiles.hasCorpus))
struct TranscriptCorpusTests {
    static let examples = TestFiles.corpusFiles("podcast20/transcripts", extensions: ["json"])
        + TestFiles.corpusFiles("podcast20/spec-examples/podcast-namespace", extensions: ["json"])
            .filter { $0.lastPathComponent.hasPrefix("transcripts_") }

    @Test func examplesAreThere() {
        #expect(Self.examples.count == 2)
    }

    @Test(arguments: examples)
    func exampleReadsExactlyAndWritesBackTheSameData(file: URL) throws {
        let original = try TestFiles.bytes(file)
        let (timeline, diagnostics) = try Convert.read(original, name: file.lastPathComponent)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.cues.map(\.plainText) == ["I", "am", "your", "father.", "Nooooo"])
        #expect(timeline.cues.map(\.speaker) == ["Darth Vader", "Darth Vader", "Darth Vader", "Darth Vader", "Luke"])
        #expect(timeline.cues.map(\.start) == [500, 1000, 1500, 2250, 2750].map { Timestamp(milliseconds: $0) })
        #expect(timeline.cues.map(\.end) == [750, 1250, 2000, 2500, 3000].map { Timestamp(milliseconds: $0) })
        let (written, _) = try Convert.write(timeline, as: .transcript, sourceFormat: .transcript)
        let before = try JSONSerialization.jsonObject(with: Data(original)) as! NSDictionary
        let after = try JSONSerialization.jsonObject(with: Data(written.utf8)) as! NSDictionary
        #expect(before == after)
    }
}
