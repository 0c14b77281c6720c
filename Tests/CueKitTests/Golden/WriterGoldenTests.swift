import Testing
@testable import CueKit

/// Every writer's output for one episode a person can follow
/// (`Samples/episode/showcase.md`: two chapters, two speakers, untimed lines
/// whose times are inferred), kept as golden files in `Tests/Golden/<id>/`.
@Suite("Golden files")
struct WriterGoldenTests {
    static let showcase = TestFiles.sample("episode/showcase.md")

    @Test(arguments: FormatRegistry.standard.formats.filter { $0.writer != nil }.map(\.id))
    func showcaseEpisode(as format: FormatID) throws {
        let (timeline, _) = try Convert.read(Self.showcase)
        let (output, _) = try Convert.write(timeline, as: format, sourceFormat: .episode)
        let ext = FormatRegistry.standard[format]!.preferredExtension
        Golden.check(output, "\(format)/showcase.\(ext)")
    }
}
