/// How the model itself is written as JSON (the `timeline` format): the key
/// that marks such a document with its layout version, and the key of the
/// array a document of several timelines holds. Other JSON formats' sniffers
/// use the marker to tell the model's document from theirs.
enum TimelineDocument {
    static let markerKey = "cuesTimeline"
    static let version = 1
    static let timelinesKey = "timelines"
}
