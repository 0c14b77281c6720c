/// Merges a recogniser's segments into one line per speaker turn, for a
/// transcript writer (episode YAML, JSON transcript) given speech-recognition
/// input (`Format.speechRecognition`): a recogniser cuts where it paused for
/// breath, a transcript reads in turns.
///
/// Consecutive cues with the same speaker (or both without one) become one
/// cue from the first's start to the last's end, their texts joined by a
/// space. The word times stay: each joined cue's start becomes a timestamp
/// before its first word (unless its text opens with one), and the end of
/// the cue before it a timestamp after its last word when a pause follows
/// (see `WordTimes`). A cue starts at its first word: a timestamp opening
/// the text moves into the start. Untimed cues are never merged. Extras are
/// kept, joined in order.
enum SpeakerTurns {
    static func merge(_ timeline: inout Timeline) {
        guard !timeline.cues.isEmpty else { return }
        var merged: [Cue] = []
        merged.reserveCapacity(timeline.cues.count)
        for var cue in timeline.cues {
            startAtFirstWord(&cue)
            guard let last = merged.last, last.speaker == cue.speaker, let lastEnd = last.end,
                  let start = cue.start, last.start.map({ $0 <= start }) == true, !cue.text.isEmpty else {
                merged.append(cue)
                continue
            }
            var joined = merged.removeLast()
            if joined.text.isEmpty {
                merged.append(joined)
                merged.append(cue)
                continue
            }
            if case .timestamp? = joined.text.last {} else if lastEnd < start {
                joined.text.append(.timestamp(lastEnd))
            }
            joined.text.append(.text(" "))
            if case .timestamp? = cue.text.first {} else { joined.text.append(.timestamp(start)) }
            joined.text.append(contentsOf: cue.text)
            joined.end = max(lastEnd, cue.end ?? lastEnd)
            for format in cue.extras.formats {
                var fields = joined.extras[format] ?? Fields()
                for field in cue.extras[format] ?? Fields() { fields.append(field.key, field.value) }
                joined.extras[format] = fields
            }
            merged.append(joined)
        }
        timeline.cues = merged
    }

    /// Moves a timestamp that opens the text into the cue's start.
    private static func startAtFirstWord(_ cue: inout Cue) {
        guard case .timestamp(let time)? = cue.text.first, let start = cue.start, time >= start,
              cue.end.map({ time < $0 }) ?? true else { return }
        cue.start = time
        cue.text.removeFirst()
    }
}
