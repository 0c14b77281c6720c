import CueKit
import Foundation

/// Keeps downloaded files in a directory (`--cache DIR`) and asks the
/// server only whether they changed (`If-None-Match` with the `ETag`,
/// `If-Modified-Since` with `Last-Modified`): a second run over a feed
/// costs one round of conditional requests, answered `304 Not Modified`.
///
/// One file per URL, named by a hash of it: a header of `name: value`
/// lines (the URL, the validators, the content type, the final URL), a
/// blank line, then the body. Entries are written to a temporary file and
/// renamed into place, so a crash never leaves half an entry.
struct CachingTransport: HTTPTransport {
    var base: any HTTPTransport
    var directory: String

    func get(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        let path = entryPath(request.url)
        let cached = Self.readEntry(path, url: request.url)
        var conditional = request
        if let cached {
            if let etag = cached.etag { conditional.headers["If-None-Match"] = etag }
            if let lastModified = cached.lastModified { conditional.headers["If-Modified-Since"] = lastModified }
        }
        let response = try base.get(conditional)
        if response.status == 304, var cached {
            cached.status = 200
            return cached
        }
        if (200..<300).contains(response.status), response.etag != nil || response.lastModified != nil {
            Self.writeEntry(response, url: request.url, to: path, directory: directory)
        }
        return response
    }

    /// The entry's file: FNV-1a (64 bits) of the URL, in hexadecimal.
    private func entryPath(_ url: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let name = String(hash, radix: 16)
        return (directory.hasSuffix("/") ? directory : directory + "/") + String(repeating: "0", count: 16 - name.count) + name
    }

    private static let fields = ["url", "etag", "last-modified", "content-type", "final-url"]

    private static func readEntry(_ path: String, url: String) -> HTTPResponse? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        guard let end = bytes.firstRange(of: [0x0A, 0x0A]) else { return nil }
        var values: [String: String] = [:]
        for line in String(decoding: bytes[..<end.lowerBound], as: UTF8.self).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            values[String(line[..<colon])] = String(value)
        }
        // A hash shared by two URLs: the entry is not this URL's.
        guard values["url"] == url else { return nil }
        return HTTPResponse(
            status: 200, contentType: values["content-type"], body: Array(bytes[end.upperBound...]),
            finalURL: values["final-url"] ?? url, etag: values["etag"], lastModified: values["last-modified"])
    }

    private static func writeEntry(_ response: HTTPResponse, url: String, to path: String, directory: String) {
        let values = [url, response.etag, response.lastModified, response.contentType, response.finalURL]
        var header = ""
        for (name, value) in zip(fields, values) {
            // A value holding a line break would end the header early.
            if let value, !value.contains(where: \.isNewline) { header += "\(name): \(value)\n" }
        }
        var entry = Array((header + "\n").utf8)
        entry.append(contentsOf: response.body)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".\(getpid()).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(entry)) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
