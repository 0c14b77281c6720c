import Foundation
import Testing
@testable import CueKit

@Suite("JSON chapters reader and writer")
struct ChaptersTests {
    let full = TestFiles.sample("chapters/full.chapters.json")

    @Test func readsEveryKeyOfTheSpecification() throws {
        let (timeline, diagnostics) = try Convert.read(full)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.metadata == [
            Field("author", .string("Ada Host")),
            Field("title", .string("Episode 12: Tides")),
            Field("podcastName", .string("Coastal Notes")),
            Field("description", .string("Every key of JSON chapters 1.2.0, written for the cues tests.")),
            Field("fileName", .string("coastal-notes-12.mp3")),
        ])
        #expect(timeline.extras[.chapters] == [
            Field("version", .string("1.2.0")),
            Field("waypoints", .scalar("true")),
            Field("generator", .map([Field("name", .string("hand-written")), Field("version", .scalar("1"))])),
        ])
        let chapters = timeline.chapters
        #expect(chapters.map(\.start) == [0, 1001, 64_500, 90_000, 3_725_250].map { Timestamp(milliseconds: $0) })
        #expect(chapters.map(\.end) == [nil, Timestamp(milliseconds: 64_500), nil, nil, nil])
        #expect(chapters.map(\.title) == ["Cold open", "Harbour", nil, "Lighthouse \"Old Tom\"", "Outro"])
        #expect(chapters.map(\.isInTableOfContents) == [true, true, false, true, true])
        #expect(chapters[1].image == "https://example.com/art/harbour.jpg")
        #expect(chapters[1].url == "https://example.com/harbour")
        #expect(chapters[1].extras[.chapters] == [
            Field("location", .map([
                Field("name", .string("Harbour, Aberystwyth")), Field("geo", .string("geo:52.4123,-4.0870")),
                Field("osm", .string("W123456")),
            ])),
        ])
        // Unknown keys in order, numbers as written.
        #expect(chapters[2].extras[.chapters] == [Field("sponsor", .string("Gull & Co.")), Field("rating", .scalar("4.50"))])
        #expect(chapters[3].extras[.chapters]?.map(\.key) == ["location", "value"])
        #expect(chapters[4].location == SourceLocation(file: "full.chapters.json", line: 46, column: 5))
    }

    @Test func writesTheSampleBackByteForByte() throws {
        let original = try String(contentsOf: full, encoding: .utf8)
        let (timeline, _) = try Convert.read(original, name: "full.chapters.json")
        let (written, diagnostics) = try Convert.write(timeline, as: .chapters)
        #expect(written == original)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func writesTimesAsSecondsWithoutPrecisionLoss() throws {
        let timeline = Timeline(chapters: [
            Chapter(start: .zero, title: "A"),
            Chapter(start: Timestamp(milliseconds: 1001), end: Timestamp(milliseconds: 2050), title: "B"),
            Chapter(start: Timestamp(milliseconds: 168_000), title: "C"),
        ])
        let (json, _) = try Convert.write(timeline, as: .chapters)
        #expect(json.contains("\"startTime\": 0,"))
        #expect(json.contains("\"startTime\": 1.001,\n      \"endTime\": 2.05,"))
        #expect(json.contains("\"startTime\": 168,"))
        let (reread, _) = try Convert.read(json, name: "x.chapters.json")
        #expect(reread.chapters.map(\.start) == timeline.chapters.map(\.start))
        #expect(reread.chapters.map(\.end) == timeline.chapters.map(\.end))
    }

    @Test func problemsAreLocatedRepairs() throws {
        let file = TestFiles.sample("invalid/chapters-problems.chapters.json")
        let (timeline, diagnostics) = try Convert.read(file)
        let found = diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code)" }
        #expect(found == [
            "1:1 chapters.no-version",
            "12:20 chapters.time-as-string",
            "14:14 chapters.type",
            "16:5 chapters.no-start",
            "21:18 chapters.end-before-start",
            "22:16 chapters.type",
            "23:19 chapters.bad-location",
            "11:5 chapters.out-of-order",
        ])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        // Sorted stably by start; the chapter without a start stays after the one before it.
        #expect(timeline.chapters.map(\.title) == ["Intro", "First, in quotes", "No start at all", "Second", "2024"])
        let expectedStarts: [Int64?] = [0, 120_000, nil, 300_000, 400_000]
        #expect(timeline.chapters.map(\.start) == expectedStarts.map { $0.map { Timestamp(milliseconds: $0) } })
        #expect(timeline.chapters[1].isInTableOfContents == false)
        #expect(timeline.chapters[4].end == nil)

        let strict = Converter(readOptions: ReadOptions(strict: true))
        var strictDiagnostics = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) {
            _ = try strict.read(TestFiles.bytes(file), name: "p.chapters.json", diagnostics: &strictDiagnostics)
        }
    }

    @Test func aChaptersValueThatIsNotAnArrayIsAnError() throws {
        let error = Convert.readError(
            try String(contentsOf: TestFiles.sample("invalid/chapters-not-array.chapters.json"), encoding: .utf8),
            name: "chapters-not-array.chapters.json")
        #expect(error?.code == "chapters.type")
        #expect(error?.location == SourceLocation(file: "chapters-not-array.chapters.json", line: 3, column: 15))
        #expect(error?.message == "expected \"chapters\" to be an array of chapter objects, found an object")
    }

    @Test func otherErrorsAreLocated() {
        let notObject = Convert.readError("[1, 2]", name: "a.chapters.json")
        #expect(notObject?.code == "chapters.not-object")
        let noChapters = Convert.readError("{\"version\": \"1.2.0\"}", name: "b.chapters.json")
        #expect(noChapters?.code == "chapters.no-chapters")
        let badChapter = Convert.readError("{\"version\": \"1.2.0\",\n \"chapters\": [0]}", name: "c.chapters.json")
        #expect(badChapter?.location == SourceLocation(file: "c.chapters.json", line: 2, column: 15))
        let syntax = Convert.readError("{\"version\": \"1.2.0\", \"chapters\": [}", name: "d.chapters.json")
        #expect(syntax?.code == "json.syntax")
    }

    @Test func repeatedKeysUseTheLastOneAsJavaScriptDoes() throws {
        let (timeline, diagnostics) = try Convert.read(
            "{\"version\": \"1.2.0\", \"chapters\": [{\"startTime\": 5, \"title\": \"old\", \"title\": \"new\"}]}",
            name: "d.chapters.json")
        #expect(timeline.chapters[0].title == "new")
        #expect(diagnostics.map(\.code) == ["chapters.duplicate-key"])
    }

    @Test func finerThanMillisecondTimesAreRoundedWithOneWarning() throws {
        let (timeline, diagnostics) = try Convert.read(
            "{\"version\": \"1.2.0\", \"chapters\": [{\"startTime\": 1.0005}, {\"startTime\": 2.0004}]}", name: "r.chapters.json")
        #expect(timeline.chapters.map(\.start) == [Timestamp(milliseconds: 1001), Timestamp(milliseconds: 2000)])
        #expect(diagnostics.map(\.code) == ["chapters.sub-millisecond"])
        #expect(diagnostics[0].message.hasPrefix("2 time(s)"))
    }

    @Test func aSilentChapterDoesNotEndTheVisibleChapterBeforeIt() {
        var timeline = Timeline(chapters: [
            Chapter(start: .zero, title: "Visible"),
            Chapter(start: Timestamp(seconds: 10), isInTableOfContents: false),
            Chapter(start: Timestamp(seconds: 20), title: "Next"),
        ], duration: Timestamp(seconds: 30))
        _ = TimeInference().apply(to: &timeline)
        #expect(timeline.chapters.map(\.end) == [20, 20, 30].map { Timestamp(seconds: $0) })
    }

    @Test func writesChaptersInOrderAndReportsWhatItLeftOut() throws {
        let timeline = Timeline(
            metadata: [Field("title", .string("T")), Field("season", .scalar("2"))],
            chapters: [Chapter(start: Timestamp(seconds: 9), title: "Later"), Chapter(start: .zero, title: "First"), Chapter(title: "Untimed")])
        let (json, diagnostics) = try Convert.write(timeline, as: .chapters)
        let (reread, _) = try Convert.read(json, name: "o.chapters.json")
        #expect(reread.chapters.map(\.title) == ["First", "Later"])
        #expect(reread.metadata == [Field("title", .string("T"))])
        #expect(diagnostics.map(\.code) == ["chapters.untimed", "chapters.reordered", "chapters.metadata-not-written"])
    }

    @Test func doubledHeadersAreWrittenOnce() throws {
        let cues = [0, 10, 20, 30].map { Cue(start: Timestamp(seconds: $0), text: Span.plain("line \($0)")) }
        let timeline = Timeline(cues: cues, chapters: [
            // A clip-timed chapter and its doubled header further down.
            Chapter(start: .zero, end: Timestamp(seconds: 10), title: "Intro", cueIndex: 0),
            Chapter(title: "Intro", cueIndex: 1),
            // The same header twice in a row.
            Chapter(title: "Topic", cueIndex: 2),
            Chapter(title: "Topic", cueIndex: 2),
            // Two chapters of one name with another between them are both kept.
            Chapter(start: Timestamp(seconds: 25), title: "Q&A"),
            Chapter(start: Timestamp(seconds: 27), title: "Break"),
            Chapter(start: Timestamp(seconds: 30), title: "Q&A"),
            // A chapter right after one of the same name is the same chapter.
            Chapter(start: Timestamp(seconds: 40), title: "Outro"),
            Chapter(start: Timestamp(seconds: 45), title: "Outro"),
        ])
        let (json, diagnostics) = try Convert.write(timeline, as: .chapters)
        let (reread, _) = try Convert.read(json, name: "d.chapters.json")
        #expect(reread.chapters.map(\.title) == ["Intro", "Topic", "Q&A", "Break", "Q&A", "Outro"])
        #expect(reread.chapters.map(\.start) == [0, 20, 25, 27, 30, 40].map { Timestamp(seconds: $0) })
        #expect(diagnostics.contains { $0.code == "chapters.repeated" && $0.message.hasPrefix("3 chapter(s)") })
    }

    @Test func sniffsChaptersButNotTimelinesOrTranscripts() throws {
        let sniff = ChaptersFormat.format.sniff!
        #expect(sniff(ArraySlice(try TestFiles.bytes(full))))
        #expect(!sniff(ArraySlice("{\"cuesTimeline\": 1, \"version\": \"1\", \"chapters\": []}".utf8)))
        #expect(!sniff(ArraySlice("{\"version\": \"1.0.0\", \"segments\": []}".utf8)))
        #expect(!sniff(ArraySlice("{\"chapters\": []}".utf8)))  // no version in a complete object
        #expect(!sniff(ArraySlice("{\"version\": \"1\", \"chapters\": \"no\"}".utf8)))
        // A plain .json name: found by content.
        let (timeline, _) = try Convert.read(TestFiles.bytes(full), name: "feed-chapters.json")
        #expect(timeline.chapters.count == 5)
        let (timelineJSON, _) = try Convert.write(timeline, as: .timeline)
        #expect(try Convert.read(timelineJSON, name: "t.json").0 == timeline)
    }
}

/// The Podcasting 2.0 examples and the seed episode from the shared corpus.
@Suite("JSON chapters corpus", .enabled(if: TestFiles.hasCorpus))
struct ChaptersCorpusTests {
    static let examples = TestFiles.corpusFiles("podcast20/chapters", extensions: ["json"])
        + TestFiles.corpusFiles("podcast20/spec-examples/podcast-namespace", extensions: ["json"])
            .filter { $0.lastPathComponent.hasPrefix("chapters_") }

    @Test func examplesAreThere() {
        #expect(Self.examples.count == 4)
    }

    @Test(arguments: examples)
    func examplesWriteBackWithTheSameDataAndKeysInPlace(file: URL) throws {
        let original = try TestFiles.bytes(file)
        let (timeline, diagnostics) = try Convert.read(original, name: file.lastPathComponent)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let (written, _) = try Convert.write(timeline, as: .chapters)
        // Same data, judged by Foundation's parser.
        let before = try JSONSerialization.jsonObject(with: Data(original)) as! NSDictionary
        let after = try JSONSerialization.jsonObject(with: Data(written.utf8)) as! NSDictionary
        #expect(before == after)
        // Same keys in the same order, in every chapter and at the top.
        #expect(keyOrders(original) == keyOrders(Array(written.utf8)))
        #expect(try Convert.read(written, name: "again.chapters.json").0 == timeline)
    }

    @Test func complexExampleMapsToTheModel() throws {
        let file = Self.examples.first { $0.lastPathComponent == "exampleComplex.json" }!
        let (timeline, _) = try Convert.read(file)
        #expect(timeline.metadata == [
            Field("author", .string("John Doe")), Field("title", .string("Episode 7 - Making Progress")),
            Field("podcastName", .string("John's Awesome Podcast")),
        ])
        #expect(timeline.chapters.count == 11)
        let silent = timeline.chapters[7]
        #expect(silent.start == Timestamp(seconds: 4826))
        #expect(silent.title == nil)
        #expect(!silent.isInTableOfContents)
        #expect(silent.image == "https://example.com/images/parisfrance.jpg")
        #expect(silent.extras[.chapters] == [Field("location", .map([
            Field("name", .string("Eiffel Tower, Paris")), Field("geo", .string("geo:42.3417649,-70.9661596")),
        ]))])
        let valued = timeline.chapters[5]
        #expect(valued.start == Timestamp(seconds: 4200))
        #expect(valued.extras[.chapters]?.map(\.key) == ["value"])
        #expect(valued.extras[.chapters]?["value"]?.text?.hasPrefix("<podcast:value type=\"lightning\"") == true)

        // As FFmpeg chapters: the silent chapter is left out and does not end "Donations".
        let (ffmetadata, _) = try Convert.write(timeline, as: .ffmetadata)
        #expect(ffmetadata.contains("START=4600000\nEND=5510000\ntitle=Donations\n"))
    }

    @Test func seedEpisodeGivesOneChapterPerHeaderAtTheLineUnderIt() throws {
        let file = TestFiles.corpus!.appendingPathComponent("episodes/seed-episode.md")
        let source = try String(contentsOf: file, encoding: .utf8)
        let expected = SeedHeaders(source)
        #expect(expected.titles.count == 28)

        let (timeline, _) = try Convert.read(file)
        let (json, _) = try Convert.write(timeline, as: .chapters, sourceFormat: .episode)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let chapters = object["chapters"] as! [[String: Any]]
        let starts = chapters.map { ($0["startTime"] as! NSNumber).doubleValue }
        #expect(chapters.map { $0["title"] as? String } == expected.titles)
        #expect(starts.first == 77)
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 })
        // Where the line under a header has `sec`, the chapter starts exactly there.
        for (index, seconds) in expected.seconds.enumerated() {
            guard let seconds else { continue }
            #expect(starts[index] == Double(seconds), "\(expected.titles[index])")
        }
        #expect(expected.seconds.compactMap { $0 }.count == 20)
        // The others start where time inference places that line.
        var inferred = timeline
        _ = TimeInference().apply(to: &inferred)
        for (index, chapter) in timeline.chapters.enumerated() where expected.seconds[index] == nil {
            let line = inferred.cues[chapter.cueIndex!]
            #expect(Int64((starts[index] * 1000).rounded()) == line.start!.milliseconds)
        }
        // Episode title and description map; nothing else has a place.
        #expect(object["title"] as? String == timeline.metadata["title"]?.text)
        #expect(object["description"] as? String == timeline.metadata["description"]?.text)
        #expect(Set(object.keys) == ["version", "title", "description", "chapters"])
        #expect(object["version"] as? String == "1.2.0")
    }

    /// The key order of every object in a JSON document, in document order.
    private func keyOrders(_ bytes: [UInt8]) -> [[String]] {
        guard let root = try? JSONParser.parse(bytes, name: nil, format: nil) else { return [] }
        var orders: [[String]] = []
        func walk(_ value: JSONValue) {
            switch value.kind {
            case .object(let members):
                orders.append(members.map(\.key))
                members.forEach { walk($0.value) }
            case .array(let items):
                items.forEach(walk)
            default:
                break
            }
        }
        walk(root)
        return orders
    }
}

/// Every corpus episode as each chapter format.
@Suite("Episode corpus to chapter formats", .enabled(if: TestFiles.hasCorpus))
struct EpisodeChapterFormatsCorpusTests {
    static let files = TestFiles.corpusFiles("episodes", extensions: ["md"])

    @Test(arguments: files)
    func chapterFormatsAreOrderedAndValid(file: URL) throws {
        let (timeline, _) = try Convert.read(file)
        let titled = Set(timeline.chapters.compactMap(\.title))
        if timeline.chapters.isEmpty {
            // An episode without headers has no chapters to write: an error
            // that says so, not an empty chapters file.
            for format in [FormatID.chapters, .youtubeChapters, .ffmetadata] {
                let error = #expect(throws: Diagnostic.self) { try Convert.write(timeline, as: format, sourceFormat: .episode) }
                #expect(error?.code == "convert.nothing-kept", "\(file.lastPathComponent)")
            }
            return
        }

        let (json, _) = try Convert.write(timeline, as: .chapters, sourceFormat: .episode)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let chapters = object["chapters"] as! [[String: Any]]
        let starts = chapters.map { ($0["startTime"] as! NSNumber).doubleValue }
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }, "\(file.lastPathComponent)")
        // Every title is written exactly once, whatever the doubled headers.
        #expect(chapters.compactMap { $0["title"] as? String }.sorted() == titled.sorted(), "\(file.lastPathComponent)")

        let (youtube, _) = try Convert.write(timeline, as: .youtubeChapters, sourceFormat: .episode)
        if youtube.split(separator: "\n").count >= 3 {
            #expect(YouTubeRules.problems(youtube).isEmpty, "\(file.lastPathComponent): \(YouTubeRules.problems(youtube))")
        }

        let (ffmetadata, _) = try Convert.write(timeline, as: .ffmetadata, sourceFormat: .episode)
        let lines = ffmetadata.split(separator: "\n")
        let ffStarts = lines.filter { $0.hasPrefix("START=") }.map { Int($0.dropFirst(6))! }
        let ffEnds = lines.filter { $0.hasPrefix("END=") }.map { Int($0.dropFirst(4))! }
        #expect(ffStarts.count == chapters.count && ffEnds.count == chapters.count)
        #expect(zip(ffStarts, ffEnds).allSatisfy { $0 <= $1 }, "\(file.lastPathComponent)")
        #expect(lines.filter { $0 == "TIMEBASE=1/1000" }.count == chapters.count)
    }
}

/// The headers of an episode file and the `sec` of the line under each,
/// read from the text without the episode reader.
struct SeedHeaders {
    var titles: [String] = []
    var seconds: [Int?] = []

    init(_ source: String) {
        var waiting: Int?  // a header whose first line has not started
        var current: Int?  // the header whose first line is being read
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("- header: ") {
                var title = String(line.dropFirst("- header: ".count))
                if title.hasPrefix("'") && title.hasSuffix("'") {
                    title = String(title.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
                }
                titles.append(title)
                seconds.append(nil)
                waiting = titles.count - 1
                current = nil
            } else if line.hasPrefix("- line: ") {
                current = waiting
                waiting = nil
            } else if line.hasPrefix("- ") {
                waiting = nil
                current = nil
            } else if let index = current, line.hasPrefix("  sec: ") {
                seconds[index] = Int(line.dropFirst("  sec: ".count))
                current = nil
            }
        }
    }
}
