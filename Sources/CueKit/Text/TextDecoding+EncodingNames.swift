extension TextDecoding {
    /// Whether `name` names an encoding `ReadOptions.encoding` can take
    /// (any name the C library's iconv knows: `GB2312`, `Big5`,
    /// `Windows-1250`, ...), so a caller can refuse a misspelt one before
    /// reading anything.
    package static func isKnownEncoding(_ name: String) -> Bool {
        IconvDecoding.knows(name)
    }
}
