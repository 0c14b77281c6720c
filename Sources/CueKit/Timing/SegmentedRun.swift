/// The captions cut from a run of a timeline's cues (`range`), with what
/// was reported.
///
/// While every source cue becomes one caption, the caption replaces its cue
/// in place and shares its text when the text is unchanged: a transcript of
/// short lines is cut without a second array of cues or a second copy of
/// their text (a million-line episode took 240 MB more with both). From the
/// first cue that becomes several captions, or none, captions are collected
/// in `cues` instead, and the source cues from `collectedFrom` on are left
/// as they were.
struct SegmentedRun {
    let range: Range<Int>
    /// The room `cues` gets when collecting starts: a first half makes room
    /// for the second, which is appended to it.
    let capacity: Int
    private(set) var collectedFrom: Int?
    private(set) var cues: [Cue] = []
    var report = SegmentationReport()
    var flattened = 0
    var firstFlattened: SourceLocation?

    init(_ range: Range<Int>, capacity: Int) {
        self.range = range
        self.capacity = capacity
    }

    /// The source cue `cue` stays as it is.
    mutating func keep(_ cue: Cue) {
        if collectedFrom != nil { cues.append(cue) }
    }

    /// The source cue at `index` becomes `captions`.
    mutating func replace(at index: Int, in source: CueBuffer, with captions: [Cue]) {
        var captions = captions
        if captions.count == 1, captions[0].text == source.cues[index].text {
            captions[0].textStorage = source.cues[index].textStorage
        }
        if collectedFrom == nil {
            if captions.count == 1 {
                source.cues[index] = captions[0]
                return
            }
            collectedFrom = index
            cues.reserveCapacity(capacity)
        }
        cues.append(contentsOf: captions)
    }

    /// What `later`, cut after this run, reported, counted as if cut in the same pass.
    mutating func add(reportOf later: SegmentedRun) {
        report.linesSplit += later.report.linesSplit
        report.tooFast += later.report.tooFast
        report.firstTooFast = report.firstTooFast ?? later.report.firstTooFast
        report.diagnostics.append(contentsOf: later.report.diagnostics)
        flattened += later.flattened
        firstFlattened = firstFlattened ?? later.firstFlattened
    }

    /// The cues of `source` after `runs` (in order, covering all of it) were
    /// cut; nil when every caption replaced its cue in place. The runs'
    /// captions are taken from them.
    static func joined(_ runs: inout [SegmentedRun], source: CueBuffer) -> [Cue]? {
        guard runs.contains(where: { $0.collectedFrom != nil }) else { return nil }
        var joined: [Cue] = []
        for index in runs.indices {
            let run = runs[index].range
            let kept = source.cues[run.lowerBound..<(runs[index].collectedFrom ?? run.upperBound)]
            if joined.isEmpty && kept.isEmpty {
                swap(&joined, &runs[index].cues)  // the run's captions and room, not a copy
            } else {
                joined.append(contentsOf: kept)
                joined.append(contentsOf: runs[index].cues)
                runs[index].cues = []
            }
        }
        return joined
    }
}

/// A timeline's cues as two threads cut them in place, each in a range of
/// its own.
struct CueBuffer: @unchecked Sendable {
    let cues: UnsafeMutableBufferPointer<Cue>
}
