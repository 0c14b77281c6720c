#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSystemCalls

/// An output file being written, put in place by `commit` or given up by
/// `abort`, such that no existing file, device, FIFO or link is destroyed:
///
/// - a path that names nothing, or a regular file (`replacing` must allow
///   it), is written to a temporary file beside it, renamed into place when
///   complete: the path shows its old content or the new one, never a part.
///   Without `replacing`, the rename refuses to replace a file that appeared
///   meanwhile (`renameat2` with `RENAME_NOREPLACE`, else `link`), so a file
///   someone wrote between the check and the rename is kept. A replaced
///   file's permissions (and owner, where allowed) carry over; a new file
///   gets those the umask leaves, applied by the kernel;
/// - a symbolic link is followed: the file it names is written as above and
///   the link stays; a link to nothing is refused;
/// - a character device or FIFO (`/dev/null`, a named pipe, a terminal) is
///   written into directly, as a shell's `>` would, with no need to replace;
///   so is an open descriptor named by `/dev/stdout`, `/dev/stderr`,
///   `/dev/fd/N` or `/proc/self/fd/N`, whatever it is (with its offset and
///   append mode: `-o /dev/stdout >>log` appends);
/// - a directory, block device or socket is refused.
final class OutputFile {
    /// The path as the user named it.
    let path: String
    private let method: Method
    private var descriptor: Int32

    private enum Method {
        /// Through `temporary`, renamed to `target` (the path, or the file a
        /// link names); `existing` is the file replaced, when there is one.
        case replace(temporary: String, target: String, existing: stat?)
        case direct
    }

    /// Opens the output. `inputs` are the files of the run, never written.
    init(path: String, replacing: Bool, inputs: Set<FileIO.Identity>) throws(FileIO.Failure) {
        self.path = path
        if let number = Self.descriptorNumber(path) {
            descriptor = dup(number)
            guard descriptor >= 0 else { throw FileIO.Failure("cannot write '\(path)': \(FileIO.errorText())") }
            method = .direct
            return
        }
        var info = stat()
        var target = path
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw FileIO.Failure("cannot write '\(path)': \(FileIO.errorText())") }
            try Self.makeParent(of: path)
            (descriptor, method) = try Self.temporary(beside: path, target: path, existing: nil)
            return
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw FileIO.Failure(
                    "refusing to write '\(path)': it is a symbolic link to a file that does not exist (\(FileIO.errorText()))")
            }
            target = String(cString: resolved)
            free(resolved)
            guard stat(target, &info) == 0 else { throw FileIO.Failure("cannot write '\(target)': \(FileIO.errorText())") }
        }
        if inputs.contains(FileIO.Identity(info)) {
            throw FileIO.Failure(code: "io.output-is-input", "refusing to write '\(path)': it is an input of this run")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard replacing else {
                let shown = target == path ? "'\(path)'" : "'\(path)' (a link to '\(target)')"
                throw FileIO.Failure(code: "io.output-exists", "\(shown) already exists; pass --force to replace it")
            }
            (descriptor, method) = try Self.temporary(beside: target, target: target, existing: info)
        case S_IFCHR, S_IFIFO:
            descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileIO.Failure("cannot write '\(path)': \(FileIO.errorText())") }
            method = .direct
        case S_IFDIR:
            throw FileIO.Failure("cannot write '\(path)': it is a directory")
        case S_IFBLK:
            throw FileIO.Failure("refusing to write '\(path)': it is a block device (a disk), not a file")
        default:
            throw FileIO.Failure("refusing to write '\(path)': it is not a file, a character device or a FIFO")
        }
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileIO.Failure) {
        try FileIO.writeAll(bytes, to: descriptor, name: "'\(path)'")
    }

    func append(_ bytes: [UInt8]) throws(FileIO.Failure) {
        try bytes.withUnsafeBufferPointer { (bytes) throws(FileIO.Failure) in try append(bytes) }
    }

    /// Puts the output in place: the rename is atomic, readers see the old
    /// file or the new one. (No fsync: that guards against power loss, not
    /// against a failed conversion, and costs a disk flush per file.)
    func commit() throws(FileIO.Failure) {
        if case .replace(_, _, let existing?) = method {
            fchmod(descriptor, existing.st_mode & 0o777)
            if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)
            }
        }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let failure = FileIO.Failure("cannot write '\(path)': \(FileIO.errorText())")
            abort()
            throw failure
        }
        guard case .replace(let temporary, let target, let existing) = method else { return }
        defer { PendingFiles.forget(temporary) }
        if existing != nil {
            guard rename(temporary, target) == 0 else {
                let failure = FileIO.Failure("cannot write '\(path)': \(FileIO.errorText())")
                unlink(temporary)
                throw failure
            }
            return
        }
        do throws(FileIO.Failure) {
            try Self.moveWithoutReplacing(temporary, to: target, shownAs: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Removes the temporary file; the path is left as it was. (Bytes
    /// already written into a device or FIFO cannot be taken back.)
    func abort() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if case .replace(let temporary, _, _) = method {
            unlink(temporary)
            PendingFiles.forget(temporary)
        }
    }

    /// Renames `temporary` to `target` unless `target` exists, in one step.
    private static func moveWithoutReplacing(_ temporary: String, to target: String, shownAs path: String) throws(FileIO.Failure) {
        if cues_rename_noreplace(temporary, target) == 0 { return }
        var failure = errno
        if failure == EINVAL || failure == ENOSYS || failure == ENOTSUP {
            // The file system cannot rename that way; a hard link can: it
            // fails when the name exists.
            if link(temporary, target) == 0 {
                unlink(temporary)
                return
            }
            failure = errno
        }
        if failure == EEXIST {
            throw FileIO.Failure(
                code: "io.output-exists",
                "'\(path)' appeared while cues was writing it; it was kept and this output discarded (pass --force to replace it)")
        }
        throw FileIO.Failure("cannot write '\(path)': \(String(cString: strerror(failure)))")
    }

    /// A new temporary file `.NAME.cues-XXXXXX` beside `path`, created with
    /// the permissions the umask leaves of 0666 (the kernel applies it) and
    /// tracked for removal on an interruption.
    private static func temporary(beside path: String, target: String, existing: stat?) throws(FileIO.Failure) -> (Int32, Method) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        var failure = EEXIST
        for _ in 0..<100 where failure == EEXIST {
            // Six letters from one random number (62^6 < 2^64): one system call, not six.
            var random = generator.next()
            let suffix = String((0..<6).map { _ in
                defer { random /= UInt64(letters.count) }
                return letters[Int(random % UInt64(letters.count))]
            })
            let name = "\(directory).\(base).cues-\(suffix)"
            let descriptor = PendingFiles.tracking { () -> (value: Int32, path: String?) in
                let descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                failure = errno
                return (descriptor, descriptor >= 0 ? name : nil)
            }
            if descriptor >= 0 { return (descriptor, .replace(temporary: name, target: target, existing: existing)) }
        }
        throw FileIO.Failure("cannot write '\(path)': \(String(cString: strerror(failure)))")
    }

    /// The descriptor a path names: 1 for `/dev/stdout`, N for `/dev/fd/N`.
    private static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    private static func makeParent(of path: String) throws(FileIO.Failure) {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try FileIO.createDirectories(String(path[..<slash]))
        }
    }
}
