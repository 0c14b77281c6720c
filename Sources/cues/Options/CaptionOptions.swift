import ArgumentParser
import CueKit

/// How transcript lines become captions.
struct CaptionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When to cut lines into captions: auto (a transcript written as captions), always, never.", valueName: "mode"))
    var segment: String = "auto"

    @Option(help: ArgumentHelp("Caption style preset: youtube (2 lines of 42, 5/6 to 7 s, 20 cps), netflix (the same, 2-frame gaps), podcast-srt (32 per line).", valueName: "preset"))
    var captions: String = "youtube"

    @OptionGroup var limits: CaptionLimitOptions

    func validate() throws {
        if Converter.Segmentation(rawValue: segment) == nil {
            throw ValidationError("--segment expects auto, always or never, found '\(segment)'")
        }
        _ = try CaptionLimitOptions.preset(named: captions, option: "--captions")
    }

    var segmentation: Converter.Segmentation { Converter.Segmentation(rawValue: segment) ?? .auto }

    var style: CaptionStyle { limits.style(from: (try? CaptionLimitOptions.preset(named: captions, option: "")) ?? .youtube) }
}

/// Caption limits that override a preset.
struct CaptionLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-chars"), help: "Characters per caption line.")
    var maxChars: Int?

    @Option(name: .customLong("max-lines"), help: "Lines per caption.")
    var maxLines: Int?

    @Option(name: .customLong("min-duration"), help: "Shortest time on screen, in seconds.")
    var minDuration: Double?

    @Option(name: .customLong("max-duration"), help: "Longest time on screen, in seconds.")
    var maxDuration: Double?

    @Option(name: .customLong("max-cps"), help: "Highest reading speed, in characters per second.")
    var maxCPS: Double?

    func validate() throws {
        if let maxChars, maxChars < 1 { throw ValidationError("--max-chars must be at least 1") }
        if let maxLines, maxLines < 1 { throw ValidationError("--max-lines must be at least 1") }
        if let minDuration, minDuration < 0 { throw ValidationError("--min-duration cannot be negative") }
        if let maxDuration, maxDuration <= (minDuration ?? 0) { throw ValidationError("--max-duration must be longer than --min-duration") }
        if let maxCPS, maxCPS <= 0 { throw ValidationError("--max-cps must be positive") }
    }

    /// The preset called `name`; a usage error naming `option` otherwise.
    static func preset(named name: String, option: String) throws -> CaptionStyle {
        guard let style = CaptionStyle.presets.first(where: { $0.name == name })?.style else {
            throw ValidationError("\(option) expects \(CaptionStyle.presets.map(\.name).joined(separator: ", ")), found '\(name)'")
        }
        return style
    }

    /// `preset` with the limits given on the command line.
    func style(from preset: CaptionStyle) -> CaptionStyle {
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
