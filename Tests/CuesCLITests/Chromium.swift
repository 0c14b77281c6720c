import Foundation

/// Headless Chromium, driven by `Tests/Browser/chromium.py` through the
/// DevTools protocol: it opens a page, runs a test script in it and reports
/// the script's value, the page's requests, exceptions and console, and a
/// screenshot's summary. Tests that need it are enabled only where
/// `chromium` (or `$CHROMIUM`) and `python3` are installed (`.ci/run`
/// installs Debian's `chromium`).
enum Chromium {
    static let executable: String? = {
        if let named = ProcessInfo.processInfo.environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: named) {
            return named
        }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let python: URL? = Programs.find("python3")

    static var isAvailable: Bool { executable != nil && python != nil }

    static let driver = Cues.packageRoot.appendingPathComponent("Tests/Browser/chromium.py")

    /// What a page did in Chromium.
    struct Report {
        /// The test script's value (JSON: dictionaries, arrays, strings, numbers).
        var value: Any?
        /// The screenshot's size, distinct colours and the share of pixels
        /// that differ from the top-left one.
        var screenshot: [String: Any]?
        /// The URLs the page requested (their first 100 characters).
        var requests: [String]
        var exceptions: [String]
        var console: [String]

        /// The value as a dictionary.
        var object: [String: Any] { value as? [String: Any] ?? [:] }

        /// Whether the screenshot shows more than one flat colour.
        var screenshotIsNotBlank: Bool {
            guard let colours = screenshot?["colours"] as? Int, let differing = screenshot?["differing"] as? Double else { return false }
            return colours > 16 && differing > 0.02
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Opens `page` (with `fragment`, such as `#t=1:20`), awaits `script`
    /// (a JavaScript expression, run even when the page's own scripts are
    /// off: `noJavaScript`) and takes a screenshot into `screenshot` when given.
    static func open(
        _ page: URL, fragment: String = "", script: String? = nil, screenshot: URL? = nil,
        width: Int = 1280, height: Int = 800, fullPage: Bool = false, dark: Bool = false, noJavaScript: Bool = false
    ) throws -> Report {
        guard let executable, let python else { throw Failure(description: "chromium or python3 is missing") }
        var arguments = [driver.path, page.path, "--chromium", executable, "--width", "\(width)", "--height", "\(height)"]
        if !fragment.isEmpty { arguments += ["--fragment", fragment] }
        if fullPage { arguments.append("--full-page") }
        if dark { arguments.append("--dark") }
        if noJavaScript { arguments.append("--no-javascript") }
        if let screenshot { arguments += ["--screenshot", screenshot.path] }
        var scriptFile: URL?
        if let script {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("cues-script-\(UUID().uuidString).js")
            try Data(script.utf8).write(to: file)
            scriptFile = file
            arguments += ["--script", file.path]
        }
        defer { if let scriptFile { try? FileManager.default.removeItem(at: scriptFile) } }
        let run = try Cues.run(arguments, executable: python)
        guard run.status == 0, let data = run.stdout.data(using: .utf8),
              let report = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw Failure(description: "the Chromium driver failed (status \(run.status)): \(run.stderr)")
        }
        return Report(
            value: report["value"].flatMap { $0 is NSNull ? nil : $0 },
            screenshot: report["screenshot"] as? [String: Any],
            requests: report["requests"] as? [String] ?? [],
            exceptions: report["exceptions"] as? [String] ?? [],
            console: report["console"] as? [String] ?? [])
    }

    /// Whether every URL the page requested is the page itself or data it
    /// holds (`file:` of `allowed`, `data:`, `blob:`): nothing from a network.
    static func onlyOwnRequests(_ report: Report, allowed: [URL]) -> Bool {
        report.requests.allSatisfy { url in
            url.hasPrefix("data:") || url.hasPrefix("blob:") || allowed.contains { url == "file://" + $0.path }
        }
    }
}

/// Programs found on `PATH`.
enum Programs {
    static func find(_ name: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// A silent WAV file (8-bit mono at 3,000 samples a second, the lowest rate
/// Chromium plays) of `seconds`, for a page's player to seek in.
enum SilentAudio {
    static func wav(seconds: Int) -> Data {
        let rate = 3000, count = seconds * rate
        var bytes = Data()
        func text(_ value: String) { bytes.append(contentsOf: Array(value.utf8)) }
        func le32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) } }
        func le16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { bytes.append(contentsOf: $0) } }
        text("RIFF"); le32(36 + count); text("WAVE"); text("fmt ")
        le32(16); le16(1); le16(1); le32(rate); le32(rate); le16(1); le16(8)
        text("data"); le32(count)
        bytes.append(Data(repeating: 128, count: count))
        return bytes
    }
}
