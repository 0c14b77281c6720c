/// A page to check captions by looking at them: one HTML file that plays
/// the captions over the media (or over a silent timeline as long as they
/// are, when there is none), lists them beside the player with the one
/// showing highlighted, marks each caption that breaks a limit of `style`
/// with the limit and its value, and lists the chapters, each a button that
/// seeks the player to its start.
///
/// The captions are given as the WebVTT a conversion wrote, and the page
/// carries exactly those bytes as its `<track>`; the list, the marks and the
/// timeline are made from the same bytes read back, so what is listed is
/// what the browser plays. Nothing is fetched but the media.
package struct CaptionPreview: Sendable {
    /// The captions as WebVTT (as the `vtt` writer writes them).
    package var captions: [UInt8]
    /// The chapters as a WebVTT chapters track (`vtt-chapters`), or nil.
    package var chapters: [UInt8]?
    /// The limits each caption is checked against (see `CaptionLint`).
    package var style: CaptionStyle
    /// The media the player plays, a URL relative to the page or absolute;
    /// nil plays silence as long as the captions and chapters.
    package var mediaURL: String?
    /// What the page is titled with, such as the input's file name.
    package var title: String

    package init(captions: [UInt8], chapters: [UInt8]? = nil, style: CaptionStyle, mediaURL: String? = nil, title: String) {
        self.captions = captions
        self.chapters = chapters
        self.style = style
        self.mediaURL = mediaURL
        self.title = title
    }

    /// A written page.
    package struct Page: Sendable {
        /// The page (UTF-8).
        package var bytes: [UInt8]
        /// How many captions it lists.
        package var captionCount: Int
        /// How many of them break a limit.
        package var flaggedCount: Int
    }

    /// The page. Throws when the captions or chapters are not WebVTT.
    package func page() throws(Diagnostic) -> Page {
        let captionTimeline = try Self.read(captions, as: .vtt, name: "captions")
        let chapterTimeline = try chapters.map { (bytes) throws(Diagnostic) in try Self.read(bytes, as: .vttChapters, name: "chapters") }
        let findings = CaptionLint(style: style).findings(captionTimeline)
        var page = CaptionPreviewPage(
            preview: self, cues: captionTimeline.cues, chapters: chapterTimeline?.chapters ?? [], findings: findings)
        page.writeDocument()
        return Page(bytes: page.out.bytes, captionCount: captionTimeline.cues.count, flaggedCount: Set(findings.map(\.cueIndex)).count)
    }

    /// `bytes` read as `format` by the standard registry's reader.
    private static func read(_ bytes: [UInt8], as format: FormatID, name: String) throws(Diagnostic) -> Timeline {
        guard let reader = FormatRegistry.standard[format]?.reader else {
            throw .error("preview.no-reader", "expected a reader for \(format), found none", format: format)
        }
        var diagnostics = Diagnostics()
        return try reader.read(SourceText(bytes: bytes, name: name), options: ReadOptions(), diagnostics: &diagnostics)
    }
}
