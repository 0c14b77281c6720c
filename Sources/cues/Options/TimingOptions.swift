import CueKit

/// Time transforms and the end-time policy, applied to every output.
struct TimingOptions {
    static let shift = OptionSpec.option(
        "shift", valueName: "±duration", unconditional: true,
        help: "Move every time, e.g. -1.5s, +2s, 250ms, +00:00:02.000.")
    static let scale = OptionSpec.option(
        "scale", valueName: "from:to",
        help: "Stretch times for a frame-rate change: times are multiplied by FROM/TO (e.g. 25:23.976).")
    static let inferEnd = OptionSpec.option(
        "infer-end", valueName: "policy", default: "next",
        help: "How a cue's missing end is chosen: next (where the next cue starts), gap=MS (that many ms before it), max=MS (at most that long).")
    static let options = [shift, scale, inferEnd]

    var transform: TimeTransform
    var inference: TimeInference

    init(_ arguments: ParsedArguments) throws(UsageError) {
        var offset: Int64 = 0
        if let shift = arguments.value(Self.shift) {
            guard let parsed = TimeTransform.parseOffset(shift) else {
                throw UsageError("--shift expects a duration such as -1.5s, +2s, 250ms or +00:00:02.000, found '\(shift)'")
            }
            offset = parsed
        }
        var ratio: (Int64, Int64) = (1, 1)
        if let scale = arguments.value(Self.scale) {
            guard let parsed = TimeTransform.parseScale(scale) else {
                throw UsageError("--scale expects two positive numbers FROM:TO such as 25:23.976, found '\(scale)'")
            }
            ratio = parsed
        }
        let inferEnd = arguments.string(Self.inferEnd)
        guard let policy = Self.endPolicy(inferEnd) else {
            throw UsageError("--infer-end expects next, gap=MS or max=MS, found '\(inferEnd)'")
        }
        transform = TimeTransform(offset: offset, scale: ratio)
        inference = TimeInference(endPolicy: policy)
    }

    private static func endPolicy(_ text: String) -> TimeInference.EndPolicy? {
        if text == "next" { return .next }
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let value = Int64(parts[1]), value >= 0 else { return nil }
        switch parts[0] {
        case "gap": return .gap(value)
        case "max": return value > 0 ? .maximum(value) : nil
        default: return nil
        }
    }
}
