/// `itunes:duration`: Apple accepts whole seconds, `M:SS`, `MM:SS`,
/// `H:MM:SS` and `HH:MM:SS`; feeds also write decimals (`1234.5`) and minutes
/// past 59 in the two-field form (`75:30`). All are read through the shared
/// clock-time scanner; writers emit whole seconds, as Apple recommends.
enum ITunesDuration {
    /// Reads `text`, trimmed. Seconds of 60 or more (or minutes, with hours
    /// present) read as what they add up to, reported as unnormalized.
    static func read(_ text: String) -> NormalPlayTime.Reading {
        NormalPlayTime.read(text)
    }

    /// Whole seconds, rounded to the nearest, and whether that lost a fraction.
    static func string(_ duration: Timestamp) -> (text: String, roundedMilliseconds: Bool) {
        let milliseconds = max(0, duration.milliseconds)
        let seconds = (milliseconds + 500) / 1000
        return (String(seconds), milliseconds % 1000 != 0)
    }
}
