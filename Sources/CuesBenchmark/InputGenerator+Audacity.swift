extension InputGenerator {
    /// An Audacity label track of `labels` labels: mostly point labels, every
    /// fifth a region label, every tenth followed by a spectral label's
    /// frequency line; six decimals as Audacity writes them. 1.3 million
    /// labels is about 100 MB.
    mutating func audacityLabels(labels: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(labels * 56)
        var time = 0
        func seconds(_ milliseconds: Int) -> String {
            let fraction = String(milliseconds % 1000)
            return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)000"
        }
        for index in 0..<labels {
            let end = index % 5 == 4 ? time + int(500...4000) : time
            out.append(contentsOf: "\(seconds(time))\t\(seconds(end))\t\(line().prefix(40))\n".utf8)
            if index % 10 == 9 {
                out.append(contentsOf: "\\\t\(int(100...4000)).000000\t\(int(4001...12000)).500000\n".utf8)
            }
            time = max(end, time) + int(1000...9000)
        }
        return out
    }
}
