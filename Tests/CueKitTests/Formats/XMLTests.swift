import Foundation
import Testing
@testable import CueKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libxml2 layer: the tree it builds, the errors it locates, the writer's
/// escaping, and the safety rules (no entity expansion, no DTD, no network).
@Suite("XML layer")
struct XMLTests {
    private func parse(_ text: String, name: String = "doc.xml") throws -> XMLTree {
        try XMLTreeParser.parse(Array(text.utf8), name: name, format: .rss)
    }

    private func parseError(_ text: String, name: String = "doc.xml") -> Diagnostic? {
        do {
            _ = try parse(text, name: name)
            return nil
        } catch let error as Diagnostic {
            return error
        } catch {
            return nil
        }
    }

    // MARK: The tree

    @Test func buildsElementsWithNamespacesAttributesTextAndLines() throws {
        let tree = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
              <channel>
                <title>A &amp; B &#233;</title>
                <description><![CDATA[<p>raw</p>]]></description>
                <itunes:image href="x.jpg" itunes:note="n"/>
              </channel>
            </rss>
            """)
        #expect(tree.root.localName == "rss")
        #expect(tree.root.line == 2)
        let channel = try #require(tree.root.children.first)
        #expect(channel.line == 3)
        #expect(channel.children.map(\.qualifiedName) == ["title", "description", "itunes:image"])
        #expect(channel.children[0].text == "A & B é")
        #expect(channel.children[1].text == "<p>raw</p>")
        let image = channel.children[2]
        #expect(image.namespaceURI == "http://www.itunes.com/dtds/podcast-1.0.dtd")
        #expect(image.line == 6)
        #expect(image.attribute("href") == "x.jpg")
        #expect(image.attributes[1] == XMLTree.Attribute(
            localName: "note", prefix: "itunes", namespaceURI: "http://www.itunes.com/dtds/podcast-1.0.dtd", value: "n"))
        #expect(tree.problems.isEmpty)
        #expect(tree.skippedEntities.isEmpty)
    }

    @Test func keepsContentInOrderWithDeclarationsCommentsAndInstructions() throws {
        let tree = try parse("""
            <?xml version="1.0"?>
            <?xml-stylesheet type="text/xsl" href="a.xsl"?>
            <!-- before -->
            <rss xmlns:a="urn:a" version="2.0"><channel>x <![CDATA[<y>]]><!-- c --><?app go?><a:e xmlns="urn:d"><f/></a:e>&#233;</channel></rss>
            <!-- after -->
            """)
        #expect(tree.before == [.instruction(target: "xml-stylesheet", data: "type=\"text/xsl\" href=\"a.xsl\""), .comment(" before ")])
        #expect(tree.after == [.comment(" after ")])
        #expect(tree.root.namespaceDeclarations == [XMLTree.NamespaceDeclaration(prefix: "a", uri: "urn:a")])
        #expect(tree.root.content == [.element(0)])
        let channel = try #require(tree.root.children.first)
        #expect(channel.content == [
            .text("x "), .cdata("<y>"), .comment(" c "), .instruction(target: "app", data: "go"), .element(0), .text("é"),
        ])
        // The joined text the readers use is unchanged.
        #expect(channel.text == "x <y>é")
        let element = try #require(channel.children.first)
        #expect(element.namespaceDeclarations == [XMLTree.NamespaceDeclaration(prefix: nil, uri: "urn:d")])
        #expect(element.children.first?.namespaceURI == "urn:d")
        #expect(element.content == [.element(0)])
    }

    @Test func encodingDeclarationsAreIgnoredBecauseInputIsAlreadyUTF8() throws {
        let tree = try parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Resumée</t>")
        #expect(tree.root.text == "Resumée")
    }

    @Test func undeclaredPrefixIsKeptWithItsPrefixAndReportedWithLineAndColumn() throws {
        let tree = try parse("<rss>\n  <item><itunes:duration>1:00</itunes:duration></item>\n</rss>")
        let element = try #require(tree.root.children.first?.children.first)
        #expect(element.prefix == "itunes")
        #expect(element.localName == "duration")
        #expect(element.namespaceURI == nil)
        #expect(element.hasUnboundPrefix)
        #expect(FeedNamespace.of(element) == .itunes)
        let problem = try #require(tree.problems.first)
        #expect(problem.isUndefinedPrefix)
        #expect(problem.detail == "itunes")
        #expect(problem.line == 2)
        #expect(problem.column > 1)
    }

    @Test func malformedDocumentThrowsTheFirstErrorWithItsLocation() throws {
        let error = try #require(parseError("<rss>\n  <channel>\n    <title>x</item>\n</rss>\n", name: "bad.rss"))
        #expect(error.severity == .error)
        #expect(error.code == "xml.not-well-formed")
        #expect(error.location?.file == "bad.rss")
        #expect(error.location?.line == 3)
        #expect(error.message.contains("title"))
        #expect(error.message.hasPrefix("expected well-formed XML"))
    }

    @Test func emptyInputIsAnErrorAtTheStart() throws {
        for text in ["", "  \n"] {
            let error = try #require(parseError(text))
            #expect(error.code == "xml.empty")
            #expect(error.location?.line == 1)
        }
        // A declaration and nothing else: libxml2's "document is empty", at line 2.
        let declarationOnly = try #require(parseError("<?xml version=\"1.0\"?>\n"))
        #expect(declarationOnly.code == "xml.empty")
        #expect(declarationOnly.location?.line == 2)
    }

    @Test func namespaceVariantsFromTheWildMatch() {
        #expect(FeedNamespace.matching(uri: "http://www.itunes.com/dtds/podcast-1.0.dtd") == .itunes)
        #expect(FeedNamespace.matching(uri: "https://www.itunes.com/dtds/podcast-1.0.dtd") == .itunes)
        #expect(FeedNamespace.matching(uri: "http://www.itunes.com/DTDs/Podcast-1.0.dtd") == .itunes)
        #expect(FeedNamespace.matching(uri: "https://podcastindex.org/namespace/1.0") == .podcast)
        #expect(FeedNamespace.matching(uri: "https://podcastindex.org/namespace/1.0/") == .podcast)
        #expect(FeedNamespace.matching(uri: "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md") == .podcast)
        #expect(FeedNamespace.matching(uri: "http://podlove.org/simple-chapters") == .psc)
        #expect(FeedNamespace.matching(uri: "http://podlove.org/simple-chapters/") == .psc)
        #expect(FeedNamespace.matching(uri: "https://podlove.org/simple-chapters") == .psc)
        #expect(FeedNamespace.matching(uri: "http://purl.org/rss/1.0/modules/content") == .content)
        #expect(FeedNamespace.matching(uri: "http://podlove.org/simple-chapters/v2") == nil)
        #expect(FeedNamespace.matching(uri: "https://example.com/itunes") == nil)
    }

    @Test func sniffsTheRootElementPastDeclarationCommentsAndDoctype() {
        func root(_ text: String) -> String? { XMLSniffer.rootElementName(ArraySlice(text.utf8)) }
        #expect(root("<rss version=\"2.0\">") == "rss")
        #expect(root("<?xml version=\"1.0\"?>\n<!-- c > d -->\n<!DOCTYPE rss [<!ENTITY a \"b\">]>\n<rss>") == "rss")
        #expect(root("  <psc:chapters xmlns:psc=\"x\"/>") == "psc:chapters")
        #expect(root("WEBVTT\n") == nil)
        #expect(root("<!-- unterminated") == nil)
    }

    @Test func parsesFromManyThreadsEachWithItsOwnErrors() async throws {
        // Each document has its own error line; a shared error handler would mix them up.
        let results = await withTaskGroup(of: (Int, Int?).self) { group in
            for index in 0..<64 {
                group.addTask {
                    let text = "<a>" + String(repeating: "\n", count: index) + "<b></c></a>"
                    do {
                        _ = try XMLTreeParser.parse(Array(text.utf8), name: "t\(index)", format: nil)
                        return (index, nil)
                    } catch let error as Diagnostic {
                        return (index, error.location?.line)
                    } catch {
                        return (index, nil)
                    }
                }
            }
            var collected: [(Int, Int?)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 64)
        for (index, line) in results {
            #expect(line == index + 1, "document \(index)")
        }
    }

    // MARK: The writer

    @Test func writerEscapesTextAndAttributesAndParsesBackExactly() throws {
        var writer = XMLWriter(options: WriteOptions())
        let text = "a & b < c > d ]]> e\r\nf\tg \"q\" 'a'"
        let attribute = "x\"y & <z>\n\tw\r"
        writer.start("root", [("value", attribute)])
        writer.element("text", text: text)
        writer.element("empty")
        writer.end()
        let bytes = writer.finish()
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(written == """
            <?xml version="1.0" encoding="UTF-8"?>
            <root value="x&quot;y &amp; &lt;z&gt;&#10;&#9;w&#13;">
              <text>a &amp; b &lt; c &gt; d ]]&gt; e&#13;
            f\tg "q" 'a'</text>
              <empty/>
            </root>

            """)
        let tree = try XMLTreeParser.parse(bytes, name: nil, format: nil)
        #expect(tree.root.attribute("value") == attribute)
        #expect(tree.root.children[0].text == text)
        #expect(tree.problems.isEmpty)
    }

    @Test func writerWritesPassedThroughContentAsItWasLaidOut() throws {
        var writer = XMLWriter(options: WriteOptions())
        writer.comment(" before ")
        writer.start("a", [("x", "1")], inline: true)
        writer.text("\n\t")
        writer.start("b", inline: true)
        writer.cdata("<c>]]>d")
        writer.end()
        writer.text("\n\t")
        writer.comment(" note -- with dashes-")
        writer.processingInstruction("app", "go ?> on")
        writer.text("\n\t")
        // A laid-out element after the source's own indentation adds none.
        writer.start("made")
        writer.element("child")
        writer.end()
        writer.element("next")
        writer.text("\n")
        writer.end()
        writer.comment(" after ")
        let bytes = writer.finish()
        #expect(String(decoding: bytes, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- before -->
            <a x="1">
            \t<b><![CDATA[<c>]]]]><![CDATA[>d]]></b>
            \t<!-- note - - with dashes- --><?app go ? > on?>
            \t<made>
                <child/>
              </made>
              <next/>
            </a>
            <!-- after -->

            """)
        let tree = try XMLTreeParser.parse(bytes, name: nil, format: nil)
        #expect(tree.root.children[0].text == "<c>]]>d")
        #expect(tree.problems.isEmpty)
    }

    @Test func keptElementsDeclareWhatTheOutputDoesNotBind() throws {
        let tree = try parse("<a xmlns=\"urn:default\" xmlns:x=\"urn:x\"><x:b x:c=\"1\"/><d/></a>")
        let kept = XMLElementFields.value(of: tree.root)
        guard case .map(let root) = kept, case .list(let content)? = root["content"] else {
            Issue.record("expected an element")
            return
        }
        func written(_ nodes: [FieldValue]) -> (String, Int) {
            var writer = XMLWriter(options: WriteOptions())
            var scope = XMLNamespaceScope()
            var dropped = 0
            writer.start("out", inline: true)
            for node in nodes { dropped += XMLElementFields.write(node, to: &writer, scope: &scope, inline: true) }
            writer.end()
            return (String(decoding: writer.finish(), as: UTF8.self), dropped)
        }
        // Moved out of their document, the children declare their namespaces.
        #expect(written(content).0 == """
            <?xml version="1.0" encoding="UTF-8"?>
            <out><x:b xmlns:x="urn:x" x:c="1"/><d xmlns="urn:default"/></out>

            """)
        // A feed prefix used undeclared is its namespace; another cannot be written.
        let undeclared: [FieldValue] = [
            .map([Field("name", .string("itunes:duration")), Field("content", .list([.string("60")]))]),
            .map([Field("name", .string("googleplay:author")), Field("content", .list([.map([Field("name", .string("inner"))])]))]),
        ]
        let (text, dropped) = written(undeclared)
        #expect(text.contains("<out><itunes:duration xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">60</itunes:duration></out>"))
        #expect(dropped == 2)
        #expect(try XMLTreeParser.parse(Array(text.utf8), name: nil, format: nil).problems.isEmpty)
    }

    @Test func writerIndentsWithTheUnitItIsGiven() {
        var writer = XMLWriter(options: WriteOptions())
        writer.indentUnit = "\t"
        writer.start("a")
        writer.element("b")
        writer.end()
        #expect(String(decoding: writer.finish(), as: UTF8.self) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n\t<b/>\n</a>\n")
    }

    @Test func writerLeavesOutCharactersXMLCannotHoldAndCountsThem() throws {
        var writer = XMLWriter(options: WriteOptions())
        writer.element("t", [("a", "1\u{1}2")], text: "x\u{0}y\u{1B}z\u{FFFE}!\u{FFFF}é")
        #expect(writer.removedCharacters == 5)
        let tree = try XMLTreeParser.parse(writer.finish(), name: nil, format: nil)
        #expect(tree.root.text == "xyz!é")
        #expect(tree.root.attribute("a") == "12")
    }

    @Test func writerHonoursCRLFAndByteOrderMark() {
        var writer = XMLWriter(options: WriteOptions(crlf: true, byteOrderMark: true))
        writer.element("t")
        let bytes = writer.finish()
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<t/>\r\n")
    }

    // MARK: Safety

    @Test func parseOptionsAreTheSafeOnes() {
        // Values from libxml2's parser.h.
        let nonet: Int32 = 1 << 11, noerror: Int32 = 1 << 5, nowarning: Int32 = 1 << 6
        let recover: Int32 = 1 << 0, noent: Int32 = 1 << 1, dtdload: Int32 = 1 << 2, dtdattr: Int32 = 1 << 3
        let dtdvalid: Int32 = 1 << 4, xinclude: Int32 = 1 << 10, huge: Int32 = 1 << 19
        let options = XMLTreeParser.options
        #expect(options & nonet != 0)
        #expect(options & noerror != 0)
        #expect(options & nowarning != 0)
        for forbidden in [recover, noent, dtdload, dtdattr, dtdvalid, xinclude, huge] {
            #expect(options & forbidden == 0)
        }
    }

    /// A file with content that must never show up anywhere.
    private func secretFile() throws -> (url: URL, secret: String) {
        let secret = "CUES-SECRET-\(UUID().uuidString)"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cues-xxe-\(UUID().uuidString).txt")
        try secret.write(to: url, atomically: true, encoding: .utf8)
        return (url, secret)
    }

    @Test func externalEntityToALocalFileNeverBringsItsContent() throws {
        let (url, secret) = try secretFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY secret SYSTEM "\(url.absoluteString)">
              <!ENTITY % remote SYSTEM "\(url.absoluteString)">
              %remote;
            ]>
            <rss version="2.0"><channel><title>t</title>
            <item><title>Leak: &secret;</title><description>&secret;</description></item>
            </channel></rss>
            """
        let tree = try parse(document)
        #expect(tree.skippedEntities.map(\.name) == ["secret", "secret"])
        #expect(tree.skippedEntities.first?.line == 8)
        #expect(!String(describing: tree).contains(secret))

        // Through the whole pipeline, to every output: the content never appears.
        var diagnostics = Diagnostics()
        let converter = Converter()
        let conversion = try converter.convert(
            Array(document.utf8), name: "xxe.rss", to: [.rss, .timeline, .psc, .vtt, .srt, .episode], diagnostics: &diagnostics)
        #expect(conversion.failures.isEmpty)
        for output in conversion.outputs {
            #expect(!String(decoding: output.bytes, as: UTF8.self).contains(secret), "\(output.format)")
        }
        #expect(!diagnostics.items.contains { $0.description.contains(secret) })
        #expect(conversion.input.timeline.metadata["title"]?.text == "Leak:")
        let warning = diagnostics.items.first { $0.code == "xml.entity-not-expanded" }
        #expect(warning?.location?.line == 8)
        #expect(diagnostics.items.contains { $0.code == "xml.entities-ignored" && $0.location?.line == 2 })
    }

    @Test func externalEntityInAnAttributeIsAnErrorWithoutItsContent() throws {
        let (url, secret) = try secretFile()
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(parseError("""
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "\(url.absoluteString)">]>
            <rss><t a="&secret;"/></rss>
            """))
        #expect(error.location?.line == 2)
        #expect(error.message.contains("external entity"))
        #expect(!error.description.contains(secret))
    }

    /// The peak resident size of this process, in bytes.
    private func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #endif
    }

    /// Run in a process of its own, where the peak resident size is this
    /// test's alone: in the test process, a heavy test beside it could raise it.
    @Test func billionLaughsEndsInAnErrorWithinASecondWithBoundedMemory() async {
        await #expect(processExitsWith: .success) {
            try XMLTests().parseBillionLaughs()
        }
    }

    private func parseBillionLaughs() throws {
        let sample = try String(contentsOf: TestFiles.sample("invalid/rss-billion-laughs.rss"), encoding: .utf8)
        let attribute = sample.replacingOccurrences(of: "<title>&lol9;</title>", with: "<title a=\"&lol9;\"/>")
        #expect(attribute != sample)
        for document in [sample, attribute] {
            let before = peakResidentBytes()
            let started = ContinuousClock.now
            let error = parseError(document, name: "lol.rss")
            let elapsed = ContinuousClock.now - started
            #expect(error?.code == "xml.entity-expansion")
            #expect(error?.severity == .error)
            #expect(elapsed < .seconds(1))
            // Expanded, the document is 3 GB of "lol".
            #expect(peakResidentBytes() - before < 256 << 20)
        }
    }

    @Test func quadraticBlowupIsNotExpanded() throws {
        let big = String(repeating: "x", count: 100_000)
        let references = String(repeating: "&big;", count: 20_000)
        let document = "<!DOCTYPE r [<!ENTITY big \"\(big)\">]><r><t>\(references)</t></r>"
        let started = ContinuousClock.now
        let tree = try parse(document)
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(tree.root.children[0].text.isEmpty)
        #expect(tree.skippedEntities.count == 20_000)
    }

    /// A TCP listener on the loopback address that records whether anyone
    /// connected.
    private final class LoopbackListener {
        let descriptor: Int32
        let port: UInt16

        init() throws {
            #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { throw POSIXError(.EIO) }
            self.descriptor = descriptor
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EIO) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            self.port = UInt16(bigEndian: address.sin_port)
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }

        /// Connects to the listener, as a control that it notices connections.
        func connectOnce() -> Int32 {
            #if canImport(Glibc)
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let client = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            return client
        }

        /// Whether a connection is waiting.
        func wasContacted() -> Bool {
            let client = accept(descriptor, nil, nil)
            if client >= 0 {
                close(client)
                return true
            }
            return false
        }

        deinit { close(descriptor) }
    }

    @Test func parsingNeverOpensANetworkConnection() throws {
        let listener = try LoopbackListener()
        let base = "http://127.0.0.1:\(listener.port)"
        let documents = [
            "<!DOCTYPE rss SYSTEM \"\(base)/rss.dtd\"><rss><t>&nbsp;</t></rss>",
            "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"\(base)/rss-0.91.dtd\"><rss/>",
            "<!DOCTYPE rss [<!ENTITY e SYSTEM \"\(base)/entity.xml\">]><rss><t>&e;</t></rss>",
            "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"\(base)/p.dtd\"> %p;]><rss/>",
            "<rss xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"\(base)/x.xml\"/></rss>",
        ]
        for document in documents {
            let started = ContinuousClock.now
            var diagnostics = Diagnostics()
            _ = try? Converter().convert(Array(document.utf8), name: "net.rss", to: [.rss], diagnostics: &diagnostics)
            #expect(ContinuousClock.now - started < .seconds(1))
        }
        // Give a connection attempt, had there been one, time to arrive.
        usleep(100_000)
        #expect(!listener.wasContacted())
        // Control: a real connection is noticed.
        let client = listener.connectOnce()
        defer { close(client) }
        usleep(50_000)
        #expect(listener.wasContacted())
    }

    @Test func hostileSamplesGiveTheirListedDiagnostics() throws {
        func diagnostics(_ name: String) -> (error: Diagnostic?, items: [Diagnostic]) {
            var diagnostics = Diagnostics()
            do {
                _ = try Converter().read(
                    try TestFiles.bytes(TestFiles.sample("invalid/\(name)")), name: name, diagnostics: &diagnostics)
                return (nil, diagnostics.items)
            } catch let error as Diagnostic {
                return (error, diagnostics.items)
            } catch {
                return (nil, [])
            }
        }
        let xxe = diagnostics("rss-xxe-local-file.rss")
        #expect(xxe.error == nil)
        #expect(xxe.items.map(\.code) == ["xml.entities-ignored", "xml.entity-not-expanded"])
        #expect(xxe.items.map { $0.location?.line } == [2, 9])

        let attribute = diagnostics("rss-xxe-in-attribute.rss")
        #expect(attribute.error?.code == "xml.not-well-formed")
        #expect(attribute.error?.location?.line == 10)

        let laughs = diagnostics("rss-billion-laughs.rss")
        #expect(laughs.error?.code == "xml.entity-expansion")

        let dtd = diagnostics("rss-external-dtd.rss")
        #expect(dtd.error == nil)
        #expect(dtd.items.map(\.code) == ["xml.undeclared-entity", "xml.external-dtd-ignored", "xml.entity-not-expanded"])
        #expect(dtd.items.map { $0.location?.line } == [7, 2, 7])

        let network = diagnostics("rss-network-entities.rss")
        #expect(network.error == nil)
        #expect(network.items.map(\.code) == ["xml.entities-ignored", "xml.entity-not-expanded"])

        let broken = diagnostics("rss-not-well-formed.rss")
        #expect(broken.error?.code == "xml.not-well-formed")
        #expect(broken.error?.location == SourceLocation(file: "rss-not-well-formed.rss", line: 6, column: 29))
    }
}
