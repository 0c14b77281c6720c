import PropertyBased
import Testing
@testable import CueKit

/// Whatever text a timeline holds (`<`, `&`, `-->`, quotes, scripts from
/// right to left), the transcript page has the same markup as for the same
/// timeline with plain letters for every text: text never becomes a tag.
@Suite("HTML page properties")
struct HTMLPageProperties {
    /// `timeline` with every text (cue text, speakers, chapter titles,
    /// metadata) replaced by letters.
    static func lettered(_ timeline: Timeline) -> Timeline {
        func letters(_ spans: [Span]) -> [Span] {
            spans.map { span in
                switch span {
                case .text: return .text("x")
                case .element(var element):
                    element.children = letters(element.children)
                    return .element(element)
                case .lineBreak, .timestamp: return span
                }
            }
        }
        var timeline = timeline
        for index in timeline.cues.indices {
            timeline.cues[index].text = letters(timeline.cues[index].text)
            if timeline.cues[index].speaker != nil { timeline.cues[index].speaker = "s\(timeline.speakers.firstIndex(of: timeline.cues[index].speaker!)!)" }
        }
        // The same title gets the same letters: a repeated chapter is left out of both pages alike.
        let titles = timeline.chapters.compactMap(\.title)
        for index in timeline.chapters.indices {
            if let title = timeline.chapters[index].title { timeline.chapters[index].title = "t\(titles.firstIndex(of: title)!)" }
        }
        timeline.metadata = Fields(timeline.metadata.map { Field($0.key, .string("m")) })
        return timeline
    }

    @Test func textNeverBecomesMarkup() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            guard let (page, _) = try? HTMLTests.write(timeline), let (plain, _) = try? HTMLTests.write(Self.lettered(timeline)) else {
                Issue.record("the page could not be written")
                return
            }
            #expect(page.filter { $0 == "<" }.count == plain.filter { $0 == "<" }.count)
            #expect(page.filter { $0 == ">" }.count == plain.filter { $0 == ">" }.count)
            #expect(page.components(separatedBy: "<p class=\"cues-line").count - 1 == timeline.cues.count)
            let shown = timeline.chapters.filter(\.isInTableOfContents).count
            #expect(page.components(separatedBy: "<h2 class=\"cues-chapter\"").count - 1 <= shown)
        }
    }
}
