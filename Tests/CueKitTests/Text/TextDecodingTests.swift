import Foundation
import Testing
@testable import CueKit

@Suite("Text decoding")
struct TextDecodingTests {
    private func decode(_ bytes: [UInt8], encoding: String? = nil, strict: Bool = false) throws -> (text: String, encoding: TextEncoding, diagnostics: [Diagnostic]) {
        var diagnostics = Diagnostics(strict: strict)
        let (utf8, found) = try TextDecoding.utf8(from: bytes, name: "in.txt", encoding: encoding, diagnostics: &diagnostics)
        return (String(decoding: utf8, as: UTF8.self), found, diagnostics.items)
    }

    private func sample(_ name: String) throws -> [UInt8] {
        try TestFiles.bytes(TestFiles.sample("srt/" + name))
    }

    private let french = "1\n00:00:01,000 --> 00:00:03,000\nÇa commence : « déjà vu » à l'été.\n\n2\n00:00:03,000 --> 00:00:05,000\nŒuvre – 5 € – naïve cœur.\n"

    @Test func utf8WithAndWithoutByteOrderMark() throws {
        let plain = try decode(Array("héllo".utf8))
        #expect(plain.text == "héllo" && plain.encoding == .utf8 && plain.diagnostics.isEmpty)
        let marked = try decode([0xEF, 0xBB, 0xBF] + Array("héllo".utf8))
        #expect(marked.text == "héllo" && marked.encoding == .utf8WithBOM)
    }

    @Test func byteOrderMarksChooseUTF16AndUTF32() throws {
        #expect(try sample("french.srt") == Array(french.utf8))
        let cases: [(String, TextEncoding)] = [
            ("french-utf16le.srt", .utf16LE), ("french-utf16be.srt", .utf16BE), ("french-utf32le.srt", .utf32LE),
        ]
        for (file, encoding) in cases {
            let decoded = try decode(try sample(file))
            #expect(decoded.text == french, "\(file)")
            #expect(decoded.encoding == encoding)
            #expect(decoded.diagnostics.isEmpty)
        }
    }

    @Test func utf16WithoutAByteOrderMarkIsARepair() throws {
        let decoded = try decode(try sample("french-utf16le-no-bom.srt"))
        #expect(decoded.text == french)
        #expect(decoded.encoding == .utf16LE)
        #expect(decoded.diagnostics.map(\.code) == ["text.no-bom"])
        #expect(throws: Diagnostic.self) { try decode(try sample("french-utf16le-no-bom.srt"), strict: true) }
    }

    @Test func windows1252IsTheFallbackWithALocatedWarning() throws {
        let decoded = try decode(try sample("french-windows-1252.srt"))
        #expect(decoded.text == french)
        #expect(decoded.encoding == .windows1252)
        #expect(decoded.diagnostics.first?.description
            == "in.txt:3:1: warning: expected UTF-8 text, found byte 0xC7; read the file as Windows-1252")
        #expect(throws: Diagnostic.self) { try decode(try sample("french-windows-1252.srt"), strict: true) }
    }

    @Test func windows1252KeepsItsUndefinedBytesAsControls() {
        let decoded = TextDecoding.decodeWindows1252([0x80, 0x81, 0x8D, 0x9F, 0xE9])
        #expect(String(decoding: decoded, as: UTF8.self) == "€\u{81}\u{8D}Ÿé")
    }

    @Test func namedEncodingsGoThroughIconv() throws {
        let cases: [(String, String, String)] = [
            ("chinese-gb2312.srt", "GB2312", "chinese.srt"),
            ("chinese-big5.srt", "Big5", "chinese-traditional.srt"),
            ("polish-windows-1250.srt", "Windows-1250", "polish.srt"),
            ("french-windows-1252.srt", "CP1252", "french.srt"),
            ("french-utf16be.srt", "UTF-16", "french.srt"),
        ]
        for (file, encoding, reference) in cases {
            let decoded = try decode(try sample(file), encoding: encoding)
            #expect(decoded.text == String(decoding: try sample(reference), as: UTF8.self), "\(file)")
            #expect(decoded.encoding.name == encoding)
            #expect(decoded.diagnostics.isEmpty)
        }
        // The decoded text, written out by hand.
        #expect(try decode(try sample("chinese-gb2312.srt"), encoding: "GB2312").text.contains("\n中文字幕测试\n"))
        #expect(try decode(try sample("chinese-big5.srt"), encoding: "Big5").text.contains("\n中文字幕測試\n"))
        #expect(try decode(try sample("polish-windows-1250.srt"), encoding: "Windows-1250").text.hasSuffix("\nZażółć gęślą jaźń.\n"))
    }

    @Test func bytesInvalidInTheNamedEncodingAreALocatedError() throws {
        let bytes = Array("1\n00:00:01,000 --> 00:00:02,000\nab".utf8) + [0xD6, 0xD0, 0xFF, 0xFF, 0x0A]
        #expect(throws: Diagnostic.self) { try decode(bytes, encoding: "GB2312") }
        do {
            _ = try decode(bytes, encoding: "GB2312")
        } catch let error as Diagnostic {
            // Line 3, after "ab" and one decoded character.
            #expect(error.description == "in.txt:3:4: error: expected text in GB2312, the encoding named, found bytes 0xFF 0xFF, which is not valid in it")
            #expect(error.code == "text.invalid-bytes")
        }
        do {
            _ = try decode(Array("ok\n".utf8) + [0xD6], encoding: "GB2312")
            Issue.record("an incomplete character must fail")
        } catch let error as Diagnostic {
            #expect(error.description == "in.txt:2:1: error: expected text in GB2312, the encoding named, found byte 0xD6 at the end of the file, an incomplete character")
        }
        do {
            _ = try decode(Array("é".utf8) + [0xE9], encoding: "utf-8")
            Issue.record("invalid UTF-8 named as UTF-8 must fail")
        } catch let error as Diagnostic {
            #expect(error.description == "in.txt:1:2: error: expected text in utf-8, the encoding named, found byte 0xE9, which is not valid in it")
        }
    }

    @Test func unknownEncodingNamesAreAnError() {
        #expect(throws: Diagnostic.self) { try decode([0x41], encoding: "no-such-encoding") }
    }

    @Test func unpairedSurrogatesAreARepair() throws {
        // "a", an unpaired high surrogate, "b" in UTF-16LE with a byte order mark.
        let decoded = try decode([0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00])
        #expect(decoded.text == "a\u{FFFD}b")
        #expect(decoded.diagnostics.first?.code == "text.bad-utf16")
        #expect(decoded.diagnostics.first?.location == SourceLocation(file: "in.txt", line: 1, column: 2))
        // A pair decodes to one scalar.
        #expect(try decode([0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE]).text == "😀")
    }

    @Test func theConverterUsesTheNamedEncoding() throws {
        var diagnostics = Diagnostics()
        let converter = Converter(readOptions: ReadOptions(encoding: "GB2312"))
        let input = try converter.read(try sample("chinese-gb2312.srt"), name: "chinese-gb2312.srt", diagnostics: &diagnostics)
        #expect(input.format.id == .srt)
        #expect(input.timeline.cues.map(\.plainText) == ["中文字幕测试", "你好世界"])
        #expect(diagnostics.items.isEmpty)
    }

    // MARK: Mostly UTF-8

    @Test func oneStrayByteInUTF8TextIsRepairedInPlace() throws {
        let decoded = try decode(try sample("chinese-stray-byte.srt"))
        // The Chinese stays Chinese; only the stray byte is read as Windows-1252.
        #expect(decoded.text == String(decoding: try sample("chinese.srt"), as: UTF8.self).replacingOccurrences(of: "中文字幕", with: "中文ÿ字幕"))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.diagnostics.map(\.description) == [
            "in.txt:3:3: warning: expected UTF-8 text, found byte 0xFF, which is not UTF-8 (1 place, first here; the rest of the file is UTF-8); each such byte read as Windows-1252: 'ÿ'",
        ])
        #expect(decoded.diagnostics.first?.code == "text.bad-utf8")
        // A repair: strict mode refuses it.
        #expect(throws: Diagnostic.self) { try decode(try sample("chinese-stray-byte.srt"), strict: true) }
        // The converter reads the cues as they were meant.
        var diagnostics = Diagnostics()
        let input = try Converter().read(try sample("chinese-stray-byte.srt"), name: "chinese-stray-byte.srt", diagnostics: &diagnostics)
        #expect(input.timeline.cues.map(\.plainText) == ["中文ÿ字幕测试", "你好世界"])
    }

    @Test func invalidBytesAreCountedByPlaceAndLocatedOnTheirLine() throws {
        // UTF-8 French with a line from a Windows-1252 editor ("é" as 0xE9,
        // "è" as 0xE8), and CR-only line ends.
        let bytes = Array("Déjà vu, «\u{A0}ça\u{A0}»\rcaf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me\rnaïve\r".utf8)
        let decoded = try decode(bytes)
        #expect(decoded.text == "Déjà vu, «\u{A0}ça\u{A0}»\rcafé crème\rnaïve\r")
        #expect(decoded.encoding == .utf8)
        #expect(decoded.diagnostics.map(\.description) == [
            "in.txt:2:4: warning: expected UTF-8 text, found byte 0xE9, which is not UTF-8 (2 places, first here; the rest of the file is UTF-8); each such byte read as Windows-1252: 'é'",
        ])
    }

    @Test func cutShortSequencesAreReadByteByByte() throws {
        // "中" cut after two of its three bytes, then more UTF-8.
        let decoded = try decode(Array("中文 ".utf8) + [0xE4, 0xB8] + Array(" 字幕\n".utf8))
        #expect(decoded.text == "中文 ä¸ 字幕\n")
        #expect(decoded.diagnostics.first?.message.hasPrefix("expected UTF-8 text, found bytes 0xE4 0xB8, which is not UTF-8 (1 place,") == true)
    }

    @Test func aByteOrderMarkSaysUTF8() throws {
        // No valid multi-byte character at all, but the mark says UTF-8.
        let decoded = try decode([0xEF, 0xBB, 0xBF] + Array("caf".utf8) + [0xE9, 0x0A])
        #expect(decoded.text == "café\n")
        #expect(decoded.encoding == .utf8WithBOM)
        #expect(decoded.diagnostics.map(\.code) == ["text.bad-utf8"])
        #expect(decoded.diagnostics.first?.location == SourceLocation(file: "in.txt", line: 1, column: 4))
    }

    @Test func textThatIsMostlyNotUTF8IsStillWindows1252() throws {
        // One accidental valid pair ("Ã©") among more invalid bytes: Windows-1252.
        let bytes = Array("caf".utf8) + [0xE9, 0x20, 0xC3, 0xA9, 0x20, 0xE8, 0x0A]
        let decoded = try decode(bytes)
        #expect(decoded.text == "café Ã© è\n")
        #expect(decoded.encoding == .windows1252)
        #expect(decoded.diagnostics.map(\.code) == ["text.not-utf8"])
        // Legacy multi-byte encodings have valid-looking pairs too, but far fewer than invalid bytes.
        for file in ["chinese-gb2312.srt", "chinese-big5.srt", "polish-windows-1250.srt", "french-windows-1252.srt"] {
            let legacy = try decode(try sample(file))
            #expect(legacy.encoding == .windows1252, "\(file)")
            #expect(legacy.diagnostics.map(\.code) == ["text.not-utf8"], "\(file)")
        }
    }

    @Test func theRuleIsAtLeastAsManyValidCharactersAsInvalidBytes() throws {
        // Two valid characters, two invalid bytes: UTF-8 with repairs.
        let even = try decode(Array("é ü ".utf8) + [0xE9, 0x20, 0xFC])
        #expect(even.text == "é ü é ü")
        #expect(even.encoding == .utf8)
        // One valid character, two invalid bytes: Windows-1252.
        let fewer = try decode(Array("é ".utf8) + [0xE9, 0x20, 0xFC])
        #expect(fewer.text == "Ã© é ü")
        #expect(fewer.encoding == .windows1252)
    }

    @Test func aNamedEncodingStillOverrides() throws {
        #expect(throws: Diagnostic.self) { try decode(try sample("chinese-stray-byte.srt"), encoding: "UTF-8") }
        let latin = try decode(try sample("chinese-stray-byte.srt"), encoding: "Windows-1252")
        #expect(latin.text.contains("ä¸­æ–‡ÿ"))
        #expect(latin.diagnostics.isEmpty)
    }

    /// The repair agrees with a plain reading: the stretches the validator
    /// accepts copied, each byte where it stops read as Windows-1252.
    @Test func repairAgreesWithAByteByByteReading() {
        var state: UInt64 = 0x9E37_79B9
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("é".utf8), Array("中".utf8), Array("🙂".utf8), [0xFF], [0xE9], [0xE4, 0xB8], [0x80],
            [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], Array("plain ascii text ".utf8),
        ]
        for _ in 0..<5000 {
            let bytes = (0..<Int(next() % 24)).flatMap { _ in pieces[Int(next()) % pieces.count] }
            var expected: [UInt8] = []
            var characters = 0, invalid = 0, places = 0, lastBad = -2
            var start = 0
            while start <= bytes.count {
                let bad = start + TextDecoding.firstInvalidUTF8Offset(Array(bytes[start...]))
                characters += bytes[start..<bad].filter { $0 >= 0xC0 }.count
                expected += bytes[start..<bad]
                guard bad < bytes.count else { break }
                expected += TextDecoding.decodeWindows1252([bytes[bad]])
                invalid += 1
                if bad != lastBad + 1 { places += 1 }
                lastBad = bad
                start = bad + 1
            }
            let repair = bytes.withUnsafeBufferPointer { UTF8Repair($0) }
            #expect(repair.bytes == expected, "\(bytes)")
            #expect(repair.multiByteCharacters == characters, "\(bytes)")
            #expect(repair.invalidBytes == invalid, "\(bytes)")
            #expect(repair.places == places, "\(bytes)")
            // Without a valid multi-byte character it is the Windows-1252 reading (reused by the fallback).
            if characters == 0 { #expect(repair.bytes == TextDecoding.decodeWindows1252(bytes), "\(bytes)") }
        }
    }

    @Test func locationsCountCRAndCRLFAsLineEnds() {
        let bytes = Array("a\rb\r\nc\nd".utf8)
        #expect(TextDecoding.lineAndColumn(ofByte: 2, in: bytes) == (2, 1))
        #expect(TextDecoding.lineAndColumn(ofByte: 5, in: bytes) == (3, 1))
        #expect(TextDecoding.lineAndColumn(ofByte: 7, in: bytes) == (4, 1))
        #expect(TextDecoding.lineAndColumn(ofByte: 8, in: bytes) == (4, 2))
    }
}

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    /// The offset names the first byte of the sequence that breaks.
    @Test func firstInvalidOffsetPointsAtTheBrokenSequence() {
        #expect(TextDecoding.firstInvalidUTF8Offset(Array("café".utf8) + [0xE9, 0x78]) == 5)
        #expect(TextDecoding.firstInvalidUTF8Offset(Array("ab".utf8) + [0xE2, 0x82]) == 2)  // cut short
        #expect(TextDecoding.firstInvalidUTF8Offset(Array("ab".utf8) + [0xED, 0xA0, 0x80]) == 2)  // a surrogate
        #expect(TextDecoding.firstInvalidUTF8Offset(Array("abc".utf8) + [0xF4, 0x90, 0x80, 0x80]) == 3)  // above U+10FFFF
        #expect(TextDecoding.firstInvalidUTF8Offset(Array(repeating: 0x61, count: 40) + [0xC0, 0xAF]) == 40)  // overlong
        #expect(TextDecoding.firstInvalidUTF8Offset(Array("ok 🙂".utf8)) == 7)
    }

    /// The fast validator agrees with the standard library on random bytes
    /// biased towards UTF-8 lead and continuation bytes.
    @Test func agreesWithTheStandardLibrary() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let interesting: [UInt8] = [0x41, 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xA0, 0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xC0, 0xFF]
        for round in 0..<40_000 {
            // Long inputs cross the validator's 16-byte blocks; an ASCII run
            // in front makes it skip a block before the interesting bytes.
            let length = Int(next() % (round % 2 == 0 ? 24 : 80))
            let asciiRun = round % 3 == 0 ? Int(next() % 40) : 0
            let bytes = [UInt8](repeating: 0x61, count: asciiRun)
                + (0..<length).map { _ in next() % 3 == 0 ? next() : interesting[Int(next()) % interesting.count] }
            let standard = String(validating: bytes, as: UTF8.self) != nil
            #expect(TextDecoding.isValidUTF8(bytes) == standard, "\(bytes)")
            #expect((TextDecoding.firstInvalidUTF8Offset(bytes) == bytes.count) == standard, "\(bytes)")
        }
    }

    /// The block validator, the automaton and the standard library agree on
    /// every pair of bytes and on three- and four-byte sequences built from
    /// each lead byte and the edges of every continuation range, placed
    /// inside a block, across the middle of a 32-byte block (the edge of a
    /// 16-byte one) and across its end.
    @Test func blocksAutomatonAndStandardLibraryAgreeOnEverySequenceShape() {
        #if arch(x86_64)
        #expect(UTF8Validation.checksBlocks)
        #endif
        func check(_ sequence: [UInt8], at offset: Int) {
            let bytes = [UInt8](repeating: 0x61, count: offset) + sequence + [0x62, 0x63]
            let standard = String(validating: bytes, as: UTF8.self) != nil
            let (blocks, automaton) = bytes.withUnsafeBufferPointer {
                (UTF8Validation.isValid($0), UTF8Validation.automatonAccepts($0))
            }
            if blocks != standard || automaton != standard {
                Issue.record("\(sequence) at \(offset): standard \(standard), blocks \(blocks), automaton \(automaton)")
            }
        }
        for offset in [0, 15, 31] {
            for first in 0...255 {
                for second in 0...255 { check([UInt8(first), UInt8(second)], at: offset) }
            }
        }
        let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for offset in [13, 14, 15, 29, 30, 31] {
            for lead in 0xE0...0xFF {
                for second in edges {
                    for third in edges {
                        check([UInt8(lead), second, third], at: offset)
                        for fourth in edges { check([UInt8(lead), second, third, fourth], at: offset) }
                    }
                }
            }
        }
        // Cut short by the end of the input, at every distance from a block's end.
        for length in 1...70 {
            for lead: [UInt8] in [[0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x99], [0xF0, 0x9F]] {
                let bytes = [UInt8](repeating: 0x61, count: length) + lead
                #expect(!TextDecoding.isValidUTF8(bytes), "\(lead) after \(length)")
            }
        }
    }

    /// The UTF-8 check says whether a carriage return or a NUL is in the
    /// bytes, wherever it is: in a 32-byte block, in a 16-byte one, in the
    /// tail checked a byte at a time, in either half of a large input; and
    /// the zeros the tail is padded with are not taken for NULs.
    @Test func utf8CheckSaysWhetherACarriageReturnOrNULIsThere() {
        func mayHold(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { UTF8Validation.checkInParallel($0).mayHoldCarriageReturnOrNUL }
        }
        let text = Array("façade 東京 🙂 data ".utf8)
        for length in 0...100 {
            let bytes = Array((0..<length).map { text[$0 % text.count] })
            let plain = bytes.withUnsafeBufferPointer { UTF8Validation.check($0) }
            #expect(plain.isValid == (String(validating: bytes, as: UTF8.self) != nil))
            if UTF8Validation.checksBlocks, plain.isValid {
                #expect(!plain.mayHoldCarriageReturnOrNUL, "\(length) bytes with neither")
            }
            for position in 0..<length where bytes[position] < 0x80 {
                for byte: UInt8 in [0x0D, 0x00] {
                    var marked = bytes
                    marked[position] = byte
                    #expect(mayHold(marked), "\(byte) at \(position) of \(length)")
                }
            }
        }
        let half = UTF8Validation.parallelThreshold / 2 + 100
        var large = [UInt8](repeating: 0x61, count: 2 * half)
        // Results in names of their own: a failed `#expect` prints its operands.
        let neither = mayHold(large)
        if UTF8Validation.checksBlocks { #expect(!neither) }
        large[half + 50] = 0x0D
        let carriageReturnInSecondHalf = mayHold(large)
        #expect(carriageReturnInSecondHalf)
        large[half + 50] = 0x61
        large[10] = 0x00
        let nulInFirstHalf = mayHold(large)
        #expect(nulInFirstHalf)
    }

    /// A large input is checked in two halves on two threads: characters,
    /// broken sequences and runs of continuation bytes across the middle are
    /// judged as the standard library judges them.
    @Test func largeInputsCheckedInHalvesAgreeWithTheStandardLibrary() {
        let size = UTF8Validation.parallelThreshold + 2
        let middle = size / 2
        let pieces: [[UInt8]] = [
            Array("é".utf8), Array("東".utf8), Array("🙂".utf8), [0xE6, 0x9D], [0xF0, 0x9F, 0x99], [0x80], [0x80, 0x80, 0x80],
            [0x80, 0x80, 0x80, 0x80], [0x80, 0x80, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF],
        ]
        for piece in pieces {
            for shift in -5...4 {
                var bytes = [UInt8](repeating: 0x61, count: size)
                let start = middle + shift
                bytes.replaceSubrange(start..<(start + piece.count), with: piece)
                let standard = String(validating: bytes, as: UTF8.self) != nil
                #expect(TextDecoding.isValidUTF8(bytes) == standard, "\(piece) at the middle \(shift >= 0 ? "+" : "")\(shift)")
            }
        }
        var clean = [UInt8](repeating: 0x61, count: size)
        clean[size - 1] = 0xC3  // cut short at the very end, in the second half
        #expect(!TextDecoding.isValidUTF8(clean))
        clean[0] = 0xBF
        clean[size - 1] = 0x61  // a stray continuation byte at the start, in the first half
        #expect(!TextDecoding.isValidUTF8(clean))
    }
}
