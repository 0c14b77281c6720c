/// Reads WebVTT following the W3C parser algorithm (see `WebVTTParser`):
/// cues with their identifiers, times, settings and text as a span tree; a
/// voice span covering a whole cue becomes the cue's speaker. The header,
/// STYLE, REGION and NOTE blocks are kept in `extras[.vtt]` for a round trip.
///
/// Only a missing signature is an error; cues and blocks the spec skips are
/// skipped with a located warning (a repair, so `--strict` refuses them).
/// By default, timings a person reads at a glance but the spec refuses
/// (`00:02:04.08`, `00:01:39`) are read, and `middle` is read as `center`,
/// each with a warning (also a repair); `ReadOptions.w3cWebVTT` skips them
/// as the spec does.
public struct VTTReader: CueStreamReader {
    public init() {}

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        try WebVTTFile.parse(source, format: .vtt, w3c: options.w3cWebVTT, diagnostics: &diagnostics)
    }

    func stream(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics, to consumer: any CueConsumer
    ) throws(Diagnostic) -> Timeline {
        try WebVTTFile.parse(source, format: .vtt, w3c: options.w3cWebVTT, diagnostics: &diagnostics, consumer: consumer)
    }
}
