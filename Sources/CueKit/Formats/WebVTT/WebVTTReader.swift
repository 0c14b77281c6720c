/// Reads WebVTT following the W3C parser algorithm (see `WebVTTParser`):
/// cues with their identifiers, times, settings and text as a span tree; a
/// voice span covering a whole cue becomes the cue's speaker. The header,
/// STYLE, REGION and NOTE blocks are kept in `extras[.webVTT]` for a round trip.
///
/// Only a missing signature is an error; cues and blocks the spec skips are
/// skipped with a located warning (a repair, so `--strict` refuses them).
/// By default, timings a person reads at a glance but the spec refuses
/// (`00:02:04.08`, `00:01:39`) are read, and `middle` is read as `center`,
/// each with a warning (also a repair); `ReadOptions.w3cWebVTT` skips them
/// as the spec does.
public struct WebVTTReader: CueStreamReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try Self.parse(source, format: .webVTT, w3c: options.w3cWebVTT, diagnostics: &diagnostics)
    }

    func stream(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics, to consumer: any CueConsumer
    ) throws(Diagnostic) -> Timeline {
        try Self.parse(source, format: .webVTT, w3c: options.w3cWebVTT, diagnostics: &diagnostics, consumer: consumer)
    }

    /// Parses `source`, keeping WebVTT data under `format`'s extras, exactly
    /// as the W3C parser does when `w3c`; with a `consumer`, cues go to it as
    /// they are read.
    static func parse(
        _ source: SourceText, format: FormatID, w3c: Bool, diagnostics: inout Diagnostics, consumer: (any CueConsumer)? = nil
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
            parser.w3c = w3c
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
