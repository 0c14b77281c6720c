import CUTF8Validation

/// Checks that bytes are well-formed UTF-8 (Unicode 15, table 3-7: no
/// overlong forms, no surrogates, nothing above U+10FFFF).
///
/// `isValid` checks 32 or 16 bytes at a time with AVX2 or SSSE3 where it
/// can (`CUTF8Validation`); elsewhere `automatonAccepts` runs a shift-based
/// automaton: each state is a bit offset into a 64-bit row per byte value,
/// and the row holds the next state's offset for every state, so a byte
/// costs one table load (independent of the state) and one shift. Blocks of sixteen ASCII bytes are skipped two words at a
/// time. `firstInvalidOffset` walks sequence by sequence to say where the
/// input breaks, and is only needed once a file has been found invalid.
enum UTF8Validation {
    // State offsets (multiples of 6, so that `row >> state` lands on the
    // 6-bit field of that state). `error` is a sink.
    private static let accept: UInt64 = 0
    private static let error: UInt64 = 6
    private static let oneMore: UInt64 = 12
    private static let twoMore: UInt64 = 18
    private static let threeMore: UInt64 = 24
    private static let afterE0: UInt64 = 30  // next byte A0–BF (no overlong form)
    private static let afterED: UInt64 = 36  // next byte 80–9F (no surrogate)
    private static let afterF0: UInt64 = 42  // next byte 90–BF (no overlong form)
    private static let afterF4: UInt64 = 48  // next byte 80–8F (nothing above U+10FFFF)

    /// For each byte value, the next state of every state. (Built without
    /// an array per byte: the table is built at the first check, which is
    /// in every conversion's start-up.)
    private static let rows: [UInt64] = (0...255).map { value -> UInt64 in
        var row: UInt64 = 0
        for state in stride(from: UInt64(0), through: afterF4, by: 6) {
            row |= next(from: state, UInt8(value)) << state
        }
        return row
    }

    /// The state after `byte` in `state`.
    private static func next(from state: UInt64, _ byte: UInt8) -> UInt64 {
        switch byte {
        case 0x80...0xBF:
            switch state {
            case oneMore: return accept
            case twoMore: return oneMore
            case threeMore: return twoMore
            case afterE0: return byte >= 0xA0 ? oneMore : error
            case afterED: return byte < 0xA0 ? oneMore : error
            case afterF0: return byte >= 0x90 ? twoMore : error
            case afterF4: return byte < 0x90 ? twoMore : error
            default: return error
            }
        default:
            guard state == accept else { return error }
            switch byte {
            case 0x00...0x7F: return accept
            case 0xC2...0xDF: return oneMore
            case 0xE0: return afterE0
            case 0xED: return afterED
            case 0xE1...0xEF: return twoMore
            case 0xF0: return afterF0
            case 0xF1...0xF3: return threeMore
            case 0xF4: return afterF4
            default: return error
            }
        }
    }

    /// From this many bytes up, `isValidInParallel` checks half on another thread.
    static let parallelThreshold = 4 << 20

    /// `isValid`, with the second half of a large input checked on a
    /// thread of its own. Cut before a byte that starts a character (not
    /// 10xxxxxx), well-formed text is two well-formed halves and two
    /// well-formed halves are well-formed text; no well-formed text has four
    /// continuation bytes in a row.
    static func isValidInParallel(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        checkInParallel(bytes).isValid
    }

    /// `check`, with the second half of a large input checked on a thread
    /// of its own (see `isValidInParallel`).
    static func checkInParallel(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard bytes.count >= parallelThreshold else { return check(bytes) }
        var cut = bytes.count / 2
        while cut < bytes.count / 2 + 4 && bytes[cut] & 0xC0 == 0x80 { cut += 1 }
        guard cut < bytes.count / 2 + 4 else { return Verdict(isValid: false, mayHoldCarriageReturnOrNUL: true) }
        nonisolated(unsafe) let rest = UnsafeBufferPointer(rebasing: bytes[cut...])
        let halves = WorkerThread.sideBySide({ check(UnsafeBufferPointer(rebasing: bytes[..<cut])) }, { check(rest) })
        return Verdict(
            isValid: halves.0.isValid && halves.1.isValid,
            mayHoldCarriageReturnOrNUL: halves.0.mayHoldCarriageReturnOrNUL || halves.1.mayHoldCarriageReturnOrNUL)
    }

    /// What `check` found.
    struct Verdict {
        /// Whether the bytes are well-formed UTF-8.
        var isValid: Bool
        /// False when no byte is a carriage return or a NUL; true when one
        /// is, or when the check did not look (the automaton does not).
        var mayHoldCarriageReturnOrNUL: Bool
    }

    /// Whether `bytes` are well-formed UTF-8: a block of bytes at a time
    /// with byte shuffles where the processor has them (`CUTF8Validation`,
    /// several times fewer instructions on text that is not mostly ASCII),
    /// else by the automaton.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        check(bytes).isValid
    }

    /// `isValid`, and in the same pass over the blocks, whether a byte is a
    /// carriage return or a NUL: what WebVTT's parser would otherwise read
    /// the whole input again to learn (see `InputBytes.mayHoldCarriageReturnOrNUL`).
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard let base = bytes.baseAddress else { return Verdict(isValid: true, mayHoldCarriageReturnOrNUL: false) }
        var holds: Int32 = 1
        switch cues_utf8_validate(base, bytes.count, &holds) {
        case 1: return Verdict(isValid: true, mayHoldCarriageReturnOrNUL: holds != 0)
        case 0: return Verdict(isValid: false, mayHoldCarriageReturnOrNUL: true)
        default: return Verdict(isValid: automatonAccepts(bytes), mayHoldCarriageReturnOrNUL: true)
        }
    }

    /// Whether `isValid` checks blocks of bytes on this processor.
    static var checksBlocks: Bool { cues_utf8_validate(nil, 0, nil) >= 0 }

    /// Whether `bytes` are well-formed UTF-8, by the automaton.
    static func automatonAccepts(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        return rows.withUnsafeBufferPointer { rows -> Bool in
            var state = accept
            var index = 0
            while index + 16 <= count {
                let raw = UnsafeRawPointer(base + index)
                let words = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                if words & 0x8080_8080_8080_8080 != 0 || state != accept {
                    // `&>>` uses the low six bits of the state: the fields
                    // above them are other states' transitions.
                    for offset in 0..<16 { state = rows[Int(base[index + offset])] &>> state }
                    state &= 63
                }
                index += 16
            }
            while index < count {
                state = rows[Int(base[index])] &>> state
                index += 1
            }
            return state & 63 == accept
        }
    }

    /// The offset of the first byte that breaks UTF-8 (the start of the bad
    /// or incomplete sequence), or `bytes.count` when none does.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int, secondRange: ClosedRange<UInt8>
            switch byte {
            case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
            case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
            case 0xED: (length, secondRange) = (3, 0x80...0x9F)
            case 0xE1...0xEF: (length, secondRange) = (3, 0x80...0xBF)
            case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
            case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
            default: return index
            }
            guard index + length <= count, secondRange.contains(bytes[index + 1]) else { return index }
            for continuation in index + 2 ..< index + length where bytes[continuation] & 0xC0 != 0x80 { return index }
            index += length
        }
        return count
    }
}
