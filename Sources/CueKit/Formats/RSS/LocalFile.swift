#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads small files beside an input (the files an RSS item links to).
enum LocalFile {
    /// Files larger than this are not read.
    static let maximumSize = 64 << 20

    /// Whether `path` names a regular file.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The bytes of the regular file at `path`, or a reason it could not be read.
    static func read(_ path: String) -> Result<[UInt8], LocalFileError> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(LocalFileError(message: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(LocalFileError(message: "not a regular file"))
        }
        guard Int(info.st_size) <= maximumSize else {
            return .failure(LocalFileError(message: "larger than \(maximumSize >> 20) MiB"))
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
                return .failure(LocalFileError(message: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            offset += count
        }
        return .success(Array(bytes[0..<offset]))
    }
}

/// Why a local file could not be read.
struct LocalFileError: Error {
    var message: String
}
