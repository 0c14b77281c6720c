import Foundation
import Testing
@testable import CueKit

/// `Converter.readCues(_:name:format:into:diagnostics:)`: the synchronous
/// reading, cue by cue, into a `CueConsumer`.
@Suite("Cue consumer")
struct CueConsumerTests {
    final class Collector: CueConsumer {
        var headers: [Timeline] = []
        var cues: [Cue] = []
        var stopAfter: Int?

        func begin(_ header: Timeline) throws(Diagnostic) {
            #expect(cues.isEmpty, "begun before the first cue")
            headers.append(header)
        }

        func consume(_ cue: Cue) throws(Diagnostic) {
            if let stopAfter, cues.count == stopAfter { throw .error("test.enough", "enough cues") }
            cues.append(cue)
        }
    }

    @Test(arguments: StreamingConversionTests.samples + ["ass/styled.ass", "ttml/features.ttml"])
    func theConsumerGetsTheCuesOfTheWholeRead(path: String) throws {
        let bytes = try TestFiles.bytes(TestFiles.sample(path))
        var wholeDiagnostics = Diagnostics(), diagnostics = Diagnostics()
        let collector = Collector()
        guard let whole = try? Converter().read(bytes, name: path, diagnostics: &wholeDiagnostics) else {
            #expect(throws: Diagnostic.self) { try Converter().readCues(bytes, name: path, into: collector, diagnostics: &diagnostics) }
            return
        }
        let reading = try Converter().readCues(bytes, name: path, into: collector, diagnostics: &diagnostics)
        #expect(collector.headers.count == 1)
        #expect(collector.cues == whole.timeline.cues, "\(path)")
        #expect(collector.cues.map(\.location) == whole.timeline.cues.map(\.location), "\(path)")
        #expect(reading.format.id == whole.format.id)
        var rebuilt = reading.trailer
        rebuilt.cues = collector.cues
        #expect(rebuilt == whole.timeline, "\(path)")
        #expect(diagnostics.items.map(\.description) == wholeDiagnostics.items.map(\.description), "\(path)")
    }

    @Test func aStreamedCueOwnsItsTextAfterTheInputIsGone() throws {
        let collector = Collector()
        var diagnostics = Diagnostics()
        do {
            // Plain lines that a streaming reader hands over in place.
            let bytes = Array("1\n00:00:01,000 --> 00:00:02,000\nplain line\nsecond line\n".utf8)
            _ = try Converter().readCues(bytes, name: "plain.srt", into: collector, diagnostics: &diagnostics)
        }
        let cue = try #require(collector.cues.first)
        guard case .spans = cue.textStorage else {
            Issue.record("the cue's text still points into the input")
            return
        }
        #expect(cue.text == [.text("plain line"), .lineBreak, .text("second line")])
        #expect(cue.location == SourceLocation(file: "plain.srt", line: 2, column: 1))
    }

    @Test func anInputWithoutCuesIsBegunAllTheSame() throws {
        let collector = Collector()
        var diagnostics = Diagnostics()
        let reading = try Converter().readCues(Array("WEBVTT\n\nNOTE nothing else\n".utf8), name: "empty.vtt", into: collector, diagnostics: &diagnostics)
        #expect(collector.headers.count == 1)
        #expect(collector.cues.isEmpty)
        #expect(reading.format.id == .vtt)
    }

    @Test func aConsumersErrorStopsTheReading() throws {
        let collector = Collector()
        collector.stopAfter = 2
        var diagnostics = Diagnostics()
        let bytes = CueStreamTests.generatedSRT(100)
        #expect(throws: Diagnostic.error("test.enough", "enough cues", format: .srt)) {
            try Converter().readCues(bytes, name: "many.srt", into: collector, diagnostics: &diagnostics)
        }
        #expect(collector.cues.count == 2)
    }
}
