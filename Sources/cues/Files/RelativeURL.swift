#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The URL by which a page links a local file: the file's path relative to
/// the page's directory (`../media/ep%201.mp3`), each segment percent-encoded
/// but for letters, digits and `-._~`. Paths are made absolute from the
/// working directory and `.` and `..` resolved by their names alone: no link
/// is followed and nothing is opened.
enum RelativeURL {
    /// The URL of `file` from a page in `directory`.
    static func of(_ file: String, from directory: String) -> String {
        let target = segments(of: file)
        let base = segments(of: directory)
        var shared = 0
        while shared < target.count - 1, shared < base.count, target[shared] == base[shared] { shared += 1 }
        let up = Array(repeating: "..", count: base.count - shared)
        return (up + target[shared...].map(encoded)).joined(separator: "/")
    }

    /// The segments of `path` made absolute, without `.`, `..` and empty ones.
    static func segments(of path: String) -> [String] {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let directory = getcwd(&buffer, buffer.count).map { _ in String(cString: buffer) } ?? "/"
            absolute = directory + "/" + path
        }
        var parts: [String] = []
        for part in absolute.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return parts
    }

    /// `segment` percent-encoded (RFC 3986), its bytes as UTF-8.
    static func encoded(_ segment: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in segment.utf8 {
            let unreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            if unreserved {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
