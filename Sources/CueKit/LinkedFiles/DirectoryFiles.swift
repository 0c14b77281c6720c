#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Linked files beneath one directory (the input's), opened one component at
/// a time with `openat` and `O_NOFOLLOW`: a symbolic link anywhere on the
/// way is refused, so a file an archive links to (`passwd.vtt ->
/// /etc/passwd`) is never read. Only regular files of at most
/// `maximumSize` bytes are read; a FIFO or device is refused without
/// waiting on it.
public struct DirectoryFiles: LinkedFileResolver {
    /// The directory, as the caller named it.
    public let directory: String
    /// Files larger than this are not read.
    public static let maximumSize = 64 << 20

    public init(directory: String) {
        self.directory = directory.isEmpty ? "." : directory
    }

    public func file(at components: [String]) throws(LinkedFileError) -> LinkedFile? {
        let name = (directory.hasSuffix("/") ? directory : directory + "/") + components.joined(separator: "/")
        func refused(_ reason: String) -> LinkedFileError { LinkedFileError(name: name, reason: reason) }
        guard !components.isEmpty, components.allSatisfy(Self.isPlainName) else { throw refused("it is not a plain relative name") }

        var parent = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { return nil }
        defer { close(parent) }
        for (index, component) in components.enumerated() {
            let isLast = index == components.count - 1
            let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (isLast ? O_NONBLOCK : O_DIRECTORY)
            let descriptor = openat(parent, component, flags)
            guard descriptor >= 0 else {
                switch errno {
                case ENOENT: return nil
                case ELOOP: throw refused("'\(component)' is a symbolic link, which is not followed beside an input")
                case ENOTDIR:
                    throw refused("'\(component)' is not a directory (a symbolic link is not followed beside an input)")
                default: throw refused(String(cString: strerror(errno)))
                }
            }
            close(parent)
            parent = descriptor
        }
        return try read(parent, name: name)
    }

    /// The whole regular file open as `descriptor`.
    private func read(_ descriptor: Int32, name: String) throws(LinkedFileError) -> LinkedFile {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw LinkedFileError(name: name, reason: "it is not a regular file")
        }
        guard Int(info.st_size) <= Self.maximumSize else {
            throw LinkedFileError(name: name, reason: "it is larger than \(Self.maximumSize >> 20) MiB")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Darwin)
                Darwin.read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #elseif canImport(Musl)
                Musl.read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Glibc.read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw LinkedFileError(name: name, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            offset += count
        }
        return LinkedFile(name: name, bytes: Array(bytes[0..<offset]))
    }

    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(UInt8(ascii: "/")) && !name.utf8.contains(0)
    }
}
