/// The format extras of a timeline, counted rather than kept: the timeline's
/// own extras, and for the cues and the chapters, per format and field, how
/// many carry it and how many list items they hold in all.
///
/// It is what a format needs to say which of its extras another format drops
/// (`Format.extrasLoss`). A streamed conversion gathers it cue by cue, so its
/// memory does not grow with a file whose every cue has extras.
public struct ExtrasTally: Sendable {
    /// How often one field occurs.
    public struct Count: Hashable, Sendable {
        /// The cues (or chapters) that carry the field.
        public var elements = 0
        /// The items of the field's list values, summed (0 for other values).
        public var items = 0
    }

    /// The timeline's own extras.
    public var timeline = FormatExtras()
    public private(set) var cues: [FormatID: [String: Count]] = [:]
    public private(set) var chapters: [FormatID: [String: Count]] = [:]

    public init() {}

    /// The extras of `timeline` and of all its cues and chapters.
    public init(_ timeline: Timeline) {
        self.timeline = timeline.extras
        for cue in timeline.cues where !cue.extras.isEmpty { add(cue.extras, to: &cues) }
        for chapter in timeline.chapters where !chapter.extras.isEmpty { add(chapter.extras, to: &chapters) }
    }

    /// Counts one more cue.
    public mutating func add(_ cue: Cue) {
        if !cue.extras.isEmpty { add(cue.extras, to: &cues) }
    }

    /// The formats with extras anywhere, sorted.
    public var formats: [FormatID] {
        Set(timeline.formats).union(cues.keys).union(chapters.keys).sorted()
    }

    /// How many cues carry `field` of `format`'s extras.
    public func cues(with field: String, of format: FormatID) -> Count {
        cues[format]?[field] ?? Count()
    }

    /// How many chapters carry `field` of `format`'s extras.
    public func chapters(with field: String, of format: FormatID) -> Count {
        chapters[format]?[field] ?? Count()
    }

    private func add(_ extras: FormatExtras, to counts: inout [FormatID: [String: Count]]) {
        for format in extras.formats {
            for field in extras[format] ?? Fields() {
                var count = counts[format, default: [:]][field.key, default: Count()]
                count.elements += 1
                if case .list(let items) = field.value { count.items += items.count }
                counts[format, default: [:]][field.key] = count
            }
        }
    }
}
