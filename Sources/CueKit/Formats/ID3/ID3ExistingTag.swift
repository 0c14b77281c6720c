/// The tag of the media file the writer writes into, taken apart for what
/// the new tag keeps: its version, and every frame but the chapters.
///
/// - `CHAP` and `CTOC` frames are left out: the new chapters replace them.
/// - A frame flagged "discard when the tag is altered" is left out, as
///   the flag asks, with one warning.
/// - Every other frame is kept with its flags and data byte for byte; only
///   its header's size is written again (v2.4 sizes sync-safe, whatever
///   the old tag wrote). The frames of a v2.3 tag that was unsynchronised
///   as a whole are kept resynchronised (the new tag is not); a frame of
///   a v2.4 tag unsynchronised as a whole gets its own flag.
/// - The extended header (its CRC would no longer match) and the padding
///   are left out, the extended header with a warning.
struct ID3ExistingTag {
    var version: UInt8
    /// The frames kept, each with its header.
    var frames: [[UInt8]] = []
    /// The length `TLEN` gives, when it gives one.
    var length: Timestamp?

    /// Reads `media.tag`; throws a located error (in the media file) when
    /// it is not a tag cues can keep the frames of.
    init(_ media: ID3Media, diagnostics: inout Diagnostics) throws(Diagnostic) {
        let location = ID3Location(name: media.name)
        let tag = try ID3Tag(media.tag, location: location, diagnostics: &diagnostics)
        version = tag.version
        let reader = ID3FrameReader(tag: tag)
        var discarded: [String] = []
        var kept: [[UInt8]] = []
        var length: Timestamp?
        let builder = ID3FrameBuilder(version: tag.version)
        try reader.walk.walk(tag.storage, tag.frames, region: "the tag of the media file", diagnostics: &diagnostics) {
            (frame, _) throws(Diagnostic) in
            if frame.id == "CHAP" || frame.id == "CTOC" { return }
            if frame.flags.discardsOnTagAlteration {
                discarded.append(frame.id)
                return
            }
            if frame.id == "TLEN", let (storage, range) = try reader.content(frame),
               let milliseconds = try reader.textValues(storage, range, frame: "TLEN").first.flatMap({ Int64($0) }) {
                length = Timestamp(milliseconds: milliseconds)
            }
            let flags = tag.framesUnsynchronised ? frame.flags.unsynchronised : frame.flags
            kept.append(try builder.frame(frame.id, flags: flags.raw, Array(frame.storage.bytes[frame.body])))
        }
        frames = kept
        self.length = length
        if !discarded.isEmpty {
            diagnostics.report(.warning(
                "id3.frames-discarded",
                "\(discarded.count) frame(s) of the media file's tag ask to be discarded when the tag is changed (\(Set(discarded).sorted().joined(separator: ", "))); left out",
                at: location.at(0), format: .id3))
        }
        if let extended = tag.extendedHeader {
            diagnostics.report(.warning(
                "id3.extended-header-dropped",
                "the media file's tag has an extended header (CRC, restrictions), which would no longer match the tag; left out",
                at: location.at(extended.lowerBound), format: .id3))
        }
    }
}
