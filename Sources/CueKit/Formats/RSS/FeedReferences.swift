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
/// directory, no network.
struct FeedReferences {
    let files: any LinkedFileResolver
    let registry: FormatRegistry

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
        guard let components = Self.localComponents(of: url) else { return nil }
        let file: LinkedFile
        do throws(LinkedFileError) {
            guard let found = try files.file(at: components) else { return nil }
            file = found
        } catch {
            diagnostics.report(.warning(
                "rss.reference-unreadable",
                "found the \(kind.label) file '\(error.name)' beside the feed but did not read it: \(error.reason); the link is kept",
                at: location))
            return nil
        }
        let path = file.name
        var fileDiagnostics = Diagnostics(strict: options.strict)
        do throws(Diagnostic) {
            let (text, _) = try TextDecoding.utf8(from: file.bytes, name: path, diagnostics: &fileDiagnostics)
            guard let format = chooseFormat(text, type: type, path: path, kind: kind), let reader = format.reader else {
                diagnostics.report(.note(
                    "rss.reference-no-reader",
                    "found the \(kind.label) file '\(path)' beside the feed, but cues has no reader for it (type '\(type ?? "none")'); the link is kept",
                    at: location))
                return nil
            }
            var fileOptions = options
            fileOptions.linkedFiles = nil
            fileOptions.item = nil
            let timeline = try reader.read(SourceText(bytes: text, name: path), options: fileOptions, diagnostics: &fileDiagnostics)
            diagnostics.append(contentsOf: fileDiagnostics.items.map { tagged($0, format.id) })
            return (timeline, path)
        } catch {
            diagnostics.append(contentsOf: fileDiagnostics.items)
            if options.strict { throw error }
            diagnostics.report(.warning(
                "rss.reference-unreadable",
                "found the \(kind.label) file '\(path)' beside the feed but could not read it: \(error.description); the link is kept",
                at: location))
            return nil
        }
    }

    private func chooseFormat(_ text: [UInt8], type: String?, path: String, kind: Kind) -> Format? {
        func usable(_ format: Format?) -> Format? {
            guard let format, format.reader != nil, format.id != .rss else { return nil }
            return format
        }
        if let sniffed = usable(registry.sniff(text)) { return sniffed }
        if let type, let byType = registry.formats(forMediaType: type).compactMap(usable).first(where: kind.accepts) {
            return byType
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
