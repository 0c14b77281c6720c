import Foundation
import Testing
@testable import CueKit

/// A million cues through `Converter.cues(of:)` in memory that does not
/// grow with the number of cues read.
@Suite("Cue stream memory")
struct CueStreamMemoryTests {
    /// The process's resident memory in bytes, from /proc/self/statm (Linux).
    static var residentBytes: Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static let megabyte = 1 << 20

    /// The stream is read in a process of its own: measured in the test
    /// process, the other heavy tests running beside it (a million-item feed,
    /// the HTML validator) moved its resident size by 100 MB on a CI run.
    @Test(.heavy, .enabled(if: residentBytes != nil, "needs /proc/self/statm"))
    func aMillionCuesStreamInBoundedMemory() async throws {
        await #expect(processExitsWith: .success) {
            try await CueStreamMemoryTests.streamAMillionCues()
        }
    }

    static func streamAMillionCues() async throws {
        let bytes = CueStreamTests.generatedSRT(1_000_000)
        let stream = try await Converter().cues(of: bytes, name: "million.srt")
        var count = 0
        var afterFirstCues = 0, highest = 0
        for try await cue in stream {
            count += 1
            if count % 100_000 == 0 {
                let resident = Self.residentBytes ?? 0
                if count == 100_000 { afterFirstCues = resident }
                highest = max(highest, resident)
                #expect(cue.plainText.contains("\(count - 1)"))
            }
        }
        #expect(count == 1_000_000)
        #expect(stream.trailer != nil)
        // At most `pendingLimit` batches were read ahead of this loop.
        #expect(stream.queue.mostPendingBatches <= CueQueue.pendingLimit)
        // Memory does not grow with the cues: it grew by 1 MB here, where
        // keeping the 900,000 cues read after the first sample in an array
        // made it grow by 321 MB.
        let growth = highest - afterFirstCues
        #expect(growth < 64 * Self.megabyte, "grew by \(growth / Self.megabyte) MB over 900,000 cues")
    }
}
