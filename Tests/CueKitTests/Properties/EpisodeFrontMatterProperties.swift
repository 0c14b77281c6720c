import PropertyBased
import Testing
@testable import CueKit

/// Episodes generated from pieces (keys in any order, plain, quoted and
/// folded values, escapes, comments, empty values, CRLF, errors) read the
/// same through the front matter scanner as through Yams.
@Suite("Episode front matter properties")
struct EpisodeFrontMatterProperties {
    /// Choices read off a list of generated integers.
    struct Tape {
        var values: [Int]
        var index = 0

        mutating func next(_ count: Int) -> Int {
            defer { index += 1 }
            guard !values.isEmpty else { return 0 }
            return (values[index % values.count] &+ index &* 7919) % count
        }

        mutating func pick<T>(_ options: [T]) -> T { options[next(options.count)] }

        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    static let words = [
        "Hello", "there", "café", "naïve", "東京", "🙂", "👍🏽", "e\u{301}", "it's", "a#b", "x:y", "50%", "wow!",
        "1:03", "12", "yes", "~", "null", "2023-01-05", "a,b", "“quoted”", "—", "back\\slash", "x-y", "a]b",
    ]

    /// Words that start with an indicator, or hold a tab or ': ', each taken
    /// now and then: most make the input one the scanner leaves to Yams.
    static let rareWords = [
        "tab\tbed", "'single'", "\"double\"", "a: b", "#tag", "&amp", "*star", "?", "-", "|", ">", "[x]", "{y}", "-dash",
        "!bang", "%pct", "@at", "`tick`", ":colon", "?q",
    ]

    static func word(_ tape: inout Tape) -> String {
        tape.chance(3) ? tape.pick(rareWords) : tape.pick(words)
    }

    /// A scalar written at `indent` (the column of its key), in one of the
    /// styles YAML has for it.
    static func value(_ tape: inout Tape, indent: Int, words count: ClosedRange<Int> = 1...6) -> String {
        let n = count.lowerBound + tape.next(count.count)
        let chosen = (0..<n).map { _ in word(&tape) }
        let continuation = String(repeating: " ", count: indent + 2 + tape.next(3))
        switch tape.next(9) {
        case 0:
            return ""
        case 1:
            // Folded over lines, sometimes with a blank line.
            return chosen.enumerated().map { index, word in
                index == 0 ? word : (tape.chance(30) ? "\n\(continuation)" : tape.chance(15) ? "\n\n\(continuation)" : " ") + word
            }.joined()
        case 2, 3:
            let body = chosen.map { $0.replacingOccurrences(of: "'", with: "''") }.enumerated().map { index, word in
                index == 0 ? word : (tape.chance(20) ? "\n\(continuation)" : tape.chance(10) ? "\n\n" : " ") + word
            }.joined()
            return "'\(body)'"
        case 4:
            let escapes = ["\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\x41", "\\U0001F600", "\\_", "\\/", "\\ "]
            let body = chosen.map { word in
                word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + (tape.chance(30) ? tape.pick(escapes) : "")
            }.enumerated().map { index, word in
                index == 0 ? word : (tape.chance(15) ? "\\\n\(continuation)" : tape.chance(15) ? "\n\(continuation)" : " ") + word
            }.joined()
            return "\"\(body)\""
        case 5:
            return chosen.joined(separator: " ") + " # comment"
        case 6:
            return chosen.joined(separator: "  ") + "   "
        default:
            return chosen.joined(separator: " ")
        }
    }

    static func entry(_ tape: inout Tape) -> String {
        if tape.chance(12) { return "- header: \(value(&tape, indent: 2, words: 1...3))\n" }
        var fields: [String] = ["line: \(value(&tape, indent: 2))"]
        if tape.chance(60) { fields.append("sec: \(tape.pick(["1", "12", "1.5", "", "'7'", "one", "3600", "0.25"]))") }
        if tape.chance(40) { fields.append("time: \(tape.pick(["'1:03'", "1:03", "37:567", "'9:\n\n    46'", "", "bad", "1:02:03"]))") }
        if tape.chance(60) { fields.append("who: \(tape.pick(["Ada", "'Ada:'", "Grace Hopper", "' Ada '", "", "Zoë", "A very long sentence that is not a name at all."]))") }
        if tape.chance(8) { fields.append("mood: \(value(&tape, indent: 2, words: 1...2))") }
        if tape.chance(4) { fields.append("context:\n    place: studio\n    people:\n    - ada") }
        if tape.chance(30) { fields.shuffle(using: &tape) }
        let separator = tape.chance(10) ? "\n  # a comment\n  " : "\n  "
        return "- " + fields.joined(separator: separator) + "\n"
    }

    static func document(_ values: [Int]) -> String {
        var tape = Tape(values: values)
        var keys: [String] = [
            "title: \(value(&tape, indent: 0))",
            "description: \(value(&tape, indent: 0, words: 3...12))",
            "guests:\n- ada\n- grace",
            "ids:\n  anchor: \(value(&tape, indent: 2, words: 1...2))\n  youtube: x",
            "duration: \(tape.pick(["PT01H02M03S", "PT5M", "soon", ""]))",
            "quotableClips:\n- name: Intro\n  startOffset: 0\n  endOffset: 63\n- name: \(value(&tape, indent: 2, words: 1...2))\n  startOffset: 63",
        ]
        if tape.chance(30) { keys.shuffle(using: &tape) }
        var transcript = "transcript:\n"
        for _ in 0..<tape.next(12) { transcript += entry(&tape) }
        keys.insert(transcript.hasSuffix(":\n") ? "transcript:" : String(transcript.dropLast()), at: tape.next(keys.count + 1))
        var text = "---\n" + keys.joined(separator: tape.chance(10) ? "\n# between\n" : "\n") + "\n---\nbody\n"
        if tape.chance(20) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return text
    }

    @Test func theScannerAndYamsAgree() async {
        var taken = 0, total = 0
        await propertyCheck(count: 1500, input: Gen.int(in: 0...9999).array(of: 1...40)) { values in
            let text = Self.document(values)
            total += 1
            if EpisodeFrontMatterScannerTests.compare(text) { taken += 1 }
        }
        // Most generated episodes are in the scanner's shape.
        #expect(taken * 3 > total * 2, "\(taken) of \(total)")
    }

    /// Bytes that mean something to YAML, and some that do not.
    static let mutationBytes: [UInt8] = Array(" \n\r\t-:#'\"\\&*!|>[]{},?%@`~abc01.".utf8) + [0xC2, 0x85, 0xA0, 0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF, 0x00]

    /// Real episodes with a few bytes inserted, removed or replaced: whatever
    /// the scanner still takes reads as Yams reads it.
    @Test func mutatedEpisodesAgree() async throws {
        let sample = try TestFiles.bytes(TestFiles.sample("episode/hard-cases.md"))
        let generated = Array(Self.document(Array(0..<40)).utf8)
        var taken = 0
        await propertyCheck(count: 1500, input: Gen.int(in: 0...Int(Int32.max)).array(of: 2...12)) { values in
            var bytes = values[0] % 2 == 0 ? sample : generated
            // Mutations near the front matter's end stay inside it often enough.
            for pair in stride(from: 1, to: values.count - 1, by: 2) {
                let at = values[pair] % max(1, bytes.count)
                let byte = Self.mutationBytes[values[pair + 1] % Self.mutationBytes.count]
                switch values[pair + 1] % 3 {
                case 0: bytes.insert(byte, at: at)
                case 1: bytes[at] = byte
                default: bytes.remove(at: at)
                }
            }
            if EpisodeFrontMatterScannerTests.compare(bytes) { taken += 1 }
        }
        #expect(taken > 100, "\(taken)")
    }
}

extension EpisodeFrontMatterProperties.Tape: RandomNumberGenerator {
    mutating func next() -> UInt64 { UInt64(next(1 << 30)) &* 0x9E37_79B9_7F4A_7C15 }
}
