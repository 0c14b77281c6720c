/// A WebVTT region as a REGION block defines it ("collect WebVTT region
/// settings"): the reader keeps the block's text for a round trip, and this
/// type reads its settings with the spec's defaults and validation.
public struct WebVTTRegion: Hashable, Sendable {
    public var id: String = ""
    /// Width in percent of the video.
    public var width: Double = 100
    /// Height in lines (the spec allows any non-negative integer).
    public var lines: Double = 3
    /// The point of the region anchored to the viewport, in percent.
    public var regionAnchorX: Double = 0
    public var regionAnchorY: Double = 100
    /// The point of the viewport the region is anchored to, in percent.
    public var viewportAnchorX: Double = 0
    public var viewportAnchorY: Double = 100
    /// Whether cues scroll up (`scroll:up`).
    public var scrollsUp = false

    /// A region with the spec's defaults.
    public init() {}

    /// The region a REGION block's text defines (the first line, `REGION`,
    /// is skipped); invalid settings keep their defaults, as the spec says.
    public init(block: String) {
        var lines = block.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if !lines.isEmpty { lines.removeFirst() }
        let settings = lines.first.map(String.init) ?? ""
        for token in settings.split(whereSeparator: { WebVTTRegion.isASCIIWhitespace($0) }) {
            guard let colon = token.firstIndex(of: ":"), colon != token.startIndex,
                  token.index(after: colon) != token.endIndex else { continue }
            let name = token[..<colon]
            let value = token[token.index(after: colon)...]
            switch name {
            case "id":
                id = String(value)
            case "width":
                if let percentage = WebVTTPercentage.parse(value) { width = percentage }
            case "lines":
                if value.utf8.allSatisfy({ $0 &- 0x30 < 10 }), let number = Double(value) { self.lines = number }
            case "regionanchor":
                if let (x, y) = Self.anchor(value) { (regionAnchorX, regionAnchorY) = (x, y) }
            case "viewportanchor":
                if let (x, y) = Self.anchor(value) { (viewportAnchorX, viewportAnchorY) = (x, y) }
            case "scroll":
                if value == "up" { scrollsUp = true }
            default:
                continue
            }
        }
    }

    /// `x%,y%` as two percentages.
    private static func anchor(_ value: Substring) -> (Double, Double)? {
        guard let comma = value.firstIndex(of: ",") else { return nil }
        guard let x = WebVTTPercentage.parse(value[..<comma]),
              let y = WebVTTPercentage.parse(value[value.index(after: comma)...]) else { return nil }
        return (x, y)
    }

    static func isASCIIWhitespace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\u{0C}" || character == "\r"
    }
}
