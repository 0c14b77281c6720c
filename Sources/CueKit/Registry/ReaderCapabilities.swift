/// What a reader or writer can do beyond `FormatReader` and `FormatWriter`,
/// found by comparing its type with the library's own types instead of by
/// a cast to a protocol.
///
/// `reader as? any CueStreamReader` asks the Swift runtime whether the type
/// conforms, and its first answer for each type scans every conformance
/// record of the binary (some 420,000 instructions in the `cues` tool,
/// where a whole 100-cue conversion takes a few million). `CueStreamReader`,
/// `CueStreamWriter` and `InPlaceReader` are the library's own protocols, so
/// every type that conforms is declared here, in CueKit: the lists below are
/// all of them, and `ReaderCapabilitiesTests` checks them against the casts
/// for every format of the standard registry.
enum ReaderCapabilities {
    /// `reader` as a reader that streams cues, or nil.
    static func cueStream(_ reader: (any FormatReader)?) -> (any CueStreamReader)? {
        guard let reader else { return nil }
        if let srt = reader as? SRTReader { return srt }
        if let vtt = reader as? VTTReader { return vtt }
        return nil
    }

    /// `writer` as a writer that writes cue by cue, or nil.
    static func cueStream(_ writer: (any FormatWriter)?) -> (any CueStreamWriter)? {
        guard let writer else { return nil }
        if let vtt = writer as? VTTWriter { return vtt }
        if let srt = writer as? SRTWriter { return srt }
        if let ass = writer as? ASSWriter { return ass }
        return nil
    }

    /// Whether `reader` reads its input where the bytes are (`InPlaceReader`).
    static func readsInPlace(_ reader: (any FormatReader)?) -> Bool {
        guard let reader else { return false }
        let type = ObjectIdentifier(Swift.type(of: reader))
        return type == ObjectIdentifier(EpisodeReader.self) || type == ObjectIdentifier(ASSReader.self)
            || type == ObjectIdentifier(LRCReader.self) || type == ObjectIdentifier(SBVReader.self)
            || type == ObjectIdentifier(RSSReader.self)
    }
}
