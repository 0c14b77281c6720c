import Foundation
import Testing
@testable import CueKit

#if canImport(Glibc)
import Glibc
#endif

/// A large episode read and written as captions in memory a small multiple
/// of its size. Each test runs in a process of its own, where the peak
/// resident size is its alone.
@Suite("Episode memory")
struct EpisodeMemoryTests {
    /// An episode of `lines` short lines, a header every 50, every third
    /// line without a time: the shape of the million-line file of issue 26.
    static func episode(lines: Int) -> [UInt8] {
        var text = "---\ntitle: Many lines\nduration: PT\(lines / 1000 + 1)H00M00S\ntranscript:\n"
        text.reserveCapacity(lines * 56)
        for index in 0..<lines {
            if index % 50 == 0 { text += "- header: Part \(index / 50)\n" }
            let seconds = (index + 1) * 3
            if index % 3 == 2 {
                text += "- line: Line \(index) words\n  who: Ada\n"
            } else {
                text += "- line: Line \(index) words\n  sec: \(seconds)\n  time: '\(seconds / 3600):\(seconds / 60 % 60):\(seconds % 60)'\n"
            }
        }
        return Array((text + "---\n").utf8)
    }

    /// The peak resident size of this process, in bytes.
    static var peakResidentBytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// How much the peak resident size grew while `work` ran, and what it gave.
    static func peakGrowth<Value>(_ work: () throws -> Value) rethrows -> (growth: Int, value: Value) {
        let before = peakResidentBytes
        let value = try work()
        return (peakResidentBytes - before, value)
    }

    static let lines = 300_000

    /// 3.7 times its size (54 MB for 14.8) in the debug build; 4.9 times
    /// before a line's text was held without an array around it and
    /// inference notes stopped at the per-code limit.
    @Test(.heavy) func aLargeEpisodeIsReadInASmallMultipleOfItsSize() async {
        await #expect(processExitsWith: .success) {
            let bytes = EpisodeMemoryTests.episode(lines: EpisodeMemoryTests.lines)
            let (growth, read) = try EpisodeMemoryTests.peakGrowth {
                var diagnostics = Diagnostics()
                return try Converter().read(bytes, name: "many.md", format: .episode, diagnostics: &diagnostics)
            }
            #expect(read.timeline.cues.count == EpisodeMemoryTests.lines)
            #expect(growth < 9 * bytes.count / 2, "grew by \(growth >> 20) MB reading \(bytes.count >> 20) MB")
        }
    }

    /// 6.9 times its size (102 MB for 14.8) in the debug build; 16 times
    /// (242 MB) before captions replaced their cues in place and conversion
    /// stopped copying the timeline read.
    @Test(.heavy) func aLargeEpisodeBecomesCaptionsInASmallMultipleOfItsSize() async {
        await #expect(processExitsWith: .success) {
            let bytes = EpisodeMemoryTests.episode(lines: EpisodeMemoryTests.lines)
            let (growth, vtt) = try EpisodeMemoryTests.peakGrowth {
                var diagnostics = Diagnostics()
                return try Converter().convert(bytes, name: "many.md", to: .vtt, diagnostics: &diagnostics)
            }
            #expect(vtt.count > bytes.count / 2)
            #expect(growth < 8 * bytes.count, "grew by \(growth >> 20) MB converting \(bytes.count >> 20) MB")
        }
    }
}
