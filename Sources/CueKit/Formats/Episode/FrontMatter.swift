/// A Jekyll page split at its front matter: the text before the opening
/// `---` (normally none), the YAML between the delimiters, and the body after.
struct FrontMatter {
    /// Bytes before the opening `---` line.
    var preamble: [UInt8]
    /// The YAML text between the delimiter lines.
    var yaml: [UInt8]
    /// The file line number of the opening `---`.
    var openingLine: Int
    /// The closing delimiter as written (`---` or `...`).
    var closingDelimiter: String
    /// Bytes after the closing delimiter line, exactly as in the file.
    var body: [UInt8]

    /// Splits `source`; throws a located error when there is no front matter.
    static func split(_ source: SourceText) throws(Diagnostic) -> FrontMatter {
        let bytes = source.bytes
        var lineStart = 0
        var lineNumber = 1
        var opening: (line: Int, start: Int, next: Int)?
        var closing: (start: Int, next: Int, delimiter: String)?
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, bytes.count)
            let delimiter = Self.delimiter(bytes[lineStart..<lineEnd])
            if opening == nil {
                if delimiter == "---" {
                    opening = (lineNumber, lineStart, next)
                } else if lineNumber >= 8 {
                    break
                }
            } else if delimiter != nil {
                closing = (lineStart, next, delimiter!)
                break
            }
            lineStart = next
            lineNumber += 1
        }
        guard let opening else {
            let firstLine = bytes.prefix { $0 != 0x0A }.prefix(40)
            throw .error(
                "episode.no-front-matter",
                "expected a front matter block opening with a '---' line, found \(Self.describe(firstLine))",
                at: source.location(line: 1), format: .episode)
        }
        guard let closing else {
            throw .error(
                "episode.unclosed-front-matter",
                "expected a closing '---' line for the front matter opened here, found the end of the file",
                at: source.location(line: opening.line), format: .episode)
        }
        return FrontMatter(
            preamble: Array(bytes[0..<opening.start]),
            yaml: Array(bytes[opening.next..<closing.start]),
            openingLine: opening.line,
            closingDelimiter: closing.delimiter,
            body: Array(bytes[closing.next...]))
    }

    /// `---` or `...` when the line is a delimiter (trailing spaces and CR allowed).
    private static func delimiter(_ line: ArraySlice<UInt8>) -> String? {
        var line = line
        while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0D { line.removeLast() }
        if line.elementsEqual("---".utf8) { return "---" }
        if line.elementsEqual("...".utf8) { return "..." }
        return nil
    }

    private static func describe(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.isEmpty ? "an empty first line" : "'\(String(decoding: bytes, as: UTF8.self))'"
    }
}
