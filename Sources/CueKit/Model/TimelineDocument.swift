/// How the model itself is written as JSON (the `timeline` format): the key
/// that marks such a document with its layout version, and the document of
/// several timelines, whose `timelines` array holds one object each. Other
/// JSON formats' sniffers use the marker to tell the model's document from
/// theirs.
struct TimelineDocument: Codable {
    static let markerKey = "cuesTimeline"
    static let version = 1

    var timelines: [Timeline]

    enum CodingKeys: String, CodingKey {
        case cuesTimeline, timelines
    }

    /// One timeline is written as a timeline object (`Timeline.encode(to:)`
    /// marks it), any other number as a marked object with their array.
    func encode(to encoder: any Encoder) throws {
        if timelines.count == 1 { return try timelines[0].encode(to: encoder) }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.version, forKey: .cuesTimeline)
        try container.encode(timelines, forKey: .timelines)
    }

    /// The timelines of a `timelines` array, else the one timeline.
    init(from decoder: any Decoder) throws {
        let container = try decoder.expecting("a timeline object") { try decoder.container(keyedBy: CodingKeys.self) }
        if container.contains(.timelines) {
            timelines = try container.decode([Timeline].self, forKey: .timelines)
        } else {
            timelines = [try Timeline(from: decoder)]
        }
    }

    init(timelines: [Timeline]) {
        self.timelines = timelines
    }
}
