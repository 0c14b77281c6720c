/// Text that is UTF-8 but for a few bytes: the valid UTF-8 kept as it is,
/// each byte that breaks it read as Windows-1252, in one linear pass over
/// the bytes: ASCII is skipped eight bytes at a time, and each other
/// sequence is judged by `UTF8Validation.firstInvalidOffset` on at most its
/// four bytes.
///
/// Used once a file is known not to be valid UTF-8; `TextDecoding` decides
/// from the counts whether the file was meant as UTF-8 (see
/// `isMostlyUTF8`).
struct UTF8Repair {
    /// The text as UTF-8.
    var bytes: [UInt8] = []
    /// How many valid characters of two to four bytes the input holds.
    var multiByteCharacters = 0
    /// How many bytes were not UTF-8 (each read as Windows-1252).
    var invalidBytes = 0
    /// How many runs of such bytes (one place may hold several bytes).
    var places = 0
    /// The first place: its offset in the input and its bytes.
    var firstPlace: Range<Int> = 0..<0

    init(_ input: UnsafeBufferPointer<UInt8>) {
        guard let base = input.baseAddress else { return }
        let count = input.count
        bytes.reserveCapacity(count + count / 16)
        var index = 0
        var copiedTo = 0
        while index < count {
            while index + 8 <= count,
                  UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { break }
            let lead = input[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let sequence = UnsafeBufferPointer(rebasing: input[index..<min(index + 4, count)])
            if UTF8Validation.firstInvalidOffset(sequence) > 0 {
                multiByteCharacters += 1
                index += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[copiedTo..<index]))
            TextDecoding.appendWindows1252(lead, to: &bytes)
            invalidBytes += 1
            if index != copiedTo || places == 0 {
                places += 1
            }
            if places == 1 { firstPlace = (invalidBytes == 1 ? index : firstPlace.lowerBound)..<(index + 1) }
            index += 1
            copiedTo = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[copiedTo..<count]))
    }

    /// Whether the input was meant as UTF-8: it holds at least one valid
    /// multi-byte character, and at least as many of them as bytes that are
    /// not UTF-8. Text in a single-byte encoding (Windows-1252, -1250,
    /// -1251, ISO 8859) almost never holds valid multi-byte sequences (a
    /// letter such as `é` is one byte followed by ASCII), and legacy
    /// multi-byte encodings (GB2312, Big5, Shift_JIS, EUC-JP, EUC-KR) have
    /// one valid-looking sequence for every three to five invalid bytes;
    /// UTF-8 with a stray byte or a line pasted from a Windows editor has
    /// far more valid characters than bad bytes.
    var isMostlyUTF8: Bool {
        multiByteCharacters > 0 && multiByteCharacters >= invalidBytes
    }
}
