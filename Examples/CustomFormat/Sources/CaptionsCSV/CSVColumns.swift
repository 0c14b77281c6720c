import CueKit

/// Which column of a captions CSV holds what, from its header row.
struct CSVColumns {
    var start: Int
    var end: Int?
    var speaker: Int?
    var text: Int
    /// How many fields the header has.
    var count: Int

    /// The columns `header` names (compared without case or surrounding
    /// spaces). Throws, located at the header, when `start` or `text` is
    /// missing.
    init(header: [CSVField], in source: SourceText) throws(Diagnostic) {
        let names = header.map { Self.normalized($0.text) }
        guard let start = names.firstIndex(of: "start"), let text = names.firstIndex(of: "text") else {
            throw .error(
                "captions-csv.header",
                "expected a header row naming at least the columns start and text, found '\(header.map(\.text).joined(separator: ","))'",
                at: header.first?.location ?? source.location(line: 1))
        }
        self.start = start
        self.text = text
        end = names.firstIndex(of: "end")
        speaker = names.firstIndex(of: "speaker")
        count = header.count
    }

    static func normalized(_ name: String) -> String {
        name.lowercased().trimmingCharacters(in: [" ", "\t"])
    }

    /// Whether the first line of `head` is a header naming `start` and
    /// `text` (how the format is recognised by its content).
    static func headerNamesCaptions(_ head: ArraySlice<UInt8>) -> Bool {
        let firstLine = head.prefix { $0 != 0x0A && $0 != 0x0D }
        let names = String(decoding: firstLine, as: UTF8.self).split(separator: ",").map { normalized(String($0)) }
        return names.contains("start") && names.contains("text")
    }
}

extension String {
    /// Without the leading and trailing characters in `set`.
    func trimmingCharacters(in set: Set<Character>) -> String {
        var trimmed = Substring(self)
        while let first = trimmed.first, set.contains(first) { trimmed.removeFirst() }
        while let last = trimmed.last, set.contains(last) { trimmed.removeLast() }
        return String(trimmed)
    }
}
