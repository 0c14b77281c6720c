/// Picks timelines out of an input that holds several (a feed's items), as
/// `--item` does. The text is, in this order:
/// - a whole number: the 1-based position;
/// - the `guid`, then the `title`, of an item, exactly;
/// - `latest`: the item with the latest `pubDate` (the first in the feed when
///   no item has a date that reads);
/// - a comma-separated list of those numbers, ranges (`5-9`) and `latest`:
///   the items in the order given, each once.
public struct ItemSelector: Hashable, Sendable, CustomStringConvertible {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    public var description: String { text }

    /// The positions in `timelines` this selects, in order; nil when the text
    /// selects nothing there.
    public func indices(in timelines: [Timeline]) -> [Int]? {
        if let number = Int(text), number >= 1, number <= timelines.count { return [number - 1] }
        if let index = timelines.firstIndex(where: { $0.metadata["guid"]?.text == text }) { return [index] }
        if let index = timelines.firstIndex(where: { $0.metadata["title"]?.text == text }) { return [index] }
        var selected: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = part.trimmingCharacters(in: " ")
            // 1-based positions.
            let positions: [Int]
            if part == "latest" {
                guard let latest = Self.latest(in: timelines) else { return nil }
                positions = [latest + 1]
            } else if let number = Int(part) {
                positions = [number]
            } else {
                let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high else { return nil }
                positions = Array(low...high)
            }
            for position in positions {
                guard position >= 1, position <= timelines.count else { return nil }
                if !selected.contains(position - 1) { selected.append(position - 1) }
            }
        }
        return selected.isEmpty ? nil : selected
    }

    /// Whether the item at `position` (0-based), read as `timeline`, may be
    /// selected, known before the other items are read: false only when the
    /// text is neither its guid nor its title and is a list of positions
    /// without it. A reader may keep less of an item that cannot be.
    func mightSelect(position: Int, _ timeline: Timeline) -> Bool {
        if timeline.metadata["guid"]?.text == text || timeline.metadata["title"]?.text == text { return true }
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = part.trimmingCharacters(in: " ")
            if part == "latest" { return true }
            if let number = Int(part) {
                if number == position + 1 { return true }
                continue
            }
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]) else { return false }
            if low...max(low, high) ~= position + 1 { return true }
        }
        return false
    }

    /// The first selected index, for callers that take one.
    func index(in timelines: [Timeline]) -> Int? {
        indices(in: timelines)?.first
    }

    /// The selected timelines; throws a message listing the choices when the
    /// text selects nothing.
    public func select(from timelines: [Timeline], name: String?) throws(Diagnostic) -> [Timeline] {
        if let indices = indices(in: timelines) { return indices.map { timelines[$0] } }
        let listed = timelines.prefix(10).enumerated().map { offset, timeline in
            "\(offset + 1) '\(timeline.metadata["title"]?.text ?? timeline.metadata["guid"]?.text ?? "untitled")'"
        }
        let more = timelines.count > 10 ? ", and \(timelines.count - 10) more" : ""
        let choices = timelines.isEmpty ? "the input holds no items" : "the items are \(listed.joined(separator: ", "))\(more)"
        throw .error(
            "input.no-such-item",
            "expected item numbers from 1 to \(timelines.count) (a list such as 1,3,5-9), latest, a guid or a title, found '\(text)'; \(choices)",
            at: name.map { SourceLocation(file: $0, line: 1, column: 1) }, hint: .item)
    }

    /// The position of the item with the latest date, else the first.
    private static func latest(in timelines: [Timeline]) -> Int? {
        guard !timelines.isEmpty else { return nil }
        let dated = timelines.indices.compactMap { index in
            timelines[index].metadata["pubDate"]?.text.flatMap(RFC822Date.seconds).map { (index, $0) }
        }
        return dated.max { $0.1 < $1.1 }?.0 ?? 0
    }
}

private extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        var text = self
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}
