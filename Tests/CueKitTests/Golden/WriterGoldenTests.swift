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
        let ext = FormatRegistry.standard[format]!.preferredExtension
        if FormatRegistry.standard[format]!.binary != nil {
            // A binary output's golden file is a dump a person can read.
            let (bytes, _) = try Convert.writeBytes(timeline, as: format)
            Golden.check(ID3Dump.text(bytes), "\(format)/showcase.\(ext).txt")
            return
        }
        let (output, _) = try Convert.write(timeline, as: format, sourceFormat: .episode)
        Golden.check(output, "\(format)/showcase.\(ext)")
    }
}
