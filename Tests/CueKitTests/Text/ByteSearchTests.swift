import Testing
@testable import CueKit

/// The vector and word-at-a-time search against a plain loop, on buffers
/// where the bytes sought sit at every offset of a block and a word, next to
/// zero bytes and to bytes one above them (where a borrow could mislead a
/// word trick), or far apart (so that whole blocks hold none).
struct ByteSearchTests {
    /// 5,000 buffers of 0 to 149 bytes, buffer `n` of `n % 150`, drawn from
    /// the sought bytes, their neighbours and a letter; sparse, one byte in
    /// 40 from those, the others the letter.
    static func buffers(seed: UInt64, sparse: Bool) -> [[UInt8]] {
        var state = seed
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 57)
        }
        let alphabet: [UInt8] = [0x00, 0x01, 0x26, 0x27, 0x3C, 0x3D, 0x3E, 0x3F, 0x0A, 0x0B, 0x61, 0xFF]
        func byte() -> UInt8 { sparse && next() % 40 != 0 ? 0x61 : alphabet[Int(next()) % alphabet.count] }
        return (0..<5000).map { round in (0..<(round % 150)).map { _ in byte() } }
    }

    @Test(arguments: [false, true])
    func findsTheFirstOfAFewBytesAsALoopDoes(sparse: Bool) {
        for (round, bytes) in Self.buffers(seed: 7, sparse: sparse).enumerated() {
            bytes.withUnsafeBufferPointer { buffer in
                let from = bytes.isEmpty ? 0 : round % (bytes.count + 1)
                let three = buffer[from...].firstIndex { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E } ?? bytes.count
                #expect(ByteSearch.firstIndex(ofAny: 0x26, 0x3C, 0x3E, in: buffer, from: from, to: bytes.count) == three, "\(bytes) from \(from)")
                let two = buffer[from...].firstIndex { $0 == 0x0A || $0 == 0x00 } ?? bytes.count
                #expect(ByteSearch.firstIndex(ofAny: 0x0A, 0x00, in: buffer, from: from, to: bytes.count) == two, "\(bytes) from \(from)")
                for sought: UInt8 in [0x00, 0x3E, 0x0A] {
                    let one = buffer[from...].firstIndex(of: sought) ?? bytes.count
                    #expect(ByteSearch.firstIndex(of: sought, in: buffer, from: from, to: bytes.count) == one, "\(bytes) from \(from)")
                }
            }
        }
    }

    /// A line's end and its marks against a plain loop, on the same kind of
    /// buffers, with the line cut short at every distance from a block's
    /// end (`to` before the buffer's end, as for the last line of a cue's
    /// text): the marks name exactly what lies before the end found.
    @Test(arguments: [false, true])
    func findsALineEndAndWhatTheLineHoldsAsALoopDoes(sparse: Bool) {
        for (round, bytes) in Self.buffers(seed: 11, sparse: sparse).enumerated() {
            bytes.withUnsafeBufferPointer { buffer in
                let from = bytes.isEmpty ? 0 : round % (bytes.count + 1)
                let to = from + (bytes.count - from) * (round % 7) / 6
                let end = buffer[from..<to].firstIndex(of: 0x0A) ?? to
                let line = buffer[from..<end]
                let found = ByteSearch.lineEnd(in: buffer, from: from, to: to)
                #expect(found.end == end, "\(bytes) from \(from) to \(to)")
                #if arch(x86_64)
                #expect(found.marks.contains(.greaterThan) == line.contains(0x3E), "\(bytes) from \(from) to \(to)")
                let markup = line.contains { $0 == 0x3C || $0 == 0x26 || $0 == 0x00 }
                #expect(found.marks.contains(.markup) == markup, "\(bytes) from \(from) to \(to)")
                #else
                // Without SSE2 every mark is set (the reader then looks for
                // itself), none for an empty range.
                #expect(found.marks == (from < to ? [.greaterThan, .markup] : []))
                #endif
            }
        }
    }
}
