import PropertyBased
@testable import CueKit

/// Generators of realistic timelines for the property tests.
///
/// A draft is made of small integers (built from the library's generators with
/// `zip` and `array`, so a failing case shrinks when `.shrinking` is on) and
/// turned into a `Timeline` by plain code: times from gaps and lengths, text
/// from a pool of words that holds accents, CJK, emoji and the characters
/// formats must escape (`<`, `&`, `-->`, quotes).
enum TimelineGen {
    /// Words cue text and titles are made of. None starts with a digit, so no
    /// line of text looks like an SRT counter or timing line.
    static let words: [String] = [
        "hello", "world", "and", "the", "podcast", "so", "we", "talked", "about", "it",
        "café", "naïve", "Ünïcödé", "déjà", "vu", "Zoë", "straße", "ÆØÅ",
        "漢字", "日本語の", "中文", "한국어", "Привет", "مرحبا", "שלום",
        "😀", "👩‍👩‍👧", "🇫🇷", "e\u{301}",
        "<", ">", "&", "a<b", "x&y", "-->", "<3", "&amp;", "&lt;i&gt;", "1<2",
        "\"quoted\"", "it's", "½", "—", "»yes«", "#tag", "50%", "a;b", "k=v", "\\back",
        "end.", "why?", "wow!", "well,", "e.g.", "…",
    ]

    /// Speakers: none, or a name each reader accepts (`Name:` labels in SRT).
    static let speakers: [String?] = [nil, "Ada", "Grace Hopper", "Zoë", "李雷"]

    static let ids = ["intro", "c2", "é-1", "q&a", "a b"]

    /// How many of the first words may start a title or a line: letters,
    /// accents, scripts and emoji, nothing a format reads as markup.
    static let plainWordCount = 29

    // MARK: Drafts

    struct CueDraft: Sendable, CustomStringConvertible {
        /// Milliseconds after the end of the cue before.
        var gap: Int
        /// Milliseconds on screen (at least 1).
        var length: Int
        var speaker: Int
        /// Word indices per line.
        var lines: [[Int]]
        /// 0–3 plain, 4 italic, 5 bold first word, 6 underline first line.
        var style: Int
        /// 0–3 no id, else `ids[id - 4]` when in range.
        var id: Int
        /// Whether the start is known (episode lines may be untimed).
        var untimed: Bool

        var description: String { "cue(gap \(gap), len \(length), spk \(speaker), \(lines), style \(style), id \(id), untimed \(untimed))" }
    }

    struct ChapterDraft: Sendable, CustomStringConvertible {
        /// Milliseconds after the start of the chapter before (or from zero).
        var gap: Int
        var title: [Int]
        /// 0 no url/image, 1 url, 2 image, 3 both.
        var links: Int
        var silent: Bool
        /// Whether the chapter has an end of its own (up to the next start).
        var hasEnd: Bool

        var description: String { "chapter(gap \(gap), \(title), links \(links), silent \(silent), end \(hasEnd))" }
    }

    struct TimelineDraft: Sendable, CustomStringConvertible {
        var cues: [CueDraft]
        var chapters: [ChapterDraft]
        /// Word indices of title, author, podcast name, description; empty: absent.
        var metadata: [[Int]]

        var description: String { "timeline(\(cues), \(chapters), meta \(metadata))" }
    }

    static let wordIndex = Gen.int(in: 0...(words.count - 1))
    static let plainWordIndex = Gen.int(in: 0...(plainWordCount - 1))

    static let cueDraft: Generator<CueDraft, some SendableSequenceType> = zip(
        Gen.int(in: 0...4000), Gen.int(in: 1...9000), Gen.int(in: 0...(speakers.count - 1)),
        zip(plainWordIndex, wordIndex.array(of: 0...7)).map { [$0] + $1 }.array(of: 1...3),
        Gen.int(in: 0...6), Gen.int(in: 0...8), Gen.bool(0.2)
    ).map { CueDraft(gap: $0, length: $1, speaker: $2, lines: $3, style: $4, id: $5, untimed: $6) }

    static let chapterDraft: Generator<ChapterDraft, some SendableSequenceType> = zip(
        Gen.int(in: 10_000...900_000),
        zip(plainWordIndex, wordIndex.array(of: 0...5)).map { [$0] + $1 },
        Gen.int(in: 0...3), Gen.bool(0.15), Gen.bool(0.5)
    ).map { ChapterDraft(gap: $0, title: $1, links: $2, silent: $3, hasEnd: $4) }

    static let metadataDraft: Generator<[[Int]], some SendableSequenceType> =
        zip(plainWordIndex, wordIndex.array(of: 0...6)).map { [$0] + $1 }
            .array(of: 4)
            .map { $0 }

    static let draft: Generator<TimelineDraft, some SendableSequenceType> = zip(
        cueDraft.array(of: 0...14), chapterDraft.array(of: 0...6), metadataDraft, Gen.int(in: 0...15)
    ).map { cues, chapters, metadata, absent in
        // Each bit of `absent` leaves one metadata key out.
        let kept = metadata.enumerated().map { absent & (1 << $0.offset) == 0 ? $0.element : [] }
        return TimelineDraft(cues: cues, chapters: chapters, metadata: kept)
    }

    // MARK: Building

    static func text(_ indices: [Int]) -> String {
        indices.map { words[$0] }.joined(separator: " ")
    }

    static let metadataKeys = ["title", "author", "podcastName", "description"]

    /// The timeline a draft describes: every cue timed, in order, with ends;
    /// chapters ascending from zero. `untimed` drafts keep their flag for
    /// `withUntimedLines`.
    static func timeline(_ draft: TimelineDraft) -> Timeline {
        var timeline = Timeline()
        var clock: Int64 = 0
        for cue in draft.cues {
            let start = clock + Int64(cue.gap)
            let end = start + Int64(cue.length)
            clock = end
            timeline.cues.append(Cue(
                id: cue.id >= 4 && cue.id - 4 < ids.count ? ids[cue.id - 4] : nil,
                start: Timestamp(milliseconds: start), end: Timestamp(milliseconds: end),
                speaker: speakers[cue.speaker], text: spans(cue)))
        }
        var start: Int64 = 0
        for (index, chapter) in draft.chapters.enumerated() {
            if index > 0 { start += Int64(chapter.gap) }
            let next = index + 1 < draft.chapters.count ? start + Int64(draft.chapters[index + 1].gap) : nil
            timeline.chapters.append(Chapter(
                start: Timestamp(milliseconds: start),
                end: chapter.hasEnd ? Timestamp(milliseconds: next ?? start + Int64(chapter.gap)) : nil,
                title: text(chapter.title),
                url: chapter.links & 1 != 0 ? "https://example.com/c/\(index)?a=1&b=2" : nil,
                image: chapter.links & 2 != 0 ? "https://example.com/i/\(index).jpg" : nil,
                isInTableOfContents: !chapter.silent))
        }
        for (key, value) in zip(metadataKeys, draft.metadata) where !value.isEmpty {
            timeline.metadata.append(key, .string(text(value)))
        }
        return timeline
    }

    /// The cue's text as spans: lines split by `.lineBreak`, styled per `style`.
    static func spans(_ cue: CueDraft) -> [Span] {
        var spans: [Span] = []
        for (number, line) in cue.lines.enumerated() {
            if number > 0 { spans.append(.lineBreak) }
            let lineText = text(line)
            switch cue.style {
            case 4:
                spans.append(.element(SpanElement(.italic, children: [.text(lineText)])))
            case 5 where number == 0:
                spans.append(.element(SpanElement(.bold, children: [.text(words[line[0]])])))
                if line.count > 1 { spans.append(.text(" " + text(Array(line.dropFirst())))) }
            case 6 where number == 0:
                spans.append(.element(SpanElement(.underline, children: [.text(lineText)])))
            default:
                spans.append(.text(lineText))
            }
        }
        return spans
    }

    /// `timeline` with the cues drafted as untimed losing their times (as an
    /// episode transcript leaves lines untimed).
    static func withUntimedLines(_ timeline: Timeline, _ draft: TimelineDraft) -> Timeline {
        var timeline = timeline
        for (index, cue) in draft.cues.enumerated() {
            timeline.cues[index].end = nil
            if cue.untimed { timeline.cues[index].start = nil }
        }
        return timeline
    }
}
