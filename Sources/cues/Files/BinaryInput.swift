#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CueKit

/// Reading an input of a binary format: only the part of the file the
/// format's reader reads (`Format.BinaryExtent`). An MP3's ID3 tag is read
/// (its ten-byte header, then exactly the size it gives) and its audio
/// never is.
enum BinaryInput {
    enum Outcome {
        /// The input is a binary format's: the bytes its reader reads.
        case binary([UInt8])
        /// The input is text: read the rest of it. For a stream, `head` holds
        /// the bytes already taken from it; for a regular file it is empty
        /// and nothing was taken (the first bytes are read in place).
        case text(head: [UInt8])
    }

    /// Looks at the first bytes of the open file and reads the binary part,
    /// when `format` (or, without one, the content and the name) makes the
    /// input a binary format's.
    static func read(_ descriptor: Int32, info: stat, path: String, format: FormatID?) throws(FileIO.Failure) -> Outcome {
        let registry = FormatRegistry.standard
        if let format, registry[format]?.binary == nil { return .text(head: []) }
        let headerLength = registry.formats.compactMap(\.binary?.headerLength).max() ?? 0
        guard headerLength > 0 else { return .text(head: []) }
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        var bytes = try readPart(descriptor, from: regular ? 0 : nil, count: headerLength, path: path)
        guard let chosen = registry.binaryFormat(explicit: format, head: bytes[...], fileName: path),
              let extent = chosen.binary else {
            return .text(head: regular ? [] : bytes)
        }
        let wanted = extent.length(bytes[...])
        if wanted > bytes.count {
            bytes += try readPart(descriptor, from: regular ? bytes.count : nil, count: wanted - bytes.count, path: path)
        }
        if regular, let change = FileChange(descriptor, since: info) {
            throw FileIO.Failure(
                code: "io.input-changed",
                "expected '\(path)' to stay as it was while cues read it, found that \(change.description); nothing was written",
                at: SourceLocation(file: path, line: 1, column: 1))
        }
        return .binary(bytes)
    }

    /// Up to `count` bytes: from `offset` of a regular file (its read
    /// position unchanged), or the next ones of a stream; fewer at the end.
    /// Read in chunks, so that a header that promises more than the file
    /// holds costs no more memory than the file.
    static func readPart(_ descriptor: Int32, from offset: Int?, count: Int, path: String) throws(FileIO.Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(count, 1 << 16))
        while bytes.count < count {
            let wanted = min(chunk.count, count - bytes.count)
            let read = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(FileIO.Failure) -> Int in
                guard let offset else { return try FileIO.readSome(descriptor, into: buffer.baseAddress!, count: wanted, path: path) }
                while true {
                    let found = pread(descriptor, buffer.baseAddress!, wanted, off_t(offset + bytes.count))
                    if found >= 0 { return found }
                    if errno != EINTR { throw FileIO.Failure(code: "io.read", "cannot read '\(path)': \(FileIO.errorText())") }
                }
            }
            if read == 0 { break }
            bytes.append(contentsOf: chunk[0..<read])
        }
        return bytes
    }
}
