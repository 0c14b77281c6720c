import Testing
@testable import CueKit

/// Every reader meets the same degenerate inputs: nothing, only a byte order
/// mark, bytes that are not UTF-8, and NUL bytes. Each ends in an error at
/// line 1 of the named file, or (SRT, where an empty file is a valid file
/// without cues) in an empty timeline with a warning; never a crash.
@Suite("Degenerate input for every reader")
struct DegenerateInputTests {
    static let readers = FormatRegistry.standard.formats.filter { $0.reader != nil }.map(\.id)

    /// What reading `bytes` as `format` gave: the error, or the diagnostics.
    enum Outcome {
        case failed(Diagnostic, warnings: [Diagnostic])
        case read(Converter.Input, [Diagnostic])
    }

    static func outcome(_ bytes: [UInt8], as format: FormatID, name: String) -> Outcome {
        var diagnostics = Diagnostics()
        do {
            let input = try Converter().read(bytes, name: name, format: format, diagnostics: &diagnostics)
            return .read(input, diagnostics.items)
        } catch {
            return .failed(error, warnings: diagnostics.items)
        }
    }

    @Test func everyReaderIsCovered() {
        #expect(Set(Self.readers) == [.episode, .timeline, .vtt, .vttChapters, .srt, .chapters,
                                      .transcript, .youtubeChapters, .ffmetadata, .rss, .psc, .sbv, .lrc,
                                      .audacity, .matroskaChapters, .ogmChapters, .mp4chaps, .ttml, .ass, .whisper])
    }

    @Test(arguments: readers, [("empty", [UInt8]()), ("bom", [0xEF, 0xBB, 0xBF]), ("utf16-bom", [0xFF, 0xFE])])
    func nothingToRead(format: FormatID, input: (name: String, bytes: [UInt8])) {
        switch Self.outcome(input.bytes, as: format, name: input.name) {
        case .failed(let error, _):
            #expect(format != .srt)
            #expect(error.severity == .error)
            #expect(error.location == SourceLocation(file: input.name, line: 1, column: 1))
            #expect(error.format == format)
        case .read(let input, let diagnostics):
            #expect(format == .srt, "\(format) accepted an empty file")
            #expect(input.timeline.cues.isEmpty)
            #expect(diagnostics.map(\.code) == ["srt.empty"])
        }
    }

    @Test(arguments: readers)
    func bytesThatAreNotUTF8AreReadAsWindows1252WithAWarning(format: FormatID) {
        // 0xC0 0xC1 and 0xF5 never occur in UTF-8; 0x80 alone is a stray continuation byte.
        let bytes: [UInt8] = [0xC0, 0xC1, 0x80, 0x61, 0x62, 0x63, 0xF5, 0x0A]
        guard case .failed(let error, let warnings) = Self.outcome(bytes, as: format, name: "latin") else {
            Issue.record("\(format) read garbage as a valid file")
            return
        }
        #expect(warnings.map(\.code) == ["text.not-utf8"])
        #expect(warnings.first?.location == SourceLocation(file: "latin", line: 1, column: 1))
        #expect(error.location?.file == "latin")
        #expect(error.location?.line == 1)
        #expect(!error.message.isEmpty)
    }

    @Test(arguments: readers)
    func nulBytesAreReadAsUnmarkedUTF16OnceWithAWarning(format: FormatID) {
        // 'a' NUL 'b' NUL LF NUL: the zero bytes of UTF-16LE text without a byte order mark.
        guard case .failed(let error, let warnings) = Self.outcome([0x61, 0, 0x62, 0, 0x0A, 0], as: format, name: "nul") else {
            Issue.record("\(format) read 'ab' as a valid file")
            return
        }
        #expect(warnings.map(\.code) == ["text.no-bom"])
        #expect(error.location?.file == "nul")
        #expect(error.location?.line == 1)
    }

    @Test(arguments: [FormatID.srt, .vtt, .episode, .youtubeChapters, .ffmetadata, .sbv, .lrc, .audacity, .ogmChapters, .mp4chaps, .ass])
    func nulBytesInsideUTF8TextAreKeptOrRefusedWithALocation(format: FormatID) throws {
        let samples: [FormatID: String] = [
            .srt: "1\n00:00:01,000 --> 00:00:02,000\na\u{0}b\n",
            .vtt: "WEBVTT\n\n00:01.000 --> 00:02.000\na\u{0}b\n",
            .episode: "---\ntranscript:\n- line: a\u{0}b\n  sec: 1\n---\n",
            .youtubeChapters: "0:00 a\u{0}b\n0:10 c\n0:20 d\n",
            .ffmetadata: ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=a\u{0}b\n",
            .sbv: "0:00:01.000,0:00:02.000\na\u{0}b\n",
            .lrc: "[00:01.00]a\u{0}b\n",
            .audacity: "0.000000\t1.000000\ta\u{0}b\n",
            .ogmChapters: "CHAPTER01=00:00:00.000\nCHAPTER01NAME=a\u{0}b\n",
            .mp4chaps: "00:00:00.000 a\u{0}b\n",
            .ass: "[Script Info]\n[Events]\nFormat: Start, End, Text\nDialogue: 0:00:01.00,0:00:02.00,a\u{0}b\n",
        ]
        let text = try #require(samples[format])
        switch Self.outcome(Array(text.utf8), as: format, name: "nul-in-text") {
        case .failed(let error, _):
            // YAML forbids control characters: the episode reader says where.
            #expect(format == .episode)
            #expect(error.location?.line == 3)
        case .read(let input, _):
            // WebVTT turns NUL into U+FFFD as its parser says; the others keep the byte.
            let found = input.timeline.cues.first?.plainText ?? input.timeline.chapters.first?.title
            #expect(found == (format == .vtt ? "a\u{FFFD}b" : "a\u{0}b"))
        }
    }
}
