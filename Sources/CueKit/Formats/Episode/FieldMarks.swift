import Yams

/// Where the keys of one transcript entry were written, for diagnostics:
/// an entry has a handful of keys, so a short list searched in order costs
/// less than a dictionary that hashes them.
struct FieldMarks {
    private var marks: [(key: String, mark: Mark)] = []

    init() {
        marks.reserveCapacity(4)
    }

    /// Keeps `mark` as where `key` was written, unless one is kept already.
    mutating func record(_ key: String, _ mark: Mark?) {
        guard let mark, self[key] == nil else { return }
        marks.append((key, mark))
    }

    subscript(key: String) -> Mark? {
        marks.first { $0.key == key }?.mark
    }
}
