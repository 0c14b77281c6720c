import Testing
@testable import CueKit

/// Hostile JSON, FFmpeg metadata and YouTube chapter files: deep nesting,
/// times at and past the `Int64` limits, negative times, huge lists. Each
/// ends in a located error or a correct result with a located warning.
@Suite("Hostile chapter and transcript input")
struct ChapterFormatsHostileTests {
    static func read(_ text: String, as format: FormatID, name: String = "input") -> (Timeline?, Diagnostic?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        do {
            let input = try Converter().read(Array(text.utf8), name: name, format: format, diagnostics: &diagnostics)
            return (input.timeline, nil, diagnostics.items)
        } catch {
            return (nil, error, diagnostics.items)
        }
    }

    @Test(arguments: [FormatID.chapters, .transcript, .timeline])
    func jsonNestedTenThousandDeepIsALocatedError(format: FormatID) {
        let nested = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let text = "{\"version\": \"1.2.0\",\n \"extra\": \(nested)}"
        let (_, error, _) = Self.read(text, as: format, name: "deep.json")
        #expect(error?.message == "expected at most 512 nested arrays and objects, found more")
        // The 513th bracket: '{' is the first level, then 511 '[' from column 11.
        #expect(error?.location == SourceLocation(file: "deep.json", line: 2, column: 522))
    }

    @Test func jsonChapterTimesAtTheLimits() throws {
        let text = """
            {"version": "1.2.0", "chapters": [
             {"startTime": -5, "title": "negative"},
             {"startTime": 1e300, "title": "too large"},
             {"startTime": 9223372036854775.807, "title": "the largest time"},
             {"startTime": 9223372036854775.808, "title": "one past it"}
            ]}
            """
        let (timeline, error, warnings) = Self.read(text, as: .chapters, name: "limits.json")
        #expect(error == nil)
        let chapters = try #require(timeline?.chapters)
        #expect(chapters.map(\.start) == [.zero, nil, .max, nil])
        #expect(warnings.map(\.location?.line) == [2, 3, 5])
        #expect(warnings.first?.message == "expected \"startTime\" to be 0 or more seconds, found -5; read as 0")
        #expect(warnings.dropFirst().allSatisfy { $0.message.contains("fits in milliseconds") })
    }

    @Test func transcriptTimesAtTheLimits() throws {
        let text = """
            {"version": "1.0.0", "segments": [
             {"startTime": -1, "endTime": 2, "body": "negative"},
             {"startTime": 1e300, "endTime": 1e301, "body": "too large"}
            ]}
            """
        let (timeline, error, warnings) = Self.read(text, as: .transcript, name: "limits.json")
        #expect(error == nil)
        #expect(timeline?.cues.map(\.plainText) == ["negative", "too large"])
        #expect(timeline?.cues.first?.start == .zero)
        #expect(timeline?.cues.last?.start == nil)
        #expect(Set(warnings.compactMap(\.location?.line)) == [2, 3])
    }

    @Test func ffmetadataTimesAtTheLimits() throws {
        let text = """
            ;FFMETADATA1
            [CHAPTER]
            TIMEBASE=1/1000
            START=0
            END=99999999999999999999999
            title=end too large
            [CHAPTER]
            TIMEBASE=1/1
            START=9223372036854775807
            END=9223372036854775807
            title=seconds too large for milliseconds

            """
        let (timeline, error, warnings) = Self.read(text, as: .ffmetadata, name: "limits.ffmetadata")
        #expect(error == nil)
        #expect(timeline?.chapters.map(\.title) == ["end too large", "seconds too large for milliseconds"])
        #expect(timeline?.chapters.first?.end == nil)
        #expect(warnings.contains { $0.location?.line == 5 && $0.message.contains("'99999999999999999999999'") })
        #expect(warnings.contains { $0.location?.line == 9 && $0.message.contains("too large for milliseconds") })
    }

    @Test func youtubeTimesTooLargeAreDescriptionText() throws {
        let text = "0:00 Intro\n99999999999999999999:00 huge\n1:00 Middle\n2:00 End\n"
        let (timeline, error, diagnostics) = Self.read(text, as: .youtubeChapters, name: "description.txt")
        #expect(error == nil)
        #expect(timeline?.chapters.map(\.title) == ["Intro", "Middle", "End"])
        #expect(diagnostics.contains { $0.location?.line == 2 && $0.severity == .note })
    }

    @Test(.heavy) func aHundredThousandChaptersReadAndWrite() throws {
        let chapters = (0..<100_000).map { "{\"startTime\": \($0), \"title\": \"Chapter \($0)\"}" }.joined(separator: ",\n")
        let (timeline, error, _) = Self.read("{\"version\": \"1.2.0\", \"chapters\": [\n\(chapters)\n]}", as: .chapters)
        #expect(error == nil)
        let read = try #require(timeline)
        #expect(read.chapters.count == 100_000)
        #expect(read.chapters.last?.start == Timestamp(seconds: 99_999))
        for format in [FormatID.chapters, .ffmetadata, .vttChapters, .youtubeChapters, .psc] {
            let (written, _) = try Convert.write(read, as: format, sourceFormat: .chapters)
            #expect(written.contains("Chapter 99999"), "\(format)")
        }
    }
}
