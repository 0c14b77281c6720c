import Foundation
import Testing
@testable import CueKit

/// Every corpus episode shifted and scaled, written as an episode: its
/// `sec` and `time` agree again, and say the moved start.
@Suite("Episode corpus after a shift or scale", .enabled(if: TestFiles.hasCorpus))
struct EpisodeTimeTransformCorpusTests {
    static let files = TestFiles.corpusFiles("episodes", extensions: ["md"])

    @Test(arguments: files)
    func movedTimesAgreeWithSec(file: URL) throws {
        let bytes = try TestFiles.bytes(file)
        let (original, _) = try Convert.read(bytes, name: file.lastPathComponent)
        let scale = try #require(TimeTransform.parseScale("25:23.976"))
        for transform in [TimeTransform(offset: 1000), TimeTransform(offset: 3_600_000), TimeTransform(scale: scale)] {
            var diagnostics = Diagnostics()
            let conversion = try Converter().convert(
                bytes, name: file.lastPathComponent, to: [.episode], transform: transform, diagnostics: &diagnostics)
            let written = try #require(conversion.outputs.first?.bytes)
            let (moved, rereadDiagnostics) = try Convert.read(written, name: "moved.md")
            #expect(!rereadDiagnostics.contains { $0.code == "episode.time-disagrees" }, "\(file.lastPathComponent) \(transform)")
            #expect(moved.cues.count == original.cues.count)
            for (before, after) in zip(original.cues, moved.cues) {
                guard let start = before.start else {
                    #expect(after.start == nil)
                    continue
                }
                let expected = transform.apply(start)
                let read = try #require(after.start)
                // A line timed by `time` alone holds whole seconds.
                #expect(read == expected || read.milliseconds == expected.milliseconds / 1000 * 1000,
                        "\(file.lastPathComponent): \(before.plainText.prefix(30)) \(transform)")
            }
        }
    }
}
