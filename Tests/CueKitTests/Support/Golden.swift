import Foundation
import Testing

/// Golden files: the exact bytes a writer gives for a fixed input, kept in
/// `Tests/Golden/<format id>/` for a person to read in review.
///
/// A test compares what the code writes with the file. When they differ the
/// test fails and names the first differing line. With
/// `CUES_UPDATE_GOLDEN=1` the file is rewritten from the output and the test
/// still fails, so an updated golden file is never taken on trust: read it,
/// then commit it.
enum Golden {
    static let folder = TestFiles.packageRoot.appendingPathComponent("Tests/Golden")

    /// Compares `output` with the golden file at `relativePath` (under
    /// `Tests/Golden/`).
    static func check(_ output: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(relativePath)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == output { return }
        if ProcessInfo.processInfo.environment["CUES_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(output.utf8).write(to: url)
            Issue.record("golden file \(relativePath) rewritten: read it, then commit it", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record("no golden file \(relativePath); run with CUES_UPDATE_GOLDEN=1 and read what it writes", sourceLocation: sourceLocation)
            return
        }
        Issue.record("output differs from golden file \(relativePath): \(firstDifference(expected, output))", sourceLocation: sourceLocation)
    }

    /// The first line where `expected` and `actual` differ, both shown.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(wanted.count, got.count) {
            let want = index < wanted.count ? String(wanted[index]) : "(end of file)"
            let have = index < got.count ? String(got[index]) : "(end of file)"
            if want != have { return "line \(index + 1): expected \(want.debugDescription), got \(have.debugDescription)" }
        }
        return "the bytes differ (line ends or encoding)"
    }
}
