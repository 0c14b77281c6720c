/// File names for the items of an input that holds several (a feed's
/// episodes), from a template such as `{item}-{slug}`:
///
/// - `{item}`: the 1-based position in the input, zero-padded to the width
///   of the item count (`007` of 120);
/// - `{episode}`, `{season}`: the item's episode and season numbers;
/// - `{slug}`: its title as a file name (`episode-2-chapters-captions`),
///   else its guid's;
/// - `{guid}`: its guid as a file name;
/// - `{date}`: its publication date as `YYYY-MM-DD` (UTC).
///
/// A field the item lacks is left empty, and a name left empty is `item-N`.
/// Names that clash get `-2`, `-3`, … in item order, the same on every run.
package struct ItemNames: Sendable {
    package var template: String

    /// The default template.
    package static let defaultTemplate = "{item}-{slug}"
    /// The fields a template may use.
    package static let fields = ["item", "episode", "season", "slug", "guid", "date"]

    package init(template: String = defaultTemplate) {
        self.template = template
    }

    /// The field a template names that does not exist, if any.
    package var unknownField: String? {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return String(rest[open...]) }
            let field = String(rest[rest.index(after: open)..<close])
            if !Self.fields.contains(field) { return field }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    /// One name per item of `items`, whose positions in the input are
    /// `positions` (0-based; the items selected), of `count` items in all;
    /// with the clashes that were resolved as (name taken, item position).
    package func names(for items: [Timeline], positions: [Int], count: Int) -> (names: [String], clashes: [(name: String, position: Int)]) {
        var taken = Set<String>()
        var names: [String] = []
        var clashes: [(String, Int)] = []
        let width = String(max(count, 1)).count
        for (item, position) in zip(items, positions) {
            let base = render(item, position: position, width: width)
            var name = base
            var counter = 2
            while !taken.insert(name).inserted {
                name = "\(base)-\(counter)"
                counter += 1
            }
            if name != base { clashes.append((base, position)) }
            names.append(name)
        }
        return (names, clashes)
    }

    private func render(_ item: Timeline, position: Int, width: Int) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            out += value(String(rest[rest.index(after: open)..<close]), of: item, position: position, width: width)
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        // A name is one path component: no separators, no leading dot.
        var name = String(out.map { $0 == "/" || $0 == "\0" ? "-" : $0 })
        while name.hasPrefix(".") || name.hasPrefix("-") { name.removeFirst() }
        while name.hasSuffix("-") { name.removeLast() }
        return name.isEmpty ? "item-\(position + 1)" : name
    }

    private func value(_ field: String, of item: Timeline, position: Int, width: Int) -> String {
        func text(_ key: String) -> String? { item.metadata[key]?.text }
        func number(_ key: String, _ nested: String) -> String? {
            if let plain = text(key) { return plain }
            guard case .map(let fields)? = item.metadata[nested] else { return nil }
            return fields["number"]?.text
        }
        switch field {
        case "item":
            let digits = String(position + 1)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        case "episode": return FileNameSlug.make(number("episode", "podcastEpisode")) ?? ""
        case "season": return FileNameSlug.make(number("season", "podcastSeason")) ?? ""
        case "slug": return FileNameSlug.make(text("title")) ?? FileNameSlug.make(text("guid")) ?? ""
        case "guid": return FileNameSlug.make(text("guid")) ?? ""
        case "date": return text("pubDate").flatMap(RFC822Date.seconds).map(Self.day) ?? ""
        default: return ""
        }
    }

    /// `YYYY-MM-DD` of a time in seconds since 1970 (UTC).
    static func day(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        // Civil from days (proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
