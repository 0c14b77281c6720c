/// How the ASS writer styles a script it makes: the font, its size and
/// where captions sit. Nil keeps the default: Arial, 1/18 of the script's
/// height (60 at 1080 lines), bottom centre. When the timeline comes from
/// an ASS script whose styles are kept, a value given here replaces that
/// field in every style.
public struct ASSWriteOptions: Hashable, Sendable {
    /// Where captions sit on the video (the style's alignment; a cue's own
    /// position still wins).
    public enum Position: String, Hashable, Sendable, CaseIterable {
        case bottom, middle, top

        /// The numpad alignment: 2, 5 or 8.
        var alignment: Int {
            switch self {
            case .bottom: 2
            case .middle: 5
            case .top: 8
            }
        }
    }

    /// The font family name (`Fontname`).
    public var font: String?
    /// The font size in script pixels (`Fontsize`, of `PlayResY` lines).
    public var fontSize: Int?
    public var position: Position?

    public init(font: String? = nil, fontSize: Int? = nil, position: Position? = nil) {
        self.font = font
        self.fontSize = fontSize
        self.position = position
    }

    /// Whether any value is set.
    var changesStyles: Bool { font != nil || fontSize != nil || position != nil }
}
