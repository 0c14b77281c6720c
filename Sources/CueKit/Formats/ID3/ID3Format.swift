/// ID3v2 chapters in an MP3 file: registration, sniffing by the `ID3`
/// magic, and the part of the file the reader reads (the tag alone).
public enum ID3Format {
    public static let format = Format(
        id: .id3,
        name: "ID3v2 chapters (MP3)",
        kind: .chapters,
        extensions: ["mp3"],
        mediaTypes: ["audio/mpeg"],
        reader: ID3Reader(),
        writer: ID3Writer(),
        sniff: { head in ID3TagHeader.startsWithMagic(head) },
        extrasLoss: { extras, target in ID3Extras.lossWarning(extras, target: target) },
        binary: Format.BinaryExtent(headerLength: ID3TagHeader.length) { head in
            max(ID3TagHeader.length, ID3TagHeader.tagLength(atStartOf: head))
        }
    )
}
