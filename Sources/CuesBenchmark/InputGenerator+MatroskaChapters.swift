extension InputGenerator {
    /// Matroska chapters XML as mkvextract writes it: one edition of
    /// `chapters` atoms with UIDs, flags, a display with a language, every
    /// fourth atom with an end and a second display. 200,000 chapters is
    /// about 100 MB.
    mutating func matroskaChapters(chapters: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chapters * 340)
        out.append(contentsOf: "<?xml version=\"1.0\"?>\n<!-- <!DOCTYPE Chapters SYSTEM \"matroskachapters.dtd\"> -->\n<Chapters>\n  <EditionEntry>\n    <EditionFlagHidden>0</EditionFlagHidden>\n    <EditionFlagDefault>1</EditionFlagDefault>\n    <EditionUID>\(next())</EditionUID>\n".utf8)
        var time = 0
        for index in 0..<chapters {
            let length = int(2000...90000)
            var atom = "    <ChapterAtom>\n      <ChapterUID>\(next() << 31 | next())</ChapterUID>\n"
            atom += "      <ChapterTimeStart>\(Self.clock(time, separator: "."))000000</ChapterTimeStart>\n"
            if index % 4 == 0 { atom += "      <ChapterTimeEnd>\(Self.clock(time + length, separator: "."))000000</ChapterTimeEnd>\n" }
            atom += "      <ChapterFlagHidden>0</ChapterFlagHidden>\n      <ChapterFlagEnabled>1</ChapterFlagEnabled>\n"
            atom += "      <ChapterDisplay>\n        <ChapterString>\(line().prefix(40))</ChapterString>\n        <ChapterLanguage>eng</ChapterLanguage>\n      </ChapterDisplay>\n"
            if index % 4 == 0 {
                atom += "      <ChapterDisplay>\n        <ChapterString>\(line().prefix(30))</ChapterString>\n        <ChapterLanguage>ger</ChapterLanguage>\n      </ChapterDisplay>\n"
            }
            atom += "    </ChapterAtom>\n"
            out.append(contentsOf: atom.utf8)
            time += length
        }
        out.append(contentsOf: "  </EditionEntry>\n</Chapters>\n".utf8)
        return out
    }
}
