/// One entry of `quotableClips`: a named, timed excerpt.
struct QuotableClip {
    var name: String
    var start: Timestamp
    var end: Timestamp?
    var url: String?

    init?(_ value: FieldValue) {
        guard case .map(let fields) = value, let name = fields["name"]?.text,
              let startText = fields["startOffset"]?.text, let start = EpisodeTime.parseSeconds(startText) else { return nil }
        self.name = name
        self.start = start
        self.end = fields["endOffset"]?.text.flatMap(EpisodeTime.parseSeconds)
        self.url = fields["url"]?.text
    }

    var chapter: Chapter {
        Chapter(start: start, end: end, title: name, url: url)
    }
}
