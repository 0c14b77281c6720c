#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CueKit

/// The MP3 an `id3` output is made from (`--media`): its tag and the first
/// bytes of its audio are read for the writer (`ID3Media`); the rest of the
/// audio is copied after the new tag a megabyte at a time, never held whole.
final class MediaFile {
    let path: String
    /// What the writer needs of the file.
    let media: ID3Media
    private let descriptor: Int32
    private let status: stat
    private var isRegular: Bool { (status.st_mode & S_IFMT) == S_IFREG }

    /// Opens `path` and reads its tag (the ten-byte header, then exactly the
    /// size it gives) and up to `ID3Media.audioHeadLength` bytes of audio.
    init(path: String) throws(FileIO.Failure) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileIO.Failure(code: "io.read", "cannot open the media file '\(path)': \(FileIO.errorText())") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
            let reason = (info.st_mode & S_IFMT) == S_IFDIR ? "it is a directory" : FileIO.errorText()
            close(descriptor)
            throw FileIO.Failure(code: "io.read", "cannot read the media file '\(path)': \(reason)")
        }
        self.descriptor = descriptor
        status = info
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        do throws(FileIO.Failure) {
            var head = try BinaryInput.readPart(descriptor, from: regular ? 0 : nil, count: ID3TagHeader.length, path: path)
            let tagLength = ID3TagHeader.tagLength(atStartOf: head[...])
            if tagLength > head.count {
                head += try BinaryInput.readPart(descriptor, from: regular ? head.count : nil, count: tagLength - head.count, path: path)
            }
            let tag = Array(head.prefix(tagLength))
            var audio = Array(head.dropFirst(tagLength))
            if audio.count < ID3Media.audioHeadLength {
                audio += try BinaryInput.readPart(
                    descriptor, from: regular ? tag.count + audio.count : nil, count: ID3Media.audioHeadLength - audio.count, path: path)
            }
            media = ID3Media(
                name: path, tag: tag, audioHead: audio, audioLength: regular ? max(0, Int(info.st_size) - tag.count) : nil)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    /// Hands the audio (everything after the tag) to `write` in chunks;
    /// throws when the file cannot be read or changed since it was opened.
    func copyAudio(to write: (UnsafeBufferPointer<UInt8>) throws(FileIO.Failure) -> Void) throws(FileIO.Failure) {
        var copied = media.audioHead.count
        try media.audioHead.withUnsafeBufferPointer { (bytes) throws(FileIO.Failure) in try write(bytes) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let read = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(FileIO.Failure) -> Int in
                guard isRegular else { return try FileIO.readSome(descriptor, into: buffer.baseAddress!, count: buffer.count, path: path) }
                while true {
                    let found = pread(descriptor, buffer.baseAddress!, buffer.count, off_t(media.tag.count + copied))
                    if found >= 0 { return found }
                    if errno != EINTR { throw FileIO.Failure(code: "io.read", "cannot read '\(path)': \(FileIO.errorText())") }
                }
            }
            if read == 0 { break }
            try chunk.withUnsafeBufferPointer { (bytes) throws(FileIO.Failure) in
                try write(UnsafeBufferPointer(rebasing: bytes[0..<read]))
            }
            copied += read
        }
        try verifyUnchanged()
        if let expected = media.audioLength, copied != expected {
            throw changed("its audio was \(expected) bytes when opened and \(copied) when copied")
        }
    }

    /// Throws when the file's size or modification time changed since it
    /// was opened: the audio copied may be a mix of old and new.
    func verifyUnchanged() throws(FileIO.Failure) {
        guard isRegular, let change = FileChange(descriptor, since: status) else { return }
        throw changed(change.description)
    }

    private func changed(_ what: String) -> FileIO.Failure {
        FileIO.Failure(
            code: "io.input-changed",
            "expected the media file '\(path)' to stay as it was while cues copied it, found that \(what); nothing was written",
            at: SourceLocation(file: path, line: 1, column: 1))
    }
}
