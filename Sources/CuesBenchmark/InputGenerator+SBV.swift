extension InputGenerator {
    /// `H:MM:SS.mmm` as YouTube writes SBV times: hours without padding.
    static func sbvClock(_ milliseconds: Int) -> String {
        let h = milliseconds / 3_600_000, m = milliseconds / 60_000 % 60, s = milliseconds / 1000 % 60, ms = milliseconds % 1000
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(h):\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))"
    }

    /// YouTube SBV with `cues` cues of 1–2 lines, `>> NAME:` at some speaker
    /// changes and a `[br]` now and then, as YouTube exports them.
    mutating func sbv(cues: Int) -> [UInt8] {
        var out = ""
        out.reserveCapacity(cues * 100)
        var time = 1000
        for _ in 1...cues {
            let duration = int(800...6000)
            out += "\(Self.sbvClock(time)),\(Self.sbvClock(time + duration))\n"
            var text = line()
            if int(0...5) == 0 { text = ">> \(["ALEXEY", "MIHAIL", "ADA", "GRACE"][int(0...3)]): " + text }
            if int(0...2) == 0 { text += (int(0...9) == 0 ? "[br]" : "\n") + line() }
            out += text + "\n\n"
            time += duration + int(0...400)
        }
        return Array(out.utf8)
    }
}
