import Testing
@testable import CueKit

/// Shapes libxml2 would spend more than linear time on are refused, located,
/// before it sees them; everything XML allows around them still parses.
@Suite("XML shape guard")
struct XMLShapeGuardTests {
    private func parseError(_ text: String) -> Diagnostic? {
        do {
            _ = try XMLTreeParser.parse(Array(text.utf8), name: "feed.rss", format: .rss)
            return nil
        } catch {
            return error
        }
    }

    private func attributes(_ count: Int) -> String {
        (0..<count).map { " a\($0)=\"x\"" }.joined()
    }

    @Test func fortyThousandAttributesAreRefusedAtTheirElement() {
        let error = parseError("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n  <channel\(attributes(40_000))><title>x</title></channel></rss>")
        #expect(error?.code == "xml.too-complex")
        #expect(error?.location == SourceLocation(file: "feed.rss", line: 3, column: 3))
        #expect(error?.message == "expected at most 1000 attributes on an element, found 1001")
    }

    @Test func aThousandAttributesAreRead() throws {
        let tree = try XMLTreeParser.parse(Array("<rss\(attributes(1_000))/>".utf8), name: nil, format: .rss)
        #expect(tree.root.attributes.count == 1_000)
    }

    @Test func anElementWhoseAttributesSpanLinesIsLocatedAtItsStart() {
        let spread = (0..<1_001).map { "\n   é\($0)=\"line\nbreak\"" }.joined()
        let error = parseError("<rss>\n <channel>\n  <item\(spread)/></channel></rss>")
        #expect(error?.location == SourceLocation(file: "feed.rss", line: 3, column: 3))
    }

    @Test func deepNestingIsRefusedAtTheFirstElementTooDeep() {
        let text = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        let error = parseError(text)
        #expect(error?.code == "xml.too-complex")
        #expect(error?.location?.column == 256 * 3 + 1)
        #expect(error?.message == "expected elements nested at most 256 deep, found deeper")
        // Siblings do not add up.
        #expect(parseError("<r>" + String(repeating: "<a><b/></a>", count: 10_000) + "</r>") == nil)
    }

    @Test func longNamesAreRefused() {
        let name = String(repeating: "n", count: 1_001)
        #expect(parseError("<\(name)/>")?.message == "expected an element name of at most 1000 bytes, found one of 1001")
        let attribute = parseError("<rss>\n<x a=\"1\" \(name)=\"2\"/></rss>")
        #expect(attribute?.message == "expected an attribute name of at most 1000 bytes, found one of 1001")
        #expect(attribute?.location == SourceLocation(file: "feed.rss", line: 2, column: 10))
    }

    @Test func whatLooksLikeTagsInsideOtherMarkupIsNotCounted() throws {
        // Tags inside comments, CDATA, attribute values, processing
        // instructions and the internal subset are not elements.
        let fake = String(repeating: "<a>", count: 300) + "<b" + attributes(2_000) + ">"
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY e "\(fake.replacingOccurrences(of: "\"", with: "'"))"> <!-- \(fake) --> ]>
            <?pi \(fake) ?>
            <rss a="\(fake.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "<", with: "&lt;"))" b='>'>
            <!-- \(fake) -->
            <![CDATA[\(fake) " [ ]]>
            <channel><title>t</title></channel>
            </rss>
            """
        let tree = try XMLTreeParser.parse(Array(text.utf8), name: nil, format: .rss)
        #expect(tree.root.children.contains { $0.localName == "channel" })
    }

    @Test func malformedTagsAreLeftToLibxml2() {
        // The guard stops where it cannot follow; libxml2 gives its own error.
        let error = parseError("<rss a=\"1\" b>\(attributes(5_000))</rss>")
        #expect(error?.code != "xml.too-complex")
        #expect(error != nil)
    }
}
