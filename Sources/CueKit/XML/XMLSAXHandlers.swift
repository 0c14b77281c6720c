@preconcurrency internal import CLibXML2

/// The libxml2 SAX2 callbacks that hand a document's content to an
/// `XMLStreamBuilder` as the parser reads it, in place of the ones that
/// build libxml2's own tree: no element, text or attribute node of the
/// document is ever allocated.
///
/// libxml2's own handlers stay for everything else: the document node, the
/// DTD's declarations (so entities are known, counted and never loaded) and
/// the content of internal entities, which libxml2 parses once in a context
/// of its own to check it (events from any context but the document's go to
/// libxml2's handlers, into a list libxml2 frees; the builder hears only the
/// reference). The builder is reached through the context's `_private`.
enum XMLSAXHandlers {
    /// Sets the content callbacks of `sax`.
    static func install(on sax: UnsafeMutablePointer<xmlSAXHandler>) {
        sax.pointee.startElementNs = startElement
        sax.pointee.endElementNs = endElement
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = cdata
        sax.pointee.comment = comment
        sax.pointee.processingInstruction = instruction
        sax.pointee.reference = reference
    }

    /// The builder, when `context` is the document's own parser context.
    private static func builder(_ context: UnsafeMutableRawPointer?) -> (XMLStreamBuilder, xmlParserCtxtPtr)? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let box = parser.pointee._private else { return nil }
        let builder = Unmanaged<XMLStreamBuilder>.fromOpaque(box).takeUnretainedValue()
        guard builder.context == UnsafeMutableRawPointer(parser) else { return nil }
        return (builder, parser)
    }

    /// The line the parser is on.
    private static func line(_ parser: xmlParserCtxtPtr) -> Int {
        parser.pointee.input.map { Int($0.pointee.line) } ?? 1
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static let startElement: startElementNsSAX2Func = {
        context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes in
        guard let (builder, parser) = builder(context) else {
            xmlSAX2StartElementNs(
                context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
            return
        }
        let line = max(1, line(parser))
        var element = XMLTree.Element(
            localName: localName.map(builder.name) ?? "", prefix: prefix.map(builder.name),
            namespaceURI: uri.map(builder.name), attributes: [], children: [], text: "", line: line)
        if let namespaces, namespaceCount > 0 {
            element.namespaceDeclarations.reserveCapacity(Int(namespaceCount))
            for index in 0..<Int(namespaceCount) {
                element.namespaceDeclarations.append(XMLTree.NamespaceDeclaration(
                    prefix: namespaces[2 * index].map(builder.name),
                    uri: namespaces[2 * index + 1].map(builder.name) ?? ""))
            }
        }
        // Attributes the DTD defaults come last; like libxml2's tree, the
        // element does not get them (no XML_PARSE_DTDATTR).
        let count = Int(attributeCount) - Int(defaultedCount)
        if let attributes, count > 0 {
            element.attributes.reserveCapacity(count)
            for index in 0..<count {
                let fields = attributes + 5 * index
                var value = ""
                if let start = fields[3], let end = fields[4] {
                    value = attributeValue(UnsafeBufferPointer(start: start, count: end - start), parser, builder, line: line)
                }
                element.attributes.append(XMLTree.Attribute(
                    localName: fields[0].map(builder.name) ?? "", prefix: fields[1].map(builder.name),
                    namespaceURI: fields[2].map(builder.name), value: value))
            }
        }
        builder.startElement(element)
    }

    /// An attribute's value as the parser hands it over. Without entity
    /// substitution, a `&` in it starts a reference the parser kept (`&#38;`
    /// for a literal ampersand, `&name;` for a declared entity); libxml2
    /// reads those as its tree did, and entity references are left out.
    private static func attributeValue(
        _ bytes: UnsafeBufferPointer<xmlChar>, _ parser: xmlParserCtxtPtr, _ builder: XMLStreamBuilder, line: Int
    ) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        guard let nodes = xmlStringLenGetNodeList(parser.pointee.myDoc, bytes.baseAddress, Int32(bytes.count)) else { return "" }
        defer { xmlFreeNodeList(nodes) }
        var value = ""
        var node: xmlNodePtr? = nodes
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE:
                if let content = current.pointee.content { value += String(cString: content) }
            case XML_ENTITY_REF_NODE:
                builder.skippedAttributeReference(string(current.pointee.name) ?? "", line: line)
            default:
                break
            }
            node = current.pointee.next
        }
        return value
    }

    private static let endElement: endElementNsSAX2Func = { context, localName, prefix, uri in
        guard let (builder, _) = builder(context) else {
            xmlSAX2EndElementNs(context, localName, prefix, uri)
            return
        }
        builder.endElement()
    }

    private static let characters: charactersSAXFunc = { context, bytes, length in
        guard let (builder, parser) = builder(context) else {
            xmlSAX2Characters(context, bytes, length)
            return
        }
        guard let bytes, length > 0 else { return }
        builder.characters(UnsafeBufferPointer(start: bytes, count: Int(length)), line: line(parser))
    }

    private static let cdata: cdataBlockSAXFunc = { context, bytes, length in
        guard let (builder, _) = builder(context) else {
            xmlSAX2CDataBlock(context, bytes, length)
            return
        }
        builder.cdata(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : Int(length)))
    }

    private static let comment: commentSAXFunc = { context, value in
        guard let (builder, parser) = builder(context), parser.pointee.inSubset == 0 else {
            xmlSAX2Comment(context, value)
            return
        }
        builder.other(.comment(string(value) ?? ""), line: line(parser))
    }

    private static let instruction: processingInstructionSAXFunc = { context, target, data in
        guard let (builder, parser) = builder(context), parser.pointee.inSubset == 0 else {
            xmlSAX2ProcessingInstruction(context, target, data)
            return
        }
        builder.other(.instruction(target: string(target) ?? "", data: string(data) ?? ""), line: line(parser))
    }

    private static let reference: referenceSAXFunc = { context, name in
        guard let (builder, _) = builder(context) else {
            xmlSAX2Reference(context, name)
            return
        }
        builder.skippedReference(string(name) ?? "")
    }
}
