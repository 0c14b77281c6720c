import Foundation
import Testing
@testable import CueKit

@Suite("Timeline JSON")
struct TimelineTests {
    @Test func episodeTimelineSurvivesJSONExactly() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("episode/hard-cases.md"))
        let (json, _) = try Convert.write(timeline, as: .timeline)
        let (reread, _) = try Convert.read(json, name: "t.timeline.json")
        #expect(reread == timeline)
        #expect(try Convert.write(reread, as: .timeline).0 == json)
    }

    @Test func theSampleReadsAsTheEpisodeItWasWrittenFrom() throws {
        let (fromJSON, diagnostics) = try Convert.read(TestFiles.sample("timeline/showcase.timeline.json"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let (episode, _) = try Convert.read(TestFiles.sample("episode/showcase.md"))
        // The same model as the episode it came from, and the same bytes again.
        #expect(fromJSON.cues.map(\.plainText) == episode.cues.map(\.plainText))
        #expect(fromJSON.cues.map(\.speaker) == episode.cues.map(\.speaker))
        #expect(fromJSON.cues.map(\.start) == episode.cues.map(\.start))
        #expect(fromJSON.chapters.map(\.title) == episode.chapters.map(\.title))
        #expect(fromJSON.duration == episode.duration)
        let bytes = try TestFiles.bytes(TestFiles.sample("timeline/showcase.timeline.json"))
        #expect(Array(try Convert.write(fromJSON, as: .timeline).0.utf8) == bytes)
    }

    @Test func writesTheModelBeforeInference() throws {
        let (timeline, _) = try Convert.read(TestFiles.sample("episode/minimal.md"))
        let (json, _) = try Convert.write(timeline, as: .timeline)
        let expected = """
            {
              "cuesTimeline": 1,
              "duration": null,
              "metadata": {
                "title": "A Minimal Episode"
              },
              "extras": {
                "episode": {
                  "transcriptIndex": 1,
                  "body": ""
                }
              },
              "cues": [
                {
                  "id": null,
                  "start": 0,
                  "end": null,
                  "speaker": "Host",
                  "text": "Hello and welcome."
                },
                {
                  "id": null,
                  "start": 5000,
                  "end": null,
                  "speaker": "Host",
                  "text": "Goodbye."
                }
              ],
              "chapters": []
            }

            """
        #expect(json == expected)
    }

    @Test func everyModelFieldRoundTrips() throws {
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
        let timeline = Timeline(
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
        let (json, _) = try Convert.write(timeline, as: .timeline)
        let (reread, _) = try Convert.read(json, name: "t.timeline.json")
        #expect(reread == timeline)
        #expect(json.contains("\"flag\": {\n      \"$plain\": \"yes\"\n    }"))
        #expect(json.contains("\"n\": 1.50"))
    }

    @Test func everyItemOfAFeedSurvivesJSONExactly() throws {
        let converter = Converter()
        var diagnostics = Diagnostics()
        let feed = try converter.read(
            Array(try Data(contentsOf: TestFiles.sample("rss/podcast-feed.rss"))), name: "podcast-feed.rss", diagnostics: &diagnostics)
        #expect(feed.timelines.count == 2)
        let json = try converter.writeAll(feed.timelines, as: .timeline, diagnostics: &diagnostics)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"cuesTimeline\": 1,\n  \"timelines\": [\n    {\n      \"duration\""))
        let reread = try converter.read(json, name: "feed.timeline.json", diagnostics: &diagnostics)
        #expect(reread.format.id == .timeline)
        #expect(reread.timelines == feed.timelines)
        // And back to a feed: the same items.
        let again = try converter.writeAll(reread.timelines, as: .rss, diagnostics: &diagnostics)
        let original = try converter.writeAll(feed.timelines, as: .rss, diagnostics: &diagnostics)
        #expect(again == original)
        // One timeline keeps the one-object layout.
        #expect(try converter.writeAll([feed.timelines[0]], as: .timeline, diagnostics: &diagnostics)
            == converter.write(feed.timelines[0], as: .timeline, diagnostics: &diagnostics))
    }

    @Test func isSniffedByItsMarker() throws {
        let (_, diagnostics) = try Convert.read("{\"cuesTimeline\": 1, \"cues\": []}", name: "no-extension")
        #expect(diagnostics.isEmpty)
    }

    @Test func badJSONGivesALocatedError() {
        let error = Convert.readError("{\"cuesTimeline\": 1,\n  \"cues\": [\n    {\"start\": \"soon\"}\n  ]\n}", name: "bad.timeline.json")
        #expect(error?.location == SourceLocation(file: "bad.timeline.json", line: 3, column: 15))
        #expect(error?.message == "expected milliseconds or null, found a string")
        let syntax = Convert.readError("{\"cuesTimeline\": 1,\n  \"cues\": [,]\n}", name: "s.timeline.json")
        #expect(syntax?.location == SourceLocation(file: "s.timeline.json", line: 2, column: 12))
        #expect(syntax?.message.hasPrefix("expected a value") == true)
    }
}
