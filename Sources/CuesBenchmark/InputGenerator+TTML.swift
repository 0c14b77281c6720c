extension InputGenerator {
    /// An IMSC 1.1 TTML document with `cues` paragraphs of 1–2 lines, some
    /// with italic spans and speakers, in a styled region (about 140 bytes a
    /// cue: 700,000 cues make some 100 MB).
    mutating func ttml(cues: Int) -> [UInt8] {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" \
            xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" \
            xml:lang="en" ttp:timeBase="media" ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
              <head>
                <metadata>
                  <ttm:agent xml:id="a1" type="person"><ttm:name type="full">Ada Lovelace</ttm:name></ttm:agent>
                  <ttm:agent xml:id="a2" type="person"><ttm:name type="full">Grace</ttm:name></ttm:agent>
                </metadata>
                <styling><style xml:id="s1" tts:color="white" tts:fontFamily="proportionalSansSerif"/></styling>
                <layout><region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after"/></layout>
              </head>
              <body region="bottom" style="s1">
                <div>

            """
        out.reserveCapacity(cues * 150)
        var time = 1000
        for _ in 1...cues {
            let duration = int(800...6000)
            out += "      <p begin=\"\(Self.clock(time, separator: "."))\" end=\"\(Self.clock(time + duration, separator: "."))\""
            switch int(0...5) {
            case 0: out += " ttm:agent=\"a1\""
            case 1: out += " ttm:agent=\"a2\""
            default: break
            }
            out += ">"
            var text = line()  // the words hold no character XML escapes
            if int(0...9) == 0 { text = "<span tts:fontStyle=\"italic\">\(text)</span>" }
            if int(0...2) == 0 { text += "<br/>" + line() }
            out += text + "</p>\n"
            time += duration + int(0...400)
        }
        out += "    </div>\n  </body>\n</tt>\n"
        return Array(out.utf8)
    }
}
