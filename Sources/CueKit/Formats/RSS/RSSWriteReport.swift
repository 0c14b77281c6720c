/// What the writer left out or changed, reported once per feed.
struct RSSWriteReport {
    var chapterLosses = PSCChapters.Losses()
    /// What `WritableChapters` said of each item's chapters.
    var chapterDiagnostics = Diagnostics()
    var roundedDurations = 0
    var unlinkedTranscripts = 0
    var linkedChapters = 0
    var linkedTranscripts = 0
    var unwritableElements = 0
    var removedCharacters = 0
    var droppedKeys = Set<String>()

    func emit(into diagnostics: inout Diagnostics, baseURL: String?) {
        diagnostics.append(contentsOf: chapterDiagnostics.items)
        PSCChapters.report(chapterLosses, diagnostics: &diagnostics)
        if roundedDurations > 0 {
            diagnostics.report(.warning(
                "rss.duration-rounded",
                "itunes:duration is written in whole seconds; \(roundedDurations) duration(s) were rounded"))
        }
        if unlinkedTranscripts > 0 {
            diagnostics.report(.warning(
                "rss.transcript-not-written",
                "a feed does not hold transcript lines; \(unlinkedTranscripts) item(s) have some, left out (with a base URL, each item links a <stem>.vtt transcript file)",
                hint: .baseURL))
        }
        if let baseURL, linkedChapters + linkedTranscripts > 0 {
            diagnostics.report(.note(
                "rss.sibling-links",
                "linked \(linkedChapters) chapters file(s) (<stem>.\(RSSSiblingFiles.chaptersExtension)) and \(linkedTranscripts) transcript file(s) (<stem>.\(RSSSiblingFiles.transcriptExtension)) under \(baseURL); they must be published there"))
        }
        if unwritableElements > 0 {
            diagnostics.report(.warning(
                "rss.element-dropped",
                "\(unwritableElements) kept element(s) or attribute(s) use a prefix bound to no namespace and cannot be written as XML; left out"))
        }
        if removedCharacters > 0 {
            diagnostics.report(.warning(
                "xml.invalid-character",
                "\(removedCharacters) character(s) that XML 1.0 does not allow (control characters) were left out"))
        }
        if !droppedKeys.isEmpty {
            diagnostics.report(.warning(
                "rss.metadata-dropped",
                "an RSS item has no place for the metadata \(droppedKeys.sorted().map { "'\($0)'" }.joined(separator: ", ")); left out"))
        }
    }
}
