import CueKit

/// A feed converted with `--out-dir`: every item (or those `--item` selects)
/// becomes one file per format that holds one timeline, in a folder named
/// after the feed (`out/show/001-first-episode.chapters.json`), named by the
/// `--name` template (see `ItemNames`); a format that holds every item (RSS)
/// is one file beside the folder, as for any input.
struct ItemLayout: Sendable {
    /// The directory the feed's folder goes in (the output directory, or
    /// the subdirectory the input was found in).
    var directory: String
    var names: ItemNames
}

extension ConversionJob {
    /// The folder the items' files go in.
    var itemFolder: String? { itemLayout.map { "\($0.directory)/\(stem)" } }

    /// Whether the input is a feed to write item by item.
    func writesItems(_ loaded: FileIO.LoadedInput, converter: Converter, inputFormat: FormatID?) -> Bool {
        guard itemLayout != nil else { return false }
        let head = loaded.bytes.prefix(4096)
        let format = try? converter.registry.inputFormat(explicit: inputFormat, bytes: head, fileName: input.path)
        return format?.kind == .feed
    }

    /// Reads the feed and writes each selected item to each format.
    func runItems(
        _ loaded: FileIO.LoadedInput, converter: Converter, inputFormat: FormatID?, transform: TimeTransform,
        force: Bool, inputFiles: Set<FileIO.Identity>
    ) -> Result {
        var result = Result(input: input)
        var diagnostics = Diagnostics(strict: converter.readOptions.strict)
        var reading = converter
        reading.readOptions.item = nil
        reading.readOptions.keepsFeed = converter.needsFeed(outputs.map(\.format))
        let read: Converter.Input
        let positions: [Int]
        do throws(Diagnostic) {
            read = try reading.read(loaded.bytes, name: input.displayName, format: inputFormat, diagnostics: &diagnostics)
            if let selector = converter.readOptions.item {
                _ = try selector.select(from: read.timelines, name: input.displayName)
                positions = selector.indices(in: read.timelines) ?? []
            } else {
                positions = Array(read.timelines.indices)
            }
        } catch {
            result.diagnostics = preface + diagnostics.items + [error]
            return result
        }
        result.sourceFormat = read.format.id
        do throws(FileIO.Failure) {
            try loaded.verifyUnchanged(name: input.displayName)
        } catch {
            result.diagnostics = preface + [error.diagnostic]
            return result
        }
        var items = positions.map { read.timelines[$0] }
        for index in items.indices {
            diagnostics.append(contentsOf: transform.apply(to: &items[index]).map { tagged($0, read.format.id) })
        }
        result.diagnostics = preface + diagnostics.items
        guard !items.isEmpty else {
            result.diagnostics.append(.warning(
                "input.no-items", "the feed holds no items; nothing was written",
                at: SourceLocation(file: input.displayName, line: 1, column: 1), format: read.format.id))
            return result
        }
        let layout = itemLayout!
        let (names, clashes) = layout.names.names(for: items, positions: positions, count: read.timelines.count)
        for (name, position) in clashes {
            result.diagnostics.append(.warning(
                "io.item-renamed",
                "item \(position + 1) would be named '\(name)' as an item before it is; named '\(names[positions.firstIndex(of: position)!])' instead",
                at: SourceLocation(file: input.displayName, line: 1, column: 1)))
        }
        var converter = converter
        // A feed written with a base URL links the items' files in the folder.
        converter.writeOptions.siblingStems = names.map { "\(stem)/\($0)" }
        for (format, destination) in outputs {
            guard let writer = converter.registry[format]?.writer else { continue }
            if writer.writesManyTimelines {
                var said = Diagnostics()
                let output = write(destination, format: format, force: force, inputFiles: inputFiles, diagnostics: &said) {
                    (diagnostics: inout Diagnostics) throws(Diagnostic) in
                    var timed: [Timeline] = []
                    for item in items {
                        timed.append(try converter.prepared(item, for: format, sourceFormat: read.format.id, diagnostics: &diagnostics))
                    }
                    return try converter.writeAll(timed, as: format, diagnostics: &diagnostics)
                }
                result.diagnostics += said.items
                result.outputs.append(output)
                if let error = output.error { result.diagnostics.append(error) }
                continue
            }
            let ext = converter.registry[format]?.preferredExtension ?? format.rawValue
            let contents = converter.registry[format]?.contents ?? [.cues, .chapters]
            var empty = 0
            for (index, item) in items.enumerated() {
                // An item with nothing this format holds gets no file.
                let holds = (contents.contains(.cues) && !item.cues.isEmpty) || (contents.contains(.chapters) && !item.chapters.isEmpty)
                guard holds else {
                    empty += 1
                    continue
                }
                let path = "\(itemFolder!)/\(names[index]).\(ext)"
                var said = Diagnostics()
                let output = write(.file(path), format: format, force: force, inputFiles: inputFiles, diagnostics: &said) {
                    (diagnostics: inout Diagnostics) throws(Diagnostic) in
                    let timed = try converter.prepared(item, for: format, sourceFormat: read.format.id, diagnostics: &diagnostics)
                    let others = outputs.map(\.format).filter { $0 != format }
                    return try converter.write(timed, as: format, alongside: others, diagnostics: &diagnostics)
                }
                // What is said while writing an item names the item.
                let label = "item \(positions[index] + 1)"
                result.diagnostics += said.items.map { labelled($0, label) }
                result.outputs.append(output)
                if let error = output.error { result.diagnostics.append(labelled(error, label)) }
            }
            if empty > 0 {
                let what = contents.contains(.cues) ? "transcript lines" : "chapters"
                result.diagnostics.append(.note(
                    "input.empty-items",
                    "\(empty) of \(items.count) item(s) hold no \(what) (nor any linked beside the feed); no \(format) file written for them",
                    at: SourceLocation(file: input.displayName, line: 1, column: 1), format: format))
            }
        }
        return result
    }

    /// Makes the bytes with `make` and writes them to `destination` through
    /// an `OutputFile`.
    private func write(
        _ destination: Destination, format: FormatID, force: Bool, inputFiles: Set<FileIO.Identity>,
        diagnostics: inout Diagnostics, _ make: (inout Diagnostics) throws(Diagnostic) -> [UInt8]
    ) -> OutputResult {
        var output = OutputResult(format: format, destination: destination)
        do throws(Diagnostic) {
            let bytes = try make(&diagnostics)
            let path: String
            switch destination {
            case .file(let named):
                path = named
            case .standardOutput:
                try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in try StandardOutputSink().write(buffer) }
                return output
            case .memory(let kept):
                try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in try kept.write(buffer) }
                return output
            }
            do throws(FileIO.Failure) {
                let file = try OutputFile(path: path, replacing: force, inputs: inputFiles)
                do throws(FileIO.Failure) {
                    try file.append(bytes)
                    try file.commit()
                } catch {
                    file.abort()
                    throw error
                }
            } catch {
                throw error.diagnostic
            }
        } catch {
            output.error = error
        }
        return output
    }

    private func labelled(_ diagnostic: Diagnostic, _ label: String) -> Diagnostic {
        var diagnostic = diagnostic
        diagnostic.message = "\(label): " + diagnostic.message
        return diagnostic
    }

    private func tagged(_ diagnostic: Diagnostic, _ format: FormatID) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.format == nil { diagnostic.format = format }
        return diagnostic
    }
}
