/// Whether text is a number exactly as JSON (RFC 8259) writes one: `-`,
/// digits without a leading zero, an optional fraction and exponent.
enum JSONNumberSyntax {
    static func isNumber(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isNumber($0) }
    }

    static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        func digits(_ index: inout Int) -> Int {
            let start = index
            while index < count, bytes[index] &- 0x30 < 10 { index += 1 }
            return index - start
        }
        if index < count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits(&index)
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != 0x30 else { return false }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&index) > 0 else { return false }
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&index) > 0 else { return false }
        }
        return index == count
    }
}
