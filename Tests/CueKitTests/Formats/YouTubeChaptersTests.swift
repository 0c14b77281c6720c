import Foundation
import Testing
@testable import CueKit

@Suite("YouTube description chapters")
struct YouTubeChaptersTests {
    // MARK: Reading

    @Test(arguments: [
        ("0:00 Intro", 0, nil, "Intro"),
        ("Intro - 1:23", 83, nil, "Intro"),
        ("(01:02:03) Title", 3723, nil, "Title"),
        ("1. 0:00 Intro", 0, nil, "Intro"),
        ("2) 12:34 - Second part", 754, nil, "Second part"),
        ("[1:05:00] Late [bonus]", 3900, nil, "Late [bonus]"),
        ("• 0:15 | Bullet", 15, nil, "Bullet"),
        ("0:00 – 2:15 Range", 0, 135, "Range"),
        ("04:50-06:00 Tight range", 290, 360, "Tight range"),
        ("Title (12:34)", 754, nil, "Title"),
        ("Listen at 2:05 for the punchline", 125, nil, "Listen at for the punchline"),
        ("0:00 2:1 odds", 0, nil, "2:1 odds"),
        ("1:30.5 Fraction", 90, nil, "Fraction"),
        ("5:00", 300, nil, ""),
        // A title may end in a separator (found by the round-trip property).
        ("0:00 Q&A \u{2014}", 0, nil, "Q&A \u{2014}"),
        ("1:00 - Next >  ", 60, nil, "Next >"),
        ("Intro - 1:23 -", 83, nil, "Intro"),
    ] as [(String, Int64, Int64?, String)])
    func readsTimestampsWherePeoplePutThem(line: String, start: Int64, end: Int64?, title: String) throws {
        let parsed = try #require(YouTubeChapterLine(ArraySlice(line.utf8)))
        #expect(parsed.start.milliseconds / 1000 == start)
        #expect(parsed.end.map { $0.milliseconds / 1000 } == end)
        #expect(parsed.title == title)
    }

    @Test(arguments: ["Meet at 10:30am", "Version 1:02:03:04", "Score 3:2", "Call 555-1234", "1:75 wrong", "1:2:03 odd", "plain text"])
    func ignoresWhatIsNotAChapterTime(line: String) {
        #expect(YouTubeChapterLine(ArraySlice(line.utf8)) == nil)
    }

    @Test func readsAPastedDescription() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("youtube-chapters/description.txt"))
        #expect(timeline.chapters.map(\.title) == [
            "Cold open", "Harbour walk - part one", "The gulls", "Lighthouse keepers 1:2 ratio", "Storm stories", "Outro",
        ])
        #expect(timeline.chapters.map { $0.start!.milliseconds / 1000 } == [0, 65, 150, 220, 290, 3723])
        #expect(timeline.chapters[4].end == Timestamp(seconds: 360))
        #expect(timeline.chapters[0].location == SourceLocation(file: "description.txt", line: 4, column: 4))
        #expect(diagnostics.map(\.code) == ["youtube-chapters.text-skipped"])
        #expect(diagnostics[0].message.hasPrefix("3 line(s)"))
        #expect(diagnostics[0].location?.line == 1)
    }

    @Test func carriageReturnLineEndsReadLikeLineFeeds() throws {
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("youtube-chapters/cr-only.txt"), as: .youtubeChapters)
        #expect(timeline.chapters.map(\.title) == ["Welcome", "Harbour walk", "The gulls", "Lighthouse keepers", "Storm stories", "Outro"])
        #expect(timeline.chapters.map { $0.start!.milliseconds / 1000 } == [0, 65, 150, 220, 290, 360])
        #expect(timeline.chapters.last?.location == SourceLocation(file: "cr-only.txt", line: 8, column: 1))
        #expect(diagnostics.map(\.code) == ["youtube-chapters.text-skipped"])
        // CR LF, LF and CR, mixed, are one line end each.
        let mixed = try Convert.read("0:00 A\r\n1:00 B\r2:00 C\n3:00 D", name: "mixed.txt", as: .youtubeChapters).0
        #expect(mixed.chapters.map(\.title) == ["A", "B", "C", "D"])
        #expect(mixed.chapters.map(\.location?.line) == [1, 2, 3, 4])
        // The sniffer sees the lines too.
        #expect(YouTubeChaptersFormat.format.sniff!(ArraySlice("0:00 Intro\r1:30 Main\r12:00 Outro\r".utf8)))
    }

    @Test func aListYouTubeWouldRejectIsReadWithOneWarning() throws {
        let (timeline, diagnostics) = try Convert.read("0:05 Late start\n0:09 Too soon\n", name: "list.txt", as: .youtubeChapters)
        #expect(timeline.chapters.count == 2)
        #expect(diagnostics.map(\.code) == ["youtube-chapters.rules"])
        #expect(diagnostics[0].message.contains("the first chapter is at 0:05, not 0:00"))
        #expect(diagnostics[0].message.contains("there are 2 chapter(s), not at least 3"))
        #expect(diagnostics[0].message.contains("1 chapter(s) are shorter than 10 seconds"))
    }

    @Test func outOfOrderLinesAreSortedWithARepair() throws {
        let (timeline, diagnostics) = try Convert.read("0:00 A\n2:00 C\n1:00 B\n", name: "list.txt", as: .youtubeChapters)
        #expect(timeline.chapters.map(\.title) == ["A", "B", "C"])
        #expect(diagnostics.first?.code == "youtube-chapters.out-of-order")
        #expect(diagnostics.first?.location == SourceLocation(file: "list.txt", line: 3, column: 1))
    }

    @Test func noTimestampAtAllIsAnError() throws {
        let text = try String(contentsOf: TestFiles.sample("invalid/youtube-no-times.txt"), encoding: .utf8)
        let error = Convert.readError(text, name: "youtube-no-times.txt", as: .youtubeChapters)
        #expect(error?.code == "youtube-chapters.none")
        #expect(error?.location == SourceLocation(file: "youtube-no-times.txt", line: 1, column: 1))
    }

    @Test func sniffsOnlyWhatClearlyIsAChapterList() {
        let sniff = YouTubeChaptersFormat.format.sniff!
        #expect(sniff(ArraySlice("0:00 Intro\n1:30 Main\n12:00 Outro\n".utf8)))
        #expect(sniff(ArraySlice("00:00:00 Intro\r\n00:01:30.000 Main\r\n".utf8)))
        // Every time to the millisecond: an mp4chaps list (mp4chaps.md), not a description.
        #expect(!sniff(ArraySlice("00:00:00.000 Intro\r\n00:01:30.000 Main\r\n".utf8)))
        #expect(FormatRegistry.standard.sniff(Array("00:00:00.000 Intro\r\n00:01:30.000 Main\r\n".utf8))?.id == .mp4chaps)
        #expect(!sniff(ArraySlice("0:00 Intro\n".utf8)))  // one line
        #expect(!sniff(ArraySlice("1:00 Intro\n2:30 Main\n".utf8)))  // not from 0:00
        #expect(!sniff(ArraySlice("My video\n0:00 Intro\n1:30 Main\n".utf8)))  // description text
        #expect(!sniff(ArraySlice("1\n00:00:01,000 --> 00:00:02,000\nHello\n".utf8)))  // SRT
        #expect(!sniff(ArraySlice("We met at 0:00 and left at 1:30.\nThen 2:00 came.\n".utf8)))
    }

    // MARK: Writing

    private func write(_ chapters: [Chapter], duration: Timestamp? = nil) throws -> (String, [Diagnostic]) {
        try Convert.write(Timeline(chapters: chapters, duration: duration), as: .youtubeChapters)
    }

    private func chapter(_ seconds: Int64, _ title: String?, toc: Bool = true) -> Chapter {
        Chapter(start: Timestamp(seconds: seconds), title: title, isInTableOfContents: toc)
    }

    @Test func writesAValidListUnchanged() throws {
        let (text, diagnostics) = try write([chapter(0, "Intro"), chapter(90, "Main"), chapter(3725, "Late")])
        #expect(text == "0:00 Intro\n1:30 Main\n1:02:05 Late\n")
        #expect(diagnostics.isEmpty)
        #expect(YouTubeRules.problems(text).isEmpty)
    }

    @Test func movesTheFirstChapterToZero() throws {
        let (text, diagnostics) = try write([chapter(77, "Intro"), chapter(120, "Main"), chapter(300, "End")])
        #expect(text == "0:00 Intro\n2:00 Main\n5:00 End\n")
        #expect(diagnostics.map(\.code) == ["youtube-chapters.moved-to-zero"])
        #expect(diagnostics[0].message == "the first chapter 'Intro' was moved from 1:17 to 0:00: YouTube requires the first timestamp at 0:00")
    }

    @Test func leavesOutChaptersShorterThanTenSeconds() throws {
        let (text, diagnostics) = try write(
            [chapter(0, "Cold open"), chapter(5, "Intro"), chapter(60, "Main"), chapter(91, "Blip"), chapter(100, "Outro"), chapter(115, "Stinger")],
            duration: Timestamp(seconds: 120))
        // Cold open (5 s) goes and Intro moves to 0:00; Blip (9 s) goes; Stinger runs 5 s to the end and goes.
        #expect(text == "0:00 Intro\n1:00 Main\n1:40 Outro\n")
        #expect(diagnostics.map(\.code) == ["youtube-chapters.moved-to-zero", "youtube-chapters.too-short"])
        #expect(diagnostics[1].message.hasPrefix("3 chapter(s) shorter than 10 seconds left out"))
        #expect(YouTubeRules.problems(text, duration: 120).isEmpty)
    }

    @Test func sortsAndLeavesOutWhatYouTubeCannotShow() throws {
        let (text, diagnostics) = try write([
            chapter(200, "Third"), chapter(0, "First"), chapter(100, "Second"), chapter(150, nil), chapter(160, "Silent", toc: false),
            Chapter(title: "No time"), chapter(250, "Two\nlines"),
        ])
        #expect(text == "0:00 First\n1:40 Second\n3:20 Third\n4:10 Two lines\n")
        #expect(Set(diagnostics.map(\.code)) == [
            "youtube-chapters.silent-left-out", "youtube-chapters.untimed", "youtube-chapters.untitled-left-out",
            "youtube-chapters.title-line-breaks", "youtube-chapters.reordered",
        ])
    }

    @Test func fewerThanThreeIsWrittenWithAWarning() throws {
        let (text, diagnostics) = try write([chapter(0, "Only"), chapter(60, "Two")])
        #expect(text == "0:00 Only\n1:00 Two\n")
        #expect(diagnostics.map(\.code) == ["youtube-chapters.too-few"])
        #expect(diagnostics.first?.message == "only 2 chapter(s): YouTube shows a chapter list only when it has at least 3 chapters; written anyway")
        #expect(YouTubeRules.problems(text) == ["2 chapters, fewer than 3"])
    }

    @Test func roundTripsItsOwnOutput() throws {
        let (text, _) = try write([chapter(0, "Intro"), chapter(61, "Part 1: 2:1 odds"), chapter(4000, "[Bonus] (live)")])
        let (timeline, diagnostics) = try Convert.read(text, name: "out.txt")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(timeline.chapters.map(\.title) == ["Intro", "Part 1: 2:1 odds", "[Bonus] (live)"])
        #expect(timeline.chapters.map(\.start) == [0, 61, 4000].map { Timestamp(seconds: $0) })
    }
}

@Suite("YouTube chapters corpus", .enabled(if: TestFiles.hasCorpus))
struct YouTubeChaptersCorpusTests {
    @Test func seedEpisodeGivesAListYouTubeAccepts() throws {
        let file = TestFiles.corpus!.appendingPathComponent("episodes/seed-episode.md")
        let (timeline, _) = try Convert.read(file)
        let (text, diagnostics) = try Convert.write(timeline, as: .youtubeChapters, sourceFormat: .episode)
        #expect(YouTubeRules.problems(text).isEmpty, "\(YouTubeRules.problems(text))")
        let lines = text.split(separator: "\n")
        #expect(lines.first == "0:00 Podcast Introduction")
        // "Guest Overview" starts 8 s before the next header: too short for YouTube.
        #expect(lines.count == 27)
        #expect(!text.contains("Guest Overview"))
        #expect(lines.last == "1:02:36 Episode Wrap-Up and Key Takeaways")
        #expect(diagnostics.contains { $0.code == "youtube-chapters.moved-to-zero" })
        #expect(diagnostics.contains { $0.code == "youtube-chapters.too-short" && $0.message.contains("'Guest Overview: Mihail’s Roles and Work' at 1:52") })
    }
}

/// YouTube's published rules, checked on written text without cues' reader.
enum YouTubeRules {
    static func problems(_ text: String, duration: Int? = nil) -> [String] {
        var problems: [String] = []
        var times: [Int] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: Character(" "), maxSplits: 1)
            let texts: [Substring] = parts[0].split(separator: Character(":"))
            let fields = texts.map { Int($0) }
            guard parts.count == 2, (2...3).contains(fields.count), fields.allSatisfy({ $0 != nil }),
                  texts.dropFirst().allSatisfy({ $0.count == 2 }) else {
                problems.append("bad line '\(line)'")
                continue
            }
            times.append(fields.reduce(0) { $0 * 60 + $1! })
        }
        if times.first != 0 { problems.append("first is not 0:00") }
        if times.count < 3 { problems.append("\(times.count) chapters, fewer than 3") }
        for (a, b) in zip(times, times.dropFirst()) where b - a < 10 { problems.append("\(a) to \(b) is shorter than 10 s") }
        if let duration, let last = times.last, duration - last < 10 { problems.append("last is shorter than 10 s") }
        return problems
    }
}
