import Foundation
import Testing
@testable import CueKit

@Suite("ID3v2 chapters writer")
struct ID3WriterTests {
    let sample = TestFiles.sample("id3/chapters.mp3")

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    /// The chapters a JSON chapters file gives.
    private let chapters = Timeline(chapters: [
        Chapter(start: .zero, title: "Intro"),
        Chapter(start: Timestamp(milliseconds: 65_250), title: "Harbour & walk", url: "https://example.org/walk"),
        Chapter(start: Timestamp(milliseconds: 90_000), end: Timestamp(milliseconds: 95_000), title: "Ad", isInTableOfContents: false),
        Chapter(start: Timestamp(milliseconds: 100_001), title: "Outro ☕", image: "https://example.org/o.jpg"),
    ])

    @Test func aTagAloneIsID3v23WithATableOfContents() throws {
        let (tag, diagnostics) = try Convert.writeBytes(chapters, as: .id3)
        Golden.check(ID3Dump.text(tag), "id3/tag-alone.mp3.txt")
        // Nothing tells where the last chapter ends: it ends where it starts.
        #expect(diagnostics.map(\.code) == ["chapters.ends-inferred", "id3.unknown-end"])
        let (read, readDiagnostics) = try Convert.read(tag, name: "tag.mp3")
        #expect(readDiagnostics.isEmpty, "\(readDiagnostics)")
        #expect(read.chapters.map(\.title) == ["Intro", "Harbour & walk", "Ad", "Outro ☕"])
        #expect(read.chapters.map(\.start) == ms([0, 65_250, 90_000, 100_001]))
        #expect(read.chapters.map(\.end) == ms([65_250, 100_001, 95_000, 100_001]))
        #expect(read.chapters.map(\.isInTableOfContents) == [true, true, false, true])
        #expect(read.chapters.map(\.url) == [nil, "https://example.org/walk", nil, nil])
        #expect(read.chapters.map(\.image) == [nil, nil, nil, "https://example.org/o.jpg"])
        #expect(read.chapters.compactMap { $0.extras[.id3]?["elementID"]?.text } == ["chp0", "chp1", "chp2", "chp3"])
    }

    @Test func writesIntoAnMP3KeepingItsOtherFramesByteForByte() throws {
        let original = try TestFiles.bytes(sample)
        let (file, diagnostics) = try Convert.mp3(chapters, into: original)
        let oldTag = ID3TagHeader.tagLength(atStartOf: original.prefix(10))
        let newTag = ID3TagHeader.tagLength(atStartOf: file.prefix(10))
        // The audio after the tag, unchanged.
        #expect(Array(file[newTag...]) == Array(original[oldTag...]))
        // v2.4 kept; TIT2, TPE1, TALB, TLEN, COMM (the first 116 bytes of
        // frames) kept as they were; the old CTOC and CHAPs gone.
        #expect(file[3] == 4)
        #expect(Array(file[10..<126]) == Array(original[10..<126]))
        #expect(Array(file[126..<130]) == Array("CTOC".utf8))
        #expect(!file[..<newTag].containsSequence(Array("Cold open".utf8)))
        // The last chapter ends at the media's TLEN (185 s): its audio has no Xing header.
        let (read, _) = try Convert.read(file, name: "out.mp3")
        #expect(read.chapters.map(\.title) == ["Intro", "Harbour & walk", "Ad", "Outro ☕"])
        #expect(read.chapters.map(\.end) == ms([65_250, 100_001, 95_000, 185_000]))
        #expect(read.metadata["title"] == .string("Harbour episode"))
        #expect(diagnostics.map(\.code).filter { $0.hasPrefix("id3.") }.isEmpty, "\(diagnostics)")
    }

    @Test func id3ToID3KeepsEveryChapterPictureAndSubframe() throws {
        let original = try TestFiles.bytes(sample)
        let (timeline, _) = try Convert.read(original, name: "chapters.mp3")
        let (file, diagnostics) = try Convert.mp3(timeline, into: original)
        #expect(diagnostics.map(\.code) == ["id3.metadata-not-written"])
        let (again, againDiagnostics) = try Convert.read(file, name: "again.mp3")
        #expect(again == timeline)
        #expect(againDiagnostics.isEmpty)
        // A second pass writes the same bytes.
        #expect(try Convert.mp3(again, into: file).0 == file)
    }

    @Test func aV23TagStaysV23WithoutItsUnsynchronisationAndExtendedHeader() throws {
        let original = try TestFiles.bytes(TestFiles.sample("id3/unsynchronised-v23.mp3"))
        let (file, diagnostics) = try Convert.mp3(chapters, into: original)
        #expect(Array(file[0..<6]) == [0x49, 0x44, 0x33, 3, 0, 0])
        #expect(diagnostics.map(\.code).contains("id3.extended-header-dropped"))
        let (read, readDiagnostics) = try Convert.read(file, name: "v23.mp3")
        #expect(read.chapters.map(\.title) == ["Intro", "Harbour & walk", "Ad", "Outro ☕"])
        #expect(readDiagnostics.isEmpty)
        Golden.check(ID3Dump.text(Array(file[..<ID3TagHeader.tagLength(atStartOf: file.prefix(10))])), "id3/into-v23.mp3.txt")
    }

    @Test func framesThatAskToBeDiscardedAreLeftOut() throws {
        // v2.3 flags: TENC asks to be discarded when the tag is altered.
        let frames = ID3TestTags.frame(3, "TENC", [0] + Array("Encoder".utf8), flags: 0x8000)
            + ID3TestTags.frame(3, "TPE1", [0] + Array("Ada".utf8), flags: 0x2000)
        let original = ID3TestTags.tag(3, frames) + Self.mpegFrame
        let (file, diagnostics) = try Convert.mp3(chapters, into: original)
        #expect(diagnostics.first { $0.code == "id3.frames-discarded" }?.message
            == "1 frame(s) of the media file's tag ask to be discarded when the tag is changed (TENC); left out")
        let tag = Array(file[..<ID3TagHeader.tagLength(atStartOf: file.prefix(10))])
        #expect(!tag.containsSequence(Array("TENC".utf8)))
        // The read-only flag of TPE1 is kept with its frame.
        #expect(tag.containsSequence(ID3TestTags.frame(3, "TPE1", [0] + Array("Ada".utf8), flags: 0x2000)))
    }

    @Test func theLastChapterEndsWhereTheAudioDoes() throws {
        let timeline = Timeline(chapters: [Chapter(start: .zero, title: "Only")])
        // A Xing header's frame count: 1000 frames of 1152 samples at 44.1 kHz.
        var xing = [UInt8](repeating: 0, count: 417)
        xing[0..<4] = [0xFF, 0xFB, 0x90, 0x00]  // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo
        xing[36..<48] = ArraySlice(Array("Xing".utf8) + [0, 0, 0, 1, 0, 0, 0x03, 0xE8])
        let (withXing, _) = try Convert.mp3(timeline, into: xing)
        #expect(try Convert.read(withXing, name: "x.mp3").0.chapters.first?.end == Timestamp(milliseconds: 26_122))
        // Constant bitrate without a header: 144 bytes at 8 kbit/s.
        let (cbr, _) = try Convert.mp3(timeline, into: Self.mpegFrame + Self.mpegFrame)
        #expect(try Convert.read(cbr, name: "c.mp3").0.chapters.first?.end == Timestamp(milliseconds: 144))
        // A TLEN in the media's tag wins over that estimate.
        let tlen = ID3TestTags.tag(4, ID3TestTags.frame(4, "TLEN", [0] + Array("5000".utf8))) + Self.mpegFrame
        #expect(try Convert.read(try Convert.mp3(timeline, into: tlen).0, name: "t.mp3").0.chapters.first?.end == Timestamp(milliseconds: 5000))
        // A chapter past the end of the audio is worth a warning.
        let late = Timeline(chapters: [Chapter(start: .zero, title: "A"), Chapter(start: Timestamp(seconds: 30), title: "B")])
        let (_, diagnostics) = try Convert.mp3(late, into: Self.mpegFrame)
        #expect(diagnostics.first { $0.code == "id3.past-end" }?.message
            == "1 chapter(s) start after the end of the audio (0:00:00.072), first 'B' at 0:00:30.000: are these the chapters of this file?")
    }

    @Test func whatCannotBeWrittenIsALocatedError() throws {
        func error(_ timeline: Timeline, into file: [UInt8]) -> Diagnostic? {
            #expect(throws: Diagnostic.self) { try Convert.mp3(timeline, into: file) }
        }
        let v22 = Array("ID3".utf8) + [2, 0, 0, 0, 0, 0, 10] + [UInt8](repeating: 0, count: 10) + Self.mpegFrame
        let refused = error(chapters, into: v22)
        #expect(refused?.code == "id3.version")
        #expect(refused?.location == SourceLocation(file: "media.mp3", line: 1, column: 4))
        let flac = Array("fLaC".utf8) + [UInt8](repeating: 0, count: 40)
        let notMPEG = error(chapters, into: flac)
        #expect(notMPEG?.code == "id3.not-mpeg")
        #expect(notMPEG?.message == "expected MPEG audio (a frame header such as FF FB) after the tag of the media file, found 66 4C 61 43 ('fLaC'): ID3 chapters go into MP3 files")
        #expect(notMPEG?.location == SourceLocation(file: "media.mp3", line: 1, column: 1))
        let many = Timeline(chapters: (0..<256).map { Chapter(start: Timestamp(seconds: Int64($0)), title: "C\($0)") })
        #expect(error(many, into: Self.mpegFrame)?.code == "id3.too-many-chapters")
        let negative = Timeline(chapters: [Chapter(start: Timestamp(milliseconds: -2000), title: "Early")])
        #expect(error(negative, into: Self.mpegFrame)?.message == "expected chapter times from 0 to 4294967295 ms (49 days) in a CHAP frame, found -0:00:02.000 in chapter 'Early'")
    }

    @Test func keptElementIDsStayAndCollisionsGetFreshOnes() throws {
        func chapter(_ seconds: Int64, _ id: String?) -> Chapter {
            var chapter = Chapter(start: Timestamp(seconds: seconds), title: "T\(seconds)")
            if let id { chapter.extras[.id3] = [Field("elementID", .string(id))] }
            return chapter
        }
        // 'chp1' is kept by the third chapter; the second (no id) takes the next free one.
        let timeline = Timeline(chapters: [chapter(0, "intro"), chapter(1, nil), chapter(2, "chp1"), chapter(3, "intro"), chapter(4, "toc")])
        let (tag, _) = try Convert.writeBytes(timeline, as: .id3)
        let (read, _) = try Convert.read(tag, name: "ids.mp3")
        #expect(read.chapters.compactMap { $0.extras[.id3]?["elementID"]?.text } == ["intro", "chp2", "chp1", "chp3", "toc"])
        #expect(read.extras[.id3]?["tocID"] == .string("toc1"))
    }

    @Test func textIsLatin1OrUTF16InV23AndUTF8InV24() throws {
        let timeline = Timeline(chapters: [Chapter(start: .zero, title: "Café"), Chapter(start: Timestamp(seconds: 1), title: "☕ a\u{0}b")])
        let (v23, diagnostics) = try Convert.writeBytes(timeline, as: .id3)
        #expect(v23.containsSequence(ID3TestTags.frame(3, "TIT2", [0, 0x43, 0x61, 0x66, 0xE9])))
        #expect(v23.containsSequence(ID3TestTags.frame(3, "TIT2", [1, 0xFF, 0xFE, 0x15, 0x26, 0x20, 0, 0x61, 0, 0x62, 0])))
        #expect(diagnostics.map(\.code).contains("id3.nul-removed"))
        let v24Media = ID3TestTags.tag(4, ID3TestTags.frame(4, "TPE1", [3, 0x41])) + Self.mpegFrame
        let (v24, _) = try Convert.mp3(timeline, into: v24Media)
        #expect(v24.containsSequence(ID3TestTags.frame(4, "TIT2", [3] + Array("Café".utf8))))
    }

    @Test func longSubframesInAV24TagAreWarnedAbout() throws {
        // FFmpeg reads CHAP sub-frame sizes as plain integers: in v2.4 one of
        // 128 bytes or more is misread and its chapter dropped (id3.md).
        let timeline = Timeline(chapters: [
            Chapter(start: .zero, title: String(repeating: "a", count: 127)),
            Chapter(start: Timestamp(seconds: 1), title: String(repeating: "b", count: 126)),
        ])
        let v24 = ID3TestTags.tag(4, ID3TestTags.frame(4, "TPE1", [3, 0x41])) + Self.mpegFrame
        let (_, diagnostics) = try Convert.mp3(timeline, into: v24)
        // 127 characters and the encoding byte: 128 bytes; 126: 127 bytes.
        #expect(diagnostics.filter { $0.code == "id3.ffmpeg-long-subframes" }.map(\.message) == [
            "1 chapter(s) have a title, URL or picture of 128 bytes or more, whose ID3v2.4 size FFmpeg reads wrongly: FFmpeg and the players built on it leave these chapters out (the media file's tag is v2.4, which cues keeps)",
        ])
        let (_, v23Diagnostics) = try Convert.mp3(timeline, into: Self.mpegFrame)
        #expect(!v23Diagnostics.contains { $0.code == "id3.ffmpeg-long-subframes" })
    }

    /// One MPEG-2.5 Layer III frame of silence (8 kHz mono, 8 kbit/s, 72 bytes), as LAME wrote it.
    static let mpegFrame: [UInt8] = [0xFF, 0xE3, 0x18, 0xC4, 0x3B, 0x00, 0x00, 0x03, 0x48] + [UInt8](repeating: 0, count: 4)
        + [UInt8](repeating: 0x55, count: 59)
}

extension Collection where Element == UInt8 {
    /// Whether `sequence` occurs in the bytes.
    func containsSequence(_ sequence: [UInt8]) -> Bool {
        Array(self).firstRange(of: sequence) != nil
    }
}
