@preconcurrency internal import CLibXML2

/// Collects the problems of one parse; reached from libxml2's error
/// callback through the parser context's `_private` pointer (the
/// `XMLStreamBuilder` that owns it).
final class XMLProblemCollector {
    private(set) var problems: [XMLProblem] = []
    private(set) var dropped = 0

    func add(_ error: xmlError) {
        guard problems.count < XMLTreeParser.maximumProblems else {
            dropped += 1
            return
        }
        var message = error.message.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let level: XMLProblem.Level = switch error.level.rawValue {
        case 3: .fatal
        case 2: .error
        default: .warning
        }
        problems.append(XMLProblem(
            level: level, domain: Int(error.domain), code: Int(error.code), message: message,
            line: Int(error.line), column: Int(error.int2), detail: error.str1.map { String(cString: $0) }))
    }
}
