import Testing
@testable import CueKit

/// `ReaderCapabilities` answers by type, without the runtime's conformance
/// lookup; these check its answers against the casts it stands for, for
/// every format of the standard registry (a new conformance to one of the
/// protocols must be added to its list).
@Suite("Reader capabilities")
struct ReaderCapabilitiesTests {
    @Test(arguments: FormatRegistry.standard.formats.map(\.id))
    func answersAsTheCastsDo(_ id: FormatID) throws {
        let format = try #require(FormatRegistry.standard[id])
        #expect((ReaderCapabilities.cueStream(format.reader) != nil) == (format.reader is any CueStreamReader), "streaming reader")
        #expect((ReaderCapabilities.cueStream(format.writer) != nil) == (format.writer is any CueStreamWriter), "streaming writer")
        #expect(ReaderCapabilities.readsInPlace(format.reader) == (format.reader is any InPlaceReader), "in-place reader")
    }

    @Test func theCaptionFormatsStream() {
        #expect(ReaderCapabilities.cueStream(SRTReader()) != nil)
        #expect(ReaderCapabilities.cueStream(VTTReader()) != nil)
        #expect(ReaderCapabilities.cueStream(VTTWriter()) != nil)
        #expect(ReaderCapabilities.cueStream(nil as (any FormatReader)?) == nil)
        #expect(!ReaderCapabilities.readsInPlace(SRTReader()))
    }
}
