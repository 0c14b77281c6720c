import Foundation
import Testing
@testable import CueKit

/// The W3C web-platform-tests for WebVTT (corpus `webvtt-conformance/`):
/// every file-parsing case's assertions and every cue-text-parsing tree,
/// read with `ReadOptions.w3cWebVTT` (exactly as the spec parses; by default
/// the reader also repairs timings and `middle` that the spec skips).
/// Exceptions are listed here with their reason and explained in
/// Formats/vtt.md; a listed exception that starts passing fails the test.
@Suite(.enabled(if: TestFiles.hasCorpus))
struct VTTConformanceTests {
    /// Assertions that fail by design, "case: path" to the reason (none at
    /// present; Formats/vtt.md explains any listed here).
    static let knownExceptions: [String: String] = [:]

    static var fileParsingCases: [URL] {
        TestFiles.corpusFiles("webvtt-conformance/file-parsing", extensions: ["json"])
    }

    @Test func everyFileParsingCaseIsThere() {
        #expect(Self.fileParsingCases.count == 37)
    }

    @Test(arguments: fileParsingCases)
    func fileParsing(_ expectedURL: URL) throws {
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
        let name = expected["name"] as! String
        let input = expectedURL.deletingLastPathComponent().appendingPathComponent(expected["input"] as! String)
        let bytes = try TestFiles.bytes(input)
        if expected["expect_load_error"] as? Bool == true {
            #expect(throws: Diagnostic.self) { try W3CReading.read(bytes, name: input.lastPathComponent, as: .vtt) }
            return
        }
        let (timeline, _) = try W3CReading.read(bytes, name: input.lastPathComponent, as: .vtt)
        let cues = timeline.cues.map { VTTCueAttributes($0, regions: VTTCueAttributes.regions(timeline)) }

        if let count = expected["cue_count"] as? Int {
            #expect(cues.count == count, "\(name): cue count")
        } else {
            // stylesheets: no upstream count; by the spec two cues, foo and bar.
            #expect(cues.map(\.id) == ["foo", "bar"], "\(name)")
        }
        var failures: [String] = []
        for check in expected["checks"] as! [[String: Any]] {
            let path = check["path"] as! [Any]
            guard path.count >= 3, path[0] as? String == "cues", let index = path[1] as? Int else {
                Issue.record("\(name): unexpected check path \(path)")
                continue
            }
            let key = path.dropFirst(2).map { "\($0)" }.joined(separator: ".")
            let label = "\(name): cues.\(index).\(key)"
            guard index < cues.count else {
                failures.append(label)
                continue
            }
            let actual = cues[index].value(key)
            let wanted: VTTValue
            if let reference = (check["expected"] as? [String: Any])?["same_as"] as? [Any] {
                let other = reference[1] as! Int
                let otherKey = reference.dropFirst(2).map { "\($0)" }.joined(separator: ".")
                guard other < cues.count else {
                    failures.append(label)
                    continue
                }
                wanted = cues[other].value(otherKey)
                if check["op"] as? String == "equals", wanted == .null {
                    failures.append(label)  // "same as" a region that must exist
                    continue
                }
            } else {
                wanted = VTTValue(json: check["expected"])
            }
            let passes = check["op"] as? String == "not_equals" ? actual != wanted : actual == wanted
            if !passes { failures.append(label) }
        }
        let exceptions = Self.knownExceptions.keys.filter { $0.hasPrefix(name + ":") }
        #expect(failures.sorted() == exceptions.sorted(), "\(name): failing checks (expected only the documented exceptions)")
    }

    /// Every file-parsing input survives VTT → VTT with the same cues, and a
    /// second write gives the same bytes.
    @Test(arguments: TestFiles.corpusFiles("webvtt-conformance/file-parsing", extensions: ["vtt"])
        + TestFiles.corpusFiles("webvtt-conformance/cue-text-parsing", extensions: ["vtt"]))
    func roundTrip(_ url: URL) throws {
        let (timeline, _) = try W3CReading.read(url, as: .vtt)
        let (first, written) = try Convert.write(timeline, as: .vtt, sourceFormat: .vtt)
        let (again, _) = try W3CReading.read(first, name: "first.vtt", as: .vtt)
        // A cue ending before it starts is written with its end inferred
        // (TimeInferenceTests); every other cue comes back as it was.
        var expected = timeline
        _ = TimeInference().apply(to: &expected)
        let inverted = timeline.cues.filter { $0.end! < $0.start! }.count
        #expect(written.filter { $0.code == "inference.end-before-start" }.count == inverted)
        #expect(again.cues == expected.cues, "\(url.lastPathComponent): cues after VTT → VTT")
        #expect(again.extras == timeline.extras, "\(url.lastPathComponent): header and blocks after VTT → VTT")
        let (second, _) = try Convert.write(again, as: .vtt, sourceFormat: .vtt)
        #expect(second == first, "\(url.lastPathComponent): writing twice")
    }

    // MARK: Cue text

    static var cueTextCases: [URL] {
        TestFiles.corpusFiles("webvtt-conformance/cue-text-parsing", extensions: ["json"])
    }

    @Test func everyCueTextCaseIsThere() throws {
        let total = try Self.cueTextCases.reduce(0) { count, url in
            count + (try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [Any]).count
        }
        #expect(Self.cueTextCases.count == 5)
        #expect(total == 77)
    }

    /// The cue text parser alone, on each case's text (its final line feed is
    /// the test format's, not part of the cue text). A case whose text holds
    /// a blank line expects what file parsing makes of it (the cue ends at
    /// the blank line), so it is checked by `cueTextThroughFiles` only.
    @Test(arguments: cueTextCases)
    func cueTextParsing(_ url: URL) throws {
        let cases = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: String]]
        var parser = WebVTTCueTextParser()
        for (index, testCase) in cases.enumerated() {
            var text = testCase["text"]!
            if text.hasSuffix("\n") { text.removeLast() }
            if text.contains("\n\n") { continue }
            let spans = Array(text.utf8).withUnsafeBufferPointer { parser.parse($0) }
            let expected = CueTextTree.normalized(testCase["expectedTree"]!)
            #expect(CueTextTree.dump(spans) == expected, "\(url.lastPathComponent) case \(index): \(text.debugDescription)")
        }
    }

    /// The same cases through the file reader: case i is the cue starting at
    /// i seconds in the .vtt beside the .json.
    @Test(arguments: cueTextCases)
    func cueTextThroughFiles(_ url: URL) throws {
        let cases = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: String]]
        let (timeline, _) = try W3CReading.read(url.deletingPathExtension().appendingPathExtension("vtt"), as: .vtt)
        #expect(timeline.cues.count == cases.count)
        for (index, testCase) in cases.enumerated() {
            guard let cue = timeline.cues.first(where: { $0.start == Timestamp(seconds: Int64(index)) }) else {
                Issue.record("\(url.lastPathComponent) case \(index): no cue")
                continue
            }
            var spans = cue.text
            if let speaker = cue.speaker {
                var classes: [String] = []
                if case .list(let items)? = cue.extras[.vtt]?[WebVTTExtras.voiceClasses] { classes = items.compactMap(\.text) }
                spans = [.element(SpanElement(.voice(speaker), classes: classes, children: spans))]
            }
            #expect(CueTextTree.dump(spans) == CueTextTree.normalized(testCase["expectedTree"]!),
                    "\(url.lastPathComponent) case \(index)")
        }
    }
}

/// A value a WPT assertion compares.
enum VTTValue: Equatable, CustomStringConvertible {
    case null
    case string(String)
    case number(Double)
    /// A region, by its index among the file's REGION blocks.
    case region(Int)

    init(json: Any?) {
        switch json {
        // JSON booleans arrive as numbers on Linux; `snapToLines` is compared as 0 or 1.
        case let number as NSNumber: self = .number(number.doubleValue)
        case let text as String: self = .string(text)
        default: self = .null
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .string(let text): text.debugDescription
        case .number(let number): "\(number)"
        case .region(let index): "region #\(index)"
        }
    }
}

/// The VTTCue attributes the WPT tests read, computed from a cue's kept
/// settings by applying them in order with the spec's effects (a later
/// `line`, `size` other than 100 or `vertical` drops the region).
struct VTTCueAttributes {
    var id: String
    var text: String
    var startTime: Double
    var endTime: Double
    var line: Double?
    var snapToLines = true
    var lineAlign = "start"
    var position: Double?
    var positionAlign = "auto"
    var size: Double = 100
    var align = "center"
    var vertical = ""
    var region: (index: Int, region: WebVTTRegion)?

    static func regions(_ timeline: Timeline) -> [WebVTTRegion] {
        guard case .list(let blocks)? = timeline.extras[.vtt]?[WebVTTExtras.blocks] else { return [] }
        return blocks.compactMap(\.text).filter { $0.hasPrefix("REGION") }.map { WebVTTRegion(block: $0) }
    }

    init(_ cue: Cue, regions: [WebVTTRegion]) {
        id = cue.id ?? ""
        text = cue.plainText
        startTime = Double(cue.start!.milliseconds) / 1000
        endTime = Double(cue.end!.milliseconds) / 1000
        for setting in cue.settings {
            let value = setting.value.text!
            let (first, alignment) = Self.split(value)
            switch setting.key {
            case "region":
                region = regions.indices.last(where: { regions[$0].id == value }).map { ($0, regions[$0]) }
            case "vertical":
                vertical = value
                region = nil
            case "line":
                if first.hasSuffix("%") {
                    line = Double(first.dropLast())!
                    snapToLines = false
                } else {
                    line = Double(first)!
                    snapToLines = true
                }
                if let alignment { lineAlign = alignment }
                region = nil
            case "position":
                position = Double(first.dropLast())!
                if let alignment { positionAlign = alignment }
            case "size":
                size = Double(value.dropLast())!
                if size != 100 { region = nil }
            case "align":
                align = value
            default:
                Issue.record("unexpected setting \(setting.key) kept")
            }
        }
    }

    private static func split(_ value: String) -> (String, String?) {
        guard let comma = value.firstIndex(of: ",") else { return (value, nil) }
        return (String(value[..<comma]), String(value[value.index(after: comma)...]))
    }

    func value(_ key: String) -> VTTValue {
        switch key {
        case "id": return .string(id)
        case "text": return .string(text)
        case "startTime": return .number(startTime)
        case "endTime": return .number(endTime)
        case "line": return line.map { .number($0) } ?? .string("auto")
        case "snapToLines": return .number(snapToLines ? 1 : 0)
        case "lineAlign": return .string(lineAlign)
        case "position": return position.map { .number($0) } ?? .string("auto")
        case "positionAlign": return .string(positionAlign)
        case "size": return .number(size)
        case "align": return .string(align)
        case "vertical": return .string(vertical)
        case "region": return region.map { .region($0.index) } ?? .null
        default:
            guard key.hasPrefix("region."), let region = region?.region else { return .null }
            switch key.dropFirst("region.".count) {
            case "id": return .string(region.id)
            case "width": return .number(region.width)
            case "lines": return .number(region.lines)
            case "regionAnchorX": return .number(region.regionAnchorX)
            case "regionAnchorY": return .number(region.regionAnchorY)
            case "viewportAnchorX": return .number(region.viewportAnchorX)
            case "viewportAnchorY": return .number(region.viewportAnchorY)
            case "scroll": return .string(region.scrollsUp ? "up" : "")
            default: return .null
            }
        }
    }
}

/// The html5lib-style tree dump the cue-text tests use (`| <span>`,
/// `|   class="d"`, `|   "text"`, `| <?timestamp 00:00:00.500>`), with
/// adjacent text nodes merged on both sides (node boundaries carry no meaning).
enum CueTextTree {
    static func dump(_ spans: [Span]) -> String {
        var lines: [String] = []
        append(spans, depth: 0, to: &lines)
        return lines.map { "| " + $0 + "\n" }.joined()
    }

    private static func append(_ spans: [Span], depth: Int, to lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        var text: String?
        func flush() {
            if let pending = text { lines.append(indent + "\"" + pending + "\"") }
            text = nil
        }
        for span in spans {
            switch span {
            case .text(let value): text = (text ?? "") + value
            case .lineBreak: text = (text ?? "") + "\n"
            case .timestamp(let time):
                flush()
                lines.append(indent + "<?timestamp " + ClockFormat.string(time, style: .vtt) + ">")
            case .element(let element):
                flush()
                var attributes: [(String, String)] = []
                if !element.classes.isEmpty { attributes.append(("class", element.classes.joined(separator: " "))) }
                let tag: String
                switch element.kind {
                case .class: tag = "span"
                case .italic: tag = "i"
                case .bold: tag = "b"
                case .underline: tag = "u"
                case .ruby: tag = "ruby"
                case .rubyText: tag = "rt"
                case .voice(let name):
                    tag = "span"
                    attributes.append(("title", name))
                case .language(let code):
                    tag = "span"
                    attributes.append(("lang", code))
                }
                lines.append(indent + "<" + tag + ">")
                for (name, value) in attributes.sorted(by: { $0.0 < $1.0 }) {
                    lines.append(indent + "  " + name + "=\"" + value + "\"")
                }
                append(element.children, depth: depth + 1, to: &lines)
            }
        }
        flush()
    }

    /// An expected dump with adjacent text nodes of one parent merged.
    static func normalized(_ tree: String) -> String {
        guard !tree.isEmpty else { return "" }
        var body = tree
        if body.hasSuffix("\n") { body.removeLast() }
        guard body.hasPrefix("| ") else { return tree }
        let entries = ("\n" + body).components(separatedBy: "\n| ").dropFirst()
        var out: [String] = []
        var previousText: (indent: Int, text: String)?
        for entry in entries {
            let indent = entry.prefix { $0 == " " }.count
            let content = entry.dropFirst(indent)
            if content.hasPrefix("\""), content.hasSuffix("\""), content.count >= 2 {
                let text = String(content.dropFirst().dropLast())
                if let previous = previousText, previous.indent == indent {
                    out.removeLast()
                    previousText = (indent, previous.text + text)
                } else {
                    previousText = (indent, text)
                }
                out.append(String(repeating: " ", count: indent) + "\"" + previousText!.text + "\"")
            } else {
                previousText = nil
                out.append(String(entry))
            }
        }
        return out.map { "| " + $0 + "\n" }.joined()
    }
}

/// Reading as the W3C parser does (`ReadOptions.w3cWebVTT`), otherwise as
/// `Convert` reads.
enum W3CReading {
    static let converter = Converter(readOptions: ReadOptions(w3cWebVTT: true))

    static func read(_ bytes: [UInt8], name: String = "input", as format: FormatID? = nil) throws -> (Timeline, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let input = try converter.read(bytes, name: name, format: format, diagnostics: &diagnostics)
        return (input.timeline, diagnostics.items)
    }

    static func read(_ text: String, name: String = "input", as format: FormatID? = nil) throws -> (Timeline, [Diagnostic]) {
        try read(Array(text.utf8), name: name, as: format)
    }

    static func read(_ url: URL, as format: FormatID? = nil) throws -> (Timeline, [Diagnostic]) {
        try read(TestFiles.bytes(url), name: url.lastPathComponent, as: format)
    }
}
