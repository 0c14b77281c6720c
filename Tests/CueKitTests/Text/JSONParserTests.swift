import Testing
@testable import CueKit

/// Locations the JSON parser gives, counted on as it goes (a document on one
/// line must not rescan the line for every value).
@Suite("JSON parser locations")
struct JSONParserTests {
    /// Line and column of every value, in document order.
    private func locations(_ text: String) throws -> [String] {
        var found: [String] = []
        func walk(_ value: JSONValue) {
            found.append("\(value.line):\(value.column)")
            switch value.kind {
            case .object(let members): members.forEach { walk($0.value) }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(try JSONParser.parse(Array(text.utf8), name: nil, format: nil))
        return found
    }

    @Test func columnsCountScalarsOnOneLine() throws {
        // "é" is two bytes, "中" three, "🎙" four: one column each.
        #expect(try locations(#"[1,"é",2,"中文",3,"🎙",{"k":[4]}]"#)
            == ["1:1", "1:2", "1:4", "1:8", "1:10", "1:15", "1:17", "1:21", "1:26", "1:27"])
    }

    @Test func columnsStartAgainOnEachLine() throws {
        #expect(try locations("[\"中\",\n  1,\n\"🎙\", 2]") == ["1:1", "1:2", "2:3", "3:1", "3:6"])
    }

    @Test func anErrorFarAlongOneLineIsLocatedExactly() {
        let values = (0..<5_000).map { "\"é\($0)\"" }.joined(separator: ",")
        let text = "[" + values + ",}"
        let expected = SourceLocation(file: "one-line.json", line: 1, column: text.unicodeScalars.count)
        #expect(throws: Diagnostic.self) { try JSONParser.parse(Array(text.utf8), name: "one-line.json", format: nil) }
        do {
            _ = try JSONParser.parse(Array(text.utf8), name: "one-line.json", format: nil)
        } catch {
            #expect(error.location == expected)
            #expect(error.message == "expected a value (object, array, string, number, true, false or null), found '}'")
        }
    }
}
