#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CueKit

/// File access for the command-line tool: whole-file reads, and writes that
/// go to a temporary file in the target's directory and are renamed into
/// place, so a failed conversion never leaves a partial or clobbered file.
enum FileIO {
    struct Failure: Error, Sendable {
        var message: String
    }

    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        try withOpenFile(path) { (descriptor, info) throws(Failure) in try readAll(descriptor, info: info, path: path) }
    }

    /// The bytes of `path` for a conversion: a regular file of `mappedSize`
    /// or more is mapped into memory, anything else read (`read(_:)`).
    ///
    /// Mapping spares copying the file and clearing new pages for the copy,
    /// which take as long as the rest of a large conversion's start. The
    /// price: a file another program truncates while it is being converted
    /// ends the process with SIGBUS, where a read would have seen some mix of
    /// old and new bytes.
    static func load(_ path: String) throws(Failure) -> InputBytes {
        try withOpenFile(path) { (descriptor, info) throws(Failure) in
            if (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) >= mappedSize,
               let mapped = MappedFile(descriptor, count: Int(info.st_size)) {
                return InputBytes(region: mapped.bytes, owner: mapped)
            }
            return InputBytes(try readAll(descriptor, info: info, path: path))
        }
    }

    /// From this size up, a regular file is mapped for a conversion.
    static let mappedSize = 1 << 20

    /// `body` with the open file (or standard input for `-`) and its status;
    /// a directory is an error.
    private static func withOpenFile<Value>(
        _ path: String, _ body: (Int32, stat) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(message: "cannot open '\(path)': \(errorText())") }
        defer { if path != "-" { close(descriptor) } }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(message: "'\(path)' is a directory, expected a file")
        }
        return try body(descriptor, info)
    }

    /// Everything left to read from `descriptor`: the announced size
    /// straight into the array, then what a pipe gives, or a file that grew,
    /// in chunks.
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
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(Failure) in
                try readSome(descriptor, into: buffer.baseAddress!, count: buffer.count, path: path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// One `read` of at most `count` bytes (0 at the end), retried when a
    /// signal interrupts it.
    private static func readSome(
        _ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int, path: String
    ) throws(Failure) -> Int {
        while true {
            let read = Glibc.read(descriptor, buffer, count)
            if read >= 0 { return read }
            if errno != EINTR { throw Failure(message: "cannot read '\(path)': \(errorText())") }
        }
    }

    /// A file mapped read-only into memory, unmapped when released.
    final class MappedFile {
        let bytes: UnsafeBufferPointer<UInt8>

        /// Maps the first `count` bytes of the open file; nil when it cannot
        /// be mapped (read it instead). On Linux the pages are mapped at
        /// once (`MAP_POPULATE`), not one fault at a time.
        init?(_ descriptor: Int32, count: Int) {
            #if canImport(Glibc)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            guard count > 0, let base = mmap(nil, count, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else { return nil }
            bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
        }

        deinit {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        }
    }

    /// Writes `bytes` to standard output.
    static func writeStandardOutput(_ bytes: [UInt8]) throws(Failure) {
        try bytes.withUnsafeBufferPointer { (bytes) throws(Failure) in try writeStandardOutput(bytes) }
    }

    static func writeStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        try writeAll(bytes, to: STDOUT_FILENO, name: "standard output")
    }

    /// Writes `bytes` to `path` through a temporary file renamed into place.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let file = try AtomicFile(path: path)
        do throws(Failure) {
            try file.append(bytes)
            try file.commit()
        } catch {
            file.abort()
            throw error
        }
    }

    /// A file written in pieces to a temporary file beside `path`, then
    /// renamed into place by `commit`, or removed by `abort`: `path` shows
    /// either its old content or the complete new one, never a part.
    final class AtomicFile {
        let path: String
        private let temporary: String
        private var descriptor: Int32

        init(path: String) throws(Failure) {
            self.path = path
            let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            let base = path.split(separator: "/").last.map(String.init) ?? path
            var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).cues-XXXXXX".utf8CString)
            let created = PendingFiles.tracking { () -> (value: (Int32, String), path: String?) in
                let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                let name = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return ((descriptor, name), descriptor >= 0 ? name : nil)
            }
            (descriptor, temporary) = created
            guard descriptor >= 0 else { throw Failure(message: "cannot write '\(path)': \(errorText())") }
        }

        func append(_ bytes: [UInt8]) throws(Failure) {
            try bytes.withUnsafeBufferPointer { (bytes) throws(Failure) in try append(bytes) }
        }

        func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
            try writeAll(bytes, to: descriptor, name: "'\(path)'")
        }

        /// Puts the file in place. The rename is atomic: readers see the old
        /// file or the new one. (No fsync: that guards against power loss, not
        /// against a failed conversion, and costs a disk flush per file.)
        func commit() throws(Failure) {
            fchmod(descriptor, 0o644 & ~currentUmask())
            let closed = close(descriptor)
            descriptor = -1
            guard closed == 0 else { throw Failure(message: "cannot write '\(path)': \(errorText())") }
            guard rename(temporary, path) == 0 else { throw Failure(message: "cannot write '\(path)': \(errorText())") }
            PendingFiles.forget(temporary)
        }

        /// Removes the temporary file; `path` is left as it was.
        func abort() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
            PendingFiles.forget(temporary)
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

    /// The regular files under `directory` as paths relative to it, sorted;
    /// hidden entries are skipped.
    static func listFiles(in directory: String, recursive: Bool) -> [String] {
        var found: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? directory : directory + "/" + relative
            guard let handle = opendir(path) else { return }
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                names.append(name)
            }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isDirectory(directory + "/" + child) {
                    if recursive { walk(child) }
                } else {
                    found.append(child)
                }
            }
        }
        walk("")
        return found
    }

    /// Creates `path` and its missing parents.
    static func createDirectories(_ path: String) throws(Failure) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if isDirectory(current) { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw Failure(message: "cannot create directory '\(path)': \(errorText())")
            }
        }
    }

    /// Which file a path names (device and inode), when it exists.
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Whether two paths name the same existing file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, name: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot write \(name): \(errorText())")
            }
            offset += count
        }
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return mask
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
