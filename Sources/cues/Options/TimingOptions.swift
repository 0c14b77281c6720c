import ArgumentParser
import CueKit

/// Time transforms and the end-time policy, applied to every output.
struct TimingOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Move every time, e.g. -1.5s, +2s, 250ms, +00:00:02.000.", valueName: "±duration"))
    var shift: String?

    @Option(help: ArgumentHelp("Stretch times for a frame-rate change: times are multiplied by FROM/TO (e.g. 25:23.976).", valueName: "from:to"))
    var scale: String?

    @Option(name: .customLong("infer-end"), help: ArgumentHelp("How a cue's missing end is chosen: next (where the next cue starts), gap=MS (that many ms before it), max=MS (at most that long).", valueName: "policy"))
    var inferEnd: String = "next"

    func validate() throws {
        if let shift, TimeTransform.parseOffset(shift) == nil {
            throw ValidationError("--shift expects a duration such as -1.5s, +2s, 250ms or +00:00:02.000, found '\(shift)'")
        }
        if let scale, TimeTransform.parseScale(scale) == nil {
            throw ValidationError("--scale expects two positive numbers FROM:TO such as 25:23.976, found '\(scale)'")
        }
        if endPolicy == nil {
            throw ValidationError("--infer-end expects next, gap=MS or max=MS, found '\(inferEnd)'")
        }
    }

    var transform: TimeTransform {
        TimeTransform(
            offset: shift.flatMap(TimeTransform.parseOffset) ?? 0,
            scale: scale.flatMap(TimeTransform.parseScale) ?? (1, 1))
    }

    var endPolicy: TimeInference.EndPolicy? {
        if inferEnd == "next" { return .next }
        let parts = inferEnd.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let value = Int64(parts[1]), value >= 0 else { return nil }
        switch parts[0] {
        case "gap": return .gap(value)
        case "max": return value > 0 ? .maximum(value) : nil
        default: return nil
        }
    }

    var inference: TimeInference {
        TimeInference(endPolicy: endPolicy ?? .next)
    }
}
