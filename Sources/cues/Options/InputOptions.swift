import CueKit

/// How inputs are found and read.
struct InputOptions {
    static let inputs = ArgumentSpec(name: "inputs", help: "Input files or directories; '-' reads standard input.")
    static let from = OptionSpec.option(
        "from", valueName: "format", completion: .list(FormatRegistry.standard.readableIDs),
        help: "The input format, when content and name do not tell (see 'cues formats').")
    static let recursive = OptionSpec.flag(
        "recursive", short: "r", help: "Read the files inside directories given as inputs, and inside their subdirectories.")
    static let strict = OptionSpec.flag("strict", help: "Treat every repair of bad input as an error.")
    static let encoding = OptionSpec.option(
        "encoding", valueName: "name",
        help: "The input's character encoding (GB2312, Big5, Windows-1250, any name iconv knows); detected when not given.")
    static let speakerLabels = OptionSpec.flag(
        "speaker-labels", help: "Read a leading 'Name:' (or '>> NAME:') on a caption's first line as its speaker.")
    static let item = OptionSpec.option(
        "item", valueName: "N|GUID|TITLE",
        help: "The item of a feed to convert: a 1-based number, a guid or a title (default: every item for a feed output, else the first).")
    static let w3c = OptionSpec.flag(
        "w3c",
        help: "Read WebVTT exactly as the W3C parser and browsers do: skip cues whose timings break its syntax (00:01:39, 00:02:04.08) instead of reading them with a warning.")
    static let speakers = OptionSpec.option(
        "speakers", valueName: "LABEL=Name,...|file",
        help: "Names for a recogniser's speaker labels: 'SPEAKER_00=Alexey,SPEAKER_01=Guest', or a file of one LABEL=Name a line.")
    static let options = [from, recursive, strict, encoding, speakerLabels, item, w3c, speakers] + FetchOptions.options

    var inputs: [String]
    var from: String?
    var recursive: Bool
    var strict: Bool
    var encoding: String?
    var speakerLabels: Bool
    var item: String?
    var w3c: Bool
    var fetch: FetchOptions
    /// The run's downloads, with `--fetch`.
    var remoteFiles: RemoteFiles?
    /// Speaker labels to names, from `--speakers`.
    var speakerNames: [String: String] = [:]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        inputs = arguments.arguments
        from = arguments.value(Self.from)
        recursive = arguments.flag(Self.recursive)
        strict = arguments.flag(Self.strict)
        encoding = arguments.value(Self.encoding)
        speakerLabels = arguments.flag(Self.speakerLabels)
        item = arguments.value(Self.item)
        w3c = arguments.flag(Self.w3c)
        fetch = try FetchOptions(arguments)
        if let url = inputs.first(where: FetchOptions.isURL), !fetch.fetch {
            throw UsageError("'\(url)' is a URL; cues downloads only when asked: add --fetch")
        }
        remoteFiles = try fetch.remoteFiles()
        if let encoding, !TextDecoding.isKnownEncoding(encoding) {
            throw UsageError("unknown encoding '\(encoding)'; expected a name iconv knows, such as UTF-8, Windows-1252, GB2312 or Big5 (see 'iconv --list')")
        }
        if let from, FormatRegistry.standard[FormatID(from)]?.reader == nil {
            throw UsageError("unknown input format '\(from)'; expected one of \(FormatRegistry.standard.readableIDs.joined(separator: ", "))")
        }
        if let speakers = arguments.value(Self.speakers) {
            speakerNames = try Self.speakerNames(speakers)
        }
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw UsageError("standard input ('-') can be read only once")
        }
    }

    var format: FormatID? { from.map { FormatID($0) } }

    var readOptions: ReadOptions {
        ReadOptions(
            strict: strict, speakerLabels: speakerLabels, encoding: encoding, item: item.map { ItemSelector($0) }, w3cWebVTT: w3c,
            remoteFiles: remoteFiles, transcriptTypes: fetch.transcriptTypes,
            speakerNames: speakerNames)
    }

    /// The names `--speakers` gives: `LABEL=Name` pairs separated by commas,
    /// or, when the value has no `=`, a file of one pair a line (blank lines
    /// and lines starting with `#` skipped).
    static func speakerNames(_ value: String) throws(UsageError) -> [String: String] {
        var pairs: [Substring]
        var source = "--speakers"
        if value.contains("=") {
            pairs = value.split(separator: ",")
        } else {
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(value)
            } catch {
                throw UsageError("cannot read the speaker names file: \(error.message)")
            }
            source = "'\(value)'"
            pairs = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
                .filter { line in
                    let text = line.drop(while: { $0 == " " || $0 == "\t" })
                    return !text.isEmpty && !text.hasPrefix("#")
                }
        }
        func trimmed(_ text: Substring) -> Substring {
            var text = text.drop(while: { $0 == " " || $0 == "\t" })
            while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
            return text
        }
        var names: [String: String] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let label = parts.first.map { String(trimmed($0)) } ?? ""
            let name = parts.count == 2 ? String(trimmed(parts[1])) : ""
            guard parts.count == 2, !label.isEmpty, !name.isEmpty else {
                throw UsageError("\(source): expected LABEL=Name such as SPEAKER_00=Alexey, found '\(trimmed(pair))'")
            }
            if let earlier = names[label], earlier != name {
                throw UsageError("\(source): the label \(label) is named twice ('\(earlier)' and '\(name)')")
            }
            names[label] = name
        }
        return names
    }

    /// The files to read, in order; directories expand to the regular files
    /// in them whose format cues can read. Other entries that name such a
    /// format (a FIFO, a device, a symbolic link) are skipped, each with a
    /// warning through `printer`.
    func collect(reporting printer: DiagnosticPrinter) throws(UsageError) -> [InputFile] {
        var files: [InputFile] = []
        for input in inputs {
            if input == "-" {
                files.append(InputFile(path: "-", relativeDirectory: ""))
                continue
            }
            guard !FetchOptions.isURL(input), FileIO.isDirectory(input) else {
                files.append(InputFile(path: input, relativeDirectory: ""))
                continue
            }
            let listing = InputDirectory(input, recursive: recursive)
            let readable = { (name: String) in FormatRegistry.standard.format(forFileName: name)?.reader != nil }
            let found = listing.files.filter(readable)
            for (relative, kind) in listing.skipped where readable(relative) {
                let path = input.hasSuffix("/") ? input + relative : input + "/" + relative
                printer.print(.warning("io.not-regular", "skipped '\(path)': it is \(kind), not a regular file"))
            }
            if found.isEmpty {
                throw UsageError("'\(input)' holds no file cues can read\(recursive ? "" : " (pass --recursive for subdirectories)")")
            }
            for relative in found {
                let directory = relative.split(separator: "/").dropLast().joined(separator: "/")
                files.append(InputFile(path: input.hasSuffix("/") ? input + relative : input + "/" + relative, relativeDirectory: directory))
            }
        }
        return files
    }
}

/// One input to convert, with the subdirectory it was found in (outputs
/// mirror it under --out-dir).
struct InputFile: Sendable {
    var path: String
    var relativeDirectory: String

    var isStandardInput: Bool { path == "-" }
    /// Whether the input is an `http(s)` URL to download (with `--fetch`).
    var isURL: Bool { FetchOptions.isURL(path) }

    /// The name used in diagnostics.
    var displayName: String { isStandardInput ? "<stdin>" : path }

    /// Every format's extensions, the longest first (sorted once, not per file).
    private static let extensionsLongestFirst = FormatRegistry.standard.formats.flatMap(\.extensions).sorted { $0.utf8.count > $1.utf8.count }

    /// The last non-empty component of `path` (`path` itself when it has
    /// none), as `split(separator: "/").last` gives it without splitting.
    private static func lastComponent(_ path: String) -> String {
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == "/" { end = path.index(before: end) }
        guard end > path.startIndex else { return path }
        let start = path[..<end].lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[start..<end])
    }

    /// The file name without its format extension (`show.chapters.json` → `show`).
    var stem: String {
        if isStandardInput { return "stdin" }
        // A URL's name is its last path segment, without query or fragment.
        let location = isURL ? String(path.prefix { $0 != "?" && $0 != "#" }) : path
        let name = Self.lastComponent(location)
        let lowered = name.lowercased()
        if let ext = Self.extensionsLongestFirst.first(where: { lowered.hasSuffix($0) && lowered.hasSuffix("." + $0) }) {
            return String(name.dropLast(ext.count + 1))
        }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}
