/// Reads Podcasting 2.0 JSON chapters (version 1.2 and earlier).
///
/// Mapping: `title`, `author`, `podcastName`, `description` and `fileName`
/// go to `Timeline.metadata`; `version`, `waypoints` and keys the
/// specification does not define are kept in the timeline's `chapters`
/// extras, in order. Per chapter, `startTime`/`endTime` (seconds, read
/// exactly) are the chapter's times, `title`, `img` and `url` its title,
/// image and link, `toc: false` makes it silent; `location` and unknown keys
/// are kept in the chapter's extras, in order.
///
/// Errors: input that is not JSON, a top-level value that is not an object,
/// `chapters` missing or not an array, a chapter that is not an object.
/// Repairs (warnings; errors with `--strict`): a missing `version`, a chapter
/// without a usable `startTime` (kept untimed), an `endTime` not after the
/// start (ignored), values of the wrong type, repeated keys, and chapters out
/// of order (sorted by start time, stably).
public struct ChaptersReader: FormatReader {
    public init() {}

    static let topLevelMetadataKeys = ["author", "title", "podcastName", "description", "fileName"]
    static let chapterKeys: Set<String> = ["startTime", "endTime", "title", "img", "url", "toc", "location"]

    public func read(
        _ source: SourceText, options: ReadOptions, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Timeline {
        let root = try JSONParser.parse(source.bytes, name: source.name, format: .chapters)
        var fields = JSONFieldReader(source: source, format: .chapters)
        let known = Set(Self.topLevelMetadataKeys + ["version", "waypoints", "chapters"])
        guard let top = try fields.members(of: root, known: known, diagnostics: &diagnostics) else {
            throw .error(
                "chapters.not-object",
                "expected a JSON object with \"version\" and \"chapters\", found \(root.typeDescription)",
                at: fields.location(root), format: .chapters)
        }
        guard let chaptersValue = top.known["chapters"] else {
            throw .error(
                "chapters.no-chapters", "expected a \"chapters\" array in the top-level object, found none",
                at: fields.location(root), format: .chapters)
        }
        guard case .array(let items) = chaptersValue.kind else {
            throw .error(
                "chapters.type", "expected \"chapters\" to be an array of chapter objects, found \(chaptersValue.typeDescription)",
                at: fields.location(chaptersValue), format: .chapters)
        }

        var timeline = Timeline()
        var extras = Fields()
        if let version = top.known["version"], let text = try fields.string(version, key: "version", diagnostics: &diagnostics) {
            extras.append(ChaptersExtras.version, .string(text))
        } else if top.known["version"] == nil {
            try diagnostics.repair(.warning(
                "chapters.no-version",
                "expected a \"version\" such as \"\(ChaptersFormat.currentVersion)\" (the specification requires it), found none; read as version \(ChaptersFormat.currentVersion)",
                at: fields.location(root), format: .chapters))
        }
        // Metadata and extras in source order.
        if case .object(let members) = root.kind {
            var seen = Set<String>()
            for member in members where seen.insert(member.key).inserted {
                let value = top.known[member.key] ?? member.value
                if Self.topLevelMetadataKeys.contains(member.key) {
                    if let text = try fields.string(value, key: member.key, diagnostics: &diagnostics) {
                        timeline.metadata.append(member.key, .string(text))
                    }
                } else if member.key == "waypoints" {
                    if let flag = try fields.bool(value, key: "waypoints", diagnostics: &diagnostics) {
                        extras.append(ChaptersExtras.waypoints, .scalar(flag ? "true" : "false"))
                    }
                }
            }
        }
        for other in top.others { extras.append(other.key, other.value.fieldValue) }
        if !extras.isEmpty { timeline.extras[.chapters] = extras }

        timeline.chapters.reserveCapacity(items.count)
        for item in items {
            timeline.chapters.append(try chapter(item, fields: &fields, diagnostics: &diagnostics))
        }
        try ChapterOrder.sortByStart(&timeline.chapters, format: .chapters, diagnostics: &diagnostics)
        fields.finish(diagnostics: &diagnostics)
        return timeline
    }

    private func chapter(
        _ value: JSONValue, fields: inout JSONFieldReader, diagnostics: inout Diagnostics
    ) throws(Diagnostic) -> Chapter {
        guard let members = try fields.members(of: value, known: Self.chapterKeys, diagnostics: &diagnostics) else {
            throw .error(
                "chapters.type", "expected a chapter object with a \"startTime\", found \(value.typeDescription)",
                at: fields.location(value), format: .chapters)
        }
        var chapter = Chapter(location: fields.location(value))
        switch try fields.seconds(members.known["startTime"], key: "startTime", diagnostics: &diagnostics) {
        case .time(let start):
            chapter.start = start
        case .absent:
            try diagnostics.repair(.warning(
                "chapters.no-start",
                "expected a \"startTime\" in every chapter (the only required key), found none; the chapter is kept without a time",
                at: fields.location(value), format: .chapters))
        case .invalid:
            break
        }
        if case .time(let end) = try fields.seconds(members.known["endTime"], key: "endTime", diagnostics: &diagnostics) {
            if let start = chapter.start, end <= start {
                try diagnostics.repair(.warning(
                    "chapters.end-before-start",
                    "expected \"endTime\" after the start \(DecimalSeconds.string(start.milliseconds)), found \(DecimalSeconds.string(end.milliseconds)); ignored",
                    at: fields.location(members.known["endTime"]!), format: .chapters))
            } else {
                chapter.end = end
            }
        }
        chapter.title = try fields.string(members.known["title"], key: "title", diagnostics: &diagnostics)
        chapter.image = try fields.string(members.known["img"], key: "img", diagnostics: &diagnostics)
        chapter.url = try fields.string(members.known["url"], key: "url", diagnostics: &diagnostics)
        if let toc = try fields.bool(members.known["toc"], key: "toc", diagnostics: &diagnostics) {
            chapter.isInTableOfContents = toc
        }

        // `location` keeps its place among the keys the model does not hold.
        var extras = Fields()
        var wroteLocation = false
        if case .object(let all) = value.kind {
            for member in all {
                if member.key == "location" {
                    guard !wroteLocation, let location = members.known["location"] else { continue }
                    wroteLocation = true
                    try checkLocation(location, fields: fields, diagnostics: &diagnostics)
                    extras.append(ChaptersExtras.location, location.fieldValue)
                } else if !Self.chapterKeys.contains(member.key) {
                    extras.append(member.key, member.value.fieldValue)
                }
            }
        }
        if !extras.isEmpty { chapter.extras[.chapters] = extras }
        return chapter
    }

    /// `location` must be `{"name": text, "geo": "geo:…", "osm"?: text}`; it is
    /// kept as written either way.
    private func checkLocation(_ value: JSONValue, fields: JSONFieldReader, diagnostics: inout Diagnostics) throws(Diagnostic) {
        guard case .object = value.kind else {
            try diagnostics.repair(.warning(
                "chapters.bad-location",
                "expected \"location\" to be an object with \"name\" and \"geo\", found \(value.typeDescription); kept as written",
                at: fields.location(value), format: .chapters))
            return
        }
        var problems: [String] = []
        for key in ["name", "geo"] {
            guard let member = value[key] else {
                problems.append("no \"\(key)\"")
                continue
            }
            guard let text = member.string else {
                problems.append("\"\(key)\" is \(member.typeDescription)")
                continue
            }
            if key == "geo", !text.lowercased().hasPrefix("geo:") {
                problems.append("\"geo\" is \"\(text.prefix(40))\", not a geo: URI such as \"geo:48.858093,2.294694\"")
            }
        }
        if let osm = value["osm"], osm.string == nil {
            problems.append("\"osm\" is \(osm.typeDescription)")
        }
        guard !problems.isEmpty else { return }
        try diagnostics.repair(.warning(
            "chapters.bad-location",
            "expected \"location\" to have a \"name\" and a \"geo\" URI, found \(problems.joined(separator: ", ")); kept as written",
            at: fields.location(value), format: .chapters))
    }
}
