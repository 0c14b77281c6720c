import Foundation
import Testing
@testable import CueKit

/// The model's `Codable` conformances are the timeline format: Foundation's
/// coders (here, in the tests only: CueKit does not link Foundation) read
/// and write the same JSON as the `timeline` reader and writer.
@Suite("Timeline Codable")
struct TimelineCodableTests {
    /// Every sample of every format, read by cues.
    static let sampleTimelines: [(name: String, timeline: Timeline)] = {
        let folder = TestFiles.packageRoot.appendingPathComponent("Samples")
        let skipped: Set<String> = ["fuzz", "invalid"]
        var timelines: [(String, Timeline)] = []
        let formats = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for format in formats.sorted() where !skipped.contains(format) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(format).path)) ?? []
            for name in names.sorted() where !name.hasSuffix(".md") || format == "episode" {
                let url = folder.appendingPathComponent(format).appendingPathComponent(name)
                guard !name.hasSuffix(".sh"), name != "names.txt", let (timeline, _) = try? Convert.read(url) else { continue }
                timelines.append(("\(format)/\(name)", timeline))
            }
        }
        return timelines
    }()

    @Test func theSamplesAreManyAndVaried() {
        let timelines = Self.sampleTimelines.map(\.timeline)
        #expect(timelines.count >= 50)
        #expect(timelines.contains { $0.cues.contains { $0.text.hasMarkup } })
        #expect(timelines.contains { !$0.extras.isEmpty })
        #expect(timelines.contains { $0.cues.contains { !$0.settings.isEmpty } })
        #expect(timelines.contains { $0.chapters.contains { $0.cueIndex != nil } })
    }

    /// The same timeline, but for what Foundation cannot see in JSON: the
    /// order of an object's keys, and how a number was spelt (`4.50`, `0.0`).
    @Test func foundationReadsEveryTimelineFileAsTheCuesReaderDoes() throws {
        var spelt = 0
        for (name, timeline) in Self.sampleTimelines {
            let (json, _) = try Convert.write(timeline, as: .timeline)
            let (fromCues, _) = try Convert.read(json, name: "t.timeline.json")
            let fromFoundation = try JSONDecoder().decode(Timeline.self, from: Data(json.utf8))
            #expect(KeyOrder.sorted(fromFoundation, numbersByValue: true) == KeyOrder.sorted(fromCues, numbersByValue: true), "\(name)")
            if KeyOrder.sorted(fromFoundation) != KeyOrder.sorted(fromCues) { spelt += 1 }
        }
        // The chapters sample's `4.50` and Whisper's `0.0`, at least.
        #expect(spelt >= 2)
    }

    @Test func foundationReadsTheCheckedInTimelineFiles() throws {
        for url in [TestFiles.sample("timeline/showcase.timeline.json"),
                    TestFiles.packageRoot.appendingPathComponent("Tests/Golden/timeline/showcase.timeline.json")] {
            let (fromCues, _) = try Convert.read(url)
            let fromFoundation = try JSONDecoder().decode(Timeline.self, from: Data(contentsOf: url))
            #expect(KeyOrder.sorted(fromFoundation) == KeyOrder.sorted(fromCues))
            #expect(fromFoundation.cues.count == 6 && fromFoundation.chapters.count == 2)
        }
    }

    @Test func foundationRoundTripsEveryTimeline() throws {
        for (name, timeline) in Self.sampleTimelines + [("every model field", Self.everyField)] {
            let data = try JSONEncoder().encode(timeline)
            let decoded = try JSONDecoder().decode(Timeline.self, from: data)
            #expect(KeyOrder.sorted(decoded) == KeyOrder.sorted(timeline), "\(name)")
            // And what Foundation wrote is a timeline file cues reads (named:
            // its keys come in any order, the marker too, so the head of the
            // file may not show it to the sniffers).
            let (fromCues, _) = try Convert.read(Array(data), name: "foundation.timeline.json", as: .timeline)
            #expect(KeyOrder.sorted(fromCues) == KeyOrder.sorted(timeline), "\(name)")
        }
    }

    @Test func aTimelineWhoseObjectsHaveOneKeyEachRoundTripsExactly() throws {
        var timeline = Self.everyField
        timeline.metadata = [Field("nested", .map([Field("list", .list([.string("a"), .scalar("1.50")]))]))]
        let decoded = try JSONDecoder().decode(Timeline.self, from: JSONEncoder().encode(timeline))
        #expect(decoded == timeline)
    }

    @Test func foundationMarksATimelineAtTheTopOfADocumentOnly() throws {
        let timeline = Timeline(cues: [Cue(start: .zero, text: Span.plain("Hi"))])
        let top = String(decoding: try JSONEncoder().encode(timeline), as: UTF8.self)
        #expect(top.contains("\"cuesTimeline\":1"))
        let listed = String(decoding: try JSONEncoder().encode([timeline]), as: UTF8.self)
        #expect(!listed.contains("cuesTimeline"))
        #expect(try JSONDecoder().decode([Timeline].self, from: Data(listed.utf8)) == [timeline])
    }

    /// A scalar that is a number is written as the number's text by cues;
    /// Foundation carries numbers as `Int64` or `Double`, so it writes those
    /// whose text survives that as numbers and the others as `$plain`.
    @Test func numbersKeepTheirTextThroughEitherCoder() throws {
        let texts = ["5", "-3", "0", "-0", "1.001", "0.1", "1.50", "1.0", "1e5", "2E-3", "12345678901234567890",
                     "yes", "", "2023-01-05", "true", "false", "null", "01", "+1", " 5"]
        let timeline = Timeline(metadata: Fields(texts.enumerated().map { Field("k\($0.offset)", .scalar($0.element)) }))
        let foundation = try JSONDecoder().decode(Timeline.self, from: JSONEncoder().encode(timeline))
        #expect(KeyOrder.sorted(foundation) == KeyOrder.sorted(timeline))

        let (json, _) = try Convert.write(timeline, as: .timeline)
        #expect(json.contains("\"k6\": 1.50,") && json.contains("\"k8\": 1e5,") && json.contains("\"k3\": -0,"))
        #expect(json.contains("\"k13\": {\n      \"$plain\": \"2023-01-05\"\n    },"))
        #expect(json.contains("\"k17\": {\n      \"$plain\": \"01\"\n    },"))
        #expect(try Convert.read(json, name: "t.timeline.json").0 == timeline)
    }

    /// Reading what cues wrote, Foundation keeps a number's value, not its spelling.
    @Test func foundationReadsANumberAsItsValue() throws {
        let json = #"{"cuesTimeline": 1, "metadata": {"a": 1.50, "b": 1e5, "c": 7, "d": 0.25}}"#
        let timeline = try JSONDecoder().decode(Timeline.self, from: Data(json.utf8))
        #expect(timeline.metadata["a"] == .scalar("1.5"))
        #expect(timeline.metadata["b"] == .scalar("100000"))
        #expect(timeline.metadata["c"] == .scalar("7"))
        #expect(timeline.metadata["d"] == .scalar("0.25"))
        #expect(try Convert.read(json, name: "t.timeline.json").0.metadata["a"] == .scalar("1.50"))
    }

    @Test func cuesKeepsEveryMemberOfAnObjectWhoseKeysRepeat() throws {
        let json = """
            {
              "cuesTimeline": 1,
              "duration": null,
              "metadata": {
                "guest": "Ada",
                "guest": "Grace",
                "note": {
                  "x": 1,
                  "x": 2
                }
              },
              "cues": [],
              "chapters": []
            }

            """
        let (timeline, _) = try Convert.read(json, name: "t.timeline.json")
        #expect(timeline.metadata.entries == [
            Field("guest", .string("Ada")), Field("guest", .string("Grace")),
            Field("note", .map([Field("x", .scalar("1")), Field("x", .scalar("2"))])),
        ])
        #expect(try Convert.write(timeline, as: .timeline).0 == json)
    }

    @Test func theCuesReaderGivesEachCueAndChapterItsPlace() throws {
        let json = "{\"cuesTimeline\": 1,\n \"cues\": [\n  {\"text\": \"a\"},\n    {\"text\": \"b\"}],\n \"chapters\": [{\"title\": \"c\"}]}"
        let (timeline, _) = try Convert.read(json, name: "p.timeline.json")
        #expect(timeline.cues.map(\.location) == [
            SourceLocation(file: "p.timeline.json", line: 3, column: 3),
            SourceLocation(file: "p.timeline.json", line: 4, column: 5),
        ])
        #expect(timeline.chapters.first?.location == SourceLocation(file: "p.timeline.json", line: 5, column: 15))
        #expect(try JSONDecoder().decode(Timeline.self, from: Data(json.utf8)).cues.map(\.location) == [nil, nil])
    }

    /// A timeline holding every kind of value the model has.
    static let everyField: Timeline = {
        var extras = FormatExtras()
        extras[FormatID("vtt")] = [Field("style", .string("::cue { color: red }"))]
        let styled: [Span] = [
            .element(SpanElement(.voice("Ada"), classes: ["loud"], children: [.text("Hi "), .element(SpanElement(.italic, children: [.text("there")]))])),
            .lineBreak,
            .timestamp(Timestamp(milliseconds: 1500)),
            .element(SpanElement(.ruby, children: [.text("漢"), .element(SpanElement(.rubyText, children: [.text("kan")]))])),
            .element(SpanElement(.language("en-GB"), children: [.text("colour")])),
            .element(SpanElement(.class, classes: ["a", "b"], children: [.text("x")])),
            .element(SpanElement(.bold, children: [.element(SpanElement(.underline, children: [.text("y")]))])),
        ]
        return Timeline(
            metadata: [Field("empty", .scalar("")), Field("flag", .scalar("yes")), Field("n", .scalar("1.50")),
                       Field("nested", .map([Field("list", .list([.string("a"), .scalar("null")]))]))],
            cues: [
                Cue(id: "c1", start: Timestamp(milliseconds: 1001), end: Timestamp(milliseconds: 2002), speaker: "Ada",
                    text: styled, settings: [Field("align", .string("start"))], extras: extras),
                Cue(text: Span.plain("untimed\nsecond line")),
            ],
            chapters: [
                Chapter(start: .zero, end: Timestamp(seconds: 5), title: "Intro", url: "https://example.com", image: "a.png",
                        isInTableOfContents: false, cueIndex: 0, extras: extras),
                Chapter(title: nil),
            ],
            duration: Timestamp(milliseconds: 3_600_001),
            extras: extras)
    }()
}

/// Foundation's coders keep no order of an object's keys (a keyed
/// container is unordered) and read a number as an `Int64` or a `Double`:
/// timelines are compared with the keys of every object of fields sorted,
/// and with `numbersByValue`, each number spelt as Foundation reads it.
enum KeyOrder {
    static func sorted(_ timeline: Timeline, numbersByValue: Bool = false) -> Timeline {
        let fields = { (fields: Fields) in sorted(fields, numbersByValue) }
        let extras = { (extras: FormatExtras) in
            var result = FormatExtras()
            for format in extras.formats { result[format] = extras[format].map(fields) }
            return result
        }
        var timeline = timeline
        timeline.metadata = fields(timeline.metadata)
        timeline.extras = extras(timeline.extras)
        for index in timeline.cues.indices {
            timeline.cues[index].settings = fields(Fields(timeline.cues[index].settings)).entries
            timeline.cues[index].extras = extras(timeline.cues[index].extras)
        }
        for index in timeline.chapters.indices {
            timeline.chapters[index].extras = extras(timeline.chapters[index].extras)
        }
        return timeline
    }

    static func sorted(_ fields: Fields, _ numbersByValue: Bool) -> Fields {
        Fields(fields.entries.map { Field($0.key, sorted($0.value, numbersByValue)) }.sorted { $0.key < $1.key })
    }

    static func sorted(_ value: FieldValue, _ numbersByValue: Bool) -> FieldValue {
        switch value {
        case .list(let items): return .list(items.map { sorted($0, numbersByValue) })
        case .map(let fields): return .map(sorted(fields, numbersByValue))
        case .scalar(let text) where numbersByValue && JSONNumberSyntax.isNumber(text):
            // Foundation reads a whole number in range as an Int64, else a Double.
            guard let real = Double(text) else { return value }
            if real.rounded() == real, abs(real) < 9e18 { return .scalar(String(Int64(real))) }
            return .scalar(real.description)
        default: return value
        }
    }
}
