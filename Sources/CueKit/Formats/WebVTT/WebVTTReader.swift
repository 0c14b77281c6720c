/// Reads WebVTT following the W3C parser algorithm (see `WebVTTParser`):
/// cues with their identifiers, times, settings and text as a span tree; a
/// voice span covering a whole cue becomes the cue's speaker. The header,
/// STYLE, REGION and NOTE blocks are kept in `extras[.webVTT]` for a round trip.
///
/// Only a missing signature is an error; cues and blocks the spec skips are
/// skipped with a located warning (a repair, so `--strict` refuses them).
public struct WebVTTReader: CueStreamReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try Self.parse(source, format: .webVTT, diagnostics: &diagnostics)
    }

    func stream(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics, to consumer: any CueConsumer
    ) throws(Diagnostic) -> Timeline {
        try Self.parse(source, format: .webVTT, diagnostics: &diagnostics, consumer: consumer)
    }

    /// Parses `source`, keeping WebVTT data under `format`'s extras; with a
    /// `consumer`, cues go to it as they are read.
    static func parse(
        _ source: SourceText, format: FormatID, diagnostics: inout Diagnostics, consumer: (any CueConsumer)? = nil
    ) throws(Diagnostic) -> Timeline {
        var nulLocation: (line: Int, column: Int)?
        var normalized: [UInt8]?
        if let result = WebVTTParser.normalized(source.input) {
            normalized = result.bytes
            nulLocation = result.firstNUL
        }
        let input = normalized.map { InputBytes($0) } ?? source.input
        let result: Result<(Timeline, Diagnostics), Diagnostic> = input.withUnsafeBufferPointer { bytes in
            var parser = WebVTTParser(bytes: bytes, name: source.name, format: format, diagnostics: diagnostics)
            parser.firstNUL = nulLocation
            if let consumer { parser.stream(to: consumer, input: input) }
            do throws(Diagnostic) {
                let timeline = try parser.parse()
                return .success((timeline, parser.diagnostics))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let (timeline, parsedDiagnostics)):
            diagnostics = parsedDiagnostics
            return timeline
        case .failure(let error):
            throw error
        }
    }
}
