import Foundation
import Testing
@testable import CueKit

/// Every corpus feed read and written back as RSS is its input again, as
/// canonical XML (`xmllint --noblanks FILE | xmllint --c14n -`), and passes
/// `xmllint --noout`; with a base URL, only its `podcast:chapters` links
/// differ. Formats/rss.md ("Passing a feed through") lists the same
/// exceptions and allowances.
@Suite("Feeds pass through whole (corpus)")
struct FeedPassThroughCorpusTests {
    /// Corpus files that cannot come back equal, and why.
    static let exceptions: [String: String] = [
        "badpod/empty_file.xml": "not well-formed: an empty file",
        "badpod/empty_xml.xml": "not well-formed: an XML declaration and no element",
        "badpod/root_not_rss.xml": "not a feed: its root is <feed> in no namespace (rss.root)",
        "podcast-namespace/podcast-example.xml": "not a feed: a <test-wrapper> around example fragments (rss.root)",
        "badpod/empty_rss.xml": noChannel,
        "gpodder-podcastparser/redirect_new_location.rss": noChannel,
        "gpodder-podcastparser/atom_content_encoded.rss": atom,
        "gpodder-podcastparser/atom_published_updated.rss": atom,
        "gpodder-podcastparser/atom_relative_cover.rss": atom,
        "gpodder-podcastparser/atom_updated.rss": atom,
        "gpodder-podcastparser/media_episode_thumbnail_atom.rss": atom,
        "gpodder-podcastparser/media_episode_thumbnail_atom_group.rss": atom,
        "gpodder-podcastparser/yt-video-link.rss": atom,
    ]
    static let noChannel = "an <rss> without a <channel>: no item, so no timeline carries the document to the writer"
    static let atom = "an Atom feed: written as RSS it is converted (entries become items), not passed through"

    /// The item the test adds to a feed without items: the reader gives one
    /// timeline per item, so a feed without any has nothing that carries its
    /// channel to the writer (its round trip is cues' minimal feed).
    static let addedItem = "<item><title>Added by the test</title></item>"

    /// The URIs cues declares on `<rss>` for feed prefixes a feed uses
    /// without declaring them.
    static let declaredURIs = [
        "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "podcast": "https://podcastindex.org/namespace/1.0",
    ]

    static var feeds: [(name: String, url: URL)] {
        ["rss/gpodder-podcastparser", "rss/podcast-namespace", "rss/badpod"].flatMap { folder in
            TestFiles.corpusFiles(folder, extensions: ["rss", "xml"]).map { url in
                ("\(folder.dropFirst(4))/\(url.lastPathComponent)", url)
            }
        }
    }

    /// What the test compares a written feed with: the input, with the item
    /// it adds to a feed without items, and with the declarations cues adds
    /// for undeclared feed prefixes (`xmlns:itunes` on `<rss>`).
    struct Expected {
        var bytes: [UInt8]
        var addedItem = false
        var declared: [String] = []
    }

    static func expected(_ input: [UInt8], itemCount: Int) throws -> Expected {
        var text = String(decoding: input, as: UTF8.self)
        var expected = Expected(bytes: input)
        if itemCount == 0, let close = text.range(of: "</channel>", options: .backwards) {
            text.insert(contentsOf: addedItem, at: close.lowerBound)
            expected.addedItem = true
        }
        let undeclared = try FeedXMLLint.undeclaredPrefixes(input)
        #expect(undeclared.isSubset(of: Set(declaredURIs.keys)), "\(undeclared)")
        expected.declared = undeclared.sorted()
        if !undeclared.isEmpty, let root = text.range(of: "<rss") {
            let declarations = expected.declared.map { " xmlns:\($0)=\"\(declaredURIs[$0]!)\"" }.joined()
            text.insert(contentsOf: declarations, at: root.upperBound)
        }
        expected.bytes = Array(text.utf8)
        return expected
    }

    /// Reads `bytes` as RSS and writes every item back as RSS, as the library does.
    static func roundTrip(_ bytes: [UInt8], name: String, baseURL: String? = nil) throws -> (timelines: [Timeline], written: [UInt8]) {
        var diagnostics = Diagnostics()
        let input = try Converter().read(bytes, name: name, format: .rss, diagnostics: &diagnostics)
        let writer = Converter(writeOptions: WriteOptions(baseURL: baseURL))
        let written = try writer.writeAll(input.timelines, as: .rss, diagnostics: &diagnostics)
        return (input.timelines, written)
    }

    @Test(.enabled(if: TestFiles.hasCorpus && FeedXMLLint.isAvailable))
    func everyCorpusFeedComesBackAsCanonicalXML() throws {
        let feeds = Self.feeds
        #expect(feeds.count == 80)
        var equal: [String] = [], withAddedItem: [String] = [], withDeclarations: [String] = [], excepted: [String] = []
        for (name, url) in feeds {
            var input = try TestFiles.bytes(url)
            if let reason = Self.exceptions[name] {
                excepted.append("\(name): \(reason)")
                // What cues writes of those it reads (Atom converted, a feed without a channel) passes xmllint too.
                if let written = try? Self.roundTrip(input, name: name).written {
                    #expect(try FeedXMLLint.problems(written) == nil, "\(name)")
                }
                continue
            }
            let (read, bare) = try Self.roundTrip(input, name: name)
            let items = read.count
            #expect(try FeedXMLLint.problems(bare) == nil, "\(name)")
            let expected = try Self.expected(input, itemCount: items)
            input = expected.addedItem ? expected.bytes : input
            let (timelines, written) = try Self.roundTrip(input, name: name)
            #expect(!timelines.isEmpty, "\(name)")
            #expect(try FeedXMLLint.problems(written) == nil, "\(name)")
            let same = try FeedXMLLint.canonical(written) == FeedXMLLint.canonical(expected.bytes)
            #expect(same, "\(name) as canonical XML:\n\(String(decoding: written, as: UTF8.self))")
            guard same else { continue }
            equal.append(name)
            if expected.addedItem { withAddedItem.append(name) }
            if !expected.declared.isEmpty { withDeclarations.append(name) }
        }
        #expect(equal.count == 67)
        #expect(withAddedItem.count == 21)
        #expect(withDeclarations.count == 25)
        #expect(excepted.count == 13)
        print("""
            feeds passed through: \(equal.count) of \(feeds.count) equal as canonical XML (\(withAddedItem.count) with an item \
            added, \(withDeclarations.count) with the undeclared prefixes declared on <rss>); \(excepted.count) not:
            \(excepted.sorted().joined(separator: "\n"))
            """)
    }

    /// With a base URL, an item with chapters links its sibling chapters
    /// file in `podcast:chapters` (replacing its own link, or added at the
    /// end of the item); nothing else changes. The comparison removes every
    /// `podcast:chapters` element from both canonical forms, and counts the
    /// links written.
    @Test(.enabled(if: TestFiles.hasCorpus && FeedXMLLint.isAvailable))
    func withABaseURLOnlyTheChaptersLinksChange() throws {
        let base = "https://cdn.example.com/show"
        var linked = 0
        for (name, url) in Self.feeds where Self.exceptions[name] == nil {
            var input = try TestFiles.bytes(url)
            let items = try Self.roundTrip(input, name: name).timelines.count
            let expected = try Self.expected(input, itemCount: items)
            input = expected.addedItem ? expected.bytes : input
            let (timelines, written) = try Self.roundTrip(input, name: name, baseURL: base)
            #expect(try FeedXMLLint.problems(written) == nil, "\(name)")
            let ours = try FeedXMLLint.canonical(written), theirs = try FeedXMLLint.canonical(expected.bytes)
            #expect(FeedXMLLint.removing("podcast:chapters", from: ours) == FeedXMLLint.removing("podcast:chapters", from: theirs), "\(name)")

            let stems = RSSSiblingFiles.stems(for: timelines)
            var expectedLinks = 0
            for (timeline, stem) in zip(timelines, stems) {
                if timeline.chapters.isEmpty {
                    if timeline.metadata["podcastChapters"] != nil { expectedLinks += 1 }
                    continue
                }
                expectedLinks += 1
                linked += 1
                #expect(ours.contains("url=\"\(base)/\(stem).chapters.json\""), "\(name) \(stem)")
            }
            #expect(ours.components(separatedBy: "<podcast:chapters ").count - 1 == expectedLinks, "\(name)")
        }
        // chapters.rss: one item with inline chapters.
        #expect(linked == 1)
    }
}
