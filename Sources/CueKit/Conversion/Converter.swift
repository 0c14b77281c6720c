/// Reads, transforms and writes timelines: the one pipeline the command-line
/// tool and library users share.
///
/// Input bytes are decoded to UTF-8 (see `TextEncoding`), the format is chosen
/// (explicit id, else sniffed, else by extension), and a writer that needs
/// times gets a timeline that went through `TimeInference`. A binary format
/// (`Format.binary`) is chosen first, by the same rules on the bytes as they
/// are, and reads them undecoded.
public struct Converter: Sendable {
    public var registry: FormatRegistry
    public var readOptions: ReadOptions
    public var writeOptions: WriteOptions
    public var inference: TimeInference
    public var segmentation: Segmentation
    public var captionStyle: CaptionStyle
    /// From this input size (in bytes) up, a streamed conversion reads on a
    /// thread of its own while it writes on the caller's; below it, both on
    /// the caller's. `Int.max` keeps reading and writing on one thread.
    public var parallelStreamingThreshold = 1 << 20

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

    /// The timelines read from a file, with the format it was read as.
    public struct Input: Sendable {
        /// What the conversion writes: every timeline the input holds (one
        /// per feed item, one for most formats), or only the one
        /// `ReadOptions.item` picked. Empty for a feed without items.
        public var timelines: [Timeline]
        public var format: Format
        public var encoding: TextEncoding

        /// The first timeline (an empty one when there is none): what a
        /// format that holds one timeline receives.
        public var timeline: Timeline {
            get { timelines.first ?? Timeline() }
            set {
                if timelines.isEmpty { timelines = [newValue] } else { timelines[0] = newValue }
            }
        }

        /// The timeline at `index`, left empty here: the caller holds the
        /// only copy, which a change then makes in place instead of copying
        /// every cue.
        package mutating func takeTimeline(at index: Int) -> Timeline {
            defer { timelines[index] = Timeline() }
            return timelines[index]
        }
    }

    /// Reads `bytes` (named `name` in diagnostics) as `format`, or as the
    /// format sniffing and the name suggest. With `ReadOptions.item`, keeps
    /// only the timeline it picks (an error when none matches).
    public func read(
        _ bytes: [UInt8], name: String?, format: FormatID? = nil, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Input {
        try read(InputBytes(bytes), name: name, format: format, diagnostics: &diagnostics)
    }

    /// `read(_:name:format:diagnostics:)` on bytes held anywhere (a file the
    /// `cues` tool maps), which a reader that reads in place never copies.
    package func read(
        _ bytes: InputBytes, name: String?, format: FormatID? = nil, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Input {
        try read(decode(bytes, name: name, format: format, diagnostics: &diagnostics), diagnostics: &diagnostics)
    }

    /// Reads input already decoded to UTF-8 with its format chosen.
    func read(_ decoded: DecodedInput, diagnostics: inout Diagnostics) throws(Diagnostic) -> Input {
        let chosen = decoded.format
        var readDiagnostics = Diagnostics(strict: readOptions.strict)
        defer { diagnostics.append(contentsOf: readDiagnostics.items.map { tagged($0, chosen.id) }) }
        var source = decoded.source
        // A reader that takes the bytes as an array takes them once.
        if ReaderCapabilities.cueStream(chosen.reader) == nil && !ReaderCapabilities.readsInPlace(chosen.reader) { source.makeArray() }
        do {
            var timelines = try chosen.reader!.readAll(source, options: readOptions, diagnostics: &readDiagnostics)
            if let item = readOptions.item {
                timelines = try item.select(from: timelines, name: decoded.source.name)
            }
            return Input(timelines: timelines, format: chosen, encoding: decoded.encoding)
        } catch {
            throw tagged(error, chosen.id)
        }
    }

    /// Input decoded to UTF-8, with the format chosen to read it.
    struct DecodedInput {
        var source: SourceText
        var format: Format
        var encoding: TextEncoding
    }

    /// `bytes` as UTF-8 text, and the format to read it as: `format`, else
    /// what the content and the name say (a warning when they disagree).
    func decode(
        _ bytes: InputBytes, name: String?, format: FormatID?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> DecodedInput {
        // A binary format (ID3 chapters) reads the bytes as they are.
        if let binary = registry.binaryFormat(explicit: format, head: ArraySlice(bytes.prefix(4096)), fileName: name) {
            return DecodedInput(source: SourceText(input: bytes, name: name), format: binary, encoding: .binary)
        }
        var decoding = Diagnostics(strict: readOptions.strict || diagnostics.isStrict)
        let text: InputBytes, encoding: TextEncoding
        do {
            (text, encoding) = try TextDecoding.utf8(
                from: bytes, name: name, encoding: readOptions.encoding, diagnostics: &decoding)
        } catch {
            // The format is not known yet: name the one the flag or the extension gives.
            let likely = format ?? name.flatMap { registry.format(forFileName: $0)?.id }
            throw likely.map { tagged(error, $0) } ?? error
        }
        // Formats are told apart by their first 4,096 bytes.
        let chosen = try registry.inputFormat(explicit: format, bytes: text.prefix(4096), fileName: name)
        diagnostics.append(contentsOf: decoding.items.map { tagged($0, chosen.id) })
        if format == nil, let name, let named = registry.format(forFileName: name), named.reader != nil, named.id != chosen.id,
           !chosen.extensions.contains(where: { name.lowercased().hasSuffix("." + $0) }) {
            // Content wins over the name; say so, since the name promised
            // something else (not when formats share the extension, `.txt`).
            diagnostics.report(.warning(
                "format.content-differs-from-name",
                "the name says \(named.name) but the content reads as \(chosen.name); read as \(chosen.id)",
                at: SourceLocation(file: name, line: 1, column: 1), format: chosen.id, hint: .inputFormat(named.id)))
        }
        return DecodedInput(source: SourceText(input: text, name: name), format: chosen, encoding: encoding)
    }

    /// The timeline a writer of `format` receives: with times inferred when
    /// the writer needs them, and lines cut into captions when `segmentation`
    /// says so. Given the only copy of a timeline, it changes it in place.
    public func prepared(
        _ timeline: consuming Timeline, for format: FormatID, sourceFormat: FormatID?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let writer = try self.writer(for: format)
        guard writer.requiresTimes else {
            if mergesTurns(from: sourceFormat, to: format) { SpeakerTurns.merge(&timeline) }
            return timeline
        }
        func report(_ found: [Diagnostic]) {
            diagnostics.append(contentsOf: found.map { diagnostic in
                sourceFormat.map { tagged(diagnostic, $0) } ?? diagnostic
            })
        }
        report(inference.apply(to: &timeline).diagnostics)
        if segments(from: sourceFormat, to: format) {
            report(segmentationDiagnostics(&timeline, reservesSpeakerLabels: writer.writesSpeakerLabels))
        } else if mergesTurns(from: sourceFormat, to: format) {
            SpeakerTurns.merge(&timeline)
        }
        return timeline
    }

    /// Segments `timeline` into captions; returns what to report.
    private func segmentationDiagnostics(_ timeline: inout Timeline, reservesSpeakerLabels: Bool) -> [Diagnostic] {
        let segmenter = CaptionSegmenter(style: captionStyle, reservesSpeakerLabels: reservesSpeakerLabels)
        let segmentation = segmenter.apply(to: &timeline)
        var found = segmentation.diagnostics
        if segmentation.tooFast > 0 {
            found.append(.note(
                "captions.too-fast",
                "\(segmentation.tooFast) caption(s) read faster than \(CaptionLint.format(captionStyle.maxCharactersPerSecond)) characters per second because the source gives their text too little time, first here",
                at: segmentation.firstTooFast, hint: .checkCaptions))
        }
        return found
    }

    /// Whether writing `source` as `target` merges its lines per speaker
    /// turn: speech-recognition output written as a transcript (see `SpeakerTurns`).
    func mergesTurns(from source: FormatID?, to target: FormatID) -> Bool {
        guard let source, registry[source]?.speechRecognition == true, source != target else { return false }
        return registry[target]?.kind == .transcript
    }

    /// Whether writing `source` as `target` cuts lines into captions.
    func segments(from source: FormatID?, to target: FormatID) -> Bool {
        guard registry[target]?.kind == .captions else { return false }
        switch segmentation {
        case .never: return false
        case .always: return true
        case .auto: return source.flatMap { registry[$0]?.kind } == .transcript
        }
    }

    /// `timeline` written as `format` (run `prepared` first for writers that
    /// need times). Throws when the format would keep nothing of the
    /// timeline (chapters alone written as captions); warns when it drops a
    /// whole kind of content (see `ContentCheck`).
    public func write(
        _ timeline: Timeline, as format: FormatID, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        try write(timeline, as: format, alongside: [], diagnostics: &diagnostics)
    }

    /// `write(_:as:diagnostics:)` in a conversion that also writes `others`:
    /// content one of them holds is not reported as dropped.
    package func write(
        _ timeline: Timeline, as format: FormatID, alongside others: [FormatID], diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let writer = try self.writer(for: format)
        var writeDiagnostics = Diagnostics()
        defer { diagnostics.append(contentsOf: writeDiagnostics.items.map { tagged($0, format) }) }
        if let warning = try ContentCheck(registry: registry).check(timeline, as: format, others: others) {
            writeDiagnostics.report(warning)
        }
        reportExtrasLoss(ExtrasTally(timeline), writtenAs: format, diagnostics: &writeDiagnostics)
        do {
            return try writer.write(timeline, options: writeOptions, diagnostics: &writeDiagnostics)
        } catch {
            throw tagged(error, format)
        }
    }

    /// `timelines` written as one file of `format` (one item each in a feed;
    /// the first alone for a format that holds one timeline). Run `prepared`
    /// on each first for writers that need times.
    public func writeAll(
        _ timelines: [Timeline], as format: FormatID, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        let writer = try self.writer(for: format)
        var writeDiagnostics = Diagnostics()
        defer { diagnostics.append(contentsOf: writeDiagnostics.items.map { tagged($0, format) }) }
        do {
            return try writer.writeAll(timelines, options: writeOptions, diagnostics: &writeDiagnostics)
        } catch {
            throw tagged(error, format)
        }
    }

    /// Whether `format`'s writer puts every timeline of an input in one file.
    package func writesManyTimelines(_ format: FormatID) -> Bool {
        registry[format]?.writer?.writesManyTimelines ?? false
    }

    /// Whether writing `outputs` needs what a feed reader keeps to write the
    /// feed back (`ReadOptions.keepsFeed`): a feed output, or a format of the
    /// model itself (a timeline), which holds everything read.
    package func needsFeed(_ outputs: [FormatID]) -> Bool {
        outputs.contains { writesManyTimelines($0) || registry[$0]?.kind == .model }
    }

    /// The warning for an input of several timelines written to a format that
    /// holds one: which one was taken and how to choose.
    func firstItemWarning(_ input: Input, name: String?) -> Diagnostic {
        let first = input.timelines[0].metadata["title"]?.text.map { " ('\($0)')" } ?? ""
        return .warning(
            "input.first-item",
            "the input holds \(input.timelines.count) items and the output format one; converted the first\(first)",
            at: name.map { SourceLocation(file: $0, line: 1, column: 1) }, format: input.format.id, hint: .item)
    }

    /// One input converted to several formats.
    public struct Conversion: Sendable {
        /// What was read.
        public var input: Input
        /// The bytes of each output that could be written, in the order asked.
        public var outputs: [(format: FormatID, bytes: [UInt8])]
        /// Each output that could not be written, with why.
        public var failures: [(format: FormatID, error: Diagnostic)]
    }

    /// Reads `bytes` once and writes every format in `outputs`, applying
    /// `transform` first. Time inference and segmentation run once and are
    /// shared by the outputs that need them, so each diagnostic is reported
    /// once. Throws only when the input cannot be read.
    public func convert(
        _ bytes: [UInt8], name: String?, from input: FormatID? = nil, to outputs: [FormatID],
        transform: TimeTransform = TimeTransform(), diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Conversion {
        try convert(decode(InputBytes(bytes), name: name, format: input, diagnostics: &diagnostics),
                    to: outputs, transform: transform, diagnostics: &diagnostics)
    }

    /// `convert(_:name:from:to:transform:diagnostics:)` on decoded input.
    func convert(
        _ decoded: DecodedInput, to outputs: [FormatID], transform: TimeTransform, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Conversion {
        var written: [(format: FormatID, bytes: [UInt8])] = []
        var failures: [(format: FormatID, error: Diagnostic)] = []
        let input = try convert(decoded, to: outputs, transform: transform, keepingInput: true, diagnostics: &diagnostics) { format, result in
            switch result {
            case .success(let bytes): written.append((format, bytes))
            case .failure(let error): failures.append((format, error))
            }
        }
        return Conversion(input: input, outputs: written, failures: failures)
    }

    /// Reads decoded input once and writes every format in `outputs`, handing
    /// each output to `deliver` as soon as it is written (so one output's
    /// bytes are held at a time). Time inference and segmentation run once and
    /// are shared by the outputs that need them; the timeline read is given
    /// up to inference, and the inferred one to segmentation, when nothing
    /// later needs them (nor the caller: `keepingInput`), so a large
    /// transcript is not held three times over. Returns what was read (its
    /// timelines only with `keepingInput`); throws only when the input cannot
    /// be read.
    func convert(
        _ decoded: DecodedInput, to outputs: [FormatID], transform: TimeTransform, keepingInput: Bool,
        diagnostics: inout Diagnostics, deliver: (FormatID, Result<[UInt8], Diagnostic>) -> Void
    ) throws(Diagnostic) -> Input {
        let name = decoded.source.name
        var reading = self
        // The caller sees only the outputs: a feed keeps what they need.
        if !keepingInput { reading.readOptions.keepsFeed = readOptions.keepsFeed && needsFeed(outputs) }
        var read = try reading.read(decoded, diagnostics: &diagnostics)
        let source = read.format.id
        for index in read.timelines.indices {
            diagnostics.append(contentsOf: transform.apply(to: &read.timelines[index]).map { tagged($0, source) })
        }
        if read.timelines.count > 1, outputs.contains(where: { !writesManyTimelines($0) }) {
            diagnostics.report(firstItemWarning(read, name: name))
        }
        let writers = outputs.map { registry[$0]?.writer }
        // What each kind of timeline is still needed for, from output `index` on.
        func needsRead(after index: Int) -> Bool {
            keepingInput || writers[(index + 1)...].contains { writer in
                guard let writer else { return false }
                return !writer.requiresTimes || writer.writesManyTimelines
            }
        }
        func needsInferred(after index: Int, besides labels: Bool) -> Bool {
            outputs.indices[(index + 1)...].contains { later in
                guard let writer = writers[later], writer.requiresTimes else { return false }
                if writer.writesManyTimelines || !segments(from: source, to: outputs[later]) { return true }
                return writer.writesSpeakerLabels != labels && segmented[writer.writesSpeakerLabels] == nil
            }
        }
        var inferred: Timeline?
        var segmented: [Bool: Timeline] = [:]
        /// The first timeline with times inferred, made once.
        func inferredTimeline(at index: Int, diagnostics: inout Diagnostics) -> Timeline {
            if let inferred { return inferred }
            var timed: Timeline
            if needsRead(after: index) || read.timelines.isEmpty {
                timed = read.timeline
            } else {
                timed = read.takeTimeline(at: 0)
            }
            diagnostics.append(contentsOf: inference.apply(to: &timed).diagnostics.map { tagged($0, source) })
            inferred = timed
            return timed
        }
        for (index, format) in outputs.enumerated() {
            do throws(Diagnostic) {
                let writer = try self.writer(for: format)
                if writer.writesManyTimelines {
                    var timelines = read.timelines
                    if writer.requiresTimes && !timelines.isEmpty {
                        timelines[0] = inferredTimeline(at: index, diagnostics: &diagnostics)
                        for later in timelines.indices.dropFirst() {
                            diagnostics.append(contentsOf: inference.apply(to: &timelines[later]).diagnostics.map { tagged($0, source) })
                        }
                    }
                    deliver(format, .success(try writeAll(timelines, as: format, diagnostics: &diagnostics)))
                    continue
                }
                if read.timelines.isEmpty {
                    // A feed without items (or none selected) has nothing for a format of one timeline.
                    throw Diagnostic.error(
                        "input.no-items", "expected an item to write as \(registry[format]?.name ?? format.rawValue), found a feed without items",
                        at: name.map { SourceLocation(file: $0, line: 1, column: 1) }, format: format)
                }
                var timeline = writer.requiresTimes ? Timeline() : read.timeline
                if !writer.requiresTimes && mergesTurns(from: source, to: format) { SpeakerTurns.merge(&timeline) }
                if writer.requiresTimes {
                    timeline = inferredTimeline(at: index, diagnostics: &diagnostics)
                    if segments(from: source, to: format) {
                        let labels = writer.writesSpeakerLabels
                        if segmented[labels] == nil {
                            var cut = timeline
                            timeline = Timeline()
                            // Segmentation changes the only copy when no later output needs the uncut one.
                            if !needsInferred(after: index, besides: labels) { inferred = nil }
                            let found = segmentationDiagnostics(&cut, reservesSpeakerLabels: labels)
                            // The same lines are reported once, whichever layout asked first.
                            if segmented.isEmpty { diagnostics.append(contentsOf: found.map { tagged($0, source) }) }
                            segmented[labels] = cut
                        }
                        timeline = segmented[labels]!
                    } else if mergesTurns(from: source, to: format) {
                        SpeakerTurns.merge(&timeline)
                    }
                }
                let others = outputs.filter { $0 != format }
                deliver(format, .success(try write(timeline, as: format, alongside: others, diagnostics: &diagnostics)))
            } catch {
                deliver(format, .failure(error))
            }
        }
        if !keepingInput { read.timelines = [] }
        return read
    }

    /// Reads `bytes` and writes them as `output`, inferring times if needed.
    public func convert(
        _ bytes: [UInt8], name: String?, from input: FormatID? = nil, to output: FormatID,
        diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> [UInt8] {
        // Each timeline is taken from what was read, so that inference and
        // segmentation change the only copy.
        var read = try self.read(bytes, name: name, format: input, diagnostics: &diagnostics)
        if writesManyTimelines(output) {
            var timelines: [Timeline] = []
            for index in read.timelines.indices {
                timelines.append(try prepared(read.takeTimeline(at: index), for: output, sourceFormat: read.format.id, diagnostics: &diagnostics))
            }
            return try writeAll(timelines, as: output, diagnostics: &diagnostics)
        }
        if read.timelines.count > 1 { diagnostics.report(firstItemWarning(read, name: name)) }
        if read.timelines.isEmpty { read.timelines = [Timeline()] }
        let timeline = try prepared(read.takeTimeline(at: 0), for: output, sourceFormat: read.format.id, diagnostics: &diagnostics)
        return try write(timeline, as: output, diagnostics: &diagnostics)
    }

    func writer(for format: FormatID) throws(Diagnostic) -> any FormatWriter {
        guard let writer = registry[format]?.writer else {
            throw .error(
                "format.unknown-output",
                "cannot write format '\(format)'; expected one of \(registry.writableIDs.joined(separator: ", "))")
        }
        return writer
    }

    /// Warns when formats whose extras `timeline` holds lose them in `format`
    /// (timeline JSON, the model itself, keeps everything).
    func reportExtrasLoss(_ extras: ExtrasTally, writtenAs format: FormatID, diagnostics: inout Diagnostics) {
        guard registry[format]?.kind != .model else { return }
        for source in extras.formats where source != format {
            if let warning = registry[source]?.extrasLoss?(extras, format) { diagnostics.report(warning) }
        }
    }

    func tagged(_ diagnostic: Diagnostic, _ format: FormatID) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.format == nil { diagnostic.format = format }
        return diagnostic
    }
}
