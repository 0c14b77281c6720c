/// Bytes read from an ID3v2 tag, with the file offset each came from.
///
/// Unsynchronisation (ID3v2.4.0 structure section 6) puts a `$00` after
/// every `$FF` that could be taken for an MPEG sync; a reader removes it
/// again, the whole tag after the header in v2.3 and frame by frame in
/// v2.4. Once removed, an index into the bytes is no longer a file offset:
/// `fileOffset(of:)` maps it back, so that every diagnostic names the byte
/// of the file.
struct ID3Bytes: Sendable {
    let bytes: [UInt8]
    let map: ID3OffsetMap

    /// The file's bytes as they are: an index is a file offset.
    init(file: [UInt8]) {
        bytes = file
        map = ID3OffsetMap(base: 0, removed: [], parent: nil)
    }

    /// `range` of `source` with unsynchronisation undone: every `$00` right
    /// after an `$FF` removed.
    init(resynchronising range: Range<Int>, of source: ID3Bytes) {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(range.count)
        var removed: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = source.bytes[index]
            decoded.append(byte)
            index += 1
            if byte == 0xFF, index < range.upperBound, source.bytes[index] == 0x00 {
                index += 1
                removed.append(decoded.count)
            }
        }
        bytes = decoded
        map = ID3OffsetMap(base: range.lowerBound, removed: removed, parent: source.map)
    }

    /// `range` of `source` as bytes of their own, indexed from 0.
    init(copying range: Range<Int>, of source: ID3Bytes) {
        bytes = Array(source.bytes[range])
        map = ID3OffsetMap(base: range.lowerBound, removed: [], parent: source.map)
    }

    /// Where the byte at `index` was in the file.
    func fileOffset(of index: Int) -> Int {
        map.fileOffset(of: index)
    }
}

/// How indices of decoded bytes map to the bytes they were decoded from:
/// add `base`, and one for each removed byte before the index; then the
/// parent's mapping, up to the file.
final class ID3OffsetMap: Sendable {
    /// The index in the parent (or the file offset) of index 0.
    let base: Int
    /// The decoded indices that a removed byte preceded, ascending.
    let removed: [Int]
    let parent: ID3OffsetMap?

    init(base: Int, removed: [Int], parent: ID3OffsetMap?) {
        self.base = base
        self.removed = removed
        self.parent = parent
    }

    func fileOffset(of index: Int) -> Int {
        // The removed bytes before `index`: a binary search for the first entry after it.
        var low = 0, high = removed.count
        while low < high {
            let middle = (low + high) / 2
            if removed[middle] <= index { low = middle + 1 } else { high = middle }
        }
        let inParent = base + index + low
        return parent?.fileOffset(of: inParent) ?? inParent
    }
}
