/// Blank lines of text formats: nothing but spaces and tabs.
enum TextBlank {
    /// Whether `bytes[start..<end]` holds only spaces and tabs.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            if bytes[index] != 0x20 && bytes[index] != 0x09 { return false }
            index += 1
        }
        return true
    }
}
