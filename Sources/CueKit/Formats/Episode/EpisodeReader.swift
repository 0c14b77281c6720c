import Yams

/// Reads a Jekyll episode page: YAML front matter with `title`, `duration`,
/// `transcript` and any other keys, then a markdown body kept byte for byte.
///
/// Transcript entries: `- header: Title` becomes a chapter placed before the
/// next line; `- line: text` with optional `sec`, `time` and `who` becomes a
/// cue. Every scalar is read as text. Raw values the model does not hold
/// (other keys, an unquoted `time`, a `who:` with a trailing colon) are kept in
/// the cue's episode extras so that writing the episode back gives the same data.
///
/// The front matter is read by `EpisodeFrontMatterScanner` straight from the
/// bytes, in one pass, when it has the usual shape; anything else, and any
/// error, is read again by Yams from the start, so that what the user is
/// told is what Yams says. One walk (`EpisodeParser`) turns the nodes of
/// either into the timeline.
public struct EpisodeReader: FormatReader {
    /// How the front matter is read: the scanner for its common shape,
    /// falling back to Yams for anything else (`automatic`), or one of them
    /// only (tests compare the two).
    enum FrontMatterPath: Sendable {
        case automatic
        /// The scanner only; input outside its shape is an error with the
        /// code `EpisodeFrontMatterScanner.declinedCode`.
        case scannerOnly
        case yamsOnly
    }

    let path: FrontMatterPath

    public init() {
        path = .automatic
    }

    init(path: FrontMatterPath) {
        self.path = path
    }

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        // The bytes where they are: a mapped file is not copied.
        try source.input.withUnsafeBufferPointer { (bytes) throws(Diagnostic) -> Timeline in
            try read(bytes, of: source, diagnostics: &diagnostics)
        }
    }

    private func read(
        _ bytes: UnsafeBufferPointer<UInt8>, of source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        guard let carriageReturn = FrontMatter.carriageReturnLineEnd(in: bytes) else {
            return try read(bytes, of: source, carriageReturnAt: nil, diagnostics: &diagnostics)
        }
        // Lines that end in a CR alone (classic Mac OS): the page is read as
        // YAML and Markdown read it, with LF line ends, which is also how an
        // episode written from it ends its lines (body included).
        return try InputBytes(FrontMatter.withLineFeeds(bytes)).withUnsafeBufferPointer {
            (lineFeeds) throws(Diagnostic) -> Timeline in
            try read(lineFeeds, of: source, carriageReturnAt: carriageReturn, diagnostics: &diagnostics)
        }
    }

    /// Reads `bytes`, whose first line ends at `carriageReturn` when their
    /// line ends were CR alone before they were made LF.
    private func read(
        _ bytes: UnsafeBufferPointer<UInt8>, of source: SourceText, carriageReturnAt carriageReturn: Int?,
        diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let frontMatter = try FrontMatter.split(bytes, of: source)
        if let carriageReturn {
            let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<carriageReturn]), as: UTF8.self)
                .unicodeScalars.count + 1
            try diagnostics.repair(.warning(
                "episode.cr-line-ends",
                "expected lines ending in LF or CR LF, found a CR alone (classic Mac OS), which Jekyll does not read as front matter; read as LF, and an episode written from this file ends its lines in LF",
                at: source.location(line: 1, column: column), format: .episode))
        }
        var timeline: Timeline
        switch path {
        case .yamsOnly:
            timeline = try readWithYams(bytes, frontMatter, source: source, diagnostics: &diagnostics)
        case .scannerOnly:
            timeline = try readWithScanner(bytes, frontMatter, source: source, diagnostics: &diagnostics)
        case .automatic:
            do {
                timeline = try readWithScanner(bytes, frontMatter, source: source, diagnostics: &diagnostics)
            } catch {
                // Outside the scanner's shape, or an error: Yams reads the
                // whole front matter again and says what it says today.
                timeline = try readWithYams(bytes, frontMatter, source: source, diagnostics: &diagnostics)
            }
        }

        var extras = Fields()
        if !frontMatter.preamble.isEmpty {
            try diagnostics.repair(.warning(
                "episode.text-before-front-matter",
                "expected the file to start with '---', found \(frontMatter.openingLine - 1) line(s) of text before it; kept as they are",
                at: source.location(line: 1), format: .episode))
            extras.append(EpisodeExtras.preamble, .string(Self.text(bytes, frontMatter.preamble)))
        }
        if frontMatter.closingDelimiter != "---" {
            extras.append(EpisodeExtras.closingDelimiter, .string(frontMatter.closingDelimiter))
        }
        extras.append(EpisodeExtras.body, .string(Self.text(bytes, frontMatter.body)))
        if let last = bytes.last, last != 0x0A {
            var lineCount = 1
            var index = 0
            while true {
                index = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: index, to: bytes.count)
                guard index < bytes.count else { break }
                lineCount += 1
                index += 1
            }
            diagnostics.report(.note(
                "episode.no-final-newline", "the file does not end with a line break; kept that way",
                at: source.location(line: lineCount), format: .episode))
        }
        timeline.extras[.episode, default: Fields()].entries.append(contentsOf: extras.entries)
        return timeline
    }

    /// The front matter read by `EpisodeFrontMatterScanner`.
    private func readWithScanner(
        _ bytes: UnsafeBufferPointer<UInt8>, _ frontMatter: FrontMatter, source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let scanner = EpisodeFrontMatterScanner(bytes: bytes, range: frontMatter.yaml)
        var parser = EpisodeParser(
            source: source, byteCount: bytes.count, lineOffset: frontMatter.openingLine, diagnostics: diagnostics,
            events: scanner)
        let timeline = try parser.parse()
        diagnostics = parser.diagnostics
        return timeline
    }

    /// The front matter composed by Yams into a tree, then walked.
    private func readWithYams(
        _ bytes: UnsafeBufferPointer<UInt8>, _ frontMatter: FrontMatter, source: SourceText, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let yaml = Self.text(bytes, frontMatter.yaml)
        let root = try YamsFrontMatter.compose(yaml, source: source, lineOffset: frontMatter.openingLine)
        var parser = EpisodeParser(
            source: source, byteCount: bytes.count, lineOffset: frontMatter.openingLine, diagnostics: diagnostics,
            events: YamsNodeEvents(root: root))
        let timeline = try parser.parse()
        diagnostics = parser.diagnostics
        return timeline
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// Names of the episode extras kept on a timeline, a cue or a chapter.
enum EpisodeExtras {
    static let preamble = "preamble"
    static let body = "body"
    static let closingDelimiter = "closingDelimiter"
    /// Index among the top-level keys where `transcript` stood.
    static let transcriptIndex = "transcriptIndex"
    /// The raw `transcript` value when it was empty rather than a list.
    static let transcriptValue = "transcriptValue"
    /// An entry's keys in source order, when not the writer's default order.
    static let keys = "keys"
}

extension FormatExtras {
    subscript(format: FormatID, default defaultValue: @autoclosure () -> Fields) -> Fields {
        get { self[format] ?? defaultValue() }
        set { self[format] = newValue }
    }
}

/// Yams's reading of the front matter: a tree of nodes, or its error as a
/// located diagnostic.
private enum YamsFrontMatter {
    static func compose(_ yaml: String, source: SourceText, lineOffset: Int) throws(Diagnostic) -> Node? {
        do {
            // The basic resolver types nothing: every scalar stays text, and no
            // regular expression runs per scalar.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw diagnostic(error, yaml: yaml, source: source, lineOffset: lineOffset)
        } catch {
            throw .error("episode.yaml", "cannot read the front matter: \(error)", at: source.location(line: lineOffset), format: .episode)
        }
    }

    private static func diagnostic(_ error: YamlError, yaml: String, source: SourceText, lineOffset: Int) -> Diagnostic {
        func location(_ mark: Mark) -> SourceLocation {
            source.location(line: mark.line + lineOffset, column: mark.column)
        }
        func located(_ problem: String, _ mark: Mark) -> Diagnostic {
            .error("episode.yaml", "invalid YAML: \(problem)", at: location(mark), format: .episode)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text), \(problem)" } ?? problem
            return located(detail, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "episode.duplicate-key",
                "expected each key once in a mapping, found \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) more than once",
                at: location(context.mark), format: .episode)
        case .reader(let problem, let offset, _, _):
            // The offset counts characters from the start of the front matter.
            let index = offset.flatMap { yaml.index(yaml.startIndex, offsetBy: $0, limitedBy: yaml.endIndex) } ?? yaml.startIndex
            let before = yaml[..<index]
            let line = before.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            let column = (before.lastIndex(of: "\n").map { before[before.index(after: $0)...] } ?? before).unicodeScalars.count + 1
            return .error("episode.yaml", "cannot read the front matter: \(problem)",
                          at: source.location(line: lineOffset + line, column: column), format: .episode)
        default:
            return .error("episode.yaml", "invalid YAML: \(error)", at: source.location(line: lineOffset), format: .episode)
        }
    }
}

extension EpisodeReader: InPlaceReader {}
