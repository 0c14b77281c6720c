import Foundation
import Testing
@testable import CueKit

@Suite("FFmpeg metadata reader and writer")
struct FFMetadataTests {
    let sample = TestFiles.sample("ffmetadata/escapes.ffmetadata")

    @Test func readsTagsSectionsAndTimeBases() throws {
        let (timeline, diagnostics) = try Convert.read(sample)
        #expect(timeline.metadata == [
            Field("title", .string("Tides = moon; sun #1")), Field("author", .string("Ada Host")),
            Field("podcastName", .string("Coastal Notes")),
        ])
        #expect(timeline.extras[.ffmetadata] == [
            Field("comment", .string("back\\slash")), Field("encoder", .string("hand-written")),
            Field("[STREAM]", .map([Field("title", .string("multi\nline"))])),
        ])
        #expect(timeline.chapters.map(\.title) == ["Cold open", "Harbour = walk; part #2", "Outro"])
        // 1/1000, 1/44100 and 1/1000000000 time bases, all exact.
        #expect(timeline.chapters.map(\.start) == [0, 65_000, 90_000].map { Timestamp(milliseconds: $0) })
        #expect(timeline.chapters.map(\.end) == [65_000, 90_000, 3_725_250].map { Timestamp(milliseconds: $0) })
        #expect(timeline.chapters[1].extras[.ffmetadata] == [Field("language", .string("eng"))])
        #expect(timeline.chapters[1].location == SourceLocation(file: "escapes.ffmetadata", line: 18, column: 1))
        #expect(diagnostics.map(\.code) == ["ffmetadata.comments"])
    }

    @Test func writesTheSampleInTheCanonicalLayout() throws {
        let (timeline, _) = try Convert.read(sample)
        let (text, diagnostics) = try Convert.write(timeline, as: .ffmetadata)
        #expect(text == """
            ;FFMETADATA1
            title=Tides \\= moon\\; sun \\#1
            artist=Ada Host
            album=Coastal Notes
            comment=back\\\\slash
            encoder=hand-written
            [STREAM]
            title=multi\\
            line
            [CHAPTER]
            TIMEBASE=1/1000
            START=0
            END=65000
            title=Cold open
            [CHAPTER]
            TIMEBASE=1/1000
            START=65000
            END=90000
            title=Harbour \\= walk\\; part \\#2
            language=eng
            [CHAPTER]
            TIMEBASE=1/1000
            START=90000
            END=3725250
            title=Outro

            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(try Convert.read(text, name: "again.ffmetadata").0 == timeline)
    }

    @Test(arguments: [
        "plain", "a=b", "semi;colon", "#hash", "back\\slash", "two\nlines", "cr\rlf\r\n", "[CHAPTER] in a title",
        "=;#\\\n all", "ünïcödé 🎧", "trailing space ", " leading space",
    ])
    func escapingRoundTrips(title: String) throws {
        let timeline = Timeline(
            metadata: [Field("title", .string(title))],
            chapters: [Chapter(start: .zero, end: Timestamp(seconds: 1), title: title, extras: extras([Field(title, .string(title))]))])
        let (text, diagnostics) = try Convert.write(timeline, as: .ffmetadata)
        #expect(diagnostics.isEmpty)
        let (reread, readDiagnostics) = try Convert.read(text, name: "e.ffmetadata")
        #expect(reread.metadata == timeline.metadata)
        #expect(reread.chapters == timeline.chapters)
        #expect(readDiagnostics.isEmpty, "\(readDiagnostics)")
    }

    @Test func escapesTheCharactersTheFormatReserves() throws {
        let timeline = Timeline(chapters: [Chapter(start: .zero, end: Timestamp(seconds: 1), title: "a=b;c#d\\e\nf")])
        let (text, _) = try Convert.write(timeline, as: .ffmetadata)
        #expect(text.hasSuffix("title=a\\=b\\;c\\#d\\\\e\\\nf\n"))
    }

    @Test func valuesFFmpegCannotReadBackAreRepairedWithWarnings() throws {
        let timeline = Timeline(chapters: [Chapter(start: .zero, end: Timestamp(seconds: 1), title: "ends\\\\", extras: extras([Field("nul", .string("a\u{0}b"))]))])
        let (text, diagnostics) = try Convert.write(timeline, as: .ffmetadata)
        #expect(text.hasSuffix("title=ends\nnul=ab\n"))
        #expect(diagnostics.map(\.code) == ["ffmetadata.nul-removed", "ffmetadata.trailing-backslash"])
    }

    @Test func aLineEndingInAnEscapedBackslashIsReadAsIntendedWithAWarning() throws {
        let (timeline, diagnostics) = try Convert.read(";FFMETADATA1\ntitle=ends\\\\\nartist=next\n", name: "b.ffmetadata")
        #expect(timeline.metadata == [Field("title", .string("ends\\")), Field("author", .string("next"))])
        #expect(diagnostics.map(\.code) == ["ffmetadata.ffmpeg-joins-line"])
        #expect(diagnostics[0].location?.line == 2)
    }

    @Test func withoutTimeBaseTimesAreNanosecondsAsInFFmpegsCode() throws {
        let text = ";FFMETADATA1\n[CHAPTER]\nSTART=1500000000\nEND=2000000000\ntitle=A\n[CHAPTER]\nTIMEBASE=1\nSTART=2000000000\nEND=3000000000\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "n.ffmetadata")
        #expect(timeline.chapters.map(\.start) == [Timestamp(milliseconds: 1500), Timestamp(seconds: 2)])
        #expect(timeline.chapters.map(\.end) == [Timestamp(seconds: 2), Timestamp(seconds: 3)])
        #expect(diagnostics.map(\.code) == ["ffmetadata.no-timebase", "ffmetadata.bad-timebase"])
        #expect(diagnostics[0].location == SourceLocation(file: "n.ffmetadata", line: 2, column: 1))
    }

    @Test func otherTimeBasesConvertExactlyOrRoundWithANote() throws {
        let text = ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/90000\nSTART=90000\nEND=135000\n[CHAPTER]\nTIMEBASE=1/3\nSTART=2\nEND=4\n[CHAPTER]\nTIMEBASE=1001/30000\nSTART=30\nEND=60\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "t.ffmetadata")
        // 2/3 s and 4/3 s round to the nearest millisecond; that chapter sorts first.
        #expect(timeline.chapters.map(\.start) == [667, 1000, 1001].map { Timestamp(milliseconds: $0) })
        #expect(timeline.chapters.map(\.end) == [1333, 1500, 2002].map { Timestamp(milliseconds: $0) })
        #expect(diagnostics.map(\.code) == ["ffmetadata.out-of-order", "ffmetadata.sub-millisecond"])
    }

    @Test func missingStartAndEndFollowFFmpeg() throws {
        let text = ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=5000\n[CHAPTER]\nTIMEBASE=1/1000\nEND=9000\ntitle=No start\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=9000\n"
        let (timeline, diagnostics) = try Convert.read(text, name: "m.ffmetadata")
        #expect(timeline.chapters.map(\.start) == [0, 5000, 9000].map { Timestamp(milliseconds: $0) })
        #expect(timeline.chapters.map(\.end) == [Timestamp(milliseconds: 5000), Timestamp(milliseconds: 9000), nil])
        #expect(diagnostics.map { "\($0.location!.line) \($0.code)" } == ["6 ffmetadata.no-start", "10 ffmetadata.no-end"])
        var strict = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) {
            _ = try Converter(readOptions: ReadOptions(strict: true)).read(Array(text.utf8), name: "m.ffmetadata", diagnostics: &strict)
        }
    }

    @Test func invalidSamplesGiveTheirDiagnostics() throws {
        let noHeader = try String(contentsOf: TestFiles.sample("invalid/ffmetadata-no-header.ffmetadata"), encoding: .utf8)
        let error = Convert.readError(noHeader, name: "ffmetadata-no-header.ffmetadata", as: .ffmetadata)
        #expect(error?.code == "ffmetadata.no-header")
        #expect(error?.message == "expected the first line ';FFMETADATA1', found 'title=Missing the first line'")
        let (timeline, diagnostics) = try Convert.read(TestFiles.sample("invalid/ffmetadata-problems.ffmetadata"))
        #expect(diagnostics.map { "\($0.location!.line) \($0.code)" } == [
            "3 ffmetadata.no-timebase", "7 ffmetadata.header-order", "4 ffmetadata.sub-millisecond",
        ])
        #expect(timeline.chapters.map(\.start) == [Timestamp.zero, Timestamp(seconds: 120)])
    }

    @Test func writerAlwaysWritesEndsAndLeavesOutSilentChapters() throws {
        let timeline = Timeline(chapters: [
            Chapter(start: .zero, title: "Visible"),
            Chapter(start: Timestamp(seconds: 10), isInTableOfContents: false),
            Chapter(start: Timestamp(seconds: 20), title: "Next"),
        ], duration: Timestamp(milliseconds: 30_500))
        let (text, diagnostics) = try Convert.write(timeline, as: .ffmetadata)
        #expect(text == """
            ;FFMETADATA1
            [CHAPTER]
            TIMEBASE=1/1000
            START=0
            END=20000
            title=Visible
            [CHAPTER]
            TIMEBASE=1/1000
            START=20000
            END=30500
            title=Next

            """)
        #expect(diagnostics.map(\.code) == ["chapters.ends-inferred", "ffmetadata.silent-left-out"])
    }

    @Test func anUnknownLastEndIsWrittenAsTheStartWithAWarning() throws {
        let (text, diagnostics) = try Convert.write(Timeline(chapters: [Chapter(start: Timestamp(seconds: 5), title: "Only")]), as: .ffmetadata)
        #expect(text.contains("START=5000\nEND=5000\n"))
        #expect(diagnostics.map(\.code) == ["ffmetadata.unknown-end"])
    }

    @Test func sniffsTheHeader() {
        let sniff = FFMetadataFormat.format.sniff!
        #expect(sniff(ArraySlice(";FFMETADATA1\ntitle=x\n".utf8)))
        #expect(!sniff(ArraySlice("title=x\n".utf8)))
    }

    private func extras(_ fields: [Field]) -> FormatExtras {
        var extras = FormatExtras()
        extras[.ffmetadata] = Fields(fields)
        return extras
    }
}

/// Whether FFmpeg reads the files cues writes: runs only where `ffmpeg` and
/// `ffprobe` are on the PATH.
@Suite("FFmpeg accepts cues' metadata files", .enabled(if: FFmpegTools.isAvailable))
struct FFmpegAcceptanceTests {
    /// Chapters that exercise escaping, a fraction of a second and an hour mark.
    let timeline = Timeline(
        metadata: [Field("title", .string("Tides = moon; sun #1")), Field("author", .string("Ada \\ Host"))],
        chapters: [
            Chapter(start: .zero, title: "Cold open"),
            Chapter(start: Timestamp(milliseconds: 77_000), title: "Harbour = walk; part #2"),
            Chapter(start: Timestamp(milliseconds: 1_200_500), title: "Two\nlines"),
            Chapter(start: Timestamp(milliseconds: 3_725_250), title: "Outro"),
        ],
        duration: Timestamp(seconds: 4000))

    @Test func ffmpegKeepsTheChaptersInAnM4A() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cues-ffmpeg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let metadata = directory.appendingPathComponent("chapters.ffmetadata")
        let (text, _) = try Convert.write(timeline, as: .ffmetadata)
        try Data(text.utf8).write(to: metadata)
        let output = directory.appendingPathComponent("out.m4a")

        // 4000 s of silence (8 kHz mono keeps it quick), chapters and tags from the file.
        let ffmpeg = try FFmpegTools.run("ffmpeg", [
            "-nostdin", "-v", "error", "-f", "lavfi", "-t", "4000", "-i", "anullsrc=r=8000:cl=mono",
            "-i", metadata.path, "-map", "0", "-map_metadata", "1", "-map_chapters", "1", "-y", output.path,
        ])
        #expect(ffmpeg.status == 0, "\(ffmpeg.stderr)")

        for file in [metadata, output] {
            let probe = try FFmpegTools.run("ffprobe", ["-v", "error", "-show_chapters", "-show_format", "-of", "json", file.path])
            #expect(probe.status == 0, "\(probe.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as! [String: Any]
            let chapters = json["chapters"] as! [[String: Any]]
            let titles = chapters.map { ($0["tags"] as? [String: Any])?["title"] as? String }
            #expect(titles == ["Cold open", "Harbour = walk; part #2", "Two\nlines", "Outro"], "\(file.lastPathComponent)")
            let starts = chapters.map { Double($0["start_time"] as! String)! }
            let ends = chapters.map { Double($0["end_time"] as! String)! }
            #expect(starts == [0, 77, 1200.5, 3725.25], "\(file.lastPathComponent)")
            #expect(ends == [77, 1200.5, 3725.25, 4000], "\(file.lastPathComponent)")
            let tags = (json["format"] as! [String: Any])["tags"] as? [String: Any]
            #expect(tags?["title"] as? String == "Tides = moon; sun #1")
            #expect(tags?["artist"] as? String == "Ada \\ Host")
        }
    }
}

/// FFmpeg's command-line tools, when installed.
enum FFmpegTools {
    static let isAvailable = path("ffmpeg") != nil && path("ffprobe") != nil

    static func path(_ tool: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(tool)!)
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}
