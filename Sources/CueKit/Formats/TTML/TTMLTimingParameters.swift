/// The timing parameters on a TTML document's `tt` element, with TTML2's
/// defaults: `ttp:frameRate` 30, `ttp:frameRateMultiplier` 1:1,
/// `ttp:subFrameRate` 1, `ttp:tickRate` the effective frame rate times the
/// sub-frame rate when a frame rate is given, else 1.
struct TTMLTimingParameters {
    var frameRate: Int64 = 30
    var multiplier: (numerator: Int64, denominator: Int64) = (1, 1)
    var subFrameRate: Int64 = 1
    /// Ticks per second, as a fraction (the default can be one).
    var tickRate: (numerator: Int64, denominator: Int64) = (1, 1)

    /// Frames per second: `frameRate × multiplier`, as a fraction.
    var effectiveFrameRate: (numerator: Int64, denominator: Int64) {
        (frameRate * multiplier.numerator, multiplier.denominator)
    }

    /// The largest rate or multiplier part read (larger ones are refused).
    static let maximumRate: Int64 = 1_000_000
    static let maximumTickRate: Int64 = 1_000_000_000_000

    /// A refused parameter: the attribute's qualified name and the message.
    struct Problem: Error {
        var attribute: String
        var message: String
    }

    /// The parameters of `root` (the `tt` element).
    static func read(_ root: XMLTree.Element) -> Result<TTMLTimingParameters, Problem> {
        var parameters = TTMLTimingParameters()
        func attribute(_ name: String) -> (qualified: String, value: String)? {
            guard let found = root.attributes.first(where: {
                $0.localName == name && TTMLNamespace.kind(of: $0.namespaceURI) == .parameter
            }) else { return nil }
            return (found.qualifiedName, found.value.trimmingXMLWhitespace())
        }
        func positive(_ text: String, maximum: Int64) -> Int64? {
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 &- 0x30 < 10 }), text.utf8.count <= 13,
                  let value = Int64(text), value > 0, value <= maximum else { return nil }
            return value
        }
        if let (name, value) = attribute("frameRate") {
            guard let rate = positive(value, maximum: maximumRate) else {
                return .failure(Problem(attribute: name, message: "expected a frame rate as a whole number from 1 to \(maximumRate), found '\(value)'"))
            }
            parameters.frameRate = rate
        }
        if let (name, value) = attribute("frameRateMultiplier") {
            let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            guard parts.count == 2, let numerator = positive(String(parts[0]), maximum: maximumRate),
                  let denominator = positive(String(parts[1]), maximum: maximumRate) else {
                return .failure(Problem(attribute: name, message: "expected a frame rate multiplier as two whole numbers above 0 (such as '1000 1001'), found '\(value)'"))
            }
            parameters.multiplier = (numerator, denominator)
        }
        if let (name, value) = attribute("subFrameRate") {
            guard let rate = positive(value, maximum: maximumRate) else {
                return .failure(Problem(attribute: name, message: "expected a sub-frame rate as a whole number from 1 to \(maximumRate), found '\(value)'"))
            }
            parameters.subFrameRate = rate
        }
        if let (name, value) = attribute("tickRate") {
            guard let rate = positive(value, maximum: maximumTickRate) else {
                return .failure(Problem(attribute: name, message: "expected a tick rate as a whole number from 1 to \(maximumTickRate), found '\(value)'"))
            }
            parameters.tickRate = (rate, 1)
        } else if attribute("frameRate") != nil {
            let rate = parameters.effectiveFrameRate
            parameters.tickRate = (rate.numerator * parameters.subFrameRate, rate.denominator)
        }
        return .success(parameters)
    }
}
