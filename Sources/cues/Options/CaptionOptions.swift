import CueKit

/// How transcript lines become captions.
struct CaptionOptions {
    static let segment = OptionSpec.option(
        "segment", valueName: "mode", default: "auto", completion: .list(["auto", "always", "never"]),
        help: "When to cut lines into captions: auto (a transcript written as captions), always, never.")
    static let options = [segment] + CaptionLimitOptions.options

    var segmentation: Converter.Segmentation
    var style: CaptionStyle

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let segment = arguments.string(Self.segment)
        guard let segmentation = Converter.Segmentation(rawValue: segment) else {
            throw UsageError("--segment expects auto, always or never, found '\(segment)'")
        }
        self.segmentation = segmentation
        style = try CaptionLimitOptions(arguments).style()
    }
}

/// The caption limits: a preset, and limits that override it. `convert`
/// cuts captions to them, `check --captions` checks captions against them.
struct CaptionLimitOptions {
    static let preset = OptionSpec.option(
        "preset", valueName: "name", default: "youtube", completion: .list(CaptionStyle.presets.map(\.name)),
        help: "Caption limits preset: youtube (2 lines of 42, 5/6 to 7 s, 20 cps), netflix (the same, 2-frame gaps), podcast-srt (32 per line).")
    static let maxChars = OptionSpec.option("max-chars", valueName: "n", help: "Characters per caption line.")
    static let maxLines = OptionSpec.option("max-lines", valueName: "n", help: "Lines per caption.")
    static let minDuration = OptionSpec.option("min-duration", valueName: "seconds", help: "Shortest time on screen, in seconds.")
    static let maxDuration = OptionSpec.option("max-duration", valueName: "seconds", help: "Longest time on screen, in seconds.")
    static let maxCPS = OptionSpec.option("max-cps", valueName: "n", help: "Highest reading speed, in characters per second.")
    static let options = [preset, maxChars, maxLines, minDuration, maxDuration, maxCPS]

    var preset: CaptionStyle
    var maxChars: Int?
    var maxLines: Int?
    var minDuration: Double?
    var maxDuration: Double?
    var maxCPS: Double?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let name = arguments.string(Self.preset)
        guard let preset = CaptionStyle.presets.first(where: { $0.name == name })?.style else {
            throw UsageError("--preset expects \(CaptionStyle.presets.map(\.name).joined(separator: ", ")), found '\(name)'")
        }
        self.preset = preset
        maxChars = try arguments.integer(Self.maxChars)
        maxLines = try arguments.integer(Self.maxLines)
        minDuration = try arguments.number(Self.minDuration)
        maxDuration = try arguments.number(Self.maxDuration)
        maxCPS = try arguments.number(Self.maxCPS)
        try Self.check(maxChars.map(Double.init), Self.maxChars, within: 1...10_000, in: arguments)
        try Self.check(maxLines.map(Double.init), Self.maxLines, within: 1...100, in: arguments)
        try Self.check(minDuration, Self.minDuration, within: 0...1_000_000, in: arguments)
        try Self.check(maxDuration, Self.maxDuration, within: 0...1_000_000, in: arguments)
        try Self.check(maxCPS, Self.maxCPS, within: 0.1...1_000, in: arguments)
        if let maxDuration, maxDuration <= (minDuration ?? 0) { throw UsageError("--max-duration must be longer than --min-duration") }
    }

    /// A usage error when `value` is outside `range` (larger values would
    /// overflow the caption arithmetic).
    private static func check(
        _ value: Double?, _ option: OptionSpec, within range: ClosedRange<Double>, in arguments: ParsedArguments
    ) throws(UsageError) {
        guard let value, !range.contains(value) else { return }
        let (lowest, highest) = (CaptionLint.format(range.lowerBound), CaptionLint.format(range.upperBound))
        throw UsageError("--\(option.long) expects a value from \(lowest) to \(highest), found '\(arguments.value(option) ?? "")'")
    }

    /// The preset with the limits given on the command line.
    func style() -> CaptionStyle {
        var style = preset
        if let maxChars { style.maxCharactersPerLine = maxChars }
        if let maxLines { style.maxLines = maxLines }
        if let minDuration { style.minDuration = Int64((minDuration * 1000).rounded()) }
        if let maxDuration { style.maxDuration = Int64((maxDuration * 1000).rounded()) }
        if let maxCPS {
            style.maxCharactersPerSecond = maxCPS
            style.targetCharactersPerSecond = min(style.targetCharactersPerSecond, maxCPS)
        }
        return style
    }
}
