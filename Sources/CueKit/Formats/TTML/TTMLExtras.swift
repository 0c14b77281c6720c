/// Names of the TTML data kept in `extras[.ttml]` so that TTML to TTML
/// keeps what the model does not hold, and the warning given when another
/// format drops it.
enum TTMLExtras {
    // Timeline level.

    /// The `<style>` elements of `head/styling`, in order, each a map:
    /// `xml:id`, `style` (references) when it has any, then its `tts:`
    /// properties. Styles made for spans' inline properties
    /// (`cues-inline-N`) come last.
    static let styles = "styles"
    /// The `<region>` elements of `head/layout`, each a map: `xml:id`,
    /// `style` when it has references, then its `tts:` properties (nested
    /// `<style>` children merged in). Their times are applied to the cues.
    /// Always present after a read: an empty list when the document
    /// declares no region.
    static let regions = "regions"
    /// The `tts:` attributes and `ttp:cellResolution`,
    /// `ttp:pixelAspectRatio` of `tt`.
    static let root = "root"

    // Cue level.

    /// The id of the region the `p` is shown in (its own or inherited).
    static let region = "region"
    /// The style ids the `p` and its ancestors reference, in order.
    static let style = "style"
    /// The `p`'s and its ancestors' inline `tts:` properties, but those
    /// mapped to spans, as a map.
    static let attributes = "attributes"

    /// A warning that writing a timeline with `extras` as `target` drops
    /// TTML styles and regions, or nil when there are none.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .ttml else { return nil }
        var parts: [String] = []
        let file = extras.timeline[.ttml]
        if case .list(let items)? = file?[styles], !items.isEmpty { parts.append("\(items.count) style(s)") }
        if case .list(let items)? = file?[regions], !items.isEmpty { parts.append("\(items.count) region(s)") }
        let styled = max(extras.cues(with: style, of: .ttml).elements, extras.cues(with: attributes, of: .ttml).elements)
        if styled > 0 { parts.append("the styling of \(styled) cue(s)") }
        guard !parts.isEmpty else { return nil }
        return .warning(
            "ttml.lossy-elsewhere",
            "\(parts.joined(separator: ", ")) from the TTML document (colours, fonts, positions beyond what cue settings hold), which \(target) cannot hold; written without them",
            format: .ttml)
    }
}
