/// The order of chapters read from a file: chapter lists are meant to be in
/// ascending order of start time; readers sort them and say so.
enum ChapterOrder {
    /// Sorts chapters by start, stably; a chapter without a start stays after
    /// the chapter before it. Out-of-order input is one repair warning at the
    /// first chapter that goes backwards.
    static func sortByStart(_ chapters: inout [Chapter], format: FormatID, diagnostics: inout Diagnostics) throws(Diagnostic) {
        var keys: [Int64] = []
        keys.reserveCapacity(chapters.count)
        var latest = Int64.min
        var backwards = 0
        var first: (index: Int, latest: Int64)?
        for (index, chapter) in chapters.enumerated() {
            let key = chapter.start?.milliseconds ?? keys.last ?? .min
            if let start = chapter.start?.milliseconds, start < latest {
                backwards += 1
                if first == nil { first = (index, latest) }
            }
            latest = max(latest, key)
            keys.append(key)
        }
        guard let first else { return }
        let time = chapters[first.index].start!
        try diagnostics.repair(.warning(
            "\(format.rawValue).out-of-order",
            "expected chapters in ascending order of start time, found \(backwards) that start before a chapter above them, first this one at \(ClockFormat.string(time, style: .clock)) after \(ClockFormat.string(Timestamp(milliseconds: first.latest), style: .clock)); sorted by start time",
            at: chapters[first.index].location, format: format))
        let order = chapters.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        chapters = order.map { chapters[$0] }
    }
}
