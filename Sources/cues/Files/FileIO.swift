#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CueKit

/// File access for the command-line tool: whole-file reads that notice a
/// file changing under them, standard output, and the file system questions
/// the commands ask. Outputs are written through `OutputFile`.
enum FileIO {
    struct Failure: Error, Sendable {
        /// A stable code for the report (`io.read`, `io.write`, ...).
        var code = "io.write"
        var message: String
        /// Where in the input the failure was met, when it is about content.
        var location: SourceLocation?

        init(code: String = "io.write", _ message: String, at location: SourceLocation? = nil) {
            self.code = code
            self.message = message
            self.location = location
        }

        var diagnostic: Diagnostic { .error(code, message, at: location) }
    }

    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        try withOpenFile(path) { (descriptor, info) throws(Failure) in try readAll(descriptor, info: info, path: path) }
    }

    /// The bytes of an input to read as `format` (nil: as its content and
    /// name say): the part a binary format reads when the input is one (the
    /// ID3 tag of an MP3, never its audio; see `BinaryInput`), else all.
    static func read(input path: String, format: FormatID?) throws(Failure) -> [UInt8] {
        try withOpenFile(path) { (descriptor, info) throws(Failure) in
            switch try BinaryInput.read(descriptor, info: info, path: path, format: format) {
            case .binary(let bytes): return bytes
            case .text(let head): return head + (try readAll(descriptor, info: info, path: path))
            }
        }
    }

    /// The bytes of `path` for a conversion reading it as `format` (nil: as
    /// its content and name say): a binary format's part of the file (see
    /// `BinaryInput`); else, a regular file of `mappedSize` or more is
    /// mapped into memory (`MappedFile`), anything else read.
    static func load(_ path: String, format: FormatID?) throws(Failure) -> LoadedInput {
        try withOpenFile(path) { (descriptor, info) throws(Failure) in
            let head: [UInt8]
            switch try BinaryInput.read(descriptor, info: info, path: path, format: format) {
            case .binary(let bytes): return LoadedInput(bytes: InputBytes(bytes), mapping: nil, path: path)
            case .text(let consumed): head = consumed
            }
            if head.isEmpty, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) >= mappedSize,
               let mapped = MappedFile(descriptor, info: info) {
                return LoadedInput(bytes: InputBytes(region: mapped.bytes, owner: mapped), mapping: mapped, path: path)
            }
            return LoadedInput(bytes: InputBytes(head + (try readAll(descriptor, info: info, path: path))), mapping: nil, path: path)
        }
    }

    /// An input's bytes, and the mapping they live in when mapped.
    struct LoadedInput {
        var bytes: InputBytes
        fileprivate let mapping: MappedFile?
        fileprivate let path: String

        /// `array` with the bytes read (or downloaded), `mapped` with the
        /// mapped memory, valid during the call: the two forms the library's
        /// conversion takes without a copy.
        func withBytes<Value, Failure: Error>(
            array: ([UInt8]) throws(Failure) -> Value, mapped: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Value
        ) throws(Failure) -> Value {
            guard mapping != nil else { return try array(bytes.array) }
            return try bytes.withUnsafeBufferPointer(mapped)
        }

        /// Bytes downloaded from `url`.
        static func downloaded(_ bytes: [UInt8], url: String) -> LoadedInput {
            LoadedInput(bytes: InputBytes(bytes), mapping: nil, path: url)
        }

        /// Throws when a mapped input was truncated or changed since it was
        /// mapped: what was read from it cannot be trusted. (A read input
        /// was checked as it was read.)
        func verifyUnchanged(name: String) throws(Failure) {
            guard let mapping, let change = mapping.change() else { return }
            throw Failure(
                code: "io.input-changed",
                "expected '\(path)' to stay as it was while cues read it, found that \(change); nothing was written",
                at: SourceLocation(file: name, line: 1, column: 1))
        }
    }

    /// From this size up, a regular file is mapped for a conversion.
    static let mappedSize = 1 << 20

    /// `body` with the open file (or standard input for `-`) and its status;
    /// a directory is an error. A FIFO or device is opened without waiting
    /// and then read as a stream.
    private static func withOpenFile<Value>(
        _ path: String, _ body: (Int32, stat) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(code: "io.read", "cannot open '\(path)': \(errorText())") }
        defer { if path != "-" { close(descriptor) } }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(code: "io.read", "cannot read '\(path)': \(errorText())") }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(code: "io.read", "'\(path)' is a directory, expected a file")
        }
        return try body(descriptor, info)
    }

    /// Everything left to read from `descriptor`: the announced size
    /// straight into the array, then what a pipe gives, or a file that grew,
    /// in chunks. A regular file whose size or modification time changed
    /// meanwhile is an error: its bytes may be a mix of old and new.
    private static func readAll(_ descriptor: Int32, info: stat, path: String) throws(Failure) -> [UInt8] {
        var failure: Failure?
        let expected = max(Int(info.st_size), 0)
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            do throws(Failure) {
                guard let base = buffer.baseAddress else { return }
                while count < expected {
                    let read = try readSome(descriptor, into: base + count, count: expected - count, path: path)
                    if read == 0 { return }
                    count += read
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        // Left uninitialised: only what `read` writes is used, and clearing
        // 64 KB cost more than reading a short file.
        var chunk = [UInt8](unsafeUninitializedCapacity: 1 << 16) { _, count in count = 1 << 16 }
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(Failure) in
                try readSome(descriptor, into: buffer.baseAddress!, count: buffer.count, path: path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        if (info.st_mode & S_IFMT) == S_IFREG, let change = FileChange(descriptor, since: info) {
            throw Failure(
                code: "io.input-changed",
                "expected '\(path)' to stay as it was while cues read it, found that \(change.description); nothing was written",
                at: SourceLocation(file: path, line: 1, column: 1))
        }
        return bytes
    }

    /// One `read` of at most `count` bytes (0 at the end), retried when a
    /// signal interrupts it.
    static func readSome(
        _ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int, path: String
    ) throws(Failure) -> Int {
        while true {
            let read = Glibc.read(descriptor, buffer, count)
            if read >= 0 { return read }
            if errno != EINTR { throw Failure(code: "io.read", "cannot read '\(path)': \(errorText())") }
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates `path` and its missing parents.
    static func createDirectories(_ path: String) throws(Failure) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if isDirectory(current) { continue }
            if mkdir(current, 0o777) != 0 && errno != EEXIST {
                throw Failure("cannot create directory '\(path)': \(errorText())")
            }
        }
    }

    /// Which file a path names (device and inode), when it exists.
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(info)
    }

    /// Whether two paths name the same existing file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        guard let first = identity(a) else { return false }
        return first == identity(b)
    }

    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, name: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure("cannot write \(name): \(errorText())")
            }
            offset += count
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// How a regular file differs from what an earlier `fstat` saw: its size or
/// its modification time.
struct FileChange: CustomStringConvertible {
    var oldSize: Int
    var newSize: Int

    /// The change of the open file since `info`, nil when there is none.
    init?(_ descriptor: Int32, since info: stat) {
        var now = stat()
        guard fstat(descriptor, &now) == 0 else { return nil }
        let sameTime = now.st_mtim.tv_sec == info.st_mtim.tv_sec && now.st_mtim.tv_nsec == info.st_mtim.tv_nsec
        guard now.st_size != info.st_size || !sameTime else { return nil }
        oldSize = Int(info.st_size)
        newSize = Int(now.st_size)
    }

    var description: String {
        if newSize < oldSize { return "it was truncated from \(oldSize) to \(newSize) bytes" }
        if newSize > oldSize { return "it grew from \(oldSize) to \(newSize) bytes" }
        return "it was modified"
    }
}
