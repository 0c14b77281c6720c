/// Fields only one format understands, kept so that a round trip through that
/// same format loses nothing (an episode line's extra YAML keys, its raw
/// `time` text, a WebVTT file's STYLE blocks).
public struct FormatExtras: Hashable, Sendable {
    // `Dictionary()`, not `[:]`: the literal is a call at every cue made.
    private var storage = [FormatID: Fields]()

    public init() {}

    /// The fields kept for `format`, or nil.
    public subscript(format: FormatID) -> Fields? {
        get { storage[format] }
        set { storage[format] = newValue }
    }

    public var isEmpty: Bool { storage.isEmpty }

    /// The formats that kept fields, sorted.
    public var formats: [FormatID] { storage.keys.sorted() }
}
