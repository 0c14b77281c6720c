/// Reads timeline JSON back into exactly the timeline that was written.
///
/// The layout is the model's `Codable` decoding (`Timeline.init(from:)`),
/// read by cues' JSON decoder, which keeps numbers as written and gives
/// each error the line and column of the value that was wrong.
public struct TimelineReader: FormatReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try readAll(source, options: options, diagnostics: &diagnostics).first ?? Timeline()
    }

    /// Every timeline of the document: one, or those of its `timelines` array.
    public func readAll(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [Timeline] {
        let root = try JSONParser.parse(source.bytes, name: source.name, format: .timeline)
        do {
            return try JSONTreeDecoder.decode(TimelineDocument.self, from: root, file: source.name).timelines
        } catch let error as DecodingError {
            throw JSONDecodingFailure.diagnostic(error, root: root, file: source.name, format: .timeline)
        } catch {
            throw Diagnostic.error("timeline.value", "\(error)", at: source.location(line: root.line, column: root.column),
                                   format: .timeline)
        }
    }
}
