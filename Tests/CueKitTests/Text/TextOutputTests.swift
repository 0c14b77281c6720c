import Testing
@testable import CueKit

struct TextOutputTests {
    @Test(arguments: [0, 7, 10, 99, 1_000_000, Int.max, -1, -45, Int.min])
    func decimalsAreWrittenAsTheStandardLibraryWritesThem(value: Int) {
        var out = TextOutput(options: WriteOptions())
        out.append(byte: UInt8(ascii: "#"))
        out.append(decimal: value)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "#" + String(value))
    }
}
