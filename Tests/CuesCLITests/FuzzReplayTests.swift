import Foundation
import Testing

/// Every sample, including past fuzz findings in Samples/fuzz, goes through
/// every reader and then every writer without crashing.
@Suite("Fuzz replay")
struct FuzzReplayTests {
    @Test func everySampleThroughEveryReaderAndWriter() throws {
        let replay = Cues.executable.deletingLastPathComponent().appendingPathComponent("cues-fuzz")
        let process = Process()
        process.executableURL = replay
        process.arguments = [Cues.packageRoot.appendingPathComponent("Samples").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.hasPrefix("replayed "))
    }
}
