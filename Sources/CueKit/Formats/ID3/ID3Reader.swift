/// Reads the chapters of an MP3 file's ID3v2.3 or v2.4 tag: `CHAP` frames
/// with their `TIT2` titles, `WXXX` URLs and `APIC` pictures, ordered by the
/// top-level `CTOC` (see `ID3ChapterList`), and the tag's text frames as
/// metadata (see Formats/id3.md).
///
/// The input is the file's bytes from its start, the tag alone being
/// enough: nothing past the tag's end is read, so a caller hands over the
/// first `ID3TagHeader.tagLength(atStartOf:)` bytes and never the audio.
/// Every error names the byte where it was found (see `ID3Location`).
public struct ID3Reader: FormatReader {
    public init() {}

    /// Text frames read as the model's well-known metadata keys.
    static let metadataKeys: [(frame: String, key: String)] = [
        ("TIT2", "title"), ("TPE1", "author"), ("TALB", "podcastName"),
    ]

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let tag = try ID3Tag(source.bytes, location: ID3Location(name: source.name), diagnostics: &diagnostics)
        let frames = ID3FrameReader(tag: tag)
        var elements: [ID3ChapterElement] = []
        var tocs: [ID3TOCElement] = []
        var timeline = Timeline()
        try frames.walk.walk(tag.storage, tag.frames, region: "the tag", diagnostics: &diagnostics) {
            (frame, diagnostics) throws(Diagnostic) in
            switch frame.id {
            case "CHAP":
                if let chapter = try frames.chapter(frame, diagnostics: &diagnostics) { elements.append(chapter) }
            case "CTOC":
                if let toc = try frames.tableOfContents(frame, diagnostics: &diagnostics) { tocs.append(toc) }
            case "COMM":
                guard timeline.metadata["description"] == nil, let (storage, range) = try frames.content(frame),
                      let text = try comment(storage, range, frames: frames) else { return }
                timeline.metadata["description"] = .string(text)
            case "TLEN":
                guard let (storage, range) = try frames.content(frame) else { return }
                let value = try frames.textValues(storage, range, frame: "TLEN").first ?? ""
                if let milliseconds = Int64(value.trimmingSpaces()), milliseconds >= 0 {
                    timeline.duration = Timestamp(milliseconds: milliseconds)
                } else {
                    diagnostics.report(.warning(
                        "id3.tlen", "expected the length in TLEN as a number of milliseconds, found '\(value.prefix(40))'; ignored",
                        at: tag.location.at(frame.fileOffset), format: .id3))
                }
            case let id where id.hasPrefix("T") && id != "TXXX":
                guard let (storage, range) = try frames.content(frame) else { return }
                let values = try frames.textValues(storage, range, frame: id)
                guard let first = values.first else { return }
                if let key = Self.metadataKeys.first(where: { $0.frame == id })?.key {
                    if timeline.metadata[key] == nil { timeline.metadata[key] = .string(first) }
                } else if timeline.metadata[id] == nil {
                    timeline.metadata[id] = values.count == 1 ? .string(first) : .list(values.map { .string($0) })
                }
            default:
                break
            }
        }
        let list = try ID3ChapterList.make(elements, tocs: tocs, diagnostics: &diagnostics)
        timeline.chapters = list.chapters
        if let top = list.topLevel {
            var fields = Fields([Field(ID3Extras.tocID, .string(top.elementID))])
            if !top.kept.isEmpty { fields.append(ID3Extras.tocSubframes, .list(top.kept)) }
            timeline.extras[.id3] = fields
        }
        try frames.report(&diagnostics)
        return timeline
    }

    /// The text of a `COMM` frame whose short description is empty (the
    /// comment itself; iTunes keeps data in comments it describes), else nil.
    private func comment(_ storage: ID3Bytes, _ range: Range<Int>, frames: ID3FrameReader) throws(Diagnostic) -> String? {
        // Encoding, a three-letter language, a short description, the text.
        guard range.count >= 4, let encoding = ID3TextEncoding(rawValue: storage.bytes[range.lowerBound]) else { return nil }
        let afterLanguage = (range.lowerBound + 4)..<range.upperBound
        guard let end = ID3Text.terminator(in: storage.bytes, afterLanguage, encoding: encoding) else { return nil }
        var problems = ID3Text.Problems()
        let description = ID3Text.decode(storage.bytes[afterLanguage.lowerBound..<end], encoding: encoding, problems: &problems)
        guard description.isEmpty else { return nil }
        let text = (end + encoding.terminatorWidth)..<range.upperBound
        return ID3Text.strings(in: storage.bytes, text, encoding: encoding, problems: &problems).first
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> Substring {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
