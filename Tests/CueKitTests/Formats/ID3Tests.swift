import Foundation
import Testing
@testable import CueKit

@Suite("ID3v2 chapters in MP3 files")
struct ID3Tests {
    let sample = TestFiles.sample("id3/chapters.mp3")

    private func ms(_ values: [Int64?]) -> [Timestamp?] { values.map { $0.map { Timestamp(milliseconds: $0) } } }

    private func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location.map { "\($0.column)" } ?? "-") \($0.code)" }
    }

    @Test func readsTheSampleInTheOrderOfItsTableOfContents() throws {
        let (timeline, diagnostics) = try Convert.read(sample)
        // Frames are CTOC, chp2, ad, chp0, chp1 in the file; 'ad' is in no CTOC.
        #expect(timeline.chapters.map(\.title) == ["Cold open", "Sponsor", "Über die Brücke", "Outro café"])
        #expect(timeline.chapters.map(\.start) == ms([0, 30_000, 60_000, 120_500]))
        #expect(timeline.chapters.map(\.end) == ms([60_000, 45_000, 120_500, 185_000]))
        #expect(timeline.chapters.map(\.isInTableOfContents) == [true, false, true, true])
        #expect(timeline.chapters.map(\.url) == [nil, nil, "https://example.org/bridge", nil])
        #expect(timeline.chapters.map(\.image) == [nil, nil, nil, "https://example.org/outro.jpg"])
        // Locations: line 1, column = the CHAP frame's byte offset + 1.
        #expect(timeline.chapters.map { $0.location?.column } == [361, 275, 442, 177])
        #expect(timeline.chapters[0].location?.file == "chapters.mp3")
        #expect(timeline.metadata == [
            Field("title", .string("Harbour episode")), Field("author", .string("Ada Host")),
            Field("podcastName", .string("Harbour Radio")), Field("description", .string("Show notes here")),
        ])
        #expect(timeline.duration == Timestamp(milliseconds: 185_000))
        #expect(timeline.chapters[0].extras[.id3] == [
            Field("elementID", .string("chp0")),
            Field("subframes", .list([.map([Field("id", .string("TIT3")), Field("data", .string(Base64.encodedString([3] + Array("The harbour at dawn".utf8))))])])),
        ])
        let png: [UInt8] = [0x00] + Array("image/png".utf8) + [0, 3, 0] + [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(timeline.chapters[1].extras[.id3] == [
            Field("elementID", .string("ad")),
            Field("pictures", .list([.map([Field("id", .string("APIC")), Field("data", .string(Base64.encodedString(png)))])])),
        ])
        #expect(timeline.extras[.id3] == [
            Field("tocID", .string("toc")),
            Field("tocSubframes", .list([.map([Field("id", .string("TIT2")), Field("data", .string(Base64.encodedString([3] + Array("Contents".utf8))))])])),
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func readsTagsUnsynchronisedAsAWholeAndFrameByFrame() throws {
        // v2.3: the whole tag after the header, with an extended header; $FF
        // bytes in the times and the UTF-16BE title were escaped.
        let (v23, v23Diagnostics) = try Convert.read(TestFiles.sample("id3/unsynchronised-v23.mp3"))
        #expect(v23.chapters.map(\.title) == ["ÿÿ Straße", "Ende ÿ"])
        #expect(v23.chapters.map(\.start) == ms([255, 1000]))
        #expect(v23.chapters.map(\.end) == ms([1000, 2000]))
        #expect(v23.metadata == [Field("author", .string("ÿvonne"))])
        #expect(v23Diagnostics.isEmpty, "\(v23Diagnostics)")
        // v2.4: each CHAP unsynchronised with a data length indicator; a footer.
        let (v24, v24Diagnostics) = try Convert.read(TestFiles.sample("id3/unsynchronised-v24.mp3"))
        #expect(v24.chapters.map(\.title) == ["ÿ title", "Zweites ÿ"])
        #expect(v24.chapters.map(\.start) == ms([0, 2550]))
        #expect(v24.chapters.map(\.end) == ms([2550, 5000]))
        #expect(v24.chapters.map(\.isInTableOfContents) == [true, true])
        #expect(v24Diagnostics.isEmpty, "\(v24Diagnostics)")
    }

    @Test(arguments: [
        ("id3-truncated.mp3", "id3.truncated", 56, "expected a tag of 522 bytes (the size its header gives), found the file ends after 55 bytes"),
        ("id3-frame-past-end.mp3", "id3.frame-size", 15, "expected frame 'CHAP' to end within the tag (at most 35 bytes of data), found the size 4096"),
        ("id3-bad-size.mp3", "id3.tag-size", 9, "expected a sync-safe tag size (four bytes below $80), found 00 00 81 00"),
        ("id3-v22.mp3", "id3.version", 4, "expected an ID3v2.3 or v2.4 tag, found ID3v2.2, whose three-letter frames cues does not read"),
        // Ten $00 bytes of unsynchronisation precede the byte: its file offset is 59, not 49.
        ("id3-unsynchronised-bad-encoding.mp3", "id3.text-encoding", 60, "expected a text encoding byte from $00 to $03 in TIT2 of chapter 'cy', found 07"),
    ])
    func invalidSamplesFailWhereTheyBreak(file: String, code: String, column: Int, message: String) throws {
        let error = #expect(throws: Diagnostic.self) { try Convert.read(TestFiles.sample("invalid/" + file)) }
        #expect(error?.code == code)
        #expect(error?.location == SourceLocation(file: file, line: 1, column: column))
        #expect(error?.message == message)
        #expect(error?.format == .id3)
    }

    @Test func anInputWithoutATagSaysSo() throws {
        let file = try TestFiles.bytes(sample)
        let audio = file[ID3TagHeader.tagLength(atStartOf: file.prefix(10))...]
        let error = #expect(throws: Diagnostic.self) { try Convert.read(Array(audio), name: "plain.mp3") }
        #expect(error?.code == "id3.no-tag")
        #expect(error?.location == SourceLocation(file: "plain.mp3", line: 1, column: 1))
        #expect(error?.message == "expected an ID3v2 tag ('ID3') at the start of the file, found FF E3 18 C4: the file holds no ID3v2 chapters")
    }

    @Test func nothingPastTheTagIsRead() throws {
        let file = try TestFiles.bytes(sample)
        let tagLength = ID3TagHeader.tagLength(atStartOf: file.prefix(10))
        #expect(tagLength == 10 + 563)
        // The tag alone reads as the whole file does; a CHAP frame after the
        // tag's end (where the audio is) is never seen.
        let (whole, _) = try Convert.read(file, name: "a.mp3")
        let (alone, _) = try Convert.read(Array(file.prefix(tagLength)), name: "a.mp3", as: .id3)
        let stray = ID3TestTags.chap(4, "late", 1, 2, title: "Not a chapter")
        let (followed, _) = try Convert.read(Array(file.prefix(tagLength)) + stray, name: "a.mp3")
        #expect(alone == whole)
        #expect(followed == whole)
    }

    @Test func ffmpegsPlainSizesInV24AreReadWithOneRepair() throws {
        // FFmpeg writes CHAP and CTOC sizes as plain integers in v2.4: a
        // 200-byte CHAP has the size bytes 00 00 00 C8, which are no sync-safe number.
        let long = String(repeating: "x", count: 169)
        let frames = ID3TestTags.ctoc(4, "toc", ["ch0", "ch1"], plainSize: true)
            + ID3TestTags.chap(4, "ch0", 0, 1000, title: long, plainSize: true)
            + ID3TestTags.chap(4, "ch1", 1000, 2000, title: "Short", plainSize: true)
        let (timeline, diagnostics) = try Convert.read(ID3TestTags.tag(4, frames), name: "ffmpeg.mp3")
        #expect(timeline.chapters.map(\.title) == [long, "Short"])
        // The CHAP and its TIT2 (170 bytes): one repair, one note of the count.
        #expect(codes(diagnostics) == ["39 id3.plain-frame-size", "39 id3.plain-frame-sizes"])
        #expect(diagnostics.first?.message == "expected a sync-safe size in the ID3v2.4 frame 'CHAP', found a plain one (00 00 00 C8, as FFmpeg writes CHAP and CTOC frames); read as 200 bytes, as the next frame shows")
        var strict = Diagnostics(strict: true)
        #expect(throws: Diagnostic.self) {
            _ = try Converter(readOptions: ReadOptions(strict: true)).read(ID3TestTags.tag(4, frames), name: "f.mp3", diagnostics: &strict)
        }
        // A size whose both readings lead past the tag is an error at the size.
        var broken = ID3TestTags.tag(4, ID3TestTags.chap(4, "ch0", 0, 1000, title: long))
        broken[10 + 4..<10 + 8] = [0x00, 0x00, 0x7F, 0x7F]
        let error = #expect(throws: Diagnostic.self) { try Convert.read(broken, name: "b.mp3") }
        #expect(error?.code == "id3.frame-size")
        #expect(error?.location?.column == 15)
    }

    @Test func hostileTagsFailLocatedWithinTheTag() throws {
        func error(_ bytes: [UInt8]) -> Diagnostic? {
            #expect(throws: Diagnostic.self) { try Convert.read(bytes, name: "h.mp3", as: .id3) }
        }
        let chap = ID3TestTags.chap(3, "c1", 0, 1000, title: "Intro")
        let cases: [([UInt8], String, Int)] = [
            ([], "id3.no-tag", 1),
            (Array("ID3\u{4}\u{0}".utf8), "id3.truncated", 6),
            // A frame id of lower-case letters.
            (ID3TestTags.tag(3, Array("chap".utf8) + [0, 0, 0, 1, 0, 0, 0x41]), "id3.frame-id", 11),
            // A header cut off by the end of the tag.
            (ID3TestTags.tag(3, chap + Array("TIT2".utf8)), "id3.frame-header", 11 + chap.count),
            // A CHAP too short for its times.
            (ID3TestTags.tag(3, ID3TestTags.frame(3, "CHAP", Array("c1\u{0}".utf8) + [0, 0, 0, 0])), "id3.chap", 24),
            // An element id without its terminator.
            (ID3TestTags.tag(3, ID3TestTags.frame(3, "CHAP", Array("c1c1".utf8))), "id3.chap", 21),
            // A CTOC that counts 5 children and lists 2.
            (ID3TestTags.tag(3, ID3TestTags.frame(3, "CTOC", Array("toc\u{0}".utf8) + [3, 5] + Array("a\u{0}b\u{0}".utf8))), "id3.ctoc", 31),
            // An extended header larger than the tag.
            (ID3TestTags.tag(3, [0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0] + chap, flags: 0x40), "id3.extended-header", 11),
            // A sub-frame that runs past its CHAP.
            (ID3TestTags.tag(4, ID3TestTags.frame(4, "CHAP", Array("c\u{0}".utf8) + [UInt8](repeating: 0, count: 16) + Array("TIT2".utf8) + [0, 0, 1, 0, 0, 0, 3])),
             "id3.frame-size", 43),
            // Flags that announce more header bytes than the frame has.
            (ID3TestTags.tag(4, ID3TestTags.frame(4, "CHAP", [0x41], flags: 0x0001)), "id3.frame-flags", 21),
        ]
        for (bytes, code, column) in cases {
            let found = error(bytes)
            #expect(found?.code == code, "\(code): \(found?.description ?? "no error")")
            #expect(found?.location == SourceLocation(file: "h.mp3", line: 1, column: column), "\(code): \(found?.description ?? "")")
            #expect(found?.format == .id3)
        }
    }

    @Test func cyclesAndLevelsOfTablesOfContentsEnd() throws {
        // toc lists part1, which lists c1 and toc again: read once each.
        let frames = ID3TestTags.ctoc(3, "toc", ["part1", "c2", "gone"])
            + ID3TestTags.ctoc(3, "part1", ["c1", "toc"], flags: 0x01)
            + ID3TestTags.chap(3, "c2", 5000, 6000, title: "Two") + ID3TestTags.chap(3, "c1", 0, 5000, title: "One")
            + ID3TestTags.chap(3, "c3", 7000, 8000, title: "Unlisted")
        let (timeline, diagnostics) = try Convert.read(ID3TestTags.tag(3, frames), name: "t.mp3")
        #expect(timeline.chapters.map(\.title) == ["One", "Two", "Unlisted"])
        #expect(timeline.chapters.map(\.isInTableOfContents) == [true, true, false])
        #expect(diagnostics.map(\.code) == ["id3.toc-nested", "id3.toc-unknown-child"])
    }

    @Test func anOrderedTableOfContentsAgainstTheTimesIsARepair() throws {
        let frames = ID3TestTags.ctoc(4, "toc", ["b", "a"]) + ID3TestTags.chap(4, "a", 0, 1000, title: "A")
            + ID3TestTags.chap(4, "b", 1000, 2000, title: "B") + ID3TestTags.chap(4, "a", 3000, 4000, title: "A again")
        let (timeline, diagnostics) = try Convert.read(ID3TestTags.tag(4, frames), name: "o.mp3")
        #expect(timeline.chapters.map(\.title) == ["A", "B", "A again"])
        // The repeated id 'a' is listed once: its second frame is silent.
        #expect(timeline.chapters.map(\.isInTableOfContents) == [true, true, false])
        #expect(diagnostics.map(\.code) == ["id3.repeated-id", "id3.toc-order"])
    }

    @Test func manyFramesAreReadInOnePass() throws {
        // 20,000 chapters (2,000 in the table of contents), 1.2 MB of tag.
        var frames = ID3TestTags.ctoc(4, "toc", (0..<2000).map { "c\($0)" }, plainSize: true)
        for index in 0..<20_000 { frames += ID3TestTags.chap(4, "c\(index)", index * 10, index * 10 + 10, title: "T\(index)") }
        let (timeline, diagnostics) = try Convert.read(ID3TestTags.tag(4, frames), name: "many.mp3")
        #expect(timeline.chapters.count == 20_000)
        #expect(timeline.chapters.filter(\.isInTableOfContents).count == 2000)
        #expect(diagnostics.map(\.code) == ["id3.plain-frame-size", "id3.toc-count"])
    }

    @Test func textInEveryEncodingAndItsFaults() throws {
        func title(_ version: UInt8, _ data: [UInt8]) throws -> (String?, [String]) {
            let tag = ID3TestTags.tag(version, ID3TestTags.chap(version, "c", 0, 1, subframes: ID3TestTags.frame(version, "TIT2", data)))
            let (timeline, diagnostics) = try Convert.read(tag, name: "t.mp3")
            return (timeline.chapters.first?.title, diagnostics.map(\.code))
        }
        #expect(try title(4, [0] + [0x43, 0x61, 0x66, 0xE9]) == ("Café", []))
        #expect(try title(4, [1, 0xFF, 0xFE, 0x41, 0, 0xAC, 0x20, 0, 0]) == ("A€", []))
        #expect(try title(4, [1, 0xFE, 0xFF, 0, 0x41, 0x20, 0xAC]) == ("A€", []))
        #expect(try title(4, [2, 0, 0x41, 0xD8, 0x3D, 0xDE, 0x00]) == ("A😀", []))
        #expect(try title(4, [3] + Array("Grüße".utf8) + [0]) == ("Grüße", []))
        // UTF-16 without a mark: the order its zero bytes suggest, a repair.
        #expect(try title(3, [1, 0x41, 0, 0x42, 0]) == ("AB", ["id3.no-bom"]))
        #expect(try title(3, [1, 0, 0x41, 0, 0x42]) == ("AB", ["id3.no-bom"]))
        // Bytes invalid in their encoding become U+FFFD, a repair.
        #expect(try title(4, [3, 0x41, 0xC3]) == ("A\u{FFFD}", ["id3.bad-text"]))
        #expect(try title(4, [1, 0xFF, 0xFE, 0x00, 0xD8]) == ("\u{FFFD}", ["id3.bad-text"]))
        // UTF-8 in a v2.3 tag, as some taggers write it: read, a repair.
        #expect(try title(3, [3] + Array("Grüße".utf8)) == ("Grüße", ["id3.v24-encoding"]))
        // Several strings (v2.4): the first, with a warning.
        #expect(try title(4, [3] + Array("One\u{0}Two".utf8)) == ("One", ["id3.several-values"]))
        #expect(try title(4, [3]) == ("", []))
    }

    @Test func sniffsTheMagicAndChoosesTheBinaryPathByNameToo() {
        let registry = FormatRegistry.standard
        #expect(registry.binaryFormat(explicit: nil, head: ArraySlice(Array("ID3\u{4}".utf8)), fileName: "x.bin")?.id == .id3)
        #expect(registry.binaryFormat(explicit: nil, head: [0xFF, 0xFB], fileName: "x.MP3")?.id == .id3)
        #expect(registry.binaryFormat(explicit: .id3, head: [], fileName: nil)?.id == .id3)
        #expect(registry.binaryFormat(explicit: .srt, head: ArraySlice(Array("ID3".utf8)), fileName: "x.mp3") == nil)
        #expect(registry.binaryFormat(explicit: nil, head: ArraySlice(Array("WEBVTT".utf8)), fileName: "x.vtt") == nil)
        // The text sniffer never takes a binary format.
        #expect(registry.sniff(Array("ID3\u{4}\u{0}".utf8))?.id != .id3)
        #expect(ID3TagHeader.tagLength(atStartOf: [0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 1, 0]) == 10 + 128 + 10)
        #expect(ID3TagHeader.tagLength(atStartOf: [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0x80, 0]) == 10)
        #expect(ID3TagHeader.tagLength(atStartOf: [0xFF, 0xFB, 0x90]) == 0)
    }

    @Test func base64RoundTrips() {
        for length in 0..<7 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 77 + 200) }
            #expect(Base64.decode(Base64.encodedString(bytes)) == bytes)
        }
        #expect(Base64.encodedString(Array("Man".utf8)) == "TWFu")
        #expect(Base64.encodedString(Array("Ma".utf8)) == "TWE=")
        #expect(Base64.decode("TWE") == nil)
        #expect(Base64.decode("T=Fu") == nil)
        #expect(Base64.decode("TW*u") == nil)
    }
}

/// Hand-built ID3v2 frames and tags for the tests: sizes and layout as the
/// specifications give them (`plainSize` writes a v2.4 size as FFmpeg does).
enum ID3TestTags {
    static func size(_ version: UInt8, _ count: Int, plain: Bool = false) -> [UInt8] {
        if version == 4 && !plain { return [UInt8(count >> 21 & 0x7F), UInt8(count >> 14 & 0x7F), UInt8(count >> 7 & 0x7F), UInt8(count & 0x7F)] }
        return [UInt8(count >> 24 & 0xFF), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
    }

    static func frame(_ version: UInt8, _ id: String, _ data: [UInt8], flags: UInt16 = 0, plainSize: Bool = false) -> [UInt8] {
        Array(id.utf8) + size(version, data.count, plain: plainSize) + [UInt8(flags >> 8), UInt8(flags & 0xFF)] + data
    }

    static func tag(_ version: UInt8, _ frames: [UInt8], flags: UInt8 = 0) -> [UInt8] {
        Array("ID3".utf8) + [version, 0, flags] + size(4, frames.count) + frames
    }

    static func chap(
        _ version: UInt8, _ id: String, _ start: Int, _ end: Int, title: String? = nil, subframes: [UInt8] = [], plainSize: Bool = false
    ) -> [UInt8] {
        var data = Array(id.utf8) + [0] + size(3, start) + size(3, end) + [UInt8](repeating: 0xFF, count: 8)
        if let title { data += frame(version, "TIT2", [version == 4 ? 3 : 0] + Array(title.utf8), plainSize: plainSize) }
        return frame(version, "CHAP", data + subframes, plainSize: plainSize)
    }

    static func ctoc(_ version: UInt8, _ id: String, _ children: [String], flags: UInt8 = 0x03, plainSize: Bool = false) -> [UInt8] {
        var data = Array(id.utf8) + [0, flags, UInt8(truncatingIfNeeded: children.count)]
        for child in children { data += Array(child.utf8) + [0] }
        return frame(version, "CTOC", data, plainSize: plainSize)
    }
}
