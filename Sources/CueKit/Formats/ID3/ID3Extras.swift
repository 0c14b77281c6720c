/// What an ID3 source keeps in the `id3` extras for writing ID3 again.
///
/// Per chapter: `elementID` (the `CHAP` element id), `pictures` (embedded
/// `APIC` sub-frames) and `subframes` (the other sub-frames cues does not
/// map, such as `TIT3`), each a list of maps `id` (the frame id) and
/// `data` (the frame's data in Base64). Per timeline: `tocID` and
/// `tocSubframes` of the top-level `CTOC`.
enum ID3Extras {
    static let elementID = "elementID"
    static let pictures = "pictures"
    static let subframes = "subframes"
    static let tocID = "tocID"
    static let tocSubframes = "tocSubframes"

    /// A sub-frame kept whole.
    static func subframe(_ id: String, _ data: ArraySlice<UInt8>) -> FieldValue {
        .map([Field("id", .string(id)), Field("data", .string(Base64.encodedString(Array(data))))])
    }

    /// The frame id and data of a kept sub-frame; nil when the value is not
    /// one (a timeline edited by hand).
    static func decoded(_ value: FieldValue) -> (id: String, data: [UInt8])? {
        guard case .map(let fields) = value, let id = fields["id"]?.text,
              ID3Frame.isFrameID(ArraySlice(id.utf8)), let data = fields["data"]?.text.flatMap(Base64.decode) else { return nil }
        return (id, data)
    }

    /// The kept sub-frames of `fields` under `key`.
    static func list(_ fields: Fields?, _ key: String) -> [FieldValue] {
        guard case .list(let values)? = fields?[key] else { return [] }
        return values
    }

    /// A warning that writing chapters with ID3 extras as `target` drops
    /// their embedded pictures, a note for the other sub-frames.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .id3 else { return nil }
        let pictures = extras.chapters(with: pictures, of: .id3)
        if pictures.items > 0 {
            return .warning(
                "id3.pictures-elsewhere",
                "\(pictures.items) picture(s) embedded in \(pictures.elements) chapter(s) of the ID3 tag have no place in \(target), which takes picture URLs only; not written",
                format: .id3)
        }
        let others = extras.chapters(with: subframes, of: .id3)
        guard others.items > 0 else { return nil }
        return .note(
            "id3.subframes-elsewhere",
            "\(others.items) ID3 sub-frame(s) of \(others.elements) chapter(s) (such as TIT3 descriptions) have no place in \(target); not written",
            format: .id3)
    }
}
