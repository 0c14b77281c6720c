/// How a segment's words join into its text.
enum WhisperWordText {
    /// The segment's words as they appear in `text`: each word found in
    /// order, with only white space and punctuation skipped before it (an
    /// aligner drops punctuation from its words: `"sorry"` in `" I'm
    /// sorry."`). Punctuation next to a word joins it (`"sorry."`), white
    /// space between words becomes the separator (`""` for a language
    /// written without spaces). When a word is not in the text, `matches` is
    /// false and the words are joined by single spaces as they are.
    static func layout(_ words: [String], text: String) -> (texts: [String], separators: [String], matches: Bool) {
        let bytes = Array(text.utf8)
        var starts: [Int] = []
        starts.reserveCapacity(words.count)
        var position = 0
        for word in words {
            let wordBytes = Array(word.utf8)
            guard let found = find(wordBytes, in: bytes, from: position) else {
                return (words, words.indices.map { $0 == 0 ? "" : " " }, false)
            }
            starts.append(found)
            position = found + wordBytes.count
        }
        // The rest must be punctuation and white space too.
        guard !bytes.indices[position...].contains(where: { isWordByte(bytes, $0) }) else {
            return (words, words.indices.map { $0 == 0 ? "" : " " }, false)
        }
        var texts: [String] = []
        texts.reserveCapacity(words.count)
        // Where the current word's text starts: before punctuation that leads it.
        var textStart = starts.first.map { leadingStart(bytes, before: $0, after: 0) } ?? 0
        for index in words.indices {
            let wordEnd = starts[index] + words[index].utf8.count
            let gapEnd = index + 1 < words.count ? starts[index + 1] : bytes.count
            // Punctuation right after the word joins it, up to white space.
            var end = wordEnd
            while end < gapEnd, !isSpace(bytes[end]) { end += 1 }
            texts.append(String(decoding: bytes[textStart..<end], as: UTF8.self))
            if index + 1 < words.count { textStart = leadingStart(bytes, before: starts[index + 1], after: end) }
        }
        // Separator before each word: empty when the word follows the one
        // before with no white space between, else one space.
        let separators = words.indices.map { index in
            guard index > 0 else { return "" }
            let previousEnd = starts[index - 1] + words[index - 1].utf8.count
            return bytes[previousEnd..<starts[index]].contains(where: isSpace) ? " " : ""
        }
        return (texts, separators, true)
    }

    /// Where the text of a word found at `start` begins: punctuation right
    /// before it, back to white space or `after`, leads it.
    private static func leadingStart(_ bytes: [UInt8], before start: Int, after: Int) -> Int {
        var index = start
        while index > after, !isSpace(bytes[index - 1]) { index -= 1 }
        return index
    }

    /// The first place at or after `from` where `word` starts, skipping only
    /// white space and punctuation; nil when a letter or digit comes first.
    private static func find(_ word: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index + word.count <= bytes.count {
            if bytes[index..<(index + word.count)].elementsEqual(word) { return index }
            if isWordByte(bytes, index) { return nil }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// Whether the byte at `index` is part of a letter, digit or other
    /// character that is neither white space, punctuation nor a symbol (a
    /// word is never found past one).
    private static func isWordByte(_ bytes: [UInt8], _ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) }
        // A continuation byte belongs to the character its lead byte starts.
        var lead = index
        while lead > 0, bytes[lead] & 0xC0 == 0x80, index - lead < 3 { lead -= 1 }
        var iterator = bytes[lead...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return true }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
             .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
