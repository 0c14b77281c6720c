/// Builds an `XMLTree` from the events of a streaming parse, in document
/// order, so that no other tree of the document exists on the way (see
/// `XMLSAXHandlers`, which feeds it from libxml2).
///
/// It gives the same tree the document's DOM gave: adjacent character data
/// (text, character and predefined entity references) is one text piece; a
/// CDATA section, a comment, a processing instruction, a child element or a
/// skipped entity reference ends it. An element holding one text piece alone
/// keeps it as its `text` only. A skipped entity reference is given the line
/// of the piece before it (an element's start tag, a text's first line, a
/// comment or processing instruction), else its parent's line.
final class XMLStreamBuilder {
    /// An element being read, with what its next piece needs to know.
    private struct Frame {
        var element: XMLTree.Element
        /// The element's first text piece while it is its only content.
        var onlyText: String?
        /// The line of the last piece, when it gives one.
        var lastLine: Int?
    }

    private var stack: [Frame] = []
    private(set) var root: XMLTree.Element?
    private(set) var before: [XMLTree.Piece] = []
    private(set) var after: [XMLTree.Piece] = []
    private(set) var skipped: [XMLTree.SkippedEntity] = []
    /// The character data of the text piece being read, and its first line.
    private var run: [UInt8] = []
    private var runLine = 0
    /// Names and URIs already seen, keyed by the parser's interned pointer,
    /// so that each is one shared string.
    private var names: [UnsafeRawPointer: String] = [:]

    /// The problems the parse reported.
    let collector = XMLProblemCollector()
    /// The document's parser context: events from any other (an entity's
    /// content being checked) are not the document's.
    var context: UnsafeMutableRawPointer?

    /// The one string for the interned, NUL-terminated name at `pointer`.
    func name(_ pointer: UnsafePointer<UInt8>) -> String {
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = String(cString: pointer)
        names[key] = name
        return name
    }

    /// Opens an element; its attributes and declarations come with it.
    func startElement(_ element: XMLTree.Element) {
        endRun()
        stack.append(Frame(element: element))
    }

    /// Closes the innermost element.
    func endElement() {
        endRun()
        guard let frame = stack.popLast() else { return }
        if stack.isEmpty {
            root = frame.element
            return
        }
        let line = frame.element.line
        let index = stack[stack.count - 1].element.children.count
        add(.element(index))
        stack[stack.count - 1].element.children.append(frame.element)
        stack[stack.count - 1].lastLine = line
    }

    /// Character data of the innermost element (part of a text piece).
    func characters(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        guard !stack.isEmpty else { return }
        if run.isEmpty { runLine = line }
        run.append(contentsOf: bytes)
    }

    /// A CDATA section.
    func cdata(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty else { return }
        endRun()
        let text = String(decoding: bytes, as: UTF8.self)
        add(.cdata(text))
        stack[stack.count - 1].element.text += text
        stack[stack.count - 1].lastLine = nil
    }

    /// A comment or processing instruction, inside the root or around it.
    func other(_ piece: XMLTree.Piece, line: Int) {
        endRun()
        guard !stack.isEmpty else {
            if root == nil { before.append(piece) } else { after.append(piece) }
            return
        }
        add(piece)
        stack[stack.count - 1].lastLine = line
    }

    /// A reference to an entity that is not expanded, in content.
    func skippedReference(_ name: String) {
        guard !stack.isEmpty else { return }
        endRun()
        let frame = stack[stack.count - 1]
        skipped.append(XMLTree.SkippedEntity(name: name, line: max(1, frame.lastLine ?? frame.element.line)))
        stack[stack.count - 1].lastLine = nil
    }

    /// A reference to an entity that is not expanded, in an attribute value
    /// of the element starting at `line`.
    func skippedAttributeReference(_ name: String, line: Int) {
        skipped.append(XMLTree.SkippedEntity(name: name, line: max(1, line)))
    }

    /// Ends the text piece being read, if any.
    private func endRun() {
        guard !run.isEmpty, !stack.isEmpty else { return }
        let text = String(decoding: run, as: UTF8.self)
        run.removeAll(keepingCapacity: run.capacity <= 1 << 16)
        let top = stack.count - 1
        if stack[top].element.text.isEmpty && stack[top].element.content.isEmpty && stack[top].onlyText == nil {
            stack[top].onlyText = text
        } else {
            add(.text(text))
        }
        stack[top].element.text += text
        stack[top].lastLine = runLine
    }

    /// Appends `piece` to the innermost element's content, with the text
    /// it held alone before it.
    private func add(_ piece: XMLTree.Piece) {
        let top = stack.count - 1
        if let text = stack[top].onlyText {
            stack[top].element.content.append(.text(text))
            stack[top].onlyText = nil
        }
        stack[top].element.content.append(piece)
    }
}
