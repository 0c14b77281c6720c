extension ClockTime {
    /// `scan`, then, after three fields without a fraction, a third colon
    /// and exactly three digits read as the milliseconds, with `:` as
    /// `fractionSeparator` (`00:00:04:609`, as some tools write SRT). One or
    /// two digits after a third colon are a frame count (SMPTE
    /// `HH:MM:SS:FF`), which would need a frame rate: they are left unread,
    /// as are four or more.
    ///
    /// For the readers' repair paths: the common forms never get here.
    static func scanAllowingColonMilliseconds(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> ClockTime? {
        guard var time = scan(bytes, at: &index) else { return nil }
        let colon = index
        guard time.fieldCount == 3, time.fractionSeparator == nil, colon + 4 <= bytes.count,
              bytes[colon] == UInt8(ascii: ":") else { return time }
        var value: Int64 = 0
        for offset in 1...3 {
            let digit = bytes[colon + offset] &- 0x30
            guard digit < 10 else { return time }
            value = value * 10 + Int64(digit)
        }
        if colon + 4 < bytes.count, bytes[colon + 4] &- 0x30 < 10 { return time }
        time.fractionSeparator = UInt8(ascii: ":")
        time.fractionDigits = 3
        time.fractionValue = value
        index = colon + 4
        return time
    }
}
