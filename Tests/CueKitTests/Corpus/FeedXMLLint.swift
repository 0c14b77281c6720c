import Foundation

/// The real `xmllint` as the judge of the feeds cues writes: whether a
/// document passes `xmllint --noout`, and its canonical form as
/// `xmllint --noblanks FILE | xmllint --c14n -` gives it (canonical XML 1.0
/// with comments: CDATA as text, attributes sorted, namespace declarations
/// where they take effect, no XML declaration or DOCTYPE, no blank text
/// between elements).
enum FeedXMLLint {
    /// `xmllint` on PATH, if any.
    static let path: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { path != nil }

    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    /// Runs xmllint with `arguments`, where `-` is replaced by a file holding `input`.
    static func run(_ arguments: [String], input: [UInt8]) throws -> Run {
        guard let path else { throw CocoaError(.fileNoSuchFile) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cues-xmllint-\(UUID().uuidString).xml")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--nonet"] + arguments.map { $0 == "-" ? file.path : $0 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: Array(outputData), stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// What `xmllint --noout` says of `bytes`: nil when it exits 0 and says nothing.
    static func problems(_ bytes: [UInt8]) throws -> String? {
        let result = try run(["--noout", "-"], input: bytes)
        return result.status == 0 && result.stderr.isEmpty ? nil : "exit \(result.status): \(result.stderr)"
    }

    /// The canonical form of `bytes`: `xmllint --noblanks FILE | xmllint --c14n -`.
    static func canonical(_ bytes: [UInt8]) throws -> String {
        let blanksRemoved = try run(["--noblanks", "-"], input: bytes)
        guard blanksRemoved.status == 0 else { throw CanonicalizationFailed(message: blanksRemoved.stderr) }
        let canonical = try run(["--c14n", "-"], input: blanksRemoved.stdout)
        guard canonical.status == 0 else { throw CanonicalizationFailed(message: canonical.stderr) }
        return String(decoding: canonical.stdout, as: UTF8.self)
    }

    struct CanonicalizationFailed: Error {
        var message: String
    }

    /// The prefixes xmllint reports as used without a declaration.
    static func undeclaredPrefixes(_ bytes: [UInt8]) throws -> Set<String> {
        let messages = try run(["--noout", "-"], input: bytes).stderr
        var prefixes = Set<String>()
        for line in messages.split(separator: "\n") {
            guard let range = line.range(of: "Namespace prefix ") else { continue }
            let rest = line[range.upperBound...]
            if let space = rest.firstIndex(of: " ") { prefixes.insert(String(rest[..<space])) }
        }
        return prefixes
    }

    /// `canonical` without every element named `name` (start tag to end
    /// tag; canonical XML writes empty elements as both).
    static func removing(_ name: String, from canonical: String) -> String {
        var text = Substring(canonical)
        var kept = ""
        let start = "<\(name) ", bare = "<\(name)>", end = "</\(name)>"
        while let open = [text.range(of: start), text.range(of: bare)].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }),
              let close = text[open.upperBound...].range(of: end) {
            kept += text[..<open.lowerBound]
            text = text[close.upperBound...]
        }
        return kept + text
    }
}
