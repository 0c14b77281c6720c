extension RSSFeedWalker {
    /// One item as a timeline. An RSS item is kept whole in the `rss`
    /// extras (`item`), its mapped elements marked; an Atom entry keeps the
    /// elements the model does not map (`elements`).
    func item(
        _ item: XMLTree.Element, podcastName: String?, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        var values = ItemValues()
        var slots = [RSSSlot?](repeating: nil, count: item.children.count)
        for (index, child) in item.children.enumerated() {
            slots[index] = try take(child, index: index, into: &values, diagnostics: &diagnostics)
        }
        // Fallbacks that use an element only when the main one is missing.
        if values.title == nil, let itunesTitle = values.itunesTitle {
            values.title = itunesTitle.element.trimmedText
        } else if let itunesTitle = values.itunesTitle {
            slots[itunesTitle.index] = nil
        }
        if values.description == nil, let summary = values.summary {
            values.description = summary.element.trimmedText
        } else if let summary = values.summary {
            slots[summary.index] = nil
        }
        if values.pubDate == nil, let updated = values.updated {
            values.pubDate = updated.element.trimmedText
        } else if let updated = values.updated {
            slots[updated.index] = nil
        }
        if values.title == nil && values.description == nil {
            diagnostics.report(.warning(
                "rss.item-without-title",
                "expected a <title> or <description> in the <\(item.qualifiedName)>, found neither",
                at: location(item)))
        }

        var timeline = Timeline()
        var metadata = Fields()
        func add(_ key: String, _ text: String?) {
            if let text { metadata.append(key, .string(text)) }
        }
        func add(_ key: String, map: Fields?) {
            if let map { metadata.append(key, .map(map)) }
        }
        add(RSSMetadata.title, values.title)
        add(RSSMetadata.podcastName, podcastName)
        add(RSSMetadata.guid, values.guid)
        add(RSSMetadata.pubDate, values.pubDate)
        add(RSSMetadata.link, values.link)
        add(RSSMetadata.description, values.description)
        add(RSSMetadata.content, values.content)
        add(RSSMetadata.author, values.author)
        add(RSSMetadata.enclosure, map: values.enclosure)
        add(RSSMetadata.image, values.image)
        if let episode = values.episode { metadata.append(RSSMetadata.episode, .scalar(episode)) }
        if let season = values.season { metadata.append(RSSMetadata.season, .scalar(season)) }
        add(RSSMetadata.podcastEpisode, map: values.podcastEpisode)
        add(RSSMetadata.podcastSeason, map: values.podcastSeason)
        if !values.persons.isEmpty { metadata.append(RSSMetadata.persons, .list(values.persons)) }
        add(RSSMetadata.podcastChapters, map: values.podcastChapters)
        if !values.transcripts.isEmpty { metadata.append(RSSMetadata.podcastTranscripts, .list(values.transcripts)) }
        timeline.metadata = metadata

        var extras = Fields()
        if let permaLink = values.guidIsPermaLink { extras.append(RSSMetadata.Extras.guidIsPermaLink, .scalar(permaLink)) }
        if let element = values.durationElement {
            let text = element.text.trimmingXMLWhitespace()
            switch ITunesDuration.read(text) {
            case .time(let time):
                timeline.duration = time
            case .unnormalized(let time):
                try diagnostics.repair(.warning(
                    "rss.duration-not-normalized",
                    "expected minutes and seconds below 60 in itunes:duration '\(text)', found more; read as \(time)",
                    at: location(element)))
                timeline.duration = time
            case .invalid where text.isEmpty:
                break
            case .invalid:
                try diagnostics.repair(.warning(
                    "rss.bad-duration",
                    "expected itunes:duration as seconds, M:SS or H:MM:SS, found '\(Self.excerpt(text))'; the duration is unknown (the text is kept)",
                    at: location(element)))
                extras.append(RSSMetadata.Extras.unreadDuration, .string(text))
            }
        }
        if isAtom {
            var kept: [FieldValue] = []
            for (index, child) in item.children.enumerated() where slots[index] == nil {
                kept.append(XMLElementFields.value(of: child, normalizingPrefixes: true))
            }
            if !kept.isEmpty { extras.append(RSSMetadata.Extras.elements, .list(kept)) }
        } else if options.keepsFeed {
            extras.append(RSSMetadata.Extras.item, record(of: item, slots: slots, metadata: metadata, duration: timeline.duration))
        }
        if !extras.isEmpty { timeline.extras[.rss] = extras }

        if let element = values.chaptersElement {
            let (chapters, version) = try PSCChapters.read(element, source: source, diagnostics: &diagnostics)
            timeline.chapters = chapters
            if let version { timeline.extras[.psc] = [Field(PSCChapters.versionKey, .string(version))] }
        }
        return timeline
    }

    /// The item as written, each element the model maps marked with its
    /// slot and the value it gave (see `RSSSlot`).
    private func record(of item: XMLTree.Element, slots: [RSSSlot?], metadata: Fields, duration: Timestamp?) -> FieldValue {
        var persons = 0, transcripts = 0
        return XMLElementFields.value(of: item) { index, child in
            guard let slot = slots[index], case .map(var fields) = XMLElementFields.value(of: child) else { return nil }
            fields.append(RSSSlot.Key.slot, .string(slot.rawValue))
            var read: FieldValue?
            switch slot {
            case .duration: read = duration.map { .scalar(String($0.milliseconds)) }
            case .chapters: read = nil  // the chapters as read are kept for the whole item
            default: read = metadata[slot.rawValue]
            }
            if slot.isList, case .list(let list)? = read {
                let position = slot == .persons ? persons : transcripts
                if slot == .persons { persons += 1 } else { transcripts += 1 }
                read = position < list.count ? list[position] : nil
            }
            if let read { fields.append(RSSSlot.Key.read, read) }
            return .map(fields)
        }
    }
}
