/// The formats cues knows, and how an input's format is chosen: an explicit
/// id, else content sniffing, else the file extension.
public struct FormatRegistry: Sendable {
    public private(set) var formats: [Format]

    public init(_ formats: [Format]) {
        self.formats = formats
    }

    /// Every built-in format.
    public static let standard = FormatRegistry([
        EpisodeFormat.format,
        TimelineFormat.format,
        VTTFormat.format,
        VTTChaptersFormat.format,
        SRTFormat.format,
        ChaptersFormat.format,
        // Before the JSON transcript, whose sniffer takes any "segments"
        // array it cannot see the end of.
        WhisperFormat.format,
        TranscriptFormat.format,
        YouTubeChaptersFormat.format,
        FFMetadataFormat.format,
        RSSFormat.format,
        PSCFormat.format,
        SBVFormat.format,
        LRCFormat.format,
        AudacityFormat.format,
        MatroskaChaptersFormat.format,
        OGMChaptersFormat.format,
        MP4ChapsFormat.format,
        TTMLFormat.format,
        ASSFormat.format,
        ID3Format.format,
        HTMLFormat.format,
    ])

    public subscript(id: FormatID) -> Format? {
        formats.firstIndex { $0.id == id }.map { formats[$0] }
    }

    /// The format whose extension ends `fileName` (longest match wins, so
    /// `x.timeline.json` is `timeline`, not plain JSON).
    public func format(forFileName fileName: String) -> Format? {
        // By index, and `ext` before `"." + ext`: a batch asks this several
        // times per file, and copying each format or making each string
        // cost more than the conversion of a short file.
        let lowered = fileName.lowercased()
        var best: (index: Int, length: Int)?
        for index in formats.indices {
            for ext in formats[index].extensions where lowered.hasSuffix(ext) && lowered.hasSuffix("." + ext) {
                if best == nil || ext.count > best!.length { best = (index, ext.count) }
            }
        }
        return best.map { formats[$0.index] }
    }

    /// The formats that declare `mediaType` (compared without parameters
    /// such as `; charset=utf-8`, ignoring case), in registry order.
    public func formats(forMediaType mediaType: String) -> [Format] {
        let wanted = mediaType.split(separator: ";").first.map { String($0).lowercased().filter { $0 != " " } } ?? ""
        return formats.filter { $0.mediaTypes.contains { $0.lowercased() == wanted } }
    }

    /// The first text format whose sniffer recognises `bytes` (UTF-8 text).
    public func sniff(_ bytes: [UInt8]) -> Format? {
        let head = bytes.prefix(4096)
        let sniffed = formats.indices.first {
            formats[$0].reader != nil && formats[$0].binary == nil && (formats[$0].sniff?(head) ?? false)
        }
        return sniffed.map { formats[$0] }
    }

    /// The binary format to read a file as, before any text decoding:
    /// `explicit` when it is one; without it, the first binary format whose
    /// sniffer recognises `head` (the file's first bytes as they are), else
    /// the binary format the name's extension gives (a file named `.mp3`
    /// is read as ID3 chapters whatever it holds). Nil: a text format.
    package func binaryFormat(explicit: FormatID?, head: ArraySlice<UInt8>, fileName: String?) -> Format? {
        if let explicit {
            guard let format = self[explicit], format.reader != nil, format.binary != nil else { return nil }
            return format
        }
        let sniffed = formats.indices.first {
            formats[$0].reader != nil && formats[$0].binary != nil && (formats[$0].sniff?(head.prefix(4096)) ?? false)
        }
        if let sniffed { return formats[sniffed] }
        guard let fileName, let named = format(forFileName: fileName), named.binary != nil, named.reader != nil else { return nil }
        return named
    }

    /// The format to read an input with: `explicit`, else sniffed, else by
    /// extension. Throws a located error naming the choices when none fits.
    public func inputFormat(
        explicit: FormatID?, bytes: [UInt8], fileName: String?
    ) throws(Diagnostic) -> Format {
        if let explicit {
            guard let format = self[explicit], format.reader != nil else {
                throw Diagnostic.error(
                    "format.unknown-input",
                    "cannot read format '\(explicit)'; expected one of \(readableIDs.joined(separator: ", "))")
            }
            return format
        }
        if let format = sniff(bytes) {
            // A format whose content looks the same but whose name is more
            // specific (a `.chapters.vtt` file) is chosen by its name.
            if let fileName, let named = self.format(forFileName: fileName), named.id != format.id,
               named.reader != nil, named.sniff?(bytes.prefix(4096)) == true {
                return named
            }
            return format
        }
        if let fileName, let format = format(forFileName: fileName), format.reader != nil { return format }
        throw Diagnostic.error(
            "format.unrecognised",
            "cannot tell the input's format from its content or name; it can be read as \(readableIDs.joined(separator: ", "))",
            at: fileName.map { SourceLocation(file: $0, line: 1, column: 1) }, hint: .inputFormat(nil))
    }

    /// The ids of formats with a reader.
    public var readableIDs: [String] { formats.filter { $0.reader != nil }.map(\.id.rawValue) }
    /// The ids of formats with a writer.
    public var writableIDs: [String] { formats.filter { $0.writer != nil }.map(\.id.rawValue) }
}
