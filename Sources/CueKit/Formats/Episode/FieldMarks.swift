/// Where the keys of one transcript entry that diagnostics name (`line`,
/// `header`, `sec`, `time`, `who`) were written: held in place, so that an
/// entry costs no allocation for them.
struct FieldMarks {
    private var line: EpisodeMark?
    private var header: EpisodeMark?
    private var sec: EpisodeMark?
    private var time: EpisodeMark?
    private var who: EpisodeMark?

    init() {}

    /// Keeps `mark` as where `key` was written, unless one is kept already.
    mutating func record(_ key: String, _ mark: EpisodeMark?) {
        guard let mark else { return }
        switch key {
        case "line": if line == nil { line = mark }
        case "header": if header == nil { header = mark }
        case "sec": if sec == nil { sec = mark }
        case "time": if time == nil { time = mark }
        case "who": if who == nil { who = mark }
        default: break
        }
    }

    subscript(key: String) -> EpisodeMark? {
        switch key {
        case "line": line
        case "header": header
        case "sec": sec
        case "time": time
        case "who": who
        default: nil
        }
    }
}
