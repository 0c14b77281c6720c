@preconcurrency internal import CLibXML2

/// Parses XML from memory with libxml2 and hands back an `XMLTree`: the only
/// code in cues that calls the libxml2 parser.
///
/// Safety rules, all enforced here:
/// - Options are `XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING`
///   (plus `IGNORE_ENC`, because the input is always UTF-8 by then, and
///   `BIG_LINES` for line numbers past 65535). Never `NOENT`, `DTDLOAD`,
///   `DTDVALID`, `XINCLUDE`, `HUGE` or `RECOVER`: no entity is substituted, no
///   DTD or external entity is loaded, libxml2's size and depth limits hold.
/// - The parser context's SAX handler loses its external-subset callback, so
///   no DTD is fetched even if an option were added by mistake. The encoding
///   passed is UTF-8, whatever the document declares.
/// - Entity references stay out of the tree: `SkippedEntity` records them.
/// - Every libxml2 error goes, with line and column, to a collector owned by
///   this call, through the context's own structured error handler (no
///   global handler, nothing shared between threads).
/// - Everything libxml2 allocates is freed before returning.
/// - Shapes libxml2 spends more than linear time on (thousands of attributes
///   on one element) are refused before it sees them (`XMLShapeGuard`).
enum XMLTreeParser {
    /// The libxml2 options every parse uses.
    static let options: Int32 = {
        let flags: [xmlParserOption] = [
            XML_PARSE_NONET, XML_PARSE_NOERROR, XML_PARSE_NOWARNING, XML_PARSE_IGNORE_ENC, XML_PARSE_BIG_LINES,
        ]
        return Int32(flags.reduce(0) { $0 | $1.rawValue })
    }()

    /// libxml2 asks to be initialised once per process before use from
    /// several threads; a Swift global is initialised exactly once.
    private static let libraryReady: Void = { xmlInitParser() }()

    /// Problems kept per parse; later ones are only counted.
    static let maximumProblems = 1000

    /// Parses `bytes` (UTF-8) as one XML document. Throws the first fatal
    /// libxml2 error, located in `name`, when the document is not well-formed.
    static func parse(_ bytes: [UInt8], name: String?, format: FormatID?) throws(Diagnostic) -> XMLTree {
        let start = SourceLocation(file: name, line: 1, column: 1)
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw .error("xml.empty", "expected an XML document, found an empty file", at: start, format: format)
        }
        guard bytes.count < Int(Int32.max) else {
            throw .error("xml.too-large", "expected an XML document under 2 GiB, found \(bytes.count) bytes", at: start, format: format)
        }
        try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            try XMLShapeGuard.check(buffer, name: name, format: format)
        }
        _ = libraryReady
        let collector = ProblemCollector()
        let outcome: Result<XMLTree, Diagnostic> = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                parse(characters, collector: collector, name: name, format: format)
            }
        }
        return try outcome.get()
    }

    private static func parse(
        _ characters: UnsafeBufferPointer<CChar>, collector: ProblemCollector, name: String?, format: FormatID?
    ) -> Result<XMLTree, Diagnostic> {
        guard let context = xmlNewParserCtxt() else {
            return .failure(.error("xml.parser", "libxml2 could not create a parser (out of memory?)", at: SourceLocation(file: name, line: 1, column: 1), format: format))
        }
        defer { xmlFreeParserCtxt(context) }
        if let sax = context.pointee.sax {
            // The parameter types come from the typedef, which differs
            // between libxml2 versions (`xmlError *` before 2.12, const after).
            let handler: xmlStructuredErrorFunc = { userData, error in
                guard let userData, let error else { return }
                let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
                guard let box = context.pointee._private else { return }
                Unmanaged<ProblemCollector>.fromOpaque(box).takeUnretainedValue().add(error.pointee)
            }
            sax.pointee.serror = handler
            sax.pointee.externalSubset = nil
        }
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        // Returns nil (and frees its tree) unless the document is well-formed.
        let document = withExtendedLifetime(collector) {
            xmlCtxtReadMemory(context, characters.baseAddress, Int32(characters.count), nil, "UTF-8", options)
        }
        context.pointee._private = nil
        defer { if let document { xmlFreeDoc(document) } }

        let problems = collector.problems
        if document == nil || context.pointee.wellFormed == 0 {
            let fatal = problems.first { $0.level == .fatal } ?? problems.first { $0.level == .error }
            if let fatal { return .failure(fatal.diagnostic(name: name, format: format)) }
            return .failure(.error("xml.not-well-formed", "expected well-formed XML; libxml2 rejected the document without saying why", at: SourceLocation(file: name, line: 1, column: 1), format: format))
        }
        guard let document, let rootNode = xmlDocGetRootElement(document) else {
            return .failure(.error("xml.empty", "expected a root element, found none", at: SourceLocation(file: name, line: 1, column: 1), format: format))
        }
        var builder = TreeBuilder()
        let root = builder.element(rootNode)
        var (before, after) = ([XMLTree.Piece](), [XMLTree.Piece]())
        var node = document.pointee.children
        var seenRoot = false
        while let current = node {
            if current == rootNode {
                seenRoot = true
            } else if let piece = TreeBuilder.piece(current) {
                if seenRoot { after.append(piece) } else { before.append(piece) }
            }
            node = current.pointee.next
        }
        var externalDTD: String?
        var declaredEntities = 0
        if let dtd = document.pointee.intSubset {
            externalDTD = dtd.pointee.SystemID.map { String(cString: $0) }
            for table in [dtd.pointee.entities, dtd.pointee.pentities] {
                if let table { declaredEntities += Int(xmlHashSize(OpaquePointer(table))) }
            }
        }
        return .success(XMLTree(
            root: root, before: before, after: after, problems: problems, skippedEntities: builder.skipped,
            externalDTD: externalDTD, declaredEntities: declaredEntities))
    }
}

/// Collects the problems of one parse; reached from libxml2's callback
/// through the parser context's `_private` pointer.
private final class ProblemCollector {
    private(set) var problems: [XMLProblem] = []
    private(set) var dropped = 0

    func add(_ error: xmlError) {
        guard problems.count < XMLTreeParser.maximumProblems else {
            dropped += 1
            return
        }
        var message = error.message.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let level: XMLProblem.Level = switch error.level.rawValue {
        case 3: .fatal
        case 2: .error
        default: .warning
        }
        problems.append(XMLProblem(
            level: level, domain: Int(error.domain), code: Int(error.code), message: message,
            line: Int(error.line), column: Int(error.int2), detail: error.str1.map { String(cString: $0) }))
    }
}

/// Copies libxml2's tree into Swift values.
private struct TreeBuilder {
    var skipped: [XMLTree.SkippedEntity] = []

    mutating func element(_ node: xmlNodePtr) -> XMLTree.Element {
        let rawName = node.pointee.name.map { String(cString: $0) } ?? ""
        var localName = rawName
        var prefix: String?
        var namespaceURI: String?
        if let namespace = node.pointee.ns {
            prefix = namespace.pointee.prefix.map { String(cString: $0) }
            namespaceURI = namespace.pointee.href.map { String(cString: $0) }
        } else if let colon = rawName.firstIndex(of: ":") {
            // An undeclared prefix: libxml2 keeps the whole `prefix:name`.
            prefix = String(rawName[..<colon])
            localName = String(rawName[rawName.index(after: colon)...])
        }
        let line = Int(xmlGetLineNo(node))
        var element = XMLTree.Element(
            localName: localName, prefix: prefix, namespaceURI: namespaceURI,
            attributes: [], children: [], text: "", line: max(1, line))

        var declaration = node.pointee.nsDef
        while let current = declaration {
            element.namespaceDeclarations.append(XMLTree.NamespaceDeclaration(
                prefix: current.pointee.prefix.map { String(cString: $0) },
                uri: current.pointee.href.map { String(cString: $0) } ?? ""))
            declaration = current.pointee.next
        }

        var attribute = node.pointee.properties
        while let current = attribute {
            element.attributes.append(self.attribute(current, line: element.line))
            attribute = current.pointee.next
        }

        // An element that holds one text node alone (most do) keeps it as
        // its `text` only, with no `content`.
        var onlyText: String?
        func add(_ piece: XMLTree.Piece, to element: inout XMLTree.Element) {
            if let text = onlyText {
                element.content.append(.text(text))
                onlyText = nil
            }
            element.content.append(piece)
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                add(.element(element.children.count), to: &element)
                element.children.append(self.element(current))
                // Free each subtree once copied, so the two trees are not
                // both whole in memory at once (a 50 MB feed).
                child = current.pointee.next
                xmlUnlinkNode(current)
                xmlFreeNode(current)
                continue
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let text = String(cString: content)
                    let isText = current.pointee.type == XML_TEXT_NODE
                    if isText && element.text.isEmpty && element.content.isEmpty && onlyText == nil {
                        onlyText = text
                    } else {
                        add(isText ? .text(text) : .cdata(text), to: &element)
                    }
                    element.text += text
                }
            case XML_ENTITY_REF_NODE:
                skip(current, line: Int(xmlGetLineNo(current)))
            default:
                if let piece = Self.piece(current) { add(piece, to: &element) }
            }
            child = current.pointee.next
        }
        return element
    }

    /// A comment or processing instruction as a piece; nil for other nodes.
    static func piece(_ node: xmlNodePtr) -> XMLTree.Piece? {
        let content = node.pointee.content.map { String(cString: $0) } ?? ""
        switch node.pointee.type {
        case XML_COMMENT_NODE: return .comment(content)
        case XML_PI_NODE: return .instruction(target: node.pointee.name.map { String(cString: $0) } ?? "", data: content)
        default: return nil
        }
    }

    private mutating func attribute(_ attribute: xmlAttrPtr, line: Int) -> XMLTree.Attribute {
        let rawName = attribute.pointee.name.map { String(cString: $0) } ?? ""
        var localName = rawName
        var prefix: String?
        var namespaceURI: String?
        if let namespace = attribute.pointee.ns {
            prefix = namespace.pointee.prefix.map { String(cString: $0) }
            namespaceURI = namespace.pointee.href.map { String(cString: $0) }
        } else if let colon = rawName.firstIndex(of: ":") {
            prefix = String(rawName[..<colon])
            localName = String(rawName[rawName.index(after: colon)...])
        }
        var value = ""
        var child = attribute.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE:
                if let content = current.pointee.content { value += String(cString: content) }
            case XML_ENTITY_REF_NODE:
                skip(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self), line: line)
            default:
                break
            }
            child = current.pointee.next
        }
        return XMLTree.Attribute(localName: localName, prefix: prefix, namespaceURI: namespaceURI, value: value)
    }

    private mutating func skip(_ node: xmlNodePtr, line: Int) {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        skipped.append(XMLTree.SkippedEntity(name: name, line: max(1, line)))
    }
}
