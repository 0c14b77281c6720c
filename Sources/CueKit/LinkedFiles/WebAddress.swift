/// The few things CueKit needs to know about a URL a feed links to: its
/// scheme, whether it carries credentials, and the absolute URL a relative
/// reference names against a base (RFC 3986, section 5.2), without Foundation.
enum WebAddress {
    /// The scheme, lowercased, when `text` starts with one (`https:`).
    static func scheme(of text: Substring) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.utf8.first, isLetter(first),
              scheme.utf8.allSatisfy({ isLetter($0) || ($0 &- 0x30) < 10 || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else { return nil }
        return scheme.lowercased()
    }

    /// Whether the authority of the absolute `url` holds a user name or
    /// password (`https://user:secret@host/`).
    static func hasCredentials(_ url: String) -> Bool {
        guard let authority = parts(url)?.authority else { return false }
        return authority.contains("@")
    }

    /// The host of the absolute `url`, empty when it has none.
    static func host(_ url: String) -> Substring {
        guard var authority = parts(url)?.authority else { return "" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") { return authority.firstIndex(of: "]").map { authority[...$0] } ?? authority }
        return authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }

    /// `reference` made absolute against `base` (itself when it has a scheme).
    static func resolve(_ reference: Substring, against base: String) -> String? {
        if scheme(of: reference) != nil { return String(reference) }
        guard let base = parts(base) else { return nil }
        if reference.hasPrefix("//") { return base.scheme + ":" + reference }
        let prefix = base.scheme + "://" + base.authority
        if reference.hasPrefix("/") { return prefix + withoutDotSegments(reference) }
        if reference.isEmpty { return prefix + base.path + base.query }
        if reference.hasPrefix("?") { return prefix + base.path + reference }
        if reference.hasPrefix("#") { return prefix + base.path + base.query + reference }
        let directory = base.path.lastIndex(of: "/").map { base.path[...$0] } ?? "/"
        return prefix + withoutDotSegments(directory + reference)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Scheme, authority, path and query (with its `?`) of an absolute
    /// hierarchical URL; the fragment is dropped.
    private static func parts(_ url: String) -> (scheme: String, authority: Substring, path: Substring, query: Substring)? {
        var text = Substring(url)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        guard let scheme = scheme(of: text) else { return nil }
        var rest = text[text.index(after: text.firstIndex(of: ":")!)...]
        guard rest.hasPrefix("//") else { return nil }
        rest = rest.dropFirst(2)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        let path = rest[..<queryStart]
        return (scheme, authority, path.isEmpty ? "/" : path, rest[queryStart...])
    }

    /// RFC 3986, 5.2.4: `.` and `..` segments removed from a path (its
    /// query, if any, kept as it is).
    private static func withoutDotSegments(_ reference: Substring) -> String {
        let queryStart = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
        let path = reference[..<queryStart]
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/") + reference[queryStart...]
    }
}
