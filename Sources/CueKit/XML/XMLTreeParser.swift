@preconcurrency internal import CLibXML2

/// Parses XML from memory with libxml2 and hands back an `XMLTree`: the only
/// code in cues that calls the libxml2 parser. The parse streams: libxml2's
/// SAX2 callbacks (`XMLSAXHandlers`) build the tree as the document is read
/// (`XMLStreamBuilder`), so libxml2 never builds a tree of its own.
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
///   The content of an internal entity is checked by libxml2 once, into a
///   list of its own it frees, as it always did.
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
        try parse(InputBytes(bytes), name: name, format: format)
    }

    /// Parses `input` (UTF-8) where its bytes are, without copying them
    /// into an array first (a feed the `cues` tool maps).
    static func parse(_ input: InputBytes, name: String?, format: FormatID?) throws(Diagnostic) -> XMLTree {
        try input.withUnsafeBufferPointer { (bytes) throws(Diagnostic) in try parse(bytes, name: name, format: format) }
    }

    /// The parse of bytes valid during the call.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, name: String?, format: FormatID?) throws(Diagnostic) -> XMLTree {
        let start = SourceLocation(file: name, line: 1, column: 1)
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw .error("xml.empty", "expected an XML document, found an empty file", at: start, format: format)
        }
        guard bytes.count < Int(Int32.max) else {
            throw .error("xml.too-large", "expected an XML document under 2 GiB, found \(bytes.count) bytes", at: start, format: format)
        }
        try XMLShapeGuard.check(bytes, name: name, format: format)
        _ = libraryReady
        let builder = XMLStreamBuilder()
        let outcome: Result<XMLTree, Diagnostic> = bytes.withMemoryRebound(to: CChar.self) { characters in
            parse(characters, builder: builder, name: name, format: format)
        }
        return try outcome.get()
    }

    private static func parse(
        _ characters: UnsafeBufferPointer<CChar>, builder: XMLStreamBuilder, name: String?, format: FormatID?
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
                Unmanaged<XMLStreamBuilder>.fromOpaque(box).takeUnretainedValue().collector.add(error.pointee)
            }
            sax.pointee.serror = handler
            sax.pointee.externalSubset = nil
            XMLSAXHandlers.install(on: sax)
        }
        builder.context = UnsafeMutableRawPointer(context)
        context.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        // Returns nil (and frees it) unless the document is well-formed; the
        // document holds no content, only its DTD.
        let document = withExtendedLifetime(builder) { read(characters, into: context) }
        context.pointee._private = nil
        defer { if let document { xmlFreeDoc(document) } }

        let problems = builder.collector.problems
        if document == nil || context.pointee.wellFormed == 0 {
            let fatal = problems.first { $0.level == .fatal } ?? problems.first { $0.level == .error }
            if let fatal { return .failure(fatal.diagnostic(name: name, format: format)) }
            return .failure(.error("xml.not-well-formed", "expected well-formed XML; libxml2 rejected the document without saying why", at: SourceLocation(file: name, line: 1, column: 1), format: format))
        }
        guard let document, let root = builder.root else {
            return .failure(.error("xml.empty", "expected a root element, found none", at: SourceLocation(file: name, line: 1, column: 1), format: format))
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
            root: root, before: builder.before, after: builder.after, problems: problems,
            skippedEntities: builder.skipped, externalDTD: externalDTD, declaredEntities: declaredEntities))
    }

    /// Parses `characters` as the document of `context`: what
    /// `xmlCtxtReadMemory` with the encoding `UTF-8` does, except that the
    /// bytes are not run through libxml2's UTF-8 to UTF-8 converter, which
    /// held a second copy of the whole document (twice the input) for the
    /// parse, and that libxml2 is handed them as a stream when it can be
    /// (`XMLInputStream`) instead of copying them all. The encoding is still
    /// fixed as UTF-8 (nothing is sniffed from the first bytes) and a
    /// leading byte order mark is skipped, as the converter did. Returns the
    /// document (its DTD) when it is well-formed.
    private static func read(_ characters: UnsafeBufferPointer<CChar>, into context: xmlParserCtxtPtr) -> xmlDocPtr? {
        var characters = characters
        if characters.count >= 3, characters.prefix(3).map({ UInt8(bitPattern: $0) }) == [0xEF, 0xBB, 0xBF] {
            characters = UnsafeBufferPointer(rebasing: characters.dropFirst(3))
        }
        let stream = XMLInputStream.streams(characters) ? XMLInputStream(characters) : nil
        return withExtendedLifetime(stream) { () -> xmlDocPtr? in
            let buffer = stream?.inputBuffer()
                ?? xmlParserInputBufferCreateMem(characters.baseAddress, Int32(characters.count), XML_CHAR_ENCODING_NONE)
            guard let buffer else { return nil }
            return read(buffer, into: context)
        }
    }

    /// Parses what `buffer` holds as the document of `context` (which
    /// takes the buffer over).
    private static func read(_ buffer: xmlParserInputBufferPtr, into context: xmlParserCtxtPtr) -> xmlDocPtr? {
        guard let stream = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE) else {
            xmlFreeParserInputBuffer(buffer)
            return nil
        }
        // On failure, inputPush frees the stream.
        guard inputPush(context, stream) >= 0 else { return nil }
        xmlCtxtUseOptions(context, options)
        context.pointee.encoding = UnsafePointer(xmlCharStrdup("UTF-8"))
        xmlParseDocument(context)
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        guard context.pointee.wellFormed != 0 else {
            if let document { xmlFreeDoc(document) }
            return nil
        }
        return document
    }
}
