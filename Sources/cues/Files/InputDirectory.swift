#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files found inside a directory named as an input.
///
/// Only regular files are taken, seen without following links (`lstat`):
/// a FIFO would block the batch, a device never ends, and a symbolic link
/// may lead anywhere, so each of those is skipped and reported. Hidden
/// entries are left out; subdirectories are entered with `recursive`.
struct InputDirectory {
    /// The regular files, as paths relative to the directory, sorted.
    var files: [String] = []
    /// The entries skipped, relative to the directory, with what they are.
    var skipped: [(path: String, kind: String)] = []

    init(_ directory: String, recursive: Bool) {
        walk(directory, relative: "", recursive: recursive)
    }

    private mutating func walk(_ directory: String, relative: String, recursive: Bool) {
        let path = relative.isEmpty ? directory : directory + "/" + relative
        guard let handle = opendir(path) else { return }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(handle)
        for name in names.sorted() {
            let child = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(directory + "/" + child, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files.append(child)
            case S_IFDIR: if recursive { walk(directory, relative: child, recursive: true) }
            case S_IFLNK: skipped.append((child, "a symbolic link"))
            case S_IFIFO: skipped.append((child, "a FIFO"))
            case S_IFCHR, S_IFBLK: skipped.append((child, "a device"))
            default: skipped.append((child, "not a regular file"))
            }
        }
    }
}
