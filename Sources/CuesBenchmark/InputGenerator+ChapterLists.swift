extension InputGenerator {
    /// An OGM chapter list of `chapters` chapters (`CHAPTERnn=` and
    /// `CHAPTERnnNAME=` lines). 1.1 million chapters is about 100 MB.
    mutating func ogmChapters(chapters: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chapters * 72)
        let width = max(2, String(chapters).count)
        var time = 0
        for index in 1...max(1, chapters) {
            let number = String(index)
            let padded = String(repeating: "0", count: width - number.count) + number
            out.append(contentsOf: "CHAPTER\(padded)=\(Self.clock(time, separator: "."))\nCHAPTER\(padded)NAME=\(line().prefix(40))\n".utf8)
            time += int(2000...90000)
        }
        return out
    }

    /// An mp4chaps list of `chapters` chapters, every tenth with a link.
    /// 1.6 million chapters is about 100 MB.
    mutating func mp4chaps(chapters: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chapters * 56)
        var time = 0
        for index in 0..<chapters {
            var entry = "\(Self.clock(time, separator: ".")) \(line().prefix(40))"
            if index % 10 == 9 { entry += " <https://example.org/c/\(index)>" }
            out.append(contentsOf: (entry + "\n").utf8)
            time += int(2000...90000)
        }
        return out
    }
}
