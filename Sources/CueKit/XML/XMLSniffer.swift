/// Finds the root element's name in the first bytes of a document, for
/// format sniffing, without parsing: skips white space, the XML declaration,
/// processing instructions, comments and a DOCTYPE (with an internal subset).
enum XMLSniffer {
    /// The qualified name of the root element's start tag in `head`, or nil
    /// when `head` does not begin like an XML document.
    static func rootElementName(_ head: ArraySlice<UInt8>) -> String? {
        var index = head.startIndex
        let end = head.endIndex
        func starts(_ text: String, at position: Int) -> Bool {
            var position = position
            for byte in text.utf8 {
                guard position < end, head[position] == byte else { return false }
                position += 1
            }
            return true
        }
        /// The index just past the first `terminator` at or after `position`.
        func skip(past terminator: String, from position: Int) -> Int? {
            var position = position
            while position < end {
                if starts(terminator, at: position) { return position + terminator.utf8.count }
                position += 1
            }
            return nil
        }
        while index < end {
            let byte = head[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<"), index + 1 < end else { return nil }
            if starts("<?", at: index) {
                guard let next = skip(past: "?>", from: index + 2) else { return nil }
                index = next
            } else if starts("<!--", at: index) {
                guard let next = skip(past: "-->", from: index + 4) else { return nil }
                index = next
            } else if starts("<!DOCTYPE", at: index) {
                var position = index + 9
                var inSubset = false
                while position < end {
                    let current = head[position]
                    if current == UInt8(ascii: "[") { inSubset = true }
                    if current == UInt8(ascii: "]") { inSubset = false }
                    if current == UInt8(ascii: ">") && !inSubset { break }
                    position += 1
                }
                guard position < end else { return nil }
                index = position + 1
            } else {
                var position = index + 1
                var name: [UInt8] = []
                while position < end {
                    let current = head[position]
                    if current == 0x20 || current == 0x09 || current == 0x0A || current == 0x0D
                        || current == UInt8(ascii: ">") || current == UInt8(ascii: "/") { break }
                    name.append(current)
                    position += 1
                }
                return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
            }
        }
        return nil
    }

    /// Whether `head` contains `text`.
    static func contains(_ head: ArraySlice<UInt8>, _ text: String) -> Bool {
        head.firstRange(of: Array(text.utf8)) != nil
    }
}
