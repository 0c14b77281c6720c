import CueKit

/// An input given as an `http(s)` URL, downloaded (with `--fetch`).
enum InputDownload {
    /// The bytes at `url` and the URL they came from after redirects;
    /// a failure names the URL and the status or reason.
    static func load(_ url: String, with remote: RemoteFiles) throws(FileIO.Failure) -> (bytes: [UInt8], finalURL: String) {
        let location = SourceLocation(file: url, line: 1, column: 1)
        let response: HTTPResponse
        do throws(HTTPTransportError) {
            response = try remote.transport.get(HTTPRequest(url: url))
        } catch {
            throw FileIO.Failure(code: "io.download", "expected the input at '\(url)', but did not get it: \(error.reason)", at: location)
        }
        guard (200..<300).contains(response.status) else {
            throw FileIO.Failure(
                code: "io.download", "expected the input at '\(url)', but the server answered HTTP \(response.status)",
                at: location)
        }
        return (response.body, response.finalURL)
    }
}

extension InputFile {
    /// The input's bytes (downloaded when it is a URL; for a binary format
    /// such as an MP3's ID3 tag, only its part of the file) and `options`
    /// for reading them: the files beside it, or downloads that resolve its
    /// relative links against its URL. `format` is the one asked for, if any.
    func read(with options: ReadOptions, format: FormatID?) throws(FileIO.Failure) -> (bytes: [UInt8], options: ReadOptions) {
        var options = options
        if isURL, let remote = options.remoteFiles {
            let download = try InputDownload.load(path, with: remote)
            options.remoteFiles = remote.resolving(against: download.finalURL)
            return (download.bytes, options)
        }
        if !isStandardInput {
            options.linkedFiles = DirectoryFiles(directory: path.lastIndex(of: "/").map { String(path[...$0]) } ?? ".")
        }
        return (try FileIO.read(input: path, format: format), options)
    }
}
