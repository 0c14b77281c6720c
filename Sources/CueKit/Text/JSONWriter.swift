/// Appends JSON to a byte buffer, pretty-printed with two-space indents.
/// Shared by every JSON format so escaping and layout are the same.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// Whether the current container already has a member.
    private var hasMember: [Bool] = []

    package init() {}

    package mutating func beginObject() { open(UInt8(ascii: "{")) }
    package mutating func endObject() { close(UInt8(ascii: "}")) }
    package mutating func beginArray() { open(UInt8(ascii: "[")) }
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member: writes its key; the value follows.
    package mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(contentsOf: ": ".utf8)
        hasMember[hasMember.count - 1] = true
        pendingValueAfterKey = true
    }

    private var pendingValueAfterKey = false

    package mutating func string(_ text: String) {
        beginValue()
        appendString(text)
    }

    /// A number written exactly as given (it must be valid JSON number text).
    package mutating func number(_ text: String) {
        beginValue()
        bytes.append(contentsOf: text.utf8)
    }

    package mutating func number(_ value: Int64) {
        number(String(value))
    }

    package mutating func bool(_ value: Bool) {
        beginValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    package mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes a parsed value back, keeping key order and number text.
    mutating func value(_ value: JSONValue) {
        switch value.kind {
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .string(let text): string(text)
        case .number(let text): number(text)
        case .bool(let flag): bool(flag)
        case .null: null()
        }
    }

    /// Ends the document with a line break.
    package mutating func finish() {
        bytes.append(0x0A)
    }

    private mutating func beginValue() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            return
        }
        if !hasMember.isEmpty {
            separate()
            hasMember[hasMember.count - 1] = true
        }
    }

    private mutating func separate() {
        if hasMember.last == true { bytes.append(UInt8(ascii: ",")) }
        bytes.append(0x0A)
        for _ in 0..<indent { bytes.append(0x20) }
    }

    private mutating func open(_ bracket: UInt8) {
        beginValue()
        bytes.append(bracket)
        hasMember.append(false)
        indent += 2
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        let hadMembers = hasMember.removeLast()
        if hadMembers {
            bytes.append(0x0A)
            for _ in 0..<indent { bytes.append(0x20) }
        }
        bytes.append(bracket)
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
            case 0x0A: bytes.append(contentsOf: "\\n".utf8)
            case 0x0D: bytes.append(contentsOf: "\\r".utf8)
            case 0x09: bytes.append(contentsOf: "\\t".utf8)
            case 0..<0x20, 0x7F:
                let hex = String(byte, radix: 16, uppercase: true)
                bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
