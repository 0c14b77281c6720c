import Foundation
import Testing
@testable import CueKit

/// What one way of reading an episode gave: the timeline with the
/// locations its equality leaves out, the diagnostics, or the error.
struct EpisodeReadOutcome: Equatable, CustomStringConvertible {
    var timeline: Timeline?
    var cueLocations: [CueKit.SourceLocation?] = []
    var chapterLocations: [CueKit.SourceLocation?] = []
    var diagnostics: [Diagnostic] = []
    var error: Diagnostic?

    /// Whether the scanner turned the input down (only with `.scannerOnly`).
    var declined: Bool { error?.code == EpisodeFrontMatterScanner.declinedCode }

    static func read(
        _ bytes: [UInt8], name: String = "e.md", path: EpisodeReader.FrontMatterPath, strict: Bool = false
    ) -> EpisodeReadOutcome {
        var diagnostics = Diagnostics(strict: strict)
        do {
            let timeline = try EpisodeReader(path: path).read(
                SourceText(bytes: bytes, name: name), options: ReadOptions(), diagnostics: &diagnostics)
            return EpisodeReadOutcome(
                timeline: timeline, cueLocations: timeline.cues.map(\.location),
                chapterLocations: timeline.chapters.map(\.location), diagnostics: diagnostics.items)
        } catch {
            return EpisodeReadOutcome(diagnostics: diagnostics.items, error: error)
        }
    }

    static func read(_ text: String, name: String = "e.md", path: EpisodeReader.FrontMatterPath) -> EpisodeReadOutcome {
        read(Array(text.utf8), name: name, path: path)
    }

    var description: String {
        if let error { return "error \(error)" }
        guard let timeline else { return "nothing" }
        return "\(timeline.cues.count) cues, \(timeline.chapters.count) chapters, \(timeline.metadata.count) keys, \(diagnostics.count) diagnostics"
    }

    /// Where two outcomes first differ, for a readable failure.
    func firstDifference(from other: EpisodeReadOutcome) -> String? {
        if error != other.error { return "error: \(String(describing: error)) vs \(String(describing: other.error))" }
        if diagnostics != other.diagnostics {
            for (a, b) in zip(diagnostics, other.diagnostics) where a != b { return "diagnostic: \(a) vs \(b)" }
            return "diagnostics: \(diagnostics.count) vs \(other.diagnostics.count)"
        }
        guard let timeline, let otherTimeline = other.timeline else { return nil }
        if timeline.metadata != otherTimeline.metadata {
            for (a, b) in zip(timeline.metadata, otherTimeline.metadata) where a != b { return "metadata: \(a) vs \(b)" }
            return "metadata count"
        }
        for (index, (a, b)) in zip(timeline.cues, otherTimeline.cues).enumerated() where a != b {
            return "cue \(index): \(a) vs \(b)"
        }
        if timeline.cues.count != otherTimeline.cues.count { return "cue count" }
        if timeline.chapters != otherTimeline.chapters { return "chapters: \(timeline.chapters) vs \(otherTimeline.chapters)" }
        if timeline.extras != otherTimeline.extras { return "extras: \(timeline.extras) vs \(otherTimeline.extras)" }
        if timeline.duration != otherTimeline.duration { return "duration" }
        for (index, (a, b)) in zip(cueLocations, other.cueLocations).enumerated() where a != b {
            return "cue \(index) location: \(String(describing: a)) vs \(String(describing: b))"
        }
        if chapterLocations != other.chapterLocations { return "chapter locations: \(chapterLocations) vs \(other.chapterLocations)" }
        return nil
    }
}

/// The front matter scanner against Yams: for every input the scanner
/// takes, the same timeline (locations included), the same diagnostics in
/// the same order, the same error; for every input it turns down, the
/// reader's answer is Yams's.
@Suite("Episode front matter scanner")
struct EpisodeFrontMatterScannerTests {
    /// Compares the three paths on `bytes`; returns whether the scanner took
    /// it: read it whole, or stopped at the error Yams gives too.
    @discardableResult
    static func compare(_ bytes: [UInt8], name: String = "e.md", strict: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let yams = EpisodeReadOutcome.read(bytes, name: name, path: .yamsOnly, strict: strict)
        let automatic = EpisodeReadOutcome.read(bytes, name: name, path: .automatic, strict: strict)
        let scanner = EpisodeReadOutcome.read(bytes, name: name, path: .scannerOnly, strict: strict)
        #expect(automatic == yams, "automatic vs Yams: \(automatic.firstDifference(from: yams) ?? "")", sourceLocation: sourceLocation)
        if scanner.declined { return false }
        if scanner.error != nil, scanner.error != yams.error, yams.error.map(Self.isYAMLError) == true {
            // The walk stopped at an error in nodes before the part Yams
            // refuses; the reader reads such a file again with Yams.
            return false
        }
        #expect(scanner == yams, "scanner vs Yams: \(scanner.firstDifference(from: yams) ?? "")", sourceLocation: sourceLocation)
        return true
    }

    /// Whether `error` is Yams refusing the YAML (rather than the walk refusing a value).
    static func isYAMLError(_ error: Diagnostic) -> Bool {
        ["episode.yaml", "episode.duplicate-key", "episode.too-large", "episode.alias"].contains(error.code)
    }

    static func compare(_ text: String, name: String = "e.md", strict: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        compare(Array(text.utf8), name: name, strict: strict, sourceLocation: sourceLocation)
    }

    // MARK: Inputs the scanner takes

    /// Hand-written front matter (between `---` lines) the scanner must take.
    static let takenCases: [(String, String)] = [
        ("plain", """
            title: Plain
            transcript:
            - line: Hello there
              sec: 1
              who: Ada
            """),
        ("escapes", #"""
            title: "a \"quoted\" \\ back\tslash \u00e9 \x41 \U0001F600 \N \_ \L \P \/ \e \a \b \v \f \r \n \0 \ end"
            transcript:
            - line: "escaped \
                line break, and
            
               a blank line\x20"
              who: "Ada"
            - line: "x\u2028y \uFFFD \u0085"
            """#),
        ("single quotes", """
            title: 'it''s ''quoted'''
            short: ''
            other: ''''
            transcript:
            - line: 'one
                two

                three   '
              time: '1:03'
            - line: 'trailing spaces   
                and more'
            """),
        ("comments", """
            # a comment before everything
            title: With comments # trailing
            tags: a#b
            transcript: # the lines
            # between
            - line: First # comment
              sec: 1
                # indented comment
            - line: 'Quoted' # comment
              who: Ada   #   spaced
            #last
            """),
        ("trailing spaces", "title: Spaces   \ntranscript:   \n- line: x   \n  sec: 2  \n  \n- line: y\n   \n"),
        ("odd key order", """
            transcript:
            - who: Grace
              sec: 5
              line: Backwards order
            - time: '0:07'
              line: Time first
            - line: Extra keys
              mood: cheerful
              context:
                place: studio
                people:
                - ada
                - grace
            title: Title after transcript
            context: after
            """),
        ("unquoted times", """
            transcript:
            - line: One
              time: 1:03
            - line: Two
              time: 37:567
              sec: 2787
            - line: Three
              time: 1:02:03
            - line: Four
              time: not a time
              sec: 9
            """),
        ("empty values", """
            title:
            short:
            guests:
            transcript:
            - line:
              sec:
              who:
              time:
            - line: x
              sec:
            - header:
            - line: after
            """),
        ("who punctuation", """
            transcript:
            - line: Hi
              who: 'Ada:'
            - line: Long
              who: Currently I'm more into benchmarking. My team at the bank is specifically focused on models.
            - line: Spaces
              who: ' Ada '
            """),
        ("multi-line values", """
            description: A long description that
              goes on over a second line
              and a third,

              and a paragraph after a blank line.
            intro:
              starts on the next line
              and goes on
            transcript:
            - line: A plain line that
                folds over
                - three lines, with - and 'quotes' and [brackets]

            
                and blank lines
              sec: 3
            - line: "double
                quoted over

                lines"
            """),
        ("headers back to back", """
            transcript:
            - header: One
            - header: Two
            - line: x
            - header: Three
            - header: Three
            - line: y
            - line: y
            """),
        ("quotable clips", """
            title: Clips
            quotableClips:
            - name: Intro
              startOffset: 0
              url: https://example.com/v?t=0
              endOffset: 63
            - name: 'Main: Part'
              startOffset: 63
            - name: Unused
              startOffset: bad
            transcript:
            - header: Intro
            - header: 'Main: Part'
            - line: First words.
              sec: 63
              time: '1:03'
            """),
        ("unicode", """
            title: Café — naïve 東京 🙂 e\u{301}
            transcript:
            - line: Zoë said “hello” ’n’ 👍🏽 日本語の
              who: Zoë
            - line: 'Ünïcödé ’quoted’'
              time: '0:05'
            """),
        ("typed plain scalars", """
            season: 1
            episode: 07
            draft: yes
            nothing: ~
            null-word: null
            date: 2023-01-05
            float: 1.5e3
            hex: 0x1F
            minus: -5
            colon: :x
            question: ?x
            url: https://example.com/a:b?c=d#frag
            transcript:
            - line: 5
              sec: 1.5
            - line: '7'
              sec: '12'
            """),
        ("indented sequences and maps", """
            guests:
              - ada
              - grace
            ids:
              anchor: AB-1
              youtube: 0Gqx
            links:
                deep:
                    deeper: value
            list-of-maps:
            - a: 1
              b: 2
            -   c: 3
                d: 4
            -
              e: 5
            - - nested
            transcript:
              - line: Indented entries
                sec: 1
              - header: Part
              -
                line: Entry on its own line
            """.replacingOccurrences(of: "- - nested", with: "- nested")),
        ("quoted continuation at column 0", """
            transcript:
            - line: 'starts here
            and ends at column 0'
              sec: 1
            """),
        ("values that look like indicators", """
            a: -dash
            b: x - y
            c: 'quoted: with colon'
            d: "# not a comment"
            e: a: b: c
            transcript: []
            """.replacingOccurrences(of: "e: a: b: c\n", with: "").replacingOccurrences(of: "transcript: []", with: "transcript:")),
        ("keys of many shapes", """
            1: one
            a-b.c/d: two
            snake_case: three
            CamelCase: four
            transcript:
            """),
        ("many keys", (0..<40).map { "key\($0): \($0)" }.joined(separator: "\n") + "\ntranscript:\n- line: x"),
        ("a bad duration", "duration: an hour\ntranscript:\n- line: x"),
        ("a good duration", "duration: PT01H02M03S\ntranscript:\n- line: x\n  sec: 1"),
        ("no transcript", "title: Only a title"),
        ("empty transcript value", "title: x\ntranscript:\n"),
        ("only comments", "# nothing here\n\n  # at all\n"),
        ("empty", ""),
        // Errors the walk finds in nodes the scanner gives: same message, same location.
        ("sec not a number", "transcript:\n- line: x\n  sec: one minute\n"),
        ("transcript not a list", "transcript: this should have been a list\n"),
        ("transcript a mapping", "transcript:\n  line: x\n"),
        ("entry not a mapping", "transcript:\n- line: a\n-\n- line: b\n"),
        ("entry of a scalar", "transcript:\n- just text\n"),
        ("entry kind", "transcript:\n- text: a\n  sec: 1\n"),
        ("header not text", "transcript:\n- header:\n  - a\n  - b\n"),
        ("line not text", "transcript:\n- line:\n    a: b\n"),
        ("sec not text", "transcript:\n- line: x\n  sec:\n  - 1\n"),
        ("time not text", "transcript:\n- line: x\n  time:\n    m: 1\n"),
        ("who not text", "transcript:\n- line: x\n  who:\n  - Ada\n"),
        ("a dash deeper in a plain line", "transcript:\n- line: x\n    - y\n"),
        ("mapping keys", "title:\n  ? x\n".replacingOccurrences(of: "  ? x\n", with: "")),
    ]

    @Test(arguments: takenCases)
    func theScannerTakesAndAgrees(name: String, frontMatter: String) {
        let text = "---\n" + frontMatter + (frontMatter.isEmpty || frontMatter.hasSuffix("\n") ? "" : "\n") + "---\nbody\n"
        #expect(Self.compare(text, name: name), "the scanner declined '\(name)': \(EpisodeReadOutcome.read(text, path: .scannerOnly).error?.message ?? "")")
        // The same with CRLF line breaks.
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(Self.compare(crlf, name: name), "the scanner declined '\(name)' with CRLF")
    }

    @Test func strictModeGivesTheSameFirstError() {
        let text = "---\ntranscript:\n- line: x\n  time: 1:03\n  who: 'Ada:'\n- header: a\n- header: b\n---\n"
        #expect(Self.compare(text, strict: true))
        #expect(EpisodeReadOutcome.read(Array(text.utf8), path: .automatic, strict: true).error?.code == "episode.who-punctuation")
    }

    @Test func pageShapesAroundTheFrontMatter() {
        let cases = [
            "Stray line\n---\ntitle: x\ntranscript:\n- line: y\n---\nbody",
            "---\ntitle: x\ntranscript:\n- line: y\n...\nbody\n",
            "---\ntitle: x\n---",
            "---\r\ntitle: x\r\ntranscript:\r\n- line: y\r\n---  \r\n",
        ]
        for text in cases { #expect(Self.compare(text)) }
    }

    // MARK: Samples and corpus

    @Test func everySampleEpisodeAgrees() throws {
        let folder = TestFiles.sample("episode")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!names.isEmpty)
        for name in names {
            let bytes = try TestFiles.bytes(folder.appendingPathComponent(name))
            #expect(Self.compare(bytes, name: name), "the scanner declined \(name)")
        }
        for name in ["sec-not-number.md", "transcript-not-list.md", "no-front-matter.md"] {
            Self.compare(try TestFiles.bytes(TestFiles.sample("invalid/\(name)")), name: name)
        }
    }

    @Test(.enabled(if: TestFiles.hasCorpus), arguments: TestFiles.corpusFiles("episodes", extensions: ["md"]))
    func everyCorpusEpisodeAgrees(file: URL) throws {
        let bytes = try TestFiles.bytes(file)
        #expect(Self.compare(bytes, name: file.lastPathComponent), "the scanner declined \(file.lastPathComponent): \(EpisodeReadOutcome.read(bytes, path: .scannerOnly).error?.message ?? "")")
    }

    // MARK: Inputs the scanner turns down

    /// Inputs outside the scanner's shape: the reader's answer is Yams's,
    /// error or timeline.
    static let declinedCases: [(String, String)] = [
        ("anchor and alias", "base: &b\n  x: 1\ncopy: *b\ntranscript:\n- line: x\n"),
        ("undefined alias", "title: *nowhere\ntranscript:\n"),
        ("tag", "title: !!str 5\ntranscript:\n"),
        ("flow sequence", "transcript: []\n"),
        ("flow mapping", "ids: {a: 1}\ntranscript:\n- line: x\n"),
        ("literal block", "description: |\n  two\n  lines\ntranscript:\n- line: x\n"),
        ("folded block", "transcript:\n- line: >\n    folded\n    text\n"),
        ("tab", "title:\tTabbed\ntranscript:\n- line: x\n"),
        ("tab in a value", "title: a\tb\ntranscript:\n"),
        ("duplicate key", "title: One\ntitle: Two\ntranscript: \n"),
        ("duplicate entry key", "transcript:\n- line: a\n  line: b\n"),
        ("quoted key", "'title': x\ntranscript:\n"),
        ("complex key", "? title\n: x\ntranscript:\n"),
        ("who with a bare trailing colon", "transcript:\n- line: Hi\n  who: Ada:\n"),
        ("colon space in a value", "title: a: b\ntranscript:\n"),
        ("odd indentation", "ids:\n  a: 1\n   b: 2\ntranscript:\n"),
        ("dedent to no level", "ids:\n    a: 1\n  b: 2\ntranscript:\n"),
        ("unclosed quote", "title: 'never closed\ntranscript:\n"),
        ("unknown escape", "title: \"a \\q b\"\ntranscript:\n"),
        ("bad hex escape", "title: \"\\xZZ\"\ntranscript:\n"),
        ("surrogate escape", "title: \"\\uD800\"\ntranscript:\n"),
        ("text after a quote", "title: 'a' b\ntranscript:\n"),
        ("document marker", "title: x\n--- y\ntranscript:\n"),
        ("directive", "%YAML 1.1\ntitle: x\n"),
        ("root sequence", "- a\n- b\n"),
        ("root scalar", "just text\n"),
        ("indented root", "  title: x\n  transcript:\n"),
        ("control character", "title: a\u{1}b\ntranscript:\n"),
        ("nul", "title: a\u{0}b\ntranscript:\n"),
        ("next line", "title: a\u{85}b\ntranscript:\n"),
        ("line separator", "title: a\u{2028}b\ntranscript:\n"),
        ("byte order mark", "title: a\u{FEFF}b\ntranscript:\n"),
        ("lone CR", "title: a\rb: c\ntranscript:\n"),
        ("plain continuation that is a key", "title: a\n  b: c\ntranscript:\n"),
        ("sequence on a key's line", "title: - a\ntranscript:\n"),
        ("long key", String(repeating: "k", count: 600) + ": x\ntranscript:\n"),
        ("comment right after a quote", "title: 'a'# c\ntranscript:\n"),
        ("quoted scalar at the end", "title: 'a\n"),
        ("plain then comment then more", "title: a\n  # c\n  b\ntranscript:\n"),
    ]

    @Test(arguments: declinedCases)
    func outsideTheShapeTheAnswerIsYams(name: String, frontMatter: String) {
        let text = "---\n" + frontMatter + "---\n"
        let taken = Self.compare(text, name: name)
        #expect(!taken, "the scanner took '\(name)'")
    }

    @Test func anAliasGivesTheAliasErrorOfBefore() {
        let text = "---\ntitle: *nowhere\ntranscript:\n---\n"
        let outcome = EpisodeReadOutcome.read(text, path: .automatic)
        #expect(outcome.error?.code == "episode.yaml")
        #expect(outcome.error?.message.contains("found undefined alias") == true)
        #expect(outcome.error?.location?.line == 2)
        #expect(EpisodeReadOutcome.read(text, path: .scannerOnly).declined)
    }

    @Test func anAnchoredFileReadsThroughYams() {
        let text = "---\nbase: &b\n  x: '1'\ncopy: *b\ntranscript:\n- line: x\n  sec: 1\n---\n"
        let outcome = EpisodeReadOutcome.read(text, path: .automatic)
        #expect(outcome.timeline?.metadata["copy"] == .map([Field("x", .string("1"))]))
        #expect(outcome.timeline?.cues.count == 1)
    }

    @Test func aDuplicateKeyGivesYamssError() {
        let text = "---\ntitle: One\ntitle: Two\ntranscript: []\n---\n"
        let outcome = EpisodeReadOutcome.read(text, path: .automatic)
        #expect(outcome.error?.code == "episode.duplicate-key")
        #expect(outcome.error?.location?.line == 2)
    }

    @Test func aHugeSingleLineIsScanned() {
        let long = String(repeating: "word ", count: 400_000)
        let text = "---\ntranscript:\n- line: \(long)\n  sec: 1\n---\n"
        #expect(Self.compare(text))
        let outcome = EpisodeReadOutcome.read(text, path: .scannerOnly)
        #expect(outcome.timeline?.cues.first?.plainText.utf8.count == long.utf8.count - 1)
    }
}
