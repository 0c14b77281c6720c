/// Finds where an element of an `XMLTree` (and one of its attributes) is in
/// the source bytes, for a diagnostic about it: the tree keeps only each
/// element's line, and a start tag over several lines, or several on one
/// line, need more than that.
///
/// The element is named by its path from the root (child indices). Its
/// start tag is found by counting start tags in document order over the
/// bytes (comments, CDATA, processing instructions, the DOCTYPE and end
/// tags skipped), so this runs only when a diagnostic is made.
enum XMLElementLocation {
    /// The location of the value of `attribute` (its qualified name as
    /// written) on the element at `path`, else of the element's `<`; nil
    /// when the bytes do not match the tree.
    static func locate(
        path: [Int], attribute: String?, root: XMLTree.Element, source: SourceText
    ) -> SourceLocation? {
        var index = 0
        var element = root
        for child in path {
            guard child < element.children.count else { return nil }
            index += 1
            for sibling in element.children[..<child] { index += count(sibling) }
            element = element.children[child]
        }
        let bytes = source.bytes
        guard let tag = startTag(number: index, in: bytes) else { return nil }
        var offset = tag
        if let attribute, let found = attributeValue(attribute, inTagAt: tag, in: bytes) { offset = found }
        let (line, column) = TextDecoding.lineAndColumn(ofByte: offset, in: bytes)
        return source.location(line: line, column: column)
    }

    /// How many elements `element` holds, itself included.
    private static func count(_ element: XMLTree.Element) -> Int {
        element.children.reduce(1) { $0 + count($1) }
    }

    /// The offset of the `<` of the start tag numbered `number` (0 for the root).
    private static func startTag(number: Int, in bytes: [UInt8]) -> Int? {
        var seen = 0
        var index = 0
        let count = bytes.count
        func starts(_ text: String, at position: Int) -> Bool {
            let utf8 = Array(text.utf8)
            guard position + utf8.count <= count else { return false }
            return bytes[position..<position + utf8.count].elementsEqual(utf8)
        }
        func skip(past text: String, from position: Int) -> Int {
            let utf8 = Array(text.utf8)
            var position = position
            while position + utf8.count <= count {
                if bytes[position] == utf8[0], bytes[position..<position + utf8.count].elementsEqual(utf8) {
                    return position + utf8.count
                }
                position += 1
            }
            return count
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if starts("<!--", at: index) {
                index = skip(past: "-->", from: index + 4)
            } else if starts("<![CDATA[", at: index) {
                index = skip(past: "]]>", from: index + 9)
            } else if starts("<?", at: index) {
                index = skip(past: "?>", from: index + 2)
            } else if starts("<!", at: index) {
                var depth = 0
                index += 2
                while index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "[") { depth += 1 }
                    if byte == UInt8(ascii: "]") { depth -= 1 }
                    if byte == UInt8(ascii: ">") && depth <= 0 { break }
                    index += 1
                }
                index += 1
            } else if starts("</", at: index) {
                index = skip(past: ">", from: index + 2)
            } else {
                if seen == number { return index }
                seen += 1
                index = tagEnd(from: index + 1, in: bytes)
            }
        }
        return nil
    }

    /// The offset just past the `>` of the tag whose name starts at `from`
    /// (quoted values skipped).
    private static func tagEnd(from: Int, in bytes: [UInt8]) -> Int {
        var index = from
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index += 1
                while index < bytes.count, bytes[index] != byte { index += 1 }
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// The offset of the first character of the value of `name` in the
    /// start tag at `tag`.
    private static func attributeValue(_ name: String, inTagAt tag: Int, in bytes: [UInt8]) -> Int? {
        let wanted = Array(name.utf8)
        var index = tag + 1
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        // Past the element name.
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") { index += 1 }
        while index < bytes.count {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") else { return nil }
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
            let found = bytes[nameStart..<index].elementsEqual(wanted)
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < bytes.count else { return nil }
            let quote = bytes[index]
            index += 1
            if found { return index }
            while index < bytes.count, bytes[index] != quote { index += 1 }
            index += 1
        }
        return nil
    }
}
