/// Reads, transforms and writes timelines: the one pipeline the command-line
/// tool and library users share.
///
/// Input bytes are decoded to UTF-8 (see `TextDecoding`), the format is chosen
/// (explicit id, else sniffed, else by extension), and a writer that needs
/// times gets a timeline that went through `TimeInference`.
public struct Converter: Sendable {
    public var registry: FormatRegistry
    public var readOptions: ReadOptions
    public var writeOptions: WriteOptions
    public var inference: TimeInference
    public var segmentation: Segmentation
    public var captionStyle: CaptionStyle

    /// When transcript lines are cut into captions.
    public enum Segmentation: String, Sendable, CaseIterable {
        /// When a transcript format is written as captions.
        case auto
        /// Whenever the output is captions.
        case always
        case never
    }

    public init(
        registry: FormatRegistry = .standard,
        readOptions: ReadOptions = ReadOptions(),
        writeOptions: WriteOptions = WriteOptions(),
        inference: TimeInference = TimeInference(),
        segmentation: Segmentation = .auto,
        captionStyle: CaptionStyle = .youtube
    ) {
        self.registry = registry
        self.readOptions = readOptions
        self.writeOptions = writeOptions
        self.inference = inference
        self.segmentation = segmentation
        self.captionStyle = captionStyle
    }

    /// A timeline read from a file, with the format it was read as.
    public struct Input: Sendable {
        public var timeline: Timeline
        public var format: Format
        public var encoding: TextDecoding.Encoding
    }

    /// Reads `bytes` (named `name` in diagnostics) as `format`, or as the
    /// format sniffing and the name suggest.
    public func read(
        _ bytes: [UInt8], name: String?, format: FormatID? = nil, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Input {
        var decoding = Diagnostics(strict: readOptions.strict || diagnostics.isStrict)
        let text: [UInt8], encoding: TextDecoding.Encoding
        do {
            (text, encoding) = try TextDecoding.utf8(
                from: bytes, name: name, encoding: readOptions.encoding, diagnostics: &decoding)
        } catch {
            // The format is not known yet: name the one the flag or the extension gives.
            let likely = format ?? name.flatMap { registry.format(forFileName: $0)?.id }
            throw likely.map { tagged(error, $0) } ?? error
        }
        let chosen = try registry.inputFormat(explicit: format, bytes: text, fileName: name)
        diagnostics.append(contentsOf: decoding.items.map { tagged($0, chosen.id) })
        let source = SourceText(bytes: text, name: name)
        var readDiagnostics = Diagnostics(strict: readOptions.strict)
        defer { diagnostics.append(contentsOf: readDiagnostics.items.map { tagged($0, chosen.id) }) }
        do {
            let timeline = try chosen.reader!.read(source, options: readOptions, diagnostics: &readDiagnostics)
            return Input(timeline: timeline, format: chosen, encoding: encoding)
        } catch {
            throw tagged(error, chosen.id)
        }
    }

    /// The timeline a writer of `format` receives: with times inferred when
    /// the writer needs them, and lines cut into captions when `segmentation`
    /// says so.
    public func prepared(
        _ timeline: Timeline, for format: FormatID, sourceFormat: FormatID?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let writer = try self.writer(for: format)
        guard writer.requiresTimes else { return timeline }
        var timeline = timeline
        func report(_ found: [Diagnostic]) {
            diagnostics.append(contentsOf: found.map { diagnostic in
                sourceFormat.map { tagged(diagnostic, $0) } ?? diagnostic
            })
        }
        report(inference.apply(to: &timeline).diagnostics)
        if segments(from: sourceFormat, to: format) {
            let segmenter = CaptionSegmenter(style: captionStyle, reservesSpeakerLabels: writer.writesSpeakerLabels)
            let segmentation = segmenter.apply(to: &timeline)
            report(segmentation.diagnostics)
            if segmentation.tooFast > 0 {
                report([.note(
                    "captions.too-fast",
                    "\(segmentation.tooFast) caption(s) read faster than \(Int(captionStyle.maxCharactersPerSecond)) characters per second because the source gives their text too little time, first here; 'cues check --captions' lists them",
                    at: segmentation.firstTooFast)])
            }
        }
        return timeline
    }

    /// Whether writing `source` as `target` cuts lines into captions.
    public func segments(from source: FormatID?, to target: FormatID) -> Bool {
        guard registry[target]?.kind == .captions else { return false }
        switch segmentation {
        case .never: return false
        case .always: return true
        case .auto: return source.flatMap { registry[$0]?.kind } == .transcript
        }
    }

    /// `timeline` written as `format` (run `prepared` first for writers that need times).
    public func write(
        _ timeline: Timeline, as format: FormatID, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let writer = try self.writer(for: format)
        var writeDiagnostics = Diagnostics()
        defer { diagnostics.append(contentsOf: writeDiagnostics.items.map { tagged($0, format) }) }
        reportExtrasLoss(timeline, writtenAs: format, diagnostics: &writeDiagnostics)
        do {
            return try writer.write(timeline, options: writeOptions, diagnostics: &writeDiagnostics)
        } catch {
            throw tagged(error, format)
        }
    }

    /// Reads `bytes` and writes them as `output`, inferring times if needed.
    public func convert(
        _ bytes: [UInt8], name: String?, from input: FormatID? = nil, to output: FormatID,
        diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let read = try self.read(bytes, name: name, format: input, diagnostics: &diagnostics)
        let timeline = try prepared(read.timeline, for: output, sourceFormat: read.format.id, diagnostics: &diagnostics)
        return try write(timeline, as: output, diagnostics: &diagnostics)
    }

    private func writer(for format: FormatID) throws(Diagnostic) -> any FormatWriter {
        guard let writer = registry[format]?.writer else {
            throw .error(
                "format.unknown-output",
                "cannot write format '\(format)'; expected one of \(registry.writableIDs.joined(separator: ", "))")
        }
        return writer
    }

    /// Warns when formats whose extras `timeline` holds lose them in `format`
    /// (timeline JSON, the model itself, keeps everything).
    private func reportExtrasLoss(_ timeline: Timeline, writtenAs format: FormatID, diagnostics: inout Diagnostics) {
        guard registry[format]?.kind != .model else { return }
        var sources = Set(timeline.extras.formats)
        for cue in timeline.cues where !cue.extras.isEmpty { sources.formUnion(cue.extras.formats) }
        for chapter in timeline.chapters where !chapter.extras.isEmpty { sources.formUnion(chapter.extras.formats) }
        for source in sources.sorted() where source != format {
            if let warning = registry[source]?.extrasLoss?(timeline, format) { diagnostics.report(warning) }
        }
    }

    private func tagged(_ diagnostic: Diagnostic, _ format: FormatID) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.format == nil { diagnostic.format = format }
        return diagnostic
    }
}
