import PropertyBased
import Testing
@testable import CueKit

/// `EpisodeLineTemplate.speakerName` gives a plain ASCII name back without
/// looking at its characters; whatever text it takes that way must be what
/// the character by character reading gives.
@Suite("Speaker name properties")
struct SpeakerNameProperties {
    static let pieces = [
        "Ada", "Lovelace", "Dr", "O'Brien", "J.", "x", " ", "  ", ":", ".", "?", "!", "…", "\t", "\n", "\r\n",
        "é", "\u{00A0}", "\u{3000}", "Jean-Luc", "🙂", "a\u{0301}", String(repeating: "w", count: 20),
    ]
    static let text = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...8).map { $0.map { pieces[$0] }.joined() }

    @Test func aPlainNameIsWhatTheCharactersSay() async {
        var plain = 0
        await propertyCheck(count: 5000, input: Self.text) { text in
            if EpisodeLineTemplate.isPlainName(text) {
                plain += 1
                #expect(EpisodeLineTemplate.speakerNameByCharacters(text) == text, "\(text.debugDescription)")
            }
        }
        #expect(plain > 300, "\(plain)")
    }

    @Test func namesAndNonNames() {
        for name in ["Ada", "Ada Lovelace", "J. R. R. Tolkien", String(repeating: "w", count: 40)] {
            #expect(EpisodeLineTemplate.isPlainName(name))
            #expect(EpisodeLineTemplate.speakerName(name) == name)
        }
        for text in ["", " Ada", "Ada ", "Ada:", "One two three four five six", "Ada.", String(repeating: "w", count: 41), "Zoë"] {
            #expect(!EpisodeLineTemplate.isPlainName(text), "\(text.debugDescription)")
        }
        #expect(EpisodeLineTemplate.speakerName(" Ada: ") == "Ada")
        #expect(EpisodeLineTemplate.speakerName("Zoë") == "Zoë")
    }
}
