/// YouTube's speaker label at the start of a cue, `>> NAME: text`, read as
/// the cue's speaker when `ReadOptions.speakerLabels` asks.
///
/// The name is 1 to 32 characters in 1 to 3 words separated by single
/// spaces, of letters, digits, `.`, `'`, `’` and `-`, and is followed by `:`
/// and a blank or the end of the line. `>> and then` (a change of speaker
/// without a name, as YouTube's automatic captions write it) is no label.
enum SBVSpeakerLabel {
    /// The speaker named at the start of `spans`, and the spans without the
    /// label (a line break right after a label on its own line goes too).
    static func split(_ spans: [Span]) -> (speaker: String, rest: [Span])? {
        guard case .text(let first)? = spans.first, first.hasPrefix(">> ") else { return nil }
        let afterMarker = first.dropFirst(3)
        guard let colon = afterMarker.firstIndex(of: ":") else { return nil }
        let name = afterMarker[..<colon]
        let afterColon = afterMarker[afterMarker.index(after: colon)...]
        guard afterColon.isEmpty || afterColon.first == " " || afterColon.first == "\t",
              isName(name) else { return nil }
        var rest = Array(spans.dropFirst())
        let text = afterColon.drop { $0 == " " || $0 == "\t" }
        if !text.isEmpty {
            rest.insert(.text(String(text)), at: 0)
        } else if rest.first == .lineBreak {
            rest.removeFirst()
        }
        return (String(name), rest)
    }

    private static func isName(_ name: Substring) -> Bool {
        guard (1...32).contains(name.count) else { return false }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count <= 3 else { return false }
        return words.allSatisfy { word in
            !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "'" || $0 == "’" || $0 == "-" }
        }
    }
}
