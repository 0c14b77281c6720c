/// Names of the LRC extras kept on a timeline so that LRC to LRC loses
/// nothing, and the warning given when another format drops them.
enum LRCExtras {
    /// Tag lines kept as written, in order: ID tags the model has no field
    /// for (`[id:…]`, `[la:…]`, a tag with an empty value), tags whose value
    /// could not be read (`[length:How long]`, a non-numeric `[offset:]`),
    /// and other bracketed lines such as `[COLOUR]0xFF66FF`.
    static let tags = "tags"

    /// A warning that writing a timeline with `extras` as `target` drops
    /// LRC tag lines, or nil when nothing is dropped.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .lrc, case .list(let lines)? = extras.timeline[.lrc]?[tags], !lines.isEmpty else { return nil }
        let first = lines.first?.text ?? ""
        return .warning(
            "lrc.lossy-elsewhere",
            "\(lines.count) LRC tag line(s) the timeline has no field for (such as '\(first)'), which \(target) cannot hold; written without them",
            format: .lrc)
    }
}
