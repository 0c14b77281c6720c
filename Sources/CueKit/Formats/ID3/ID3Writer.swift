/// Writes the chapters of a timeline as an ID3v2 tag for an MP3 file (see
/// Formats/id3.md, "Writing"):
///
/// - With `WriteOptions.id3Media`, the tag of that file with its chapters
///   replaced: its other frames kept (see `ID3ExistingTag`), its version
///   (v2.3 or v2.4) kept. The caller writes the returned tag, then the
///   media file's bytes from `ID3Media.tag.count` on, unchanged. The audio
///   after the tag must start with an MPEG audio frame. A file without a
///   tag, or no media file (a tag alone), gets ID3v2.3: every reader reads
///   it, while FFmpeg misreads the sync-safe sizes of v2.4 chapter
///   sub-frames of 128 bytes or more and drops those chapters (warned
///   about when the media's tag is v2.4).
/// - One `CHAP` per chapter with a start, in ascending order of start:
///   element id (the one read from ID3, else `chp0`, `chp1`, …), start and
///   end in milliseconds, byte offsets `$FFFFFFFF` (unused), then `TIT2`
///   (the title), `WXXX` (the url), `APIC` linking the image, and the
///   sub-frames an ID3 source kept.
/// - Ends: a chapter's own, else where the next chapter in the table of
///   contents starts, else the end of the audio: the frame count of its
///   Xing, Info or VBRI header, else the media tag's `TLEN`, else the
///   length of constant-bitrate audio, else the timeline's duration. A
///   chapter with no known end ends where it starts, with a warning.
/// - One top-level, ordered `CTOC` (`toc`) listing the chapters of the
///   table of contents; silent chapters get a `CHAP` the `CTOC` does not
///   list.
/// - Frames in order: the media tag's, the `CTOC`, the `CHAP`s; no
///   padding, no unsynchronisation, no extended header.
public struct ID3Writer: FormatWriter {
    public init() {}

    /// False: the writer places header chapters and fills ends itself.
    public var requiresTimes: Bool { false }

    /// The most entries a `CTOC` counts (one byte).
    static let tableLimit = 255

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let media = options.id3Media
        let existing = try media.flatMap { media throws(Diagnostic) in
            media.tag.isEmpty ? nil : try ID3ExistingTag(media, diagnostics: &diagnostics)
        }
        let builder = ID3FrameBuilder(version: existing?.version ?? 3)
        let audioEnd = try media.flatMap { media throws(Diagnostic) in
            try Self.audioEnd(media, tagLength: existing?.length, diagnostics: &diagnostics)
        }
        var timed = timeline
        timed.duration = audioEnd ?? timeline.duration
        let chapters = try ID3WrittenChapters(timed, audioEnd: audioEnd, diagnostics: &diagnostics)

        var body: [UInt8] = existing.map { Array($0.frames.joined()) } ?? []
        let visible = chapters.chapters.indices.filter { chapters.chapters[$0].isInTableOfContents }
        if !visible.isEmpty {
            var data = ID3FrameBuilder.elementID(chapters.tocID) + [0x03, UInt8(visible.count)]
            for index in visible { data += ID3FrameBuilder.elementID(chapters.ids[index]) }
            data += try builder.keptFrames(ID3Extras.list(timeline.extras[.id3], ID3Extras.tocSubframes))
            body += try builder.frame("CTOC", data)
        }
        var long = 0
        for (chapter, id) in zip(chapters.chapters, chapters.ids) {
            let (data, isLong) = try chapterData(chapter, id: id, builder: builder)
            body += try builder.frame("CHAP", data)
            if isLong { long += 1 }
        }
        if builder.version == 4 && long > 0 {
            diagnostics.report(.warning(
                "id3.ffmpeg-long-subframes",
                "\(long) chapter(s) have a title, URL or picture of 128 bytes or more, whose ID3v2.4 size FFmpeg reads wrongly: FFmpeg and the players built on it leave these chapters out (the media file's tag is v2.4, which cues keeps)",
                format: .id3))
        }
        guard body.count <= ID3Integer.syncSafeLimit else {
            throw .error(
                "id3.too-large", "expected a tag of at most \(ID3Integer.syncSafeLimit) bytes, found \(body.count) bytes of frames",
                format: .id3)
        }
        if !timeline.metadata.isEmpty {
            let keys = timeline.metadata.map(\.key)
            diagnostics.report(.note(
                "id3.metadata-not-written",
                "cues writes an ID3 tag's chapters only (the media file's other frames are kept as they are); \(keys.count) metadata field(s) not written: \(MetadataList.describe(keys))",
                format: .id3))
        }
        let header: [UInt8] = [0x49, 0x44, 0x33, builder.version, 0, 0] + ID3Integer.syncSafeBytes(body.count)
        return header + body
    }

    /// A `CHAP` frame's data, and whether a sub-frame holds 128 bytes or
    /// more (whose sync-safe v2.4 size FFmpeg misreads).
    private func chapterData(_ chapter: Chapter, id: String, builder: ID3FrameBuilder) throws(Diagnostic) -> (data: [UInt8], long: Bool) {
        var data = ID3FrameBuilder.elementID(id)
        data += ID3Integer.plainBytes(Int(chapter.start!.milliseconds))
        data += ID3Integer.plainBytes(Int(chapter.end!.milliseconds))
        data += [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        var subframes: [[UInt8]] = []
        if let title = chapter.title { subframes.append(try builder.textFrame("TIT2", title)) }
        if let url = chapter.url { subframes.append(try builder.urlFrame(url)) }
        if let image = chapter.image { subframes.append(try builder.pictureLinkFrame(image)) }
        let kept = chapter.extras[.id3]
        for value in ID3Extras.list(kept, ID3Extras.subframes) + ID3Extras.list(kept, ID3Extras.pictures) {
            guard let (id, bytes) = ID3Extras.decoded(value) else { continue }
            subframes.append(try builder.frame(id, bytes))
        }
        for subframe in subframes { data += subframe }
        return (data, subframes.contains { $0.count - ID3TagHeader.length >= 0x80 })
    }

    /// The end of the media's audio, when it can be told; throws when what
    /// follows the tag is not MPEG audio.
    private static func audioEnd(
        _ media: ID3Media, tagLength: Timestamp?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timestamp? {
        let location = ID3Location(name: media.name).at(media.tag.count)
        if media.audioHead.isEmpty {
            diagnostics.report(.warning(
                "id3.no-audio", "expected MPEG audio after the tag of the media file, found the end of the file; wrote the tag alone",
                at: location, format: .id3))
            return tagLength
        }
        guard MPEGAudio.firstFrame(in: media.audioHead) != nil else {
            throw .error(
                "id3.not-mpeg",
                "expected MPEG audio (a frame header such as FF FB) after the tag of the media file, found \(ID3FrameWalk.describe(media.audioHead.prefix(4))): ID3 chapters go into MP3 files",
                at: location, format: .id3)
        }
        guard let found = MPEGAudio.duration(head: media.audioHead, audioLength: media.audioLength) else { return tagLength }
        return found.exact ? found.time : tagLength ?? found.time
    }
}
