/// Numpad positions (`{\anN}` in SRT and ASS: 7 8 9 top, 4 5 6 middle,
/// 1 2 3 bottom; columns left, centre, right) and the WebVTT-style cue
/// settings that carry them in the timeline. Shared by the formats that
/// write `{\anN}`.
///
/// Reading: the row becomes `line` (`0` top, `50%,center` middle, `-1`
/// bottom) and the column becomes `align` (`left`, `center`, `right`).
/// Writing: `line` (a line number: 0 or more is top, negative is bottom; a
/// percentage: below a third is top, above two thirds bottom, else middle) and
/// `align` (`left`/`start`, `center`/`middle`, `right`/`end`) give the number;
/// 2, the default place, is given only when `line` was set.
enum NumpadPosition {
    /// Settings for `{\anN}`, N from 1 to 9.
    static func settings(forAlignment number: Int) -> [Field] {
        let row = (number - 1) / 3
        let column = (number - 1) % 3
        let line = ["-1", "50%,center", "0"][row]
        let align = ["left", "center", "right"][column]
        return [Field("line", .string(line)), Field("align", .string(align))]
    }

    /// The numpad number for cue settings (nil for none), and the names of
    /// settings a numpad position cannot hold.
    static func alignment(from settings: [Field]) -> (number: Int?, unmapped: [String]) {
        guard !settings.isEmpty else { return (nil, []) }
        var row: Int?
        var column: Int?
        var unmapped: [String] = []
        for setting in settings {
            let value = setting.value.text ?? ""
            switch setting.key {
            case "line":
                if let found = self.row(forLine: value) { row = found } else { unmapped.append("line:\(value)") }
            case "align":
                switch value {
                case "left", "start": column = 0
                case "center", "middle": column = 1
                case "right", "end": column = 2
                default: unmapped.append("align:\(value)")
                }
            default:
                unmapped.append(setting.key)
            }
        }
        guard row != nil || column != nil else { return (nil, unmapped) }
        let number = (row ?? 0) * 3 + (column ?? 1) + 1
        if number == 2 && row == nil { return (nil, unmapped) }
        return (number, unmapped)
    }

    /// 0 bottom, 1 middle, 2 top, for a WebVTT `line` value.
    private static func row(forLine value: String) -> Int? {
        let position = value.split(separator: ",", maxSplits: 1).first.map(String.init) ?? value
        if position.hasSuffix("%") {
            guard let percent = Double(position.dropLast()) else { return nil }
            if percent < 100.0 / 3 { return 2 }
            if percent > 200.0 / 3 { return 0 }
            return 1
        }
        guard let number = Double(position) else { return nil }
        return number >= 0 ? 2 : 0
    }
}
