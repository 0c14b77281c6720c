extension InputGenerator {
    /// `mm:ss.xx`, minutes past 59 kept as minutes, as LRC writes them.
    static func lrcClock(_ milliseconds: Int) -> String {
        let hundredths = milliseconds / 10
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(pad(hundredths / 6000)):\(pad(hundredths / 100 % 60)).\(pad(hundredths % 100))"
    }

    /// LRC lyrics with `lines` timed lines after the ID tags: some lines
    /// repeated at two times (`[t1][t2]text`), instrumental breaks (a time
    /// without text) and enhanced word times now and then.
    mutating func lrc(lines: Int) -> [UInt8] {
        var out = "[ti:Benchmark Song]\n[ar:Generated Artist]\n[al:Generated Album]\n[by:cues-bench]\n"
        out.reserveCapacity(lines * 64)
        var time = 1000
        var written = 0
        while written < lines {
            let duration = int(800...6000)
            switch int(0...19) {
            case 0:
                // A break: the screen goes blank.
                out += "[\(Self.lrcClock(time))]\n"
            case 1:
                // A chorus sung again a little later: one line, two times.
                out += "[\(Self.lrcClock(time))][\(Self.lrcClock(time + 600_000))]\(line())\n"
                written += 1
            case 2:
                // Enhanced LRC: a time for each word, spread over the line.
                var text = "[\(Self.lrcClock(time))]"
                let words = line().split(separator: " ")
                for (index, word) in words.enumerated() {
                    text += " <\(Self.lrcClock(time + duration * index / words.count))> \(word)"
                }
                out += text + "\n"
            default:
                out += "[\(Self.lrcClock(time))]\(line())\n"
            }
            written += 1
            time += duration
        }
        return Array(out.utf8)
    }
}
