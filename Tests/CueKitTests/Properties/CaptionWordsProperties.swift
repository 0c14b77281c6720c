import PropertyBased
import Testing
@testable import CueKit

/// `CaptionWords` counts a word's characters without Unicode's grapheme
/// breaking when every scalar in it is one that stands alone; whatever the
/// word, its width must be what `String.count` says.
@Suite("Caption words properties")
struct CaptionWordsProperties {
    /// Scalars at the edges of the ranges counted directly (U+02FF, U+4000,
    /// U+9FFF) and just outside them, among combining marks, a kana voicing
    /// mark, Hangul jamo, emoji with a skin tone and a joiner, regional
    /// indicators, a variation selector and a soft hyphen.
    static let pieces = [
        "a", "Z", "é", "ß", "\u{00AD}", "\u{02FF}", "\u{0300}", "e\u{0301}", "\u{0303}", "東", "\u{4000}", "\u{9FFF}",
        "\u{A000}", "\u{3FFF}", "か", "\u{3099}", "\u{1100}", "\u{1161}", "한", "👍", "🏽", "\u{200D}", "👩", "🇫", "🇷",
        "\u{FE0F}", "Ω", "\u{0085}", "-", ".",
    ]
    static let word = Gen.int(in: 0...(pieces.count - 1)).array(of: 1...6).map { $0.map { pieces[$0] }.joined() }

    @Test func aWordIsAsWideAsItsCharacters() async {
        await propertyCheck(count: 3000, input: Self.word.array(of: 1...4)) { words in
            let caption = CaptionWords(words.joined(separator: " "))
            #expect(caption.count == words.count)
            #expect(caption.widths == words.map(\.count), "\(words.map(\.unicodeScalars).map { $0.map { String($0.value, radix: 16) } })")
        }
    }
}
