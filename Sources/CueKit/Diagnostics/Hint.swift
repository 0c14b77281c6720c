/// What the caller could change so that a diagnostic goes away, for a tool
/// or an app to say in its own terms (the `cues` tool names its option):
/// the library itself never names a command-line flag.
public enum Hint: Hashable, Sendable {
    /// Naming the input's format settles which reader reads it: `format`
    /// (the one the name suggests), or nil for any readable format.
    case inputFormat(FormatID?)
    /// Choosing one item of a feed by number, guid or title.
    case item
    /// Naming the input's character encoding.
    case encoding
    /// Giving the URL the files beside a feed are published under, so the
    /// feed links them.
    case baseURL
    /// Checking the captions against the caption limits lists each one.
    case checkCaptions
    /// Writing the input as `format` instead.
    case outputFormat(FormatID)

    /// A stable name for reports (`inputFormat`, `item`, ...).
    public var name: String {
        switch self {
        case .inputFormat: "inputFormat"
        case .item: "item"
        case .encoding: "encoding"
        case .baseURL: "baseURL"
        case .checkCaptions: "checkCaptions"
        case .outputFormat: "outputFormat"
        }
    }
}
