import Foundation
import Testing
@testable import CueKit

/// Mutated inputs (a fixed seed, so failures repeat): the reader never
/// crashes, and whatever it reads, VTT → VTT → VTT gives the same cues and
/// the same bytes twice.
@Suite struct VTTRobustnessTests {
    /// A small deterministic generator (SplitMix64).
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [[UInt8]] = [
        "<", ">", "&", "&amp;", "&#", ";", "-->", "--", "\n", "\n\n", "\r", "\r\n", "\u{0}", " ", "\t", ".", ":",
        "<v ", "</v>", "<c.", "<ruby>", "<rt>", "</ruby>", "<00:00:01.500>", "NOTE ", "STYLE\n", "REGION\nid:r\n",
        " region:r", " align:start", " line:0", "00:00.000 --> 00:01.000", "é", "漢",
    ].map { Array($0.utf8) }

    @Test(arguments: ["blocks.vtt", "voices.vtt", "ruby.vtt", "karaoke.vtt", "crlf.vtt", "no-hours.vtt"])
    func mutatedSamplesRoundTrip(_ name: String) throws {
        let original = try TestFiles.bytes(TestFiles.sample("vtt/\(name)"))
        var random = Seeded(state: UInt64(original.count))
        var read = 0
        defer { #expect(read > 300, "\(name): only \(read) mutated inputs were WebVTT") }
        for round in 0..<400 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let at = Int.random(in: 6...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.insert(contentsOf: Self.pieces.randomElement(using: &random)!, at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = UInt8.random(in: 0x20...0x7E, using: &random) }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let (timeline, _) = try? VTTTests.read(text) else { continue }
            read += 1
            let (first, _) = try VTTTests.write(timeline)
            let (again, _) = try VTTTests.read(first)
            let (second, _) = try VTTTests.write(again)
            #expect(second == first, "\(name) round \(round): \(text.debugDescription)")
            let written = timeline.cues.filter { $0.start != nil && $0.end != nil }
            #expect(again.cues.count == written.count, "\(name) round \(round): \(text.debugDescription)")
            if second != first || again.cues.count != written.count { return }
        }
    }

    @Test func mutatedChaptersRoundTrip() throws {
        let original = try TestFiles.bytes(TestFiles.sample("vtt-chapters/episode.chapters.vtt"))
        var random = Seeded(state: 42)
        for round in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let at = Int.random(in: 7...bytes.count, using: &random)
                bytes.insert(contentsOf: Self.pieces.randomElement(using: &random)!, at: at)
            }
            guard let (timeline, _) = try? Convert.read(bytes, name: "x.chapters.vtt") else { continue }
            let (first, _) = try Convert.write(timeline, as: .vttChapters)
            let (again, _) = try Convert.read(first, name: "x.chapters.vtt")
            let (second, _) = try Convert.write(again, as: .vttChapters)
            #expect(second == first, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if second != first { return }
        }
    }
}
