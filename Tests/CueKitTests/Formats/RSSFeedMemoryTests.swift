import Testing
@testable import CueKit

/// What keeps a large feed's memory down changes nothing that is read:
/// a feed read without what writing it back needs (`ReadOptions.keepsFeed`)
/// gives the same items, and libxml2 reads a streamed document
/// (`XMLInputStream`) as it reads one from memory.
@Suite("RSS feed memory")
struct RSSFeedMemoryTests {
    private func read(_ bytes: [UInt8], keepsFeed: Bool) throws -> (timelines: [Timeline], diagnostics: [Diagnostic]) {
        var options = ReadOptions()
        options.keepsFeed = keepsFeed
        var diagnostics = Diagnostics()
        let timelines = try RSSReader().readAll(SourceText(bytes: bytes, name: "feed.rss"), options: options, diagnostics: &diagnostics)
        return (timelines, diagnostics.items)
    }

    @Test func aFeedReadWithoutItsRecordGivesTheSameItems() throws {
        let bytes = try TestFiles.bytes(TestFiles.sample("rss/podcast-feed.rss"))
        let kept = try read(bytes, keepsFeed: true)
        let lean = try read(bytes, keepsFeed: false)
        #expect(kept.timelines.count == lean.timelines.count)
        #expect(kept.diagnostics == lean.diagnostics)
        for (whole, item) in zip(kept.timelines, lean.timelines) {
            #expect(whole.metadata == item.metadata)
            #expect(whole.chapters == item.chapters)
            #expect(whole.duration == item.duration)
            for key in [RSSMetadata.Extras.item, RSSMetadata.Extras.document] {
                #expect(whole.extras[.rss]?[key] != nil)
                #expect(item.extras[.rss]?[key] == nil)
            }
            #expect(whole.extras[.rss]?[RSSMetadata.Extras.guidIsPermaLink] == item.extras[.rss]?[RSSMetadata.Extras.guidIsPermaLink])
        }
    }

    @Test func onlyDocumentsWithoutLongRunsAreStreamed() {
        func streams(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { XMLInputStream.streams($0) }
            }
        }
        let long = String(repeating: "x", count: XMLInputStream.maximumRun + 1)
        #expect(streams("<rss><channel><title>x</title></channel></rss>"))
        #expect(!streams("<rss><channel><title>\(long)</title></channel></rss>"))
        #expect(!streams("<rss><channel/></rss>\(long)"))
    }

    @Test func aLongTextIsReadWholeFromMemory() throws {
        let text = String(repeating: "é", count: XMLInputStream.maximumRun)
        let tree = try XMLTreeParser.parse(Array("<rss><channel><title>\(text)</title></channel></rss>".utf8), name: nil, format: .rss)
        #expect(tree.root.children.first?.children.first?.text == text)
    }

    @Test func aStreamedFeedOfManyItemsIsReadAndItsErrorsLocated() throws {
        let items = (1...20_000).map { "<item><title>Episode \($0)</title></item>\n" }.joined()
        let (timelines, _) = try read(Array("<rss version=\"2.0\"><channel>\n\(items)</channel></rss>".utf8), keepsFeed: false)
        #expect(timelines.count == 20_000)
        #expect(timelines.last?.metadata[RSSMetadata.title] == .string("Episode 20000"))
        let error = #expect(throws: Diagnostic.self) {
            _ = try read(Array("<rss version=\"2.0\"><channel>\n\(items)<item></channel></rss>".utf8), keepsFeed: false)
        }
        #expect(error?.location?.line == 20_002)
    }
}
