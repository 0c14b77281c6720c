import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Downloads the files an input links to by URL (an RSS item's
/// `podcast:chapters` and `podcast:transcript`), through the caller's
/// `HTTPTransport`: `http` and `https` only, several at a time, each URL
/// once per run.
///
/// Relative links resolve against `baseURL`, the input's own URL when it was
/// downloaded; without one, relative links name files beside the input
/// (see `ReadOptions.linkedFiles`) and are not downloaded.
public final class RemoteFiles: @unchecked Sendable {
    public let transport: any HTTPTransport
    /// The URL relative links resolve against.
    public let baseURL: String?
    /// How many downloads run at once.
    public let parallelism: Int

    private let lock = DownloadLock()
    private var results: [String: Result<LinkedFile, LinkedFileError>] = [:]

    public init(transport: any HTTPTransport, baseURL: String? = nil, parallelism: Int = 8) {
        self.transport = transport
        self.baseURL = baseURL
        self.parallelism = max(1, parallelism)
    }

    /// The same downloads (and the ones already made) with relative links
    /// resolved against `baseURL`.
    public func resolving(against baseURL: String?) -> RemoteFiles {
        let copy = RemoteFiles(transport: transport, baseURL: baseURL, parallelism: parallelism)
        copy.results = lock.withLock { results }
        return copy
    }

    /// What `link` names for a download: an absolute `http` or `https`
    /// URL (a relative link resolved against `baseURL`), or why it is not
    /// downloaded. Nil for a relative link without a base: it names a file
    /// beside the input (see `ReadOptions.linkedFiles`).
    func target(of link: String) -> Result<String, LinkedFileError>? {
        let text = link.trimmingXMLWhitespace()
        guard !text.isEmpty else { return nil }
        let absolute: String
        if WebAddress.scheme(of: text[...]) != nil {
            absolute = text
        } else if let baseURL, let resolved = WebAddress.resolve(text[...], against: baseURL) {
            absolute = resolved
        } else {
            return nil
        }
        func refused(_ reason: String) -> Result<String, LinkedFileError> { .failure(LinkedFileError(name: absolute, reason: reason)) }
        guard let scheme = WebAddress.scheme(of: absolute[...]), scheme == "http" || scheme == "https" else {
            return refused("only http and https links are downloaded")
        }
        guard !WebAddress.hasCredentials(absolute) else { return refused("it carries a user name or password, which is never sent") }
        guard !WebAddress.host(absolute).isEmpty else { return refused("it names no host") }
        return .success(absolute)
    }

    /// Downloads every URL not downloaded yet, `parallelism` at a time, and
    /// keeps the results for `file(at:)`.
    func prefetch(_ urls: [String]) {
        var seen = Set<String>()
        let wanted = lock.withLock { urls.filter { results[$0] == nil && seen.insert($0).inserted } }
        guard !wanted.isEmpty else { return }
        let next = Counter()
        let threads = min(parallelism, wanted.count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = next.take(below: wanted.count) {
                let result = download(wanted[index])
                lock.withLock { results[wanted[index]] = result }
            }
        }
    }

    /// The file at the absolute URL `url`, downloaded now unless it was
    /// before. Throws, naming the URL and why, when the server did not give
    /// it (a status other than 2xx, a timeout, a body over the transport's
    /// cap, too many redirects).
    public func file(at url: String) throws(LinkedFileError) -> LinkedFile {
        let stored = lock.withLock { results[url] }
        let result = stored ?? download(url)
        if stored == nil { lock.withLock { results[url] = result } }
        return try result.get()
    }

    private func download(_ url: String) -> Result<LinkedFile, LinkedFileError> {
        do throws(HTTPTransportError) {
            let response = try transport.get(HTTPRequest(url: url))
            guard (200..<300).contains(response.status) else {
                return .failure(LinkedFileError(name: url, reason: "the server answered HTTP \(response.status)"))
            }
            return .success(LinkedFile(name: url, bytes: response.body, mediaType: response.contentType))
        } catch {
            return .failure(LinkedFileError(name: url, reason: error.reason))
        }
    }
}

/// A mutual-exclusion lock (CueKit does without Foundation).
final class DownloadLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// Hands out 0, 1, 2, … to the threads of a download round.
private final class Counter: @unchecked Sendable {
    private let lock = DownloadLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
