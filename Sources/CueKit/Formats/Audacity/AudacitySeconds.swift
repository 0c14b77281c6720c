/// Seconds as Audacity writes them (`%f`: six decimals), from whole
/// milliseconds, digit by digit: `12345` ms is `12.345000`, exactly.
enum AudacitySeconds {
    static func append(_ time: Timestamp, to output: inout TextOutput) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        let milliseconds = time.milliseconds
        if milliseconds < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = milliseconds.magnitude
        ClockFormat.appendDigits(magnitude / 1000, width: 1, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        ClockFormat.appendPadded(Int64(magnitude % 1000), width: 3, to: &bytes)
        bytes.append(contentsOf: "000".utf8)
        output.append(bytes: bytes)
    }
}
