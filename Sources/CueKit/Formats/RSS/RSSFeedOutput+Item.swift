extension RSSFeedOutput {
    /// Writes timeline `index` as an item: as it was read when it was (an
    /// element the model maps written anew only when its value changed),
    /// else every slot the timeline fills, in `RSSSlot` order, then the
    /// elements an Atom entry kept. `inline` starts it where the output
    /// stands (the place of an item in a feed passed through).
    mutating func writeItem(_ index: Int, inline: Bool) {
        let timeline = timelines[index]
        let stem = stems.isEmpty ? nil : stems[index]
        if case .map(let record)? = timeline.extras[.rss]?[Extras.item], record[Key.name] == .string("item") {
            writeKeptItem(record, timeline: timeline, stem: stem, inline: inline)
        } else {
            writeNewItem(timeline, stem: stem)
        }
        if baseURL != nil && stem != nil {
            if !timeline.chapters.isEmpty { report.linkedChapters += 1 }
            if !timeline.cues.isEmpty { report.linkedTranscripts += 1 }
        } else if !timeline.cues.isEmpty {
            report.unlinkedTranscripts += 1
        }
        for field in timeline.metadata where !RSSWriter.writtenKeys.contains(field.key) { report.droppedKeys.insert(field.key) }
    }

    private mutating func writeNewItem(_ timeline: Timeline, stem: String?) {
        xml.start("item")
        for slot in RSSSlot.allCases {
            if let value = target(slot, of: timeline, stem: stem) {
                writeSlot(slot, value, of: timeline, templates: [], inline: false)
            } else if slot == .duration, let unread = timeline.extras[.rss]?[Extras.unreadDuration]?.text {
                xml.element("itunes:duration", text: unread)
            }
        }
        var dropped = 0
        for element in Self.nodes(timeline.extras[.rss]?[Extras.elements]) {
            dropped += XMLElementFields.write(element, to: &xml, scope: &scope, inline: false)
        }
        report.unwritableElements += dropped
        xml.end()
    }

    /// The elements of a kept item that fill `slot`, with their index in
    /// its content and the value each was read as.
    private struct Filled {
        var indices: [Int] = []
        var templates: [Fields] = []
        var reads: [FieldValue] = []
    }

    private mutating func writeKeptItem(_ record: Fields, timeline: Timeline, stem: String?, inline: Bool) {
        var dropped = 0
        defer { report.unwritableElements += dropped }
        guard XMLElementFields.start(record, to: &xml, scope: &scope, inline: inline, dropped: &dropped) else { return }
        let content = Self.nodes(record[Key.content])
        var filled: [RSSSlot: Filled] = [:]
        var slotAt = [RSSSlot?](repeating: nil, count: content.count)
        for (index, node) in content.enumerated() {
            guard case .map(let fields) = node, let slot = fields[RSSSlot.Key.slot]?.text.flatMap(RSSSlot.init) else { continue }
            slotAt[index] = slot
            filled[slot, default: Filled()].indices.append(index)
            filled[slot, default: Filled()].templates.append(fields)
            if let read = fields[RSSSlot.Key.read] { filled[slot, default: Filled()].reads.append(read) }
        }
        // What each slot holds now, and whether that is what was read.
        var targets: [RSSSlot: FieldValue] = [:]
        var changed = Set<RSSSlot>()
        for slot in RSSSlot.allCases {
            let value = target(slot, of: timeline, stem: stem)
            targets[slot] = value
            let read: FieldValue?
            switch slot {
            case .chapters: read = timeline.extras[.rss]?[Extras.readChapters]
            case _ where slot.isList: read = filled[slot].map { .list($0.reads) }
            default: read = filled[slot]?.reads.first
            }
            if value != read { changed.insert(slot) }
        }
        /// Whether the element at `index` is left out: a changed slot is
        /// written at its first element's place, or nowhere.
        func leftOut(_ index: Int) -> Bool {
            guard let slot = slotAt[index], changed.contains(slot) else { return false }
            return targets[slot] == nil || filled[slot]?.indices.first != index
        }
        let end = content.last.map(Self.isBlank) == true ? content.count - 1 : content.count
        for (index, node) in content.enumerated() {
            if index == end { writeNewSlots(filled: Set(filled.keys), changed: changed, targets: targets, timeline: timeline) }
            if let slot = slotAt[index], changed.contains(slot) {
                if !leftOut(index), let value = targets[slot] {
                    writeSlot(slot, value, of: timeline, templates: filled[slot]?.templates ?? [], inline: true)
                }
                continue
            }
            if Self.isBlank(node), index + 1 < content.count, leftOut(index + 1) { continue }
            dropped += XMLElementFields.write(node, to: &xml, scope: &scope, inline: true)
        }
        if end == content.count { writeNewSlots(filled: Set(filled.keys), changed: changed, targets: targets, timeline: timeline) }
        XMLElementFields.end(to: &xml, scope: &scope)
    }

    /// The slots a kept item gets that it had no element for, at its end.
    private mutating func writeNewSlots(
        filled: Set<RSSSlot>, changed: Set<RSSSlot>, targets: [RSSSlot: FieldValue], timeline: Timeline
    ) {
        for slot in RSSSlot.allCases where !filled.contains(slot) && changed.contains(slot) {
            if let value = targets[slot] { writeSlot(slot, value, of: timeline, templates: [], inline: false) }
        }
    }

    /// What `slot` of `timeline` is written as: its value, or with a base
    /// URL the link to the sibling file (`podcast:chapters` for an item with
    /// chapters, `podcast:transcript` for one with transcript lines; the
    /// transcript link keeps the language and rel of the item's first one).
    func target(_ slot: RSSSlot, of timeline: Timeline, stem: String?) -> FieldValue? {
        guard let baseURL, let stem else { return slot.value(in: timeline) }
        switch slot {
        case .podcastChapters where !timeline.chapters.isEmpty:
            return .map([
                Field("url", .string(RSSSiblingFiles.chaptersURL(baseURL: baseURL, stem: stem))),
                Field("type", .string(RSSSiblingFiles.chaptersType)),
            ])
        case .podcastTranscripts where !timeline.cues.isEmpty:
            var link: Fields = [
                Field("url", .string(RSSSiblingFiles.transcriptURL(baseURL: baseURL, stem: stem))),
                Field("type", .string(RSSSiblingFiles.transcriptType)),
            ]
            if case .list(let links)? = timeline.metadata[RSSMetadata.podcastTranscripts], case .map(let first)? = links.first {
                for name in ["language", "rel"] { if let value = first[name] { link.append(name, value) } }
            }
            return .list([.map(link)])
        default:
            return slot.value(in: timeline)
        }
    }
}
