/// Reads the chapters and transcript files an RSS item links to
/// (`podcast:chapters`, `podcast:transcript`) when they are beside the feed,
/// through the caller's `LinkedFileResolver`, with the registry's reader for
/// their type.
///
/// A link is local when it is a relative reference made of plain names
/// (`ep1.chapters.json`, `files/ep1.vtt`: no `..`, no leading `/`), or an
/// `http(s)` URL whose last path segment names a file in the feed's
/// directory (a feed published with `--base-url` next to its siblings).
/// Nothing else is asked for: no other scheme, no path outside the
/// directory. With `remote` (the caller asked for downloads), `http` and
/// `https` links, and relative links of a downloaded feed, are downloaded
/// instead; other schemes are refused with a warning.
struct FeedReferences {
    let files: (any LinkedFileResolver)?
    let remote: RemoteFiles?
    let registry: FormatRegistry

    /// Where the file a link names is found.
    enum Place {
        case beside([String])
        case download(String)
        case refused(LinkedFileError)
    }

    /// Where `url` is found, or nil when it is not read at all.
    func place(of url: String) -> Place? {
        if let remote, let target = remote.target(of: url) {
            switch target {
            case .success(let absolute): return .download(absolute)
            case .failure(let error): return .refused(error)
            }
        }
        guard files != nil, let components = Self.localComponents(of: url) else { return nil }
        return .beside(components)
    }

    /// What kind of file a link promises.
    enum Kind {
        case chapters
        case transcript

        var label: String {
            switch self {
            case .chapters: "chapters"
            case .transcript: "transcript"
            }
        }

        func accepts(_ format: Format) -> Bool {
            switch self {
            case .chapters: format.kind == .chapters
            case .transcript: format.kind == .transcript || format.kind == .captions
            }
        }
    }

    /// The item's `podcast:transcript` links, the most wanted type first
    /// (in the order of `types`, then the others in feed order).
    static func transcriptLinks(of timeline: Timeline, preferring types: [String]) -> [Fields] {
        guard case .list(let links)? = timeline.metadata[RSSMetadata.podcastTranscripts] else { return [] }
        let maps = links.compactMap { value -> Fields? in
            if case .map(let link) = value { return link }
            return nil
        }
        let wanted = types.map { $0.lowercased() }
        func rank(_ link: Fields) -> Int {
            let type = link["type"]?.text?.split(separator: ";").first.map { String($0).trimmingXMLWhitespace().lowercased() } ?? ""
            return wanted.firstIndex(of: type) ?? wanted.count
        }
        return maps.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// Downloads, all at once, what `timelines` (a feed's items) link to:
    /// each item's chapters and its most wanted transcript.
    func prefetch(_ timelines: [Timeline], transcriptTypes: [String]) {
        guard let remote else { return }
        var urls: [String] = []
        for timeline in timelines {
            var links: [String] = []
            if case .map(let link)? = timeline.metadata[RSSMetadata.podcastChapters], let url = link["url"]?.text {
                links.append(url)
            }
            if let url = Self.transcriptLinks(of: timeline, preferring: transcriptTypes).first?["url"]?.text {
                links.append(url)
            }
            for link in links {
                if case .download(let absolute)? = place(of: link) { urls.append(absolute) }
            }
        }
        remote.prefetch(urls)
    }

    /// The names, from the feed's directory down, of the file `url` names
    /// beside the feed; nil when the link is not local.
    static func localComponents(of url: String) -> [String]? {
        var text = Substring(url.trimmingXMLWhitespace())
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        let components: [Substring]
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            let scheme = text[..<colon].lowercased()
            guard scheme == "http" || scheme == "https", let last = text.split(separator: "/").last,
                  text.split(separator: "/").count > 2 else { return nil }
            components = [last]
        } else {
            guard !text.hasPrefix("/") else { return nil }
            components = text.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        }
        var names: [String] = []
        for component in components {
            guard let name = percentDecoded(component), !name.isEmpty, name != "..", !name.contains("/"),
                  !name.utf8.contains(0) else { return nil }
            names.append(name)
        }
        return names.isEmpty ? nil : names
    }

    /// The timeline in the local file `url` links to, read with the reader
    /// for its content (sniffed), else its `type`, else its name. Nil, with
    /// a note or warning saying why, when it cannot be read; nil without a
    /// diagnostic when the link is not local or names no file.
    func read(
        url: String, type: String?, kind: Kind, at location: SourceLocation, options: ReadOptions,
        diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> (timeline: Timeline, path: String)? {
        guard let place = place(of: url) else { return nil }
        let file: LinkedFile
        let whereFound: String
        do throws(LinkedFileError) {
            switch place {
            case .beside(let components):
                guard let found = try files?.file(at: components) else { return nil }
                file = found
                whereFound = "beside the feed"
            case .download(let absolute):
                file = try remote!.file(at: absolute)
                whereFound = "at its link"
            case .refused(let error):
                throw error
            }
        } catch {
            if case .beside = place {
                diagnostics.report(.warning(
                    "rss.reference-unreadable",
                    "found the \(kind.label) file '\(error.name)' beside the feed but did not read it: \(error.reason); the link is kept",
                    at: location))
            } else {
                diagnostics.report(.warning(
                    "rss.download-failed",
                    "expected the \(kind.label) file at '\(error.name)', but did not get it: \(error.reason); the link is kept",
                    at: location))
            }
            return nil
        }
        let path = file.name
        var fileDiagnostics = Diagnostics(strict: options.strict)
        do throws(Diagnostic) {
            let (text, _) = try TextDecoding.utf8(from: file.bytes, name: path, diagnostics: &fileDiagnostics)
            guard let format = chooseFormat(text, types: [type, file.mediaType].compactMap { $0 }, path: path, kind: kind),
                  let reader = format.reader else {
                let served = file.mediaType.map { ", served as '\($0)'" } ?? ""
                diagnostics.report(.note(
                    "rss.reference-no-reader",
                    "found the \(kind.label) file '\(path)' \(whereFound), but cues has no reader for it (type '\(type ?? "none")'\(served)); the link is kept",
                    at: location))
                return nil
            }
            var fileOptions = options
            fileOptions.linkedFiles = nil
            fileOptions.remoteFiles = nil
            fileOptions.item = nil
            let timeline = try reader.read(SourceText(bytes: text, name: path), options: fileOptions, diagnostics: &fileDiagnostics)
            diagnostics.append(contentsOf: fileDiagnostics.items.map { tagged($0, format.id) })
            return (timeline, path)
        } catch {
            diagnostics.append(contentsOf: fileDiagnostics.items)
            if options.strict { throw error }
            diagnostics.report(.warning(
                "rss.reference-unreadable",
                "found the \(kind.label) file '\(path)' \(whereFound) but could not read it\(file.mediaType.map { " (served as '\($0)')" } ?? ""): \(error.description); the link is kept",
                at: location))
            return nil
        }
    }

    private func chooseFormat(_ text: [UInt8], types: [String], path: String, kind: Kind) -> Format? {
        func usable(_ format: Format?) -> Format? {
            // A linked file is read as text: never as a binary format.
            guard let format, format.reader != nil, format.id != .rss, format.binary == nil else { return nil }
            return format
        }
        if let sniffed = usable(registry.sniff(text)) { return sniffed }
        for type in types {
            if let byType = registry.formats(forMediaType: type).compactMap(usable).first(where: kind.accepts) { return byType }
        }
        if let byName = usable(registry.format(forFileName: path)), kind.accepts(byName) { return byName }
        return nil
    }

    private func tagged(_ diagnostic: Diagnostic, _ format: FormatID) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.format == nil { diagnostic.format = format }
        return diagnostic
    }

    /// `text` with `%XX` escapes decoded; nil when an escape is malformed or
    /// the result is not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
