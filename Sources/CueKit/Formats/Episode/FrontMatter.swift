/// A Jekyll page split at its front matter: the text before the opening
/// `---` (normally none), the YAML between the delimiters, and the body after,
/// as ranges of the page's bytes (a large page is not copied to be split).
///
/// Lines end in LF or CR LF. A page whose lines end in a CR alone (classic
/// Mac OS) is split once `withLineFeeds` has made those LF: see
/// `carriageReturnLineEnd(in:)`.
struct FrontMatter {
    /// Bytes before the opening `---` line.
    var preamble: Range<Int>
    /// The YAML text between the delimiter lines.
    var yaml: Range<Int>
    /// The file line number of the opening `---`.
    var openingLine: Int
    /// The closing delimiter as written (`---` or `...`).
    var closingDelimiter: String
    /// Bytes after the closing delimiter line, exactly as in the file.
    var body: Range<Int>

    /// Splits `bytes` (the text of `source`); throws a located error when
    /// there is no front matter.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, of source: SourceText) throws(Diagnostic) -> FrontMatter {
        var lineStart = 0
        var lineNumber = 1
        var opening: (line: Int, start: Int, next: Int)?
        var closing: (start: Int, next: Int, delimiter: String)?
        while lineStart < bytes.count {
            let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: lineStart, to: bytes.count)
            let next = min(lineEnd + 1, bytes.count)
            let delimiter = Self.delimiter(bytes, lineStart..<lineEnd)
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
            preamble: 0..<opening.start,
            yaml: opening.next..<closing.start,
            openingLine: opening.line,
            closingDelimiter: closing.delimiter,
            body: closing.next..<bytes.count)
    }

    /// `---` or `...` when the line is a delimiter (trailing spaces and CR allowed).
    private static func delimiter(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> String? {
        guard line.count >= 3 else { return nil }
        let first = bytes[line.lowerBound]
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return nil }
        var end = line.upperBound
        while end > line.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        guard end - line.lowerBound == 3, bytes[line.lowerBound + 1] == first, bytes[line.lowerBound + 2] == first else { return nil }
        return first == UInt8(ascii: "-") ? "---" : "..."
    }

    private static func describe(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        bytes.isEmpty ? "an empty first line" : "'\(String(decoding: bytes, as: UTF8.self))'"
    }
}

extension FrontMatter {
    /// Where the page's first line ends, when it ends in a CR alone (the
    /// line ends of classic Mac OS, which Jekyll does not take as front
    /// matter); nil when it ends in LF or CR LF, or has no line end.
    static func carriageReturnLineEnd(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let lineEnd = ByteSearch.firstIndex(ofAny: 0x0D, 0x0A, in: bytes, from: 0, to: bytes.count)
        guard lineEnd < bytes.count, bytes[lineEnd] == 0x0D,
              lineEnd + 1 == bytes.count || bytes[lineEnd + 1] != 0x0A else { return nil }
        return lineEnd
    }

    /// `bytes` with every CR that is not followed by LF made an LF: the page
    /// with the lines YAML and Markdown see in it (both read a CR alone as a
    /// line end). A CR LF stays as it is.
    static func withLineFeeds(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result = Array(bytes)
        var index = ByteSearch.firstIndex(of: 0x0D, in: bytes, from: 0, to: bytes.count)
        while index < bytes.count {
            if index + 1 == bytes.count || bytes[index + 1] != 0x0A { result[index] = 0x0A }
            index = ByteSearch.firstIndex(of: 0x0D, in: bytes, from: index + 1, to: bytes.count)
        }
        return result
    }
}
