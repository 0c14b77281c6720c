/// Picks one timeline out of an input that holds several (a feed's items),
/// as `--item` does: a whole number is a 1-based position when one exists;
/// otherwise the first timeline whose `guid`, then whose `title`, equals the
/// text exactly.
public struct ItemSelector: Hashable, Sendable, CustomStringConvertible {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    public var description: String { text }

    /// The index in `timelines` this selects, or nil.
    public func index(in timelines: [Timeline]) -> Int? {
        if let number = Int(text), number >= 1, number <= timelines.count { return number - 1 }
        if let index = timelines.firstIndex(where: { $0.metadata["guid"]?.text == text }) { return index }
        return timelines.firstIndex { $0.metadata["title"]?.text == text }
    }

    /// The selected timeline; throws a message listing the choices when none
    /// matches.
    public func select(from timelines: [Timeline], name: String?) throws(Diagnostic) -> Timeline {
        if let index = index(in: timelines) { return timelines[index] }
        let listed = timelines.prefix(10).enumerated().map { offset, timeline in
            "\(offset + 1) '\(timeline.metadata["title"]?.text ?? timeline.metadata["guid"]?.text ?? "untitled")'"
        }
        let more = timelines.count > 10 ? ", and \(timelines.count - 10) more" : ""
        let choices = timelines.isEmpty ? "the input holds no items" : "the items are \(listed.joined(separator: ", "))\(more)"
        throw .error(
            "input.no-such-item",
            "expected an item number from 1 to \(timelines.count), a guid or a title, found '\(text)'; \(choices)",
            at: name.map { SourceLocation(file: $0, line: 1, column: 1) }, hint: .item)
    }
}
