import CueKit

/// Downloads: of a feed given by URL and of the files its items link to.
/// Without `--fetch`, cues never touches the network.
struct FetchOptions {
    static let fetch = OptionSpec.flag(
        "fetch",
        help: "Download what a feed links to (podcast:chapters, podcast:transcript; http and https only), and inputs given as http(s) URLs.")
    static let cache = OptionSpec.option(
        "cache", valueName: "dir", completion: .directory,
        help: "Keep downloads in DIR and ask the server only whether they changed (ETag, Last-Modified).")
    static let timeout = OptionSpec.option(
        "timeout", valueName: "seconds", default: "30",
        help: "Give up on a download after this many seconds (connecting: at most 10).")
    static let transcriptType = OptionSpec.option(
        "transcript-type", valueName: "type[,type...]",
        help: "Of several podcast:transcript links, use the first of these media types (default: text/vtt, application/json, application/x-subrip, application/srt).")
    static let options = [fetch, cache, timeout, transcriptType]

    var fetch: Bool
    var cache: String?
    var timeoutSeconds: Int
    var transcriptTypes: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        fetch = arguments.flag(Self.fetch)
        cache = arguments.value(Self.cache)
        let timeout = arguments.string(Self.timeout)
        guard let seconds = Int(timeout), seconds > 0, seconds <= 3600 else {
            throw UsageError("--timeout takes a number of seconds from 1 to 3600, found '\(timeout)'")
        }
        timeoutSeconds = seconds
        transcriptTypes = arguments.value(Self.transcriptType).map {
            $0.split(separator: ",").map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
        } ?? ReadOptions.defaultTranscriptTypes
        if !fetch, cache != nil {
            throw UsageError("--cache keeps downloads, which only --fetch makes; add --fetch")
        }
    }

    /// The downloads of one run, or nil without `--fetch`.
    func remoteFiles() throws(UsageError) -> RemoteFiles? {
        guard fetch else { return nil }
        if let reason = CurlTransport.availability() {
            throw UsageError("--fetch downloads with libcurl, which is not installed here: \(reason)")
        }
        var transport: any HTTPTransport = CurlTransport(timeoutSeconds: timeoutSeconds)
        if let cache { transport = CachingTransport(base: transport, directory: cache) }
        return RemoteFiles(transport: transport)
    }

    /// Whether `input` is an `http` or `https` URL rather than a path.
    static func isURL(_ input: String) -> Bool {
        let lowered = input.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }
}
