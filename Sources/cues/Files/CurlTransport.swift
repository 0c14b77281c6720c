import CCurl
import CueKit
import Foundation

/// The `cues` tool's `HTTPTransport`: libcurl, loaded the first time a
/// download is asked for (see DESIGN in Formats/rss.md): `http` and `https`
/// only, redirects included, at most `maximumRedirects` of them, a connect
/// timeout, a timeout for the whole transfer, a size cap, no credentials.
struct CurlTransport: HTTPTransport {
    var timeoutSeconds: Int
    var maximumBytes = 64 << 20
    var maximumRedirects = 5

    /// Whether libcurl can be loaded; the reason when not.
    static func availability() -> String? {
        var error = [CChar](repeating: 0, count: 256)
        return cues_curl_load(&error, error.count) == 0 ? nil : String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func get(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        let headers = request.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        var response = cues_curl_response()
        let timeout = max(1, timeoutSeconds) * 1000
        withCStrings(headers) { pointers in
            pointers.withUnsafeBufferPointer { buffer in
                var limits = cues_curl_limits(
                    connect_timeout_ms: min(timeout, 10_000), total_timeout_ms: timeout, max_bytes: Int64(maximumBytes),
                    max_redirects: maximumRedirects, headers: buffer.baseAddress, header_count: Int32(buffer.count))
                cues_curl_get(request.url, &limits, &response)
            }
        }
        defer { cues_curl_response_free(&response) }
        if response.too_large != 0 {
            throw HTTPTransportError(reason: "the body is larger than \(maximumBytes >> 20) MB, the most cues downloads")
        }
        if response.error != 0 {
            let message = Self.text(&response.message)
            throw HTTPTransportError(reason: Self.reason(code: response.error, message: message))
        }
        let body = response.body.map { Array(UnsafeBufferPointer(start: $0, count: response.length)) } ?? []
        let contentType = Self.text(&response.content_type)
        let finalURL = Self.text(&response.effective_url)
        return HTTPResponse(
            status: response.status, contentType: contentType.isEmpty ? nil : contentType, body: body,
            finalURL: finalURL.isEmpty ? request.url : finalURL,
            etag: Self.text(&response.etag).nonEmpty, lastModified: Self.text(&response.last_modified).nonEmpty)
    }

    /// libcurl's error as a clause a reader understands.
    static func reason(code: Int32, message: String) -> String {
        switch code {
        case 28: "no complete answer within the timeout (\(message))"
        case 47: "too many redirects (\(message))"
        case 1: "it redirects to a scheme other than http or https (\(message))"
        case 6: "the host name could not be resolved (\(message))"
        case 7: "the server could not be reached (\(message))"
        default: message
        }
    }

    private static func text<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

/// `body` with `strings` as an array of C string pointers.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return body(copies.map { UnsafePointer($0) })
}
