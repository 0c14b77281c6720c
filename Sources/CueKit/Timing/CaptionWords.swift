/// The words of a caption text, found in one pass over its UTF-8 bytes, with
/// what segmentation needs per word: its width in characters and how good a
/// cut after it is. Arrays of integers, so the search over cuts touches no
/// reference-counted storage.
struct CaptionWords {
    /// The UTF-8 bytes the words are in.
    private let bytes: [UInt8]
    /// Byte ranges of the words in `bytes`.
    private(set) var ranges: [Range<Int>] = []
    /// Width of each word in characters (grapheme clusters).
    private(set) var widths: [Int] = []
    /// The cost of a cut after each word (the last has none).
    private(set) var breakCosts: [Double] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
        // A word takes at least two bytes with the space after it.
        ranges.reserveCapacity(bytes.count / 2 + 1)
        widths.reserveCapacity(bytes.count / 2 + 1)
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count else { break }
                let start = index
                var scalars = 0
                var simple = true
                while index < bytes.count, !Self.isSpace(bytes[index]) {
                    let byte = bytes[index]
                    if byte & 0xC0 != 0x80 {
                        scalars += 1
                        simple = simple && Self.startsLoneCharacter(byte)
                    }
                    index += 1
                }
                ranges.append(start..<index)
                widths.append(simple ? scalars : String(decoding: bytes[start..<index], as: UTF8.self).count)
            }
            breakCosts = ranges.indices.map { position in
                position + 1 < ranges.count
                    ? Self.breakCost(after: bytes[ranges[position]], before: bytes[ranges[position + 1]]) : 0
            }
        }
    }

    var count: Int { ranges.count }
    var isEmpty: Bool { ranges.isEmpty }

    /// The words `range` joined by single spaces.
    func joined(_ range: Range<Int>) -> String {
        guard let first = range.first else { return "" }
        var joined: [UInt8] = []
        joined.reserveCapacity(ranges[range.upperBound - 1].upperBound - ranges[first].lowerBound)
        for position in range {
            if position > first { joined.append(0x20) }
            joined.append(contentsOf: bytes[ranges[position]])
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// The word at `position`.
    func word(_ position: Int) -> String {
        joined(position..<(position + 1))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// Whether the scalar this UTF-8 lead byte starts is one that is always
    /// a character of its own, never joined to its neighbours: ASCII,
    /// U+0080 to U+02FF (Latin letters with their accents precomposed;
    /// combining marks start at U+0300) and U+4000 to U+9FFF (CJK
    /// ideographs). A word of only such scalars is as wide as it has scalars,
    /// without Unicode's grapheme breaking.
    private static func startsLoneCharacter(_ lead: UInt8) -> Bool {
        lead < 0x80 || (lead >= 0xC2 && lead <= 0xCB) || (lead >= 0xE4 && lead <= 0xE9)
    }

    /// How good a cut between two words is: 0 after a sentence end, 4 after
    /// clause punctuation or before a dash, 10 before a conjunction or
    /// preposition, 24 elsewhere.
    static func breakCost(after word: UnsafeBufferPointer<UInt8>.SubSequence, before next: UnsafeBufferPointer<UInt8>.SubSequence) -> Double {
        var end = word.endIndex
        // Skip closing quotes and brackets: " ' ) ] and ” ’ » in UTF-8.
        while end > word.startIndex {
            let byte = word[end - 1]
            if byte == 0x22 || byte == 0x27 || byte == 0x29 || byte == 0x5D {
                end -= 1
            } else if end - 3 >= word.startIndex, word[end - 3] == 0xE2, word[end - 2] == 0x80,
                      word[end - 1] == 0x9D || word[end - 1] == 0x99 {
                end -= 3
            } else if end - 2 >= word.startIndex, word[end - 2] == 0xC2, word[end - 1] == 0xBB {
                end -= 2
            } else {
                break
            }
        }
        if end > word.startIndex {
            switch word[end - 1] {
            case UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!"): return 0
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): return 4
            default: break
            }
            // … (E2 80 A6), – (E2 80 93), — (E2 80 94)
            if end - 3 >= word.startIndex, word[end - 3] == 0xE2, word[end - 2] == 0x80 {
                switch word[end - 1] {
                case 0xA6: return 0
                case 0x93, 0x94: return 4
                default: break
                }
            }
        }
        // Before a dash: - (2D), – (E2 80 93) or — (E2 80 94) alone.
        let first = next.startIndex
        if (next.count == 1 && next[first] == 0x2D)
            || (next.count == 3 && next[first] == 0xE2 && next[first + 1] == 0x80 && (next[first + 2] == 0x93 || next[first + 2] == 0x94)) {
            return 4
        }
        if let key = packedLowercase(next), joiningWords.contains(key) { return 10 }
        return 24
    }

    /// An ASCII word of up to 8 letters, lowercased and packed into an integer.
    private static func packedLowercase<C: Collection>(_ bytes: C) -> UInt64? where C.Element == UInt8 {
        guard bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for byte in bytes {
            let lower = byte | 0x20
            guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { return nil }
            key = key << 8 | UInt64(lower)
        }
        return key
    }

    /// Conjunctions and prepositions a caption may start with.
    private static let joiningWords: Set<UInt64> = Set([
        "and", "but", "or", "nor", "so", "yet", "because", "although", "though", "while", "whereas", "if", "unless",
        "when", "where", "which", "who", "whom", "whose", "that", "than", "then", "as", "like",
        "to", "of", "in", "on", "at", "for", "with", "from", "by", "about", "into", "onto", "over", "under",
        "between", "through", "during", "before", "after", "without", "within",
    ].compactMap { packedLowercase(Array($0.utf8)) })
}
