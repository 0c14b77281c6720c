/// The elements of Matroska chapter XML (mkvmerge's names, and the names of
/// the Matroska specification where they differ: `ChapString`,
/// `ChapLanguage`, `ChapCountry`, `ChapProcess…`), by the element they may
/// appear in. An element not listed is an error, as in mkvmerge.
enum MatroskaElements {
    /// mkvmerge's filler element, skipped wherever it appears.
    static let void = "EBMLVoid"

    static let edition: Set<String> = [
        "EditionUID", "EditionFlagHidden", "EditionFlagDefault", "EditionFlagOrdered", "EditionDisplay", "ChapterAtom",
    ]
    static let atom: Set<String> = [
        "ChapterUID", "ChapterStringUID", "ChapterTimeStart", "ChapterTimeEnd", "ChapterFlagHidden",
        "ChapterFlagEnabled", "ChapterSegmentUID", "ChapterSkipType", "ChapterSegmentEditionUID",
        "ChapterPhysicalEquiv", "ChapterTrack", "ChapterDisplay", "ChapterProcess", "ChapProcess", "ChapterAtom",
    ]
    /// The title element of a display, in both spellings.
    static let titles: Set<String> = ["ChapterString", "ChapString"]

    /// The children allowed in each element that has children, below an atom or edition.
    static let children: [String: Set<String>] = [
        "EditionDisplay": ["EditionString", "EditionLanguageIETF"],
        "ChapterDisplay": [
            "ChapterString", "ChapString", "ChapterLanguage", "ChapLanguage", "ChapLanguageIETF",
            "ChapterLanguageIETF", "ChapterCountry", "ChapCountry",
        ],
        "ChapterTrack": ["ChapterTrackNumber", "ChapterTrackUID", "ChapterTrackUIDs"],
        "ChapterProcess": ["ChapterProcessCodecID", "ChapterProcessPrivate", "ChapterProcessCommand"],
        "ChapProcess": ["ChapProcessCodecID", "ChapProcessPrivate", "ChapProcessCommand"],
        "ChapterProcessCommand": ["ChapterProcessTime", "ChapterProcessData"],
        "ChapProcessCommand": ["ChapProcessTime", "ChapProcessData"],
    ]

    /// Elements holding one unsigned integer that must be 0 or 1.
    static let flags: Set<String> = [
        "EditionFlagHidden", "EditionFlagDefault", "EditionFlagOrdered", "ChapterFlagHidden", "ChapterFlagEnabled",
    ]
    /// Elements holding a UID: an unsigned 64-bit integer other than 0.
    static let uids: Set<String> = ["EditionUID", "ChapterUID"]
}

/// Names of the Matroska extras kept on chapters and on the timeline, so
/// that Matroska to Matroska loses nothing of the edition read.
///
/// A chapter keeps its atom's elements other than the times, the hidden flag
/// and nested atoms, in order: `ChapterUID`, `ChapterFlagEnabled`, each
/// `ChapterDisplay` (a map of its elements; the first one's string is the
/// title), `ChapterSkipType` and the rest. An element with children is a
/// map; an element with attributes (`format="hex"`) is a map of `@name`
/// attributes and its `#text`. `level` is the depth of an atom nested in
/// another (1 for a child), for the writer to nest it again. The timeline
/// keeps the edition's elements other than its atoms the same way, and the
/// editions not read, whole, under `EditionEntry`.
enum MatroskaExtras {
    static let level = "level"
    static let uid = "ChapterUID"
    static let display = "ChapterDisplay"
    static let text = "#text"
    /// In the timeline's extras: the editions not read, each whole (a list
    /// of maps, in file order).
    static let otherEditions = "EditionEntry"

    /// A warning (or a note) that writing chapters with Matroska extras as
    /// `target` drops them.
    static func lossWarning(_ extras: ExtrasTally, target: FormatID) -> Diagnostic? {
        guard target != .matroskaChapters else { return nil }
        let displays = extras.chapters(with: display, of: .matroskaChapters)
        let nested = extras.chapters(with: level, of: .matroskaChapters).elements
        let translated = displays.items - displays.elements
        var parts: [String] = []
        if case .list(let editions)? = extras.timeline[.matroskaChapters]?[otherEditions] {
            parts.append("\(editions.count) other edition(s)")
        }
        if translated > 0 { parts.append("\(translated) further title(s) in other languages") }
        if nested > 0 { parts.append("\(nested) chapter(s) nested in another") }
        if !parts.isEmpty {
            return .warning(
                "matroska-chapters.lossy-elsewhere",
                "the Matroska chapters have \(parts.joined(separator: " and ")), which \(target) cannot hold; written as the flat chapters of one edition with their first title",
                format: .matroskaChapters)
        }
        let uids = extras.chapters(with: uid, of: .matroskaChapters).elements
        guard uids > 0 || displays.elements > 0 else { return nil }
        return .note(
            "matroska-chapters.lossy-elsewhere",
            "Matroska chapter UIDs, languages and flags have no place in \(target); not written",
            format: .matroskaChapters)
    }
}
