/// One caption or transcript line.
///
/// Times are optional: a transcript line may have no time until time
/// inference fills it in.
public struct Cue: Sendable {
    public var id: String?
    public var start: Timestamp?
    public var end: Timestamp?
    public var speaker: String?
    /// The text, as spans (see `Span`).
    public var text: [Span] {
        get {
            switch textStorage {
            case .spans(let spans): return spans
            case .line(let line): return [.text(line)]
            case .source(let lines): return lines.spans
            }
        }
        set { textStorage = .spans(newValue) }
        _modify {
            var spans = text
            textStorage = .spans([])  // so that `spans` is the only reference
            defer { textStorage = .spans(spans) }
            yield &spans
        }
    }
    /// How the text is held: spans, one line of plain text, or plain lines
    /// left in the input by a streaming reader until a writer copies them out.
    var textStorage: TextStorage
    /// Presentation settings as name and value (WebVTT `align:start`,
    /// SRT `{\an8}` as `align`/`line`), in source order.
    public var settings: [Field]
    public var extras: FormatExtras
    /// Where the cue's time (or the cue itself, when untimed) was read.
    /// Provenance only: not part of equality.
    public var location: SourceLocation?

    /// The cue's text without markup.
    public var plainText: String {
        if case .line(let line) = textStorage { return line }
        return text.plainText
    }

    /// Whether the text is empty or starts with a line break (plain lines
    /// left in the input are neither).
    var textIsEmptyOrStartsWithLineBreak: Bool {
        guard case .spans(let spans) = textStorage else { return false }
        return spans.first == .lineBreak || spans.isEmpty
    }

    enum TextStorage: Sendable {
        case spans([Span])
        /// Plain text without a line break, not empty: a transcript line,
        /// held without an array of one span around it (a million-line
        /// episode took 55 MB more with the arrays).
        case line(String)
        case source(SourceLines)

        /// `text` as plain text, a line feed starting a new line.
        static func plain(_ text: String) -> TextStorage {
            let spans = Span.plain(text)
            if spans.count == 1, case .text(let line) = spans[0] { return .line(line) }
            return .spans(spans)
        }
    }
}

// The public initialiser is declared here, outside the type, so that the
// compiler still makes the memberwise one (`textStorage:`), which readers
// use: a hand-written one with the same body made the optimiser copy every
// cue once more on its way to a consumer.
extension Cue {
    /// A cue whose text is `text`.
    public init(
        id: String? = nil,
        start: Timestamp? = nil,
        end: Timestamp? = nil,
        speaker: String? = nil,
        text: [Span],
        settings: [Field] = [],
        extras: FormatExtras = FormatExtras(),
        location: SourceLocation? = nil
    ) {
        self.init(
            id: id, start: start, end: end, speaker: speaker, textStorage: .spans(text), settings: settings,
            extras: extras, location: location)
    }
}

extension Cue: Equatable {
    public static func == (lhs: Cue, rhs: Cue) -> Bool {
        lhs.id == rhs.id && lhs.start == rhs.start && lhs.end == rhs.end
            && lhs.speaker == rhs.speaker && lhs.text == rhs.text
            && lhs.settings == rhs.settings && lhs.extras == rhs.extras
    }
}
