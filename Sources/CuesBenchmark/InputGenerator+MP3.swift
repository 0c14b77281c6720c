extension InputGenerator {
    /// Two MPEG-2.5 Layer III frames of silence (8 kHz mono, 8 kbit/s, 72
    /// bytes each, the first carrying LAME's tag), as in Samples/id3.
    static let silentFrames: [UInt8] = {
        let hex = "ffe318c40000000348000000004c414d45332e3130305555555555555555555555555555"
            + "55555555555555555555555555555555554c414d45332e31303055555555555555555555"
            + "ffe318c43b00000348000000005555555555555555555555555555555555555555555555"
            + "555555555555555555555555555555555555555555555555555555555555555555555555"
        var bytes: [UInt8] = []
        var digits = hex.utf8.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            func value(_ digit: UInt8) -> UInt8 { digit <= 0x39 ? digit - 0x30 : digit - 0x61 + 10 }
            bytes.append(value(high) << 4 | value(low))
        }
        return bytes
    }()

    /// `frames` frames of silent MPEG audio (at least two; 72 bytes and 72 ms each).
    static func silence(frames: Int) -> [UInt8] {
        var out = silentFrames
        let second = Array(silentFrames[72...])
        for _ in 2..<max(2, frames) { out.append(contentsOf: second) }
        return out
    }

    /// An MP3 whose ID3v2.4 tag holds `chapters` chapters as podcast
    /// tools and FFmpeg write them: a `TIT2` and `TLEN`, one `CHAP` per
    /// chapter (element id, times in milliseconds 2 to 20 s apart, unused byte offsets, a
    /// UTF-8 `TIT2`, every tenth a `WXXX` link), an ordered top-level
    /// `CTOC` listing them all (its one-byte count wrapping past 255, as
    /// FFmpeg's does), `TLEN` the last chapter's end, 1 KB of padding. Then
    /// `audioFrames` frames of silence. Laid out here from
    /// the ID3v2.4 and chapter addendum texts, not by cues' writer. About
    /// 110 bytes a chapter.
    mutating func mp3Chapters(chapters: Int, audioFrames: Int) -> [UInt8] {
        func syncSafe(_ value: Int) -> [UInt8] {
            [UInt8(value >> 21 & 0x7F), UInt8(value >> 14 & 0x7F), UInt8(value >> 7 & 0x7F), UInt8(value & 0x7F)]
        }
        func bigEndian(_ value: Int) -> [UInt8] {
            [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        func frame(_ id: String, _ data: [UInt8]) -> [UInt8] {
            Array(id.utf8) + syncSafe(data.count) + [0, 0] + data
        }
        var frames = frame("TIT2", [3] + Array("Benchmark Episode".utf8))
        frames.reserveCapacity(chapters * 120)
        var children: [UInt8] = []
        var time = 0
        for index in 0..<chapters {
            let element = Array("chp\(index)".utf8) + [0]
            children += element
            let end = time + int(2000...20000)  // 200,000 chapters stay within 32-bit milliseconds
            var data = element + bigEndian(time) + bigEndian(end) + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
            data += frame("TIT2", [3] + Array(line().prefix(40).utf8))
            if index % 10 == 9 { data += frame("WXXX", [0, 0] + Array("https://example.org/c/\(index)".utf8)) }
            frames += frame("CHAP", data)
            time = end
        }
        frames += frame("CTOC", Array("toc".utf8) + [0, 0x03, UInt8(truncatingIfNeeded: chapters)] + children)
        frames += frame("TLEN", [0] + Array(String(time).utf8))
        let padding = [UInt8](repeating: 0, count: 1024)
        return Array("ID3".utf8) + [4, 0, 0] + syncSafe(frames.count + padding.count) + frames + padding
            + Self.silence(frames: audioFrames)
    }
}
