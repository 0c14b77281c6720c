import Testing
@testable import CueKit

/// cues' own JSON encoder and decoder on types other than the model's.
@Suite("JSON coders")
struct JSONCodersTests {
    struct Sample: Codable, Equatable {
        var name: String
        var count: Int
        var ratio: Double
        var big: UInt64
        var tags: [String]
        var nested: [[Int8]]
        var missing: String?
        var inner: Inner

        struct Inner: Codable, Equatable {
            var flag: Bool
            var empty: [Int] = []
        }
    }

    static let sample = Sample(
        name: "a \"quoted\"\nline", count: -3, ratio: 0.25, big: .max, tags: ["x", "y"], nested: [[1, 2], []],
        missing: nil, inner: .init(flag: true))

    @Test func theEncoderWritesTheWriterLayout() throws {
        let text = String(decoding: try JSONStreamEncoder.encode(Self.sample), as: UTF8.self)
        #expect(text == """
            {
              "name": "a \\"quoted\\"\\nline",
              "count": -3,
              "ratio": 0.25,
              "big": 18446744073709551615,
              "tags": [
                "x",
                "y"
              ],
              "nested": [
                [
                  1,
                  2
                ],
                []
              ],
              "inner": {
                "flag": true,
                "empty": []
              }
            }

            """)
    }

    @Test func theDecoderReadsItBack() throws {
        let bytes = try JSONStreamEncoder.encode(Self.sample)
        let root = try JSONParser.parse(bytes, name: "s.json", format: nil)
        #expect(try JSONTreeDecoder.decode(Sample.self, from: root, file: "s.json") == Self.sample)
    }

    @Test func aDecodingErrorNamesThePathToTheValue() throws {
        let root = try JSONParser.parse(Array(#"{"name": "n", "count": 1, "ratio": 1, "big": 1, "tags": ["x", 2]}"#.utf8),
                                        name: "s.json", format: nil)
        do {
            _ = try JSONTreeDecoder.decode(Sample.self, from: root, file: "s.json")
            Issue.record("decoded a number as a string")
        } catch let error as DecodingError {
            guard case .typeMismatch(_, let context) = error else { Issue.record("\(error)"); return }
            #expect(context.codingPath.map(\.stringValue) == ["tags", "Index 1"])
            #expect(context.debugDescription == "expected a string")
            let diagnostic = JSONDecodingFailure.diagnostic(error, root: root, file: "s.json", format: .timeline)
            #expect(diagnostic.message == "expected a string, found a number")
            #expect(diagnostic.location == SourceLocation(file: "s.json", line: 1, column: 63))
        }
    }

    @Test func aDoubleThatJSONCannotHoldIsAnError() {
        #expect(throws: EncodingError.self) { try JSONStreamEncoder.encode([Double.infinity]) }
    }

    /// A value encoded into a container after the container around it took
    /// another value would land in the wrong place: the encoder stops.
    @Test func encodingOutOfOrderStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            struct OutOfOrder: Encodable {
                enum Keys: String, CodingKey { case a, b, c }
                func encode(to encoder: any Encoder) throws {
                    var outer = encoder.container(keyedBy: Keys.self)
                    var inner = outer.nestedContainer(keyedBy: Keys.self, forKey: .a)
                    try outer.encode(1, forKey: .b)
                    try inner.encode(2, forKey: .c)
                }
            }
            _ = try? JSONStreamEncoder.encode(OutOfOrder())
        }
    }
}
