extension InputGenerator {
    private static let assSpeakers = ["Alexey", "Mihail", "Ada Lovelace", "Grace", ""]

    /// An ASS script with `cues` dialogue events (about 100 bytes each, a
    /// million make some 100 MB): speakers, some italics, some `\N` breaks,
    /// a position tag now and then, a comment every hundred events.
    mutating func ass(cues: Int) -> [UInt8] {
        var out = """
            [Script Info]
            Title: Benchmark
            ScriptType: v4.00+
            WrapStyle: 0
            ScaledBorderAndShadow: yes
            PlayResX: 1920
            PlayResY: 1080

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Default,Arial,60,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,2,96,96,54,1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

            """
        out.reserveCapacity(cues * 110)
        var time = 1000
        for index in 1...cues {
            let duration = int(800...6000)
            if index % 100 == 0 {
                out += "Comment: 0,\(Self.assClock(time)),\(Self.assClock(time)),Default,,0,0,0,,note \(index)\n"
            }
            var text = line()
            if int(0...9) == 0 { text = "{\\i1}\(text){\\i0}" }
            if int(0...2) == 0 { text += "\\N" + line() }
            if int(0...19) == 0 { text = "{\\an8}" + text }
            let speaker = Self.assSpeakers[int(0...(Self.assSpeakers.count - 1))]
            out += "Dialogue: 0,\(Self.assClock(time)),\(Self.assClock(time + duration)),Default,\(speaker),0,0,0,,\(text)\n"
            time += duration + int(0...400)
        }
        return Array(out.utf8)
    }

    /// `H:MM:SS.cc`, hours unpadded (a million cues pass 999 hours).
    static func assClock(_ milliseconds: Int) -> String {
        let centiseconds = milliseconds / 10
        let m = centiseconds / 6000 % 60, s = centiseconds / 100 % 60, cs = centiseconds % 100
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(centiseconds / 360_000):\(two(m)):\(two(s)).\(two(cs))"
    }
}
