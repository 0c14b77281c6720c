/// Writes the timeline exactly as the reader produced it, before inference:
/// times as integer milliseconds or null, every field and extra. Several
/// timelines (a feed's items) are one document whose `timelines` array holds
/// an object for each, read back as they were.
///
/// The layout is the model's `Codable` encoding (`Timeline.encode(to:)`),
/// written by cues' JSON encoder, which keeps numbers as the source wrote them.
public struct TimelineWriter: FormatWriter {
    public init() {}

    public var requiresTimes: Bool { false }

    public var writesManyTimelines: Bool { true }

    public func write(
        _ timeline: Timeline, options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        try writeAll([timeline], options: options, diagnostics: &diagnostics)
    }

    public func writeAll(
        _ timelines: [Timeline], options: WriteOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        do {
            return try JSONStreamEncoder.encode(TimelineDocument(timelines: timelines))
        } catch {
            // The model encodes only strings, whole numbers and JSON number text.
            throw Diagnostic.error("timeline.encode", "could not write the timeline: \(error)", format: .timeline)
        }
    }
}
