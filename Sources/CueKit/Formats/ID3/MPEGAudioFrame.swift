/// The header of an MPEG audio frame (MPEG-1, MPEG-2 and MPEG-2.5, Layers
/// I to III: ISO/IEC 11172-3 and 13818-3): eleven sync bits, version,
/// layer, bitrate, sample rate, channel mode.
struct MPEGAudioFrame: Equatable {
    /// 1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5.
    var version: Int
    var layer: Int
    /// Kilobits per second; 0 for the free format.
    var bitrate: Int
    var sampleRate: Int
    var isMono: Bool

    /// The header in the first four bytes of `bytes`, nil when they are not
    /// one (no sync, a reserved version, layer, bitrate or sample rate).
    init?(_ bytes: ArraySlice<UInt8>) {
        guard bytes.count >= 4 else { return nil }
        let b = Array(bytes.prefix(4))
        guard b[0] == 0xFF, b[1] & 0xE0 == 0xE0 else { return nil }
        switch b[1] >> 3 & 3 {
        case 3: version = 1
        case 2: version = 2
        case 0: version = 25
        default: return nil
        }
        switch b[1] >> 1 & 3 {
        case 3: layer = 1
        case 2: layer = 2
        case 1: layer = 3
        default: return nil
        }
        let bitrateIndex = Int(b[2] >> 4), rateIndex = Int(b[2] >> 2 & 3)
        guard bitrateIndex != 15, rateIndex != 3 else { return nil }
        bitrate = Self.bitrates(version: version, layer: layer)[bitrateIndex]
        let rates = [44_100, 48_000, 32_000]
        sampleRate = rates[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4)
        isMono = b[3] >> 6 == 3
    }

    /// The samples one frame holds.
    var samplesPerFrame: Int {
        if layer == 1 { return 384 }
        return layer == 3 && version != 1 ? 576 : 1152
    }

    /// Where a Xing or Info header sits in the first frame of Layer III:
    /// after the four header bytes and the side information.
    var xingOffset: Int {
        4 + (version == 1 ? (isMono ? 17 : 32) : (isMono ? 9 : 17))
    }

    private static func bitrates(version: Int, layer: Int) -> [Int] {
        switch (version == 1, layer) {
        case (true, 1): [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448]
        case (true, 2): [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384]
        case (true, _): [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
        case (false, 1): [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256]
        case (false, _): [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
        }
    }
}

/// What the start of an MP3's audio says: where the first frame is and how
/// long the audio plays.
enum MPEGAudio {
    /// The first frame in `head`, after any zero bytes and any further
    /// ID3v2 tag that ends within `head`; nil when `head` holds none there.
    static func firstFrame(in head: [UInt8]) -> (offset: Int, frame: MPEGAudioFrame)? {
        var offset = 0
        while true {
            while offset < head.count, head[offset] == 0 { offset += 1 }
            let length = ID3TagHeader.tagLength(atStartOf: head[offset...])
            guard length > 0 else { break }
            offset += length
            guard offset < head.count else { return nil }
        }
        guard let frame = MPEGAudioFrame(head[offset...]) else { return nil }
        return (offset, frame)
    }

    /// How long the audio plays, and how that was found: from the frame
    /// count of a Xing, Info or VBRI header in the first frame (what LAME,
    /// FFmpeg and Fraunhofer encoders write); else, for a constant bitrate,
    /// from the length of the audio. Nil when neither tells.
    static func duration(head: [UInt8], audioLength: Int?) -> (time: Timestamp, exact: Bool)? {
        guard let (offset, frame) = firstFrame(in: head) else { return nil }
        if let frames = frameCount(head, at: offset, frame: frame) {
            let milliseconds = (Int64(frames) * Int64(frame.samplesPerFrame) * 1000 + Int64(frame.sampleRate) / 2) / Int64(frame.sampleRate)
            return (Timestamp(milliseconds: milliseconds), true)
        }
        guard let audioLength, frame.bitrate > 0, audioLength > offset else { return nil }
        // Bits divided by kilobits per second are milliseconds.
        return (Timestamp(milliseconds: Int64(audioLength - offset) * 8 / Int64(frame.bitrate)), false)
    }

    /// The number of frames a Xing/Info (at the end of the side
    /// information) or VBRI (32 bytes after the header) header gives.
    private static func frameCount(_ head: [UInt8], at offset: Int, frame: MPEGAudioFrame) -> Int? {
        func text(_ at: Int) -> String? {
            guard at + 4 <= head.count else { return nil }
            return String(decoding: head[at..<(at + 4)], as: UTF8.self)
        }
        func number(_ at: Int) -> Int? {
            at + 4 <= head.count ? ID3Integer.plain(head[at..<(at + 4)]) : nil
        }
        let xing = offset + frame.xingOffset
        if frame.layer == 3, ["Xing", "Info"].contains(text(xing)), let flags = number(xing + 4), flags & 1 != 0,
           let frames = number(xing + 8), frames > 0 {
            return frames
        }
        let vbri = offset + 36
        if text(vbri) == "VBRI", let frames = number(vbri + 14), frames > 0 { return frames }
        return nil
    }
}
