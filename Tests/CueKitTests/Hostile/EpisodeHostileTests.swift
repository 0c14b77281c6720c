import Foundation
import Testing
@testable import CueKit

/// Degenerate and hostile episode files end in a located error or a correct
/// result, quickly, never a crash.
@Suite("Hostile episode input")
struct EpisodeHostileTests {
    @Test func aliasBombIsStoppedWithALocatedError() throws {
        // Eleven levels of ten aliases each would expand to 10^12 values.
        var text = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in 1...11 {
            text += "b\(level): &b\(level) [" + Array(repeating: "*" + previous, count: 10).joined(separator: ", ") + "]\n"
            previous = "b\(level)"
        }
        text += "transcript: []\n---\n"
        let clock = ContinuousClock()
        let started = clock.now
        let error = Convert.readError(text, name: "bomb.md", as: .episode)
        #expect(clock.now - started < .seconds(10))
        #expect(error?.code == "episode.too-large")
        #expect(error?.location?.file == "bomb.md")
        #expect((error?.location?.line ?? 0) > 1)
    }

    @Test func duplicateKeysAreALocatedError() {
        let error = Convert.readError("---\ntitle: One\ntitle: Two\ntranscript: []\n---\n", name: "dup.md", as: .episode)
        #expect(error?.code == "episode.duplicate-key")
        #expect(error?.message.contains("'title'") == true)
        #expect(error?.location?.line == 2)
    }

    @Test func nulBytesAreALocatedError() {
        let error = Convert.readError("---\ntitle: a\u{0}b\ntranscript: []\n---\n", name: "nul.md", as: .episode)
        #expect(error?.location == SourceLocation(file: "nul.md", line: 2, column: 9))
        #expect(error?.message == "cannot read the front matter: control characters are not allowed")
    }

    @Test(arguments: [("empty", [UInt8]()), ("bom", [0xEF, 0xBB, 0xBF]), ("utf16-bom", [0xFF, 0xFE])])
    func emptyInputsAreAnError(name: String, bytes: [UInt8]) throws {
        var diagnostics = Diagnostics()
        #expect(throws: Diagnostic.self) {
            _ = try Converter().read(bytes, name: name, format: .episode, diagnostics: &diagnostics)
        }
    }

    @Test func invalidUTF8IsReadAsWindows1252WithAWarning() throws {
        var bytes = Array("---\ntitle: caf".utf8) + [0xE9] + Array("\ntranscript:\n- line: ok\n  sec: 1\n---\n".utf8)
        bytes.append(contentsOf: [])
        let (timeline, diagnostics) = try Convert.read(bytes, name: "latin.md", as: .episode)
        #expect(timeline.metadata["title"] == .string("café"))
        let warning = diagnostics.first { $0.code == "text.not-utf8" }
        #expect(warning?.location == SourceLocation(file: "latin.md", line: 2, column: 11))
    }

    @Test func aHugeSingleLineIsRead() throws {
        let long = String(repeating: "word ", count: 2_000_000)  // 10 MB on one line
        let text = "---\ntranscript:\n- line: \(long)\n  sec: 1\n---\n"
        let (timeline, _) = try Convert.read(text, name: "long.md", as: .episode)
        #expect(timeline.cues.first?.plainText.utf8.count == long.utf8.count - 1)
    }

    @Test func timesNearTheInt64LimitsDoNotOverflow() throws {
        let text = "---\ntranscript:\n- line: a\n  sec: 9223372036854775\n- line: b\n  sec: 99999999999999999999\n---\n"
        let error = Convert.readError(text, name: "big.md", as: .episode)
        #expect(error?.code == "episode.sec-not-number")
        #expect(error?.location?.line == 6)
        let (timeline, _) = try Convert.read("---\ntranscript:\n- line: a\n  sec: 9223372036854775\n---\n", name: "max.md", as: .episode)
        let (vtt, _) = try Convert.write(timeline, as: .vtt, sourceFormat: .episode)
        #expect(vtt.hasPrefix("WEBVTT"))
    }

    @Test func aLongTranscriptIsScannedAsYamsReadsIt() throws {
        var text = "---\ntitle: Long\ntranscript:\n"
        for index in 0..<20_000 {
            if index % 50 == 0 { text += "- header: Part \(index / 50 + 1)\n" }
            text += "- line: Hello there \(index % 10)\n"
            if index % 10 == 0 { text += "  sec: \(index * 2)\n" }
            text += "  who: \(index % 2 == 0 ? "A" : "B")\n"
        }
        text += "---\n"
        let scanned = EpisodeReadOutcome.read(text, path: .scannerOnly)
        let composed = EpisodeReadOutcome.read(text, path: .yamsOnly)
        #expect(scanned.error == nil)
        #expect(scanned == composed, "\(scanned.firstDifference(from: composed) ?? "")")
        #expect(scanned.timeline?.cues.count == 20_000)
    }

    @Test func somethingOutsideTheScannersShapeAtTheEndMakesYamsReadItAll() {
        // The scanner has walked 5,000 entries when it meets the alias.
        var text = "---\ntranscript:\n"
        for index in 0..<5_000 { text += "- line: Line \(index)\n  sec: \(index)\n" }
        let valid = text + "- line: &a last\n- line: *a\n---\n"
        let invalid = text + "- line: *nowhere\n---\n"
        for input in [valid, invalid] {
            #expect(EpisodeReadOutcome.read(input, path: .scannerOnly).declined)
            #expect(EpisodeReadOutcome.read(input, path: .automatic) == EpisodeReadOutcome.read(input, path: .yamsOnly))
        }
        #expect(EpisodeReadOutcome.read(valid, path: .automatic).timeline?.cues.last?.plainText == "last")
        #expect(EpisodeReadOutcome.read(invalid, path: .automatic).error?.message.contains("undefined alias") == true)
    }
}
