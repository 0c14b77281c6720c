import PropertyBased
import Testing
@testable import CueKit

/// For each format: a generated timeline written and read back gives the same
/// timeline in every field the format carries (Formats/README.md, "What each
/// format carries"). Only what a format's page documents as lossy is
/// normalised away, by the `carried` projection of each test.
@Suite("Round-trip properties")
struct RoundTripProperties {
    /// `timeline` written as `format` (through the converter, with inference
    /// when the writer needs it) and read back as `format`.
    static func roundTrip(
        _ timeline: Timeline, as format: FormatID, sourceFormat: FormatID? = nil,
        readOptions: ReadOptions = ReadOptions()
    ) throws -> (written: String, read: Timeline) {
        let converter = Converter(readOptions: readOptions, segmentation: .never)
        var diagnostics = Diagnostics()
        let prepared = try converter.prepared(timeline, for: format, sourceFormat: sourceFormat, diagnostics: &diagnostics)
        let bytes = try converter.write(prepared, as: format, diagnostics: &diagnostics)
        let input = try converter.read(bytes, name: "roundtrip", format: format, diagnostics: &diagnostics)
        return (String(decoding: bytes, as: UTF8.self), input.timeline)
    }

    /// Whether `timeline` holds something, but nothing `format` carries: then
    /// writing it must stop with `convert.nothing-kept` (checked here), and
    /// there is no round trip to compare.
    static func keepsNothing(_ timeline: Timeline, as format: FormatID) -> Bool {
        let contents = FormatRegistry.standard[format]!.contents
        let holdsCues = !timeline.cues.isEmpty, holdsChapters = !timeline.chapters.isEmpty
        guard holdsCues || holdsChapters else { return false }
        let keeps = (holdsCues && contents.contains(.cues)) || (holdsChapters && contents.contains(.chapters))
        guard !keeps else { return false }
        let error = #expect(throws: Diagnostic.self) { try Self.roundTrip(timeline, as: format) }
        #expect(error?.code == "convert.nothing-kept")
        return true
    }

    /// Cues reduced to the fields a test compares.
    static func cues(
        _ timeline: Timeline, id: Bool = false, end: Bool = true, speaker: Bool = true,
        styling: Bool = true, settings: Bool = false
    ) -> [Cue] {
        timeline.cues.map { cue in
            Cue(id: id ? cue.id : nil, start: cue.start, end: end ? cue.end : nil,
                speaker: speaker ? cue.speaker : nil,
                text: styling ? cue.text : Span.plain(cue.plainText),
                settings: settings ? cue.settings : [])
        }
    }

    /// Chapters reduced to the fields a test compares.
    static func chapters(
        _ chapters: [Chapter], end: Bool = true, links: Bool = true, toc: Bool = true, cueIndex: Bool = false,
        start: Bool = true
    ) -> [Chapter] {
        chapters.map { chapter in
            Chapter(start: start ? chapter.start : nil, end: end ? chapter.end : nil, title: chapter.title,
                    url: links ? chapter.url : nil, image: links ? chapter.image : nil,
                    isInTableOfContents: toc ? chapter.isInTableOfContents : true,
                    cueIndex: cueIndex ? chapter.cueIndex : nil)
        }
    }

    static func metadata(_ timeline: Timeline, keys: [String]) -> [String: FieldValue] {
        var kept: [String: FieldValue] = [:]
        for key in keys { kept[key] = timeline.metadata[key] }
        return kept
    }

    static let mappedKeys = ["title", "author", "podcastName", "description"]

    /// The end of each chapter when a writer must give one: its own, else the
    /// next chapter in the table of contents' start, else the media end.
    static func writtenEnds(_ timeline: Timeline) -> [Chapter] {
        let visible = timeline.chapters.filter(\.isInTableOfContents)
        let mediaEnd = timeline.duration ?? timeline.cues.last?.end
        return visible.enumerated().map { index, chapter in
            var chapter = chapter
            chapter.end = chapter.end ?? (index + 1 < visible.count ? visible[index + 1].start : mediaEnd)
            return chapter
        }
    }

    /// Chapters as writers of chapter lists give them: a chapter with the title
    /// of the chapter right before it is a doubled header and left out
    /// (`WritableChapters`, chapters.md).
    static func withoutDoubledTitles(_ timeline: Timeline) -> Timeline {
        var timeline = timeline
        var kept: [Chapter] = []
        for chapter in timeline.chapters where kept.last?.title != chapter.title || chapter.title == nil {
            kept.append(chapter)
        }
        timeline.chapters = kept
        return timeline
    }

    /// SRT has no escapes (srt.md, "Lossy"): a `<` before a letter starts a
    /// tag. Such text gets a space after the `<`.
    static func withoutTagLikeText(_ timeline: Timeline) -> Timeline {
        func fixed(_ spans: [Span]) -> [Span] {
            spans.map { span in
                switch span {
                case .text(let text): return .text(text.replacingOccurrences(of: "a<b", with: "a< b"))
                case .element(var element):
                    element.children = fixed(element.children)
                    return .element(element)
                default: return span
                }
            }
        }
        var timeline = timeline
        for index in timeline.cues.indices { timeline.cues[index].text = fixed(timeline.cues[index].text) }
        return timeline
    }

    // MARK: Captions and transcripts

    @Test func webVTTCarriesTimesTextStylingSpeakersAndIDs() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            if Self.keepsNothing(timeline, as: .vtt) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .vtt) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            #expect(Self.cues(read, id: true) == Self.cues(timeline, id: true), "\(written)")
        }
    }

    @Test func srtCarriesTimesTextStylingAndSpeakerChanges() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = Self.withoutTagLikeText(TimelineGen.timeline(draft))
            if Self.keepsNothing(timeline, as: .srt) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .srt, readOptions: ReadOptions(speakerLabels: true)) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // SRT labels mark a change of speaker: a line without one keeps the
            // speaker before it (srt.md, "Speakers").
            var expected = Self.cues(timeline)
            var current: String?
            for index in expected.indices {
                if let speaker = expected[index].speaker { current = speaker } else { expected[index].speaker = current }
            }
            #expect(Self.cues(read) == expected, "\(written)")
        }
    }

    @Test func assCarriesTimesInHundredthsTextStylingSpeakersAndTitle() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            if Self.keepsNothing(timeline, as: .ass) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .ass) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // Times are hundredths, rounded half up (ass.md, "Lossy").
            func hundredths(_ time: Timestamp?) -> Timestamp? {
                time.map { Timestamp(milliseconds: ($0.milliseconds + 5) / 10 * 10) }
            }
            var expected = Self.cues(timeline)
            for index in expected.indices {
                expected[index].start = hundredths(expected[index].start)
                expected[index].end = hundredths(expected[index].end)
            }
            #expect(Self.cues(read) == expected, "\(written)")
            #expect(read.metadata["title"] == timeline.metadata["title"])
        }
    }

    @Test func ttmlCarriesTimesTextStylingSpeakersAndIDs() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            if Self.keepsNothing(timeline, as: .ttml) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .ttml) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // An id that is no XML name (`q&a`, `a b`) is left out (ttml.md, "Writing").
            var expected = Self.cues(timeline, id: true)
            for index in expected.indices where !TTMLWritePlan.isName(expected[index].id ?? "x") { expected[index].id = nil }
            #expect(Self.cues(read, id: true) == expected, "\(written)")
            #expect(Self.metadata(read, keys: ["title", "description"]) == Self.metadata(timeline, keys: ["title", "description"]))
        }
    }

    /// A timeline without cues reads back as no file of `format` at all: a
    /// located error with `code` (checked here).
    static func readsNothing(_ timeline: Timeline, as format: FormatID, code: String) -> Bool {
        guard timeline.cues.isEmpty, timeline.chapters.isEmpty else { return false }
        let error = #expect(throws: Diagnostic.self) { try Self.roundTrip(timeline, as: format) }
        #expect(error?.code == code)
        return true
    }

    @Test func sbvCarriesTimesPlainTextAndSpeakerChangesAsLabels() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            if Self.keepsNothing(timeline, as: .sbv) || Self.readsNothing(timeline, as: .sbv, code: "sbv.empty") { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .sbv) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // No styling or ids; a speaker is written as `>> Name: ` at each
            // change and read back as text (sbv.md, "Mapping").
            var previous: String?
            let expected = timeline.cues.map { cue in
                let label = cue.speaker.flatMap { $0 == previous ? nil : ">> \($0): " } ?? ""
                previous = cue.speaker
                return Cue(start: cue.start, end: cue.end, text: Span.plain(label + cue.plainText))
            }
            #expect(Self.cues(read, speaker: false) == expected, "\(written)")
        }
    }

    @Test func sbvReadWithSpeakerLabelsCarriesSpeakerChanges() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            if Self.keepsNothing(timeline, as: .sbv) || Self.readsNothing(timeline, as: .sbv, code: "sbv.empty") { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .sbv, readOptions: ReadOptions(speakerLabels: true)) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // A label marks a change of speaker: a cue without one keeps the
            // speaker before it (sbv.md, "Speakers").
            var current: String?
            let expected = timeline.cues.map { cue in
                if let speaker = cue.speaker { current = speaker }
                return Cue(start: cue.start, end: cue.end, speaker: current, text: Span.plain(cue.plainText))
            }
            #expect(Self.cues(read) == expected, "\(written)")
        }
    }

    @Test func lrcCarriesStartsInHundredthsGapsOneLineTextAndTheMappedMetadata() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            if Self.keepsNothing(timeline, as: .lrc) || Self.readsNothing(timeline, as: .lrc, code: "lrc.no-lyrics") { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .lrc) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // Times in hundredths (halves up); an end only where it leaves a
            // gap before the next line; one line of plain text; the speaker
            // as `Name: ` at each change (lrc.md, "Mapping").
            func rounded(_ time: Timestamp?) -> Timestamp? {
                time.map { Timestamp(milliseconds: ($0.milliseconds + 5) / 10 * 10) }
            }
            var previous: String?
            let expected = timeline.cues.enumerated().map { index, cue in
                let label = cue.speaker.flatMap { $0 == previous ? nil : "\($0): " } ?? ""
                previous = cue.speaker
                let start = rounded(cue.start), end = rounded(cue.end)
                let next = index + 1 < timeline.cues.count ? rounded(timeline.cues[index + 1].start) : nil
                let keptEnd = end == next || end! <= start! ? nil : end
                let text = (label + cue.plainText).replacingOccurrences(of: "\n", with: " ")
                return Cue(start: start, end: keptEnd, text: Span.plain(text))
            }
            #expect(Self.cues(read, speaker: false) == expected, "\(written)")
            #expect(read.metadata["title"] == timeline.metadata["title"], "\(written)")
            #expect(read.metadata["author"] == timeline.metadata["author"], "\(written)")
            #expect(read.metadata["podcastName"] == timeline.metadata["podcastName"], "\(written)")
        }
    }

    @Test func jsonTranscriptCarriesTimesSpeakersAndPlainText() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.timeline(draft)
            if Self.keepsNothing(timeline, as: .transcript) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .transcript) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // Styling is written as its text (transcript.md, "Lossy").
            #expect(Self.cues(read, styling: false) == Self.cues(timeline, styling: false), "\(written)")
        }
    }

    @Test func episodeCarriesUntimedStartsSpeakersTextHeadersAndMetadata() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            var timeline = TimelineGen.withUntimedLines(TimelineGen.timeline(draft), draft)
            // Headers sit before a line: chapters placed by cue index, without times.
            let count = timeline.cues.count
            timeline.chapters = timeline.chapters.enumerated().map { index, chapter in
                Chapter(title: chapter.title, cueIndex: count == 0 ? 0 : (index * 7) % (count + 1))
            }.sorted { $0.cueIndex! < $1.cueIndex! }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .episode, sourceFormat: .episode) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // No ends, ids or styling (episode.md, "What is lossy").
            #expect(Self.cues(read, end: false, styling: false) == Self.cues(timeline, end: false, styling: false), "\(written)")
            #expect(Self.chapters(read.chapters, cueIndex: true) == Self.chapters(timeline.chapters, cueIndex: true), "\(written)")
            #expect(read.metadata == timeline.metadata, "\(written)")
        }
    }

    // MARK: Chapter formats

    @Test func jsonChaptersCarryEveryChapterFieldAndTheMappedMetadata() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            if Self.keepsNothing(timeline, as: .chapters) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .chapters) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            #expect(Self.chapters(read.chapters) == Self.chapters(timeline.chapters), "\(written)")
            #expect(Self.metadata(read, keys: Self.mappedKeys) == Self.metadata(timeline, keys: Self.mappedKeys), "\(written)")
            #expect(read.cues.isEmpty)
        }
    }

    @Test func webVTTChaptersCarryStartsEndsAndTitlesOfVisibleChapters() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            var timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            timeline.duration = Timestamp(milliseconds: 6 * 900_000 + 1)
            if Self.keepsNothing(timeline, as: .vttChapters) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .vttChapters) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // Silent chapters are left out; each cue has an end (vtt.md).
            #expect(Self.chapters(read.chapters, links: false) == Self.chapters(Self.writtenEnds(timeline), links: false), "\(written)")
        }
    }

    @Test func ffmetadataCarriesVisibleChaptersWithEndsAndTheMappedMetadata() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            if Self.keepsNothing(timeline, as: .ffmetadata) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .ffmetadata) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // END is always written: with no end known (or a media end before
            // the chapter) it equals START (ffmetadata.md).
            let expected = Self.writtenEnds(timeline).map { chapter in
                var chapter = chapter
                if chapter.end == nil || chapter.end! < chapter.start! { chapter.end = chapter.start }
                return chapter
            }
            #expect(Self.chapters(read.chapters, links: false) == Self.chapters(expected, links: false), "\(written)")
            #expect(Self.metadata(read, keys: Self.mappedKeys) == Self.metadata(timeline, keys: Self.mappedKeys), "\(written)")
        }
    }

    @Test func pscCarriesStartsTitlesAndLinksOfVisibleChapters() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            if Self.keepsNothing(timeline, as: .psc) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .psc) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // Silent chapters and end times are left out (psc.md, "Writing").
            let expected = timeline.chapters.filter(\.isInTableOfContents)
            #expect(Self.chapters(read.chapters, end: false) == Self.chapters(expected, end: false), "\(written)")
        }
    }

    @Test func youTubeChaptersCarryWholeSecondStartsAndTitles() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            // A list that follows YouTube's rules (first at 0:00, ten seconds
            // apart, whole seconds), so the writer changes nothing.
            var timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            timeline.cues = []
            timeline.chapters = timeline.chapters.filter(\.isInTableOfContents).map { chapter in
                Chapter(start: Timestamp(seconds: chapter.start!.milliseconds / 1000), title: chapter.title)
            }
            timeline = Self.withoutDoubledTitles(timeline)
            if !timeline.chapters.isEmpty { timeline.chapters[0].start = .zero }
            if timeline.chapters.isEmpty {
                // An empty list reads back as no list at all: a located error.
                let error = #expect(throws: Diagnostic.self) { try Self.roundTrip(timeline, as: .youtubeChapters) }
                #expect(error?.code == "youtube-chapters.none")
                return
            }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .youtubeChapters) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            #expect(Self.chapters(read.chapters, end: false) == Self.chapters(timeline.chapters, end: false), "\(written)")
        }
    }

    @Test func audacityCarriesStartsOwnEndsAndTitlesOfEveryChapter() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            if Self.keepsNothing(timeline, as: .audacity) { return }
            if timeline.chapters.isEmpty {
                // An empty label track reads back as no track at all: a located error.
                let error = #expect(throws: Diagnostic.self) { try Self.roundTrip(timeline, as: .audacity) }
                #expect(error?.code == "audacity.none")
                return
            }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .audacity) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // Every chapter is a label, silent ones too; an end equal to the
            // start is a point label; an empty label is no title (audacity.md).
            let expected = timeline.chapters.map { chapter in
                var chapter = chapter
                if chapter.end == chapter.start { chapter.end = nil }
                if chapter.title == "" { chapter.title = nil }
                return chapter
            }
            #expect(Self.chapters(read.chapters, links: false, toc: false) == Self.chapters(expected, links: false, toc: false), "\(written)")
        }
    }

    @Test func matroskaChaptersCarryStartsOwnEndsTitlesAndSilentChapters() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            if Self.keepsNothing(timeline, as: .matroskaChapters) { return }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .matroskaChapters) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // Urls and images have no place (matroska-chapters.md).
            #expect(Self.chapters(read.chapters, links: false) == Self.chapters(timeline.chapters, links: false), "\(written)")
        }
    }

    @Test(arguments: [FormatID.ogmChapters, .mp4chaps])
    func chapterListsCarryStartsAndTitlesOfVisibleChapters(format: FormatID) async {
        await propertyCheck(count: 100, input: TimelineGen.draft) { draft in
            let timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            if Self.keepsNothing(timeline, as: format) { return }
            if !timeline.chapters.contains(where: \.isInTableOfContents) {
                // An empty list reads back as no list at all: a located error.
                let error = #expect(throws: Diagnostic.self) { try Self.roundTrip(timeline, as: format) }
                #expect(error?.code == "\(format).none")
                return
            }
            guard let (written, read) = try? Self.roundTrip(timeline, as: format) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            // No ends, no silent chapters, no images; mp4chaps keeps urls
            // (ogm-chapters.md, mp4chaps.md).
            let expected = timeline.chapters.filter(\.isInTableOfContents).map { chapter in
                var chapter = chapter
                if chapter.title == "" { chapter.title = nil }
                chapter.image = nil
                if format == .ogmChapters { chapter.url = nil }
                return chapter
            }
            #expect(Self.chapters(read.chapters, end: false) == Self.chapters(expected, end: false), "\(written)")
        }
    }

    @Test func rssCarriesItemMetadataAndInlineChapters() async {
        await propertyCheck(count: 100, input: TimelineGen.draft) { draft in
            var timeline = Self.withoutDoubledTitles(TimelineGen.timeline(draft))
            if timeline.metadata["title"] == nil { timeline.metadata["title"] = .string("Episode") }
            guard let (written, read) = try? Self.roundTrip(timeline, as: .rss) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            let expected = timeline.chapters.filter(\.isInTableOfContents)
            #expect(Self.chapters(read.chapters, end: false) == Self.chapters(expected, end: false), "\(written)")
            // The channel needs a title: without a podcast name it is the item's.
            var expectedMetadata = Self.metadata(timeline, keys: Self.mappedKeys)
            expectedMetadata["podcastName"] = timeline.metadata["podcastName"] ?? timeline.metadata["title"]
            #expect(Self.metadata(read, keys: Self.mappedKeys) == expectedMetadata, "\(written)")
        }
    }

    // MARK: The model

    @Test func timelineJSONCarriesEverythingOfGeneratedTimelines() async {
        await propertyCheck(count: 150, input: TimelineGen.draft) { draft in
            let timeline = TimelineGen.withUntimedLines(TimelineGen.timeline(draft), draft)
            guard let (written, read) = try? Self.roundTrip(timeline, as: .timeline) else {
                Issue.record("the round trip threw for \(draft)")
                return
            }
            #expect(read == timeline, "\(written)")
        }
    }
}
