/// How CueKit reaches the network: one GET at a time, through whatever
/// client the caller brings (the `cues` tool brings libcurl; an app on
/// Apple's systems might wrap `URLSession`). CueKit never downloads on its
/// own: only `RemoteFiles`, which the caller creates with a transport and
/// puts in `ReadOptions.remoteFiles`, calls it.
///
/// A transport is expected to follow a few redirects, refuse every scheme
/// but `http` and `https` (redirects included), send no credentials, and
/// give up after its own connect and read timeouts and size cap, throwing a
/// `HTTPTransportError` that says which.
public protocol HTTPTransport: Sendable {
    /// The response to a GET of `request`, whatever its status; throws when
    /// no complete response came.
    func get(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse
}

/// A GET request.
public struct HTTPRequest: Sendable, Hashable {
    /// An absolute `http` or `https` URL.
    public var url: String
    /// Extra header fields, such as `If-None-Match`.
    public var headers: [String: String]

    public init(url: String, headers: [String: String] = [:]) {
        self.url = url
        self.headers = headers
    }
}

/// What a server answered.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// The `Content-Type` field, with its parameters; nil when absent.
    public var contentType: String?
    public var body: [UInt8]
    /// The URL the body came from, after redirects.
    public var finalURL: String
    /// The `ETag` and `Last-Modified` fields, which a cache sends back to
    /// ask whether the body changed.
    public var etag: String?
    public var lastModified: String?

    public init(
        status: Int, contentType: String? = nil, body: [UInt8], finalURL: String, etag: String? = nil,
        lastModified: String? = nil
    ) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.finalURL = finalURL
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// Why no complete response came, as a clause ("no answer within 30 s").
public struct HTTPTransportError: Error, Sendable, Hashable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
