/// The speakers of a transcript page, named the same way on every line: a
/// name is shown without the white space and the trailing colon some
/// sources leave on it (`Alexey:` is `Alexey`), and the names that are then
/// the same are one speaker, shown as first written, with one colour (one of
/// `palette` classes, given in order of first appearance).
struct HTMLSpeakers {
    /// How many speaker colours the page's style defines (`cues-s1` to `cues-s6`).
    static let palette = 6

    private(set) var names: [String] = []
    private var numbers: [String: Int] = [:]

    /// The speaker `raw` as shown, and its number from 1 (nil for none).
    mutating func speaker(_ raw: String?) -> (name: String, number: Int)? {
        guard let raw else { return nil }
        let name = Self.shown(raw)
        guard !name.isEmpty else { return nil }
        if let number = numbers[name] { return (names[number - 1], number) }
        names.append(name)
        numbers[name] = names.count
        return (name, names.count)
    }

    /// The colour class of speaker `number`: `cues-s1` … `cues-s6`, then again.
    static func colorClass(_ number: Int) -> String {
        "cues-s\((number - 1) % palette + 1)"
    }

    /// `raw` without white space around it and without a trailing colon.
    static func shown(_ raw: String) -> String {
        var name = Substring(raw)
        while let last = name.last, last.isWhitespace || last == ":" { name = name.dropLast() }
        while let first = name.first, first.isWhitespace { name = name.dropFirst() }
        return String(name)
    }
}
