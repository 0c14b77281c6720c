/// The WebVTT file syntax, shared by the `vtt` and `vtt-chapters` formats:
/// the signature and the whole-file parse (see `WebVTTParser`).
enum WebVTTFile {
    /// Whether `head` starts with the WebVTT signature: `WEBVTT` then a
    /// space, a tab, a line break or the end.
    @Sendable
    static func hasSignature(_ head: ArraySlice<UInt8>) -> Bool {
        guard head.starts(with: "WEBVTT".utf8) else { return false }
        let next = head.dropFirst(6).first
        return next == nil || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
    }

    /// Parses `source`, keeping WebVTT data under `format`'s extras, exactly
    /// as the W3C parser does when `w3c`; with a `consumer`, cues go to it as
    /// they are read.
    static func parse(
        _ source: SourceText, format: FormatID, w3c: Bool, diagnostics: inout Diagnostics, consumer: (any CueReceiver)? = nil
    ) throws(Diagnostic) -> Timeline {
        var nulLocation: (line: Int, column: Int)?
        var normalized: [UInt8]?
        if let result = WebVTTParser.normalized(source.input) {
            normalized = result.bytes
            nulLocation = result.firstNUL
        }
        let input = normalized.map { InputBytes($0) } ?? source.input
        // The failure aside rather than in a `Result`: making the type
        // `Result<_, Diagnostic>` asks the runtime whether `Diagnostic` is an
        // `Error`, a scan of every conformance record at start-up.
        var failure: Diagnostic?
        let parsed: (timeline: Timeline, diagnostics: Diagnostics)? = input.withUnsafeBufferPointer { bytes in
            var parser = WebVTTParser(bytes: bytes, name: source.name, format: format, diagnostics: diagnostics)
            parser.firstNUL = nulLocation
            parser.w3c = w3c
            if let consumer { parser.stream(to: consumer, input: input) }
            do throws(Diagnostic) {
                let timeline = try parser.parse()
                return (timeline, parser.diagnostics)
            } catch {
                failure = error
                return nil
            }
        }
        guard let parsed else { throw failure! }
        diagnostics = parsed.diagnostics
        return parsed.timeline
    }
}
