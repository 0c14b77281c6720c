extension RSSFeedWalker {
    /// Reads the chapters and transcript files the item links to when they
    /// are beside the feed; what is said of them is located at the item
    /// (`location`).
    func resolve(
        _ timeline: inout Timeline, at location: SourceLocation, with references: FeedReferences,
        diagnostics: inout Diagnostics
    ) throws(Diagnostic) {
        if case .map(let link)? = timeline.metadata[RSSMetadata.podcastChapters], let url = link["url"]?.text,
           let found = try references.read(
               url: url, type: link["type"]?.text, kind: .chapters, at: location, options: options, diagnostics: &diagnostics) {
            if timeline.chapters.isEmpty {
                timeline.chapters = found.timeline.chapters
                diagnostics.report(.note(
                    "rss.chapters-file-read",
                    "read \(found.timeline.chapters.count) chapter(s) from '\(found.path)', linked by podcast:chapters",
                    at: location))
            } else {
                diagnostics.report(.note(
                    "rss.chapters-file-unused",
                    "the item has inline psc:chapters; the chapters in '\(found.path)' (podcast:chapters) were read but not used",
                    at: location))
            }
        }
        for link in FeedReferences.transcriptLinks(of: timeline, preferring: options.transcriptTypes) {
            guard let url = link["url"]?.text,
                  let found = try references.read(
                      url: url, type: link["type"]?.text, kind: .transcript, at: location, options: options,
                      diagnostics: &diagnostics)
            else { continue }
            timeline.cues = found.timeline.cues
            diagnostics.report(.note(
                "rss.transcript-file-read",
                "read \(found.timeline.cues.count) transcript line(s) from '\(found.path)', linked by podcast:transcript",
                at: location))
            break
        }
    }
}
