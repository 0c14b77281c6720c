import Testing
@testable import CueKit

/// Hostile Audacity, Matroska, OGM and mp4chaps files: deep nesting, times
/// past the `Int64` limits, long lines, huge chapter numbers. Each ends in a
/// located error or a correct result.
@Suite("Hostile editor and player chapter files")
struct ChapterFilesOfEditorsHostileTests {
    static func read(_ text: String, as format: FormatID, name: String = "input") -> (Timeline?, Diagnostic?) {
        var diagnostics = Diagnostics()
        do {
            return (try Converter().read(Array(text.utf8), name: name, format: format, diagnostics: &diagnostics).timeline, nil)
        } catch {
            return (nil, error)
        }
    }

    @Test func matroskaAtomsNestedPastLibxml2sLimitAreALocatedError() {
        let depth = 300
        let text = "<?xml version=\"1.0\"?>\n<Chapters><EditionEntry>"
            + String(repeating: "<ChapterAtom><ChapterTimeStart>00:00:01</ChapterTimeStart>", count: depth)
            + String(repeating: "</ChapterAtom>", count: depth) + "</EditionEntry></Chapters>\n"
        let (timeline, error) = Self.read(text, as: .matroskaChapters, name: "deep.xml")
        #expect(timeline == nil)
        #expect(error?.location?.file == "deep.xml")
        #expect(error?.location?.line == 2)
    }

    @Test func matroskaAtomsNestedAHundredDeepAreFlattened() throws {
        let depth = 100
        let text = "<?xml version=\"1.0\"?>\n<Chapters><EditionEntry>"
            + String(repeating: "<ChapterAtom><ChapterTimeStart>00:00:01</ChapterTimeStart>", count: depth)
            + String(repeating: "</ChapterAtom>", count: depth) + "</EditionEntry></Chapters>\n"
        let (timeline, error) = Self.read(text, as: .matroskaChapters)
        #expect(error == nil)
        #expect(timeline?.chapters.count == depth)
        #expect(timeline?.chapters.last?.extras[.matroskaChapters]?["level"] == .scalar("99"))
    }

    @Test func timesPastTheLimitsAreLocatedErrors() {
        let huge = String(repeating: "9", count: 40)
        let cases: [(FormatID, String, Int, Int)] = [
            (.audacity, "0\t0\tA\n\(huge)\t1\tB\n", 2, 1),
            (.matroskaChapters, "<Chapters><EditionEntry><ChapterAtom>\n<ChapterTimeStart>\(huge):00:00</ChapterTimeStart></ChapterAtom></EditionEntry></Chapters>", 2, 1),
            (.ogmChapters, "CHAPTER01=\(huge):00:00.000\n", 1, 11),
            (.mp4chaps, "00:00:00.000 A\n\(huge):00:00.000 B\n", 2, 1),
        ]
        for (format, text, line, column) in cases {
            let (timeline, error) = Self.read(text, as: format, name: "limit")
            #expect(timeline == nil, "\(format)")
            #expect(error?.location == SourceLocation(file: "limit", line: line, column: column), "\(format): \(error?.message ?? "")")
        }
        // The largest time cues holds, Int64.max ms, in Matroska's clock; one
        // millisecond more is an error.
        func atom(_ time: String) -> String {
            "<Chapters><EditionEntry><ChapterAtom><ChapterTimeStart>\(time)</ChapterTimeStart></ChapterAtom></EditionEntry></Chapters>"
        }
        let (largest, noError) = Self.read(atom("2562047788015:12:55.807"), as: .matroskaChapters)
        #expect(noError == nil)
        #expect(largest?.chapters.first?.start == .max)
        let (_, past) = Self.read(atom("2562047788015:12:55.808"), as: .matroskaChapters)
        #expect(past?.code == "matroska-chapters.malformed")
    }

    @Test func ogmChapterNumbersPastNineDigitsAreNotChapters() {
        let (timeline, error) = Self.read("CHAPTER1234567890=00:00:00.000\n", as: .ogmChapters, name: "n")
        #expect(timeline == nil)
        #expect(error?.code == "ogm-chapters.bad-line")
    }

    @Test func aLongAudacityLabelIsKeptWhole() throws {
        let label = String(repeating: "ä", count: 200_000)
        let (timeline, error) = Self.read("1.5\t2.5\t\(label)\n", as: .audacity)
        #expect(error == nil)
        #expect(timeline?.chapters.first?.title == label)
    }
}
