/// What a written format keeps of a timeline's cues and chapters, decided in
/// one place for every writer:
///
/// - a format that would keep nothing of what the timeline holds (captions
///   from a chapters file, chapters from captions) is an error that names the
///   formats that hold it;
/// - a format that drops one kind (the chapters of an episode written as
///   SRT, its lines written as JSON chapters) gives one warning, unless
///   another output of the same conversion holds that kind.
struct ContentCheck {
    let registry: FormatRegistry

    /// Throws when `format` would keep nothing of `timeline`; a warning when it
    /// drops a kind no format of `others` holds; nil when nothing is lost.
    func check(_ timeline: Timeline, as format: FormatID, others: [FormatID]) throws(Diagnostic) -> Diagnostic? {
        guard let target = registry[format] else { return nil }
        let held = held(by: timeline)
        let kept = held.intersection(target.contents)
        let dropped = held.subtracting(target.contents)
        guard !dropped.isEmpty else { return nil }
        if kept.isEmpty {
            let wanted = target.contents.contains(.cues) ? "cues" : "chapters"
            throw .error(
                "convert.nothing-kept",
                "expected \(wanted) to write as \(target.name), found only \(describe(timeline, dropped)); \(whereTo(dropped))",
                format: format)
        }
        let elsewhere = others.compactMap { registry[$0]?.contents }.reduce(Format.Contents()) { $0.union($1) }
        guard !dropped.isSubset(of: elsewhere) else { return nil }
        return .warning(
            dropped.contains(.cues) ? "convert.cues-dropped" : "convert.chapters-dropped",
            "\(describe(timeline, dropped)) have no place in \(target.name) and were not written; \(whereTo(dropped))",
            format: format)
    }

    private func held(by timeline: Timeline) -> Format.Contents {
        var held = Format.Contents()
        if !timeline.cues.isEmpty { held.insert(.cues) }
        if !timeline.chapters.isEmpty { held.insert(.chapters) }
        return held
    }

    private func describe(_ timeline: Timeline, _ contents: Format.Contents) -> String {
        contents.contains(.cues) ? "\(timeline.cues.count) cue(s)" : "\(timeline.chapters.count) chapter(s)"
    }

    /// "chapters are written by chapters, ffmetadata, ..." for `contents`.
    private func whereTo(_ contents: Format.Contents) -> String {
        let kind: Format.Kind = contents.contains(.cues) ? .captions : .chapters
        let ids = registry.formats.filter { format in
            format.writer != nil && (format.kind == kind || (kind == .captions && format.kind == .transcript))
        }.map(\.id.rawValue)
        return "\(contents.contains(.cues) ? "cues" : "chapters") are written by \(ids.joined(separator: ", "))"
    }
}
