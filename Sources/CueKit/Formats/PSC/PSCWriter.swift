/// Writes a Podlove Simple Chapters file: `<psc:chapters version="1.2">`
/// declaring the namespace, one `<psc:chapter>` per chapter in start order,
/// times as `HH:MM:SS.mmm`. Cues and metadata have no place in it and are
/// reported.
public struct PSCWriter: FormatWriter {
    public init() {}

    /// Chapter starts come from `WritableChapters` (a chapter placed by a
    /// header gets its line's), not from the converter.
    public var requiresTimes: Bool { false }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        var xml = XMLWriter(options: options, capacity: 256 + timeline.chapters.count * 120)
        let version = timeline.extras[.psc]?[PSCChapters.versionKey]?.text
        let chapters = WritableChapters(timeline, fillEnds: false, diagnostics: &diagnostics).chapters
        let losses = PSCChapters.write(chapters, version: version, declaresNamespace: true, to: &xml)
        PSCChapters.report(losses, diagnostics: &diagnostics)
        if timeline.chapters.isEmpty {
            diagnostics.report(.warning(
                "psc.no-chapters",
                "the timeline has no chapters; wrote an empty <psc:chapters>, which the specification does not allow"))
        }
        if xml.removedCharacters > 0 {
            diagnostics.report(.warning(
                "xml.invalid-character",
                "\(xml.removedCharacters) character(s) that XML 1.0 does not allow (control characters) were left out"))
        }
        return xml.finish()
    }
}
