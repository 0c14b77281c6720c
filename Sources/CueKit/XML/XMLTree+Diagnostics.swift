extension XMLTree {
    /// Reports what the parse found but did not stop for, as diagnostics
    /// located in `source`:
    /// - each undeclared prefix once (with its count): a feed prefix such as
    ///   `itunes:` is read as its namespace (a repair, an error with
    ///   `--strict`); another prefix is kept as written;
    /// - entity references that were not expanded (once, with a count);
    /// - an external DTD that was not loaded, entities the DTD declares;
    /// - any other libxml2 error or warning, at its line and column.
    func reportProblems(source: SourceText, diagnostics: inout Diagnostics) throws(Diagnostic) {
        var prefixes: [(prefix: String, first: XMLProblem, count: Int)] = []
        for problem in problems {
            if problem.isUndefinedPrefix {
                let prefix = problem.detail ?? ""
                if let index = prefixes.firstIndex(where: { $0.prefix == prefix }) {
                    prefixes[index].count += 1
                } else {
                    prefixes.append((prefix, problem, 1))
                }
                continue
            }
            diagnostics.report(problem.diagnostic(name: source.name, format: nil).asWarning)
        }
        for (prefix, first, count) in prefixes {
            let location = source.location(line: max(1, first.line), column: max(1, first.column))
            let uses = count == 1 ? "once" : "\(count) times\(count >= XMLTreeParser.maximumProblems ? " or more" : "")"
            if let namespace = FeedNamespace(rawValue: prefix) {
                try diagnostics.repair(.warning(
                    "xml.undeclared-prefix",
                    "expected an xmlns:\(prefix) declaration for the prefix '\(prefix):', found none (used \(uses), first here); read as the namespace \(namespace.uri)",
                    at: location))
            } else {
                diagnostics.report(.warning(
                    "xml.undeclared-prefix",
                    "expected an xmlns:\(prefix) declaration for the prefix '\(prefix):', found none (used \(uses), first here); such elements are not understood",
                    at: location))
            }
        }
        let doctype = Self.doctypeLocation(in: source)
        if let externalDTD {
            diagnostics.report(.warning(
                "xml.external-dtd-ignored",
                "the document names an external DTD ('\(externalDTD)'); it is not loaded (no DTD or network access while reading)",
                at: doctype))
        }
        if declaredEntities > 0 {
            diagnostics.report(.warning(
                "xml.entities-ignored",
                "the document's DTD declares \(declaredEntities) entit\(declaredEntities == 1 ? "y" : "ies"); none is expanded or loaded",
                at: doctype))
        }
        if let first = skippedEntities.first {
            let names = Array(Set(skippedEntities.map(\.name))).sorted().prefix(5).map { "&\($0);" }.joined(separator: ", ")
            diagnostics.report(.warning(
                "xml.entity-not-expanded",
                "\(skippedEntities.count) reference(s) to entities declared in a DTD (\(names)) were left out of the text, first here; cues expands no entity other than the five predefined ones and character references",
                at: source.location(line: first.line)))
        }
    }
}

extension XMLTree {
    /// Where `<!DOCTYPE` starts in `source` (line 1 when not found early).
    static func doctypeLocation(in source: SourceText) -> SourceLocation {
        let marker = Array("<!DOCTYPE".utf8)
        let head = source.input.prefix(1 << 16)
        guard let range = head.firstRange(of: marker) else { return source.location(line: 1) }
        let (line, column) = TextDecoding.lineAndColumn(ofByte: range.lowerBound, in: head)
        return source.location(line: line, column: column)
    }
}

extension Diagnostic {
    /// The same finding as a warning (libxml2's recoverable errors do not
    /// stop a read).
    var asWarning: Diagnostic {
        var copy = self
        if copy.severity == .error { copy.severity = .warning }
        return copy
    }
}
