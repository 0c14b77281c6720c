import CueKit

/// Output names in a batch that do not clash. Two inputs of the same name
/// (`ep1.timeline.json` and `ep1.psc.xml`) would write the same files: the
/// later one, in input order, names all its outputs with the first free stem
/// of `ep1-2`, `ep1-3`, …, with a warning. The same inputs get the same
/// names on every run.
enum OutputNames {
    static func separate(_ jobs: inout [ConversionJob]) {
        // One input has nothing to clash with (and its sets are not made).
        guard jobs.count > 1 else { return }
        let natural = Set(jobs.flatMap(\.filePaths))
        var claimed: [String: String] = [:]  // path -> the input writing it
        for index in jobs.indices {
            let paths = jobs[index].filePaths
            if let clash = paths.first(where: { claimed[$0] != nil }) {
                let owner = claimed[clash]!
                let stem = jobs[index].stem
                var number = 2
                while true {
                    let renamed = jobs[index].renamed(stem: "\(stem)-\(number)")
                    if renamed.filePaths.allSatisfy({ claimed[$0] == nil && !natural.contains($0) }) {
                        jobs[index] = renamed
                        break
                    }
                    number += 1
                }
                jobs[index].preface.append(.warning(
                    "io.output-renamed",
                    "'\(owner)' writes '\(clash)' too; the outputs of this input are named '\(jobs[index].stem)' instead"))
            }
            for path in jobs[index].filePaths { claimed[path] = jobs[index].input.displayName }
        }
    }
}

extension ConversionJob {
    /// The files the job writes.
    var filePaths: [String] {
        outputs.compactMap { output in
            if case .file(let path) = output.destination { return path }
            return nil
        }
    }

    /// The job with its output files named `stem` instead (`dir/ep1.vtt` →
    /// `dir/ep1-2.vtt`).
    func renamed(stem newStem: String) -> ConversionJob {
        var job = self
        job.outputs = outputs.map { output in
            guard case .file(let path) = output.destination else { return output }
            let ext = FormatRegistry.standard[output.format]?.preferredExtension ?? output.format.rawValue
            let name = "\(stem).\(ext)"
            guard path.hasSuffix(name) else { return output }
            return (output.format, .file(String(path.dropLast(name.count)) + "\(newStem).\(ext)"))
        }
        job.stem = newStem
        return job
    }
}
